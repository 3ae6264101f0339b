// The gig-market board (issue #6 point 5): the per-county check of the
// requirement (≥ 1 gig market, online or offline, per county by
// 2023-06-30, A4(十六)) as a chart and a table, the market directory, the
// day-labour posts with point-to-point matches, booking and completion
// (a completed gig counts as flexible employment), and for a job seeker the
// registration of free time with the posts that fit it.
import { api, today } from './api.js';
import { loadEcharts } from './charts.js';
import { dataTable, formValues, h } from './dom.js';
import { showOk } from './messages.js';
import { policyShell, yuan } from './policy-common.js';
import { employerPicker, regionSearchPicker } from './picker.js';

const pay = (p) => (p.pay_unit === 'hour' ? `${yuan(p.pay_fen)}/小时（合 ${yuan(p.day_pay_fen)}）` : `${yuan(p.pay_fen)}/天`);
// Reloads posts and bookings after a change (set once both are on the page).
let reloadAll = async () => {};
const tomorrow = () => new Date(Date.parse(`${today()}T00:00:00Z`) + 86400e3).toISOString().slice(0, 10);

async function coverageCard(page) {
  const m = await api.get('/api/gig/markets');
  const s = m.summary;
  const card = h('section', { class: 'card', id: 'coverage' },
    h('h2', {}, `零工市场建设达标情况（${m.target.document} ${m.target.clause_text ?? m.target.clause}：每县至少 ${m.target.min_per_county} 家，${m.target.deadline} 前）`),
    h('p', { 'data-testid': 'coverage-summary' }, `共 ${s.counties} 个县（市、区）：按期达标 ${s.met} 个，逾期建成 ${s.late} 个，未达标 ${s.missing} 个；名录共 ${m.markets.length} 家市场。`));
  const chartBox = h('div', { class: 'chart', id: 'coverage-chart', role: 'img', 'aria-label': '各市州零工市场达标县数' });
  const table = dataTable([
    { key: 'prefecture_name', title: '市州' },
    { key: 'county_name', title: '县（市、区）' },
    { key: 'markets', title: '市场数', num: true },
    { key: 'online', title: '线上', num: true },
    { key: 'by_deadline', title: '期限前建成', num: true },
    { key: 'status_label', title: '达标情况', render: (r) => h('span', { class: r.status === 'met' ? 'ok' : 'warn', 'data-status': r.status }, r.status_label) },
  ], m.counties);
  card.append(chartBox, h('details', { open: m.counties.length <= 12 }, h('summary', { class: 'muted' }, '各县明细'), table),
    h('details', {}, h('summary', { class: 'muted' }, '零工市场名录'), dataTable([
      { key: 'name', title: '名称' }, { key: 'region_name', title: '地点' },
      { title: '形式', render: (x) => (x.online ? '线上' : '线下') }, { key: 'opened_on', title: '建成日期' },
    ], m.markets)));
  page.append(card);
  // Chart: counties per prefecture by status (stacked).
  const prefs = [...new Map(m.counties.map((c) => [c.prefecture_code, c.prefecture_name])).entries()];
  const count = (code, st) => m.counties.filter((c) => c.prefecture_code === code && c.status === st).length;
  const echarts = await loadEcharts();
  if (!echarts) { chartBox.replaceWith(h('p', { class: 'muted' }, '图表组件未加载，请查看明细表')); return; }
  chartBox.style.height = `${Math.max(220, prefs.length * 34 + 70)}px`;
  const chart = echarts.init(chartBox);
  const series = [['met', '按期达标', '#2e7d32'], ['late', '逾期建成', '#f9a825'], ['missing', '未达标', '#c62828']]
    .map(([st, name, color]) => ({ type: 'bar', stack: 'n', name, itemStyle: { color }, data: prefs.map(([code]) => count(code, st)) }));
  chart.setOption({
    animation: false, legend: { top: 0 }, tooltip: { trigger: 'axis' },
    grid: { left: 150, right: 30, top: 30, bottom: 30 },
    xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', inverse: true, data: prefs.map(([, n]) => n) },
    series,
  });
  chartBox.dataset.ready = '1';
}

function workersPanel(post, user, reload) {
  const box = h('div', { class: 'card', 'data-testid': `workers-${post.post_id}` }, h('p', { class: 'muted' }, '正在匹配…'));
  api.get(`/api/gig/posts/${post.post_id}/workers`).then((r) => {
    box.replaceChildren(h('h3', {}, `“${post.title}”的匹配人员（点对点对接）`), dataTable([
      { key: 'name', title: '姓名' },
      { title: '空闲时间', render: (a) => `${a.work_date} ${a.start}–${a.end}` },
      { title: '期望日薪', render: (a) => yuan(a.min_day_pay_fen) },
      { title: '匹配理由', render: (a) => a.reasons.join(' · ') },
      { key: 'score', title: '得分', num: true },
      ...(user.role === 'officer' ? [{ title: '操作', render: (a) => h('button', {
        type: 'button', 'data-testid': 'book', onclick: async () => {
          await api.post(`/api/gig/posts/${post.post_id}/book`, { person_id: a.person_id });
          showOk(`已为 ${a.name} 预约`);
          box.remove();
          await reload();
        } }, '预约') }] : []),
    ], r.items, { empty: '暂无符合条件的零工人员' }));
  });
  return box;
}

// Posts, a page at a time: a seeker's own county first, then the
// prefecture, then the rest (the server orders them); filtered by work date
// and, for a seeker by default, to posts with places left.
const POSTS_PER_PAGE = 20;
async function postsCard(page, user) {
  const date = h('input', { type: 'date', name: 'date', value: '', 'aria-label': '用工日期' });
  const openOnly = h('input', { type: 'checkbox', name: 'open', checked: user.role === 'seeker' });
  const note = h('p', { class: 'muted', 'data-testid': 'gig-near' });
  const list = h('div', { id: 'gig-posts' });
  const pager = h('div', { class: 'actions spaced', id: 'gig-pager' });
  const detail = h('div', { id: 'gig-detail' });
  const card = h('section', { class: 'card' }, h('h2', {}, '零工岗位'),
    h('div', { class: 'filters' }, h('label', {}, '用工日期 ', date),
      h('label', { class: 'check' }, openOnly, '只看可预约')), note, list, pager, detail);
  page.append(card);
  let offset = 0;
  async function load(day) {
    if (day) {
      date.value = day;
      offset = 0;
    }
    const r = await api.get('/api/gig/posts', { date: date.value, open: openOnly.checked ? '1' : '', limit: POSTS_PER_PAGE, offset });
    note.textContent = r.near ? `优先显示${r.near.name}的零工，其次为所在市（州），再次为省内其他地区。` : '';
    list.replaceChildren(dataTable([
      { key: 'title', title: '零工' },
      { title: '时间', render: (p) => `${p.work_date} ${p.start}–${p.end}` },
      { key: 'place_name', title: '地点' },
      ...(r.near ? [{ key: 'proximity', title: '距离' }] : []),
      { title: '报酬', render: pay },
      { title: '人数', render: (p) => `${p.booked}/${p.headcount}` },
      // Matches: an officer for any post here, an employer for its own posts.
      ...(user.role !== 'seeker' ? [{ title: '匹配', render: (p) => (user.role === 'officer' || p.employer_credit_code === user.credit_code
        ? h('button', {
          type: 'button', class: 'secondary', 'data-testid': `match-${p.post_id}`,
          onclick: () => detail.replaceChildren(workersPanel(p, user, () => reloadAll())) }, '匹配人员')
        : '—') }] : []),
    ], r.items, { empty: '暂无零工岗位' }));
    const pages = Math.max(1, Math.ceil((r.total ?? r.items.length) / POSTS_PER_PAGE));
    const current = Math.floor(offset / POSTS_PER_PAGE) + 1;
    pager.replaceChildren(
      h('button', { type: 'button', class: 'secondary', disabled: offset === 0, onclick: () => {
        offset = Math.max(0, offset - POSTS_PER_PAGE);
        return load();
      } }, '上一页'),
      h('span', { class: 'muted', 'data-testid': 'gig-page' }, `第 ${current}/${pages} 页，共 ${r.total ?? r.items.length} 条`),
      h('button', { type: 'button', class: 'secondary', disabled: current >= pages, onclick: () => {
        offset += POSTS_PER_PAGE;
        return load();
      } }, '下一页'));
  }
  const restart = () => {
    offset = 0;
    return load();
  };
  date.addEventListener('change', restart);
  openOnly.addEventListener('change', restart);
  await load();
  return load;
}

function postForm(page, user, reload) {
  const form = h('form', { class: 'card form', id: 'gig-form' }, h('h2', {}, '发布零工岗位'),
    h('label', {}, '零工名称', h('input', { name: 'title', placeholder: '如：搬运装卸' })),
    user.role === 'officer' ? employerPicker({ label: '用工单位', name: 'employer_credit_code', required: true }) : null,
    h('label', {}, '用工日期', h('input', { name: 'work_date', type: 'date', value: tomorrow() })),
    h('label', {}, '开始', h('input', { name: 'start', value: '08:00' })),
    h('label', {}, '结束', h('input', { name: 'end', value: '17:00' })),
    regionSearchPicker({ label: '工作地点', name: 'place_region', required: true, value: user.region_code && user.region_code.length >= 6 ? user.region_code : '' }),
    h('label', {}, '计酬方式', h('select', { name: 'pay_unit' }, h('option', { value: 'day' }, '按日'), h('option', { value: 'hour' }, '按小时'))),
    h('label', {}, '报酬（元）', h('input', { name: 'pay', value: '200' })),
    h('label', {}, '用工人数', h('input', { name: 'headcount', value: '1' })),
    h('button', { type: 'submit', 'data-testid': 'post-gig' }, '发布'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = formValues(form);
    const r = await api.post('/api/gig/posts', { ...v, pay: undefined, pay_fen: Math.round(Number(v.pay) * 100), headcount: Number(v.headcount) });
    showOk(`已发布零工岗位（编号 ${r.post_id}）`);
    await reload(v.work_date);  // the list turns to the day just posted
  });
  page.append(form);
}

async function bookingsCard(page, user) {
  const box = h('section', { class: 'card', id: 'gig-bookings' });
  page.append(box);
  async function load() {
    const r = await api.get('/api/gig/bookings');
    box.replaceChildren(h('h2', {}, '预约与完工（完工即记入灵活就业）'), dataTable([
      { key: 'booking_id', title: '预约号', num: true },
      { key: 'post_id', title: '岗位', num: true },
      { title: '时间', render: (b) => `${b.work_date} ${b.start}–${b.end}` },
      { title: '状态', render: (b) => ({ booked: '已预约', completed: '已完工', cancelled: '已取消' })[b.status] ?? b.status },
      { title: '操作', render: (b) => (b.status !== 'booked' ? '—' : h('span', { class: 'actions' },
        user.role !== 'seeker' ? h('button', {
          type: 'button', 'data-testid': `complete-${b.booking_id}`, onclick: async () => {
            await api.post(`/api/gig/bookings/${b.booking_id}/complete`, {});
            showOk('已确认完工，已记入灵活就业');
            await load();
          } }, '确认完工') : null,
        h('button', {
          type: 'button', class: 'secondary', 'data-testid': `cancel-${b.booking_id}`, onclick: async () => {
            if (!window.confirm('确定取消该预约？名额将释放给其他人。')) return;
            await api.post(`/api/gig/bookings/${b.booking_id}/cancel`, {});
            showOk('预约已取消，名额已释放');
            await load();
          } }, '取消预约'))) },
    ], r.items, { empty: '暂无预约' }));
  }
  await load();
  return load;
}

function availabilityForm(page, reload) {
  const matches = h('div', { id: 'gig-matches' });
  const form = h('form', { class: 'card form', id: 'availability-form' }, h('h2', {}, '登记我的空闲时间'),
    h('label', {}, '日期', h('input', { name: 'work_date', type: 'date', value: tomorrow() })),
    h('label', {}, '从', h('input', { name: 'start', value: '08:00' })),
    h('label', {}, '到', h('input', { name: 'end', value: '18:00' })),
    regionSearchPicker({ label: '意向区域', name: 'area_region', required: true, value: '52', deepest: 'township' }),
    h('label', {}, '期望日薪（元）', h('input', { name: 'min_pay', value: '150' })),
    h('button', { type: 'submit', 'data-testid': 'add-availability' }, '登记并查看匹配岗位'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = formValues(form);
    const a = await api.post('/api/gig/availability', { work_date: v.work_date, start: v.start, end: v.end, area_region: v.area_region, min_day_pay_fen: Math.round(Number(v.min_pay) * 100) });
    const r = await api.get(`/api/gig/availability/${a.availability_id}/posts`);
    matches.replaceChildren(h('h3', {}, '适合我的零工'), dataTable([
      { key: 'title', title: '零工' }, { title: '时间', render: (p) => `${p.start}–${p.end}` },
      { key: 'place_name', title: '地点' }, { title: '报酬', render: pay },
      { title: '理由', render: (p) => p.reasons.join(' · ') },
      { title: '操作', render: (p) => h('button', { type: 'button', onclick: async () => {
        await api.post(`/api/gig/posts/${p.post_id}/book`, {});
        showOk('预约成功');
        await reload();
      } }, '预约') },
    ], r.items, { empty: '暂无匹配的零工岗位' }));
  });
  page.append(form, matches);
}

// A seeker comes to find work: the free-time form first (on a phone it is
// the first thing on the screen), the county coverage check last.
const { user, page } = await policyShell('零工市场');
if (user.role === 'seeker') availabilityForm(page, () => reloadAll());
else await coverageCard(page);
const reloadPosts = await postsCard(page, user);
const reloadBookings = await bookingsCard(page, user);
reloadAll = async (day) => { await reloadPosts(day); await reloadBookings(); };
if (user.role === 'officer' || user.role === 'employer') postForm(page, user, reloadAll);
if (user.role === 'seeker') await coverageCard(page);
page.dataset.state = 'ready';
