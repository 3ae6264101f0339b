// 批量推荐: an officer runs the batch recommendation for their region
// (POST /api/match/batch), watches its progress (GET /api/match/batch/{id})
// and sees how the recommendations spread — over jobs (load / capacity) and
// over persons (how many they got) — beside the naive top-3 that ignores
// capacity. Charts are ECharts; the numbers are also in a table. The result
// leads to work: the persons by name with each job's employer, recorded as
// 岗位推荐 service records (POST …/record, after a confirmation) or exported
// as a workbook (GET …/export).
import { api, me } from './api.js';
import { loadEcharts } from './charts.js';
import { dataTable, h } from './dom.js';
import { markCurrent, renderLayout } from './layout.js';
import { showError, showInfo } from './messages.js';
import { regionSearchPicker } from './picker.js';

const user = await me();
const { nav, page } = renderLayout(user);
markCurrent(nav, 'match-batch.html');
page.append(h('h1', {}, '批量推荐（每人 3 个岗位，岗位不扎堆）'));

const form = h('form', { class: 'filters', id: 'batch-form' },
  regionSearchPicker({ label: '区域', name: 'region', value: user.region_code ?? '', required: true, deepest: 'township' }),
  h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'registered_only', checked: true }), ' 仅登记失业人员'),
  h('button', { type: 'submit' }, '运行批量推荐'));
const progress = h('div', { id: 'batch-progress', 'aria-live': 'polite' });
const out = h('div', { id: 'batch-result' });
page.append(h('p', { class: 'muted' },
  '为辖区内每位求职者推荐至少 3 个不同的可行岗位，每个岗位被推荐的人数不超过招聘人数的设定倍数，在此约束下使总匹配分最高（最小费用流）；与“人人取前 3 名”的简单做法对比。'),
form, progress, out);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const BUCKETS = ['0–10%', '10–20%', '20–30%', '30–40%', '40–50%', '50–60%', '60–70%', '70–80%', '80–90%', '90–100%', '满额', '超额'];

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = new FormData(form);
  out.replaceChildren();
  let started;
  try {
    started = await api.post('/api/match/batch', { region: f.get('region').trim(), registered_only: f.get('registered_only') === 'on' });
  } catch {
    return;
  }
  const bar = h('progress', { max: 100, value: 0 });
  const label = h('span', {}, '已开始');
  progress.replaceChildren(h('p', {}, `任务 ${started.batch_id}：`, label), bar);
  for (;;) {
    let s;
    try {
      s = await api.get(`/api/match/batch/${started.batch_id}`);
    } catch {
      return;
    }
    const pct = s.seekers_total ? Math.round((100 * s.seekers_done) / s.seekers_total) : 0;
    bar.value = s.phase >= 1 ? 100 : pct;
    label.textContent = `${s.phase_label}（${s.seekers_done.toLocaleString('zh-CN')} / ${s.seekers_total.toLocaleString('zh-CN')}）`;
    if (s.state === 'done') { progress.dataset.state = 'done'; await show({ ...s.result, batch_id: s.batch_id }); return; }
    if (s.state === 'failed') { label.textContent = `失败：${s.error}`; progress.dataset.state = 'failed'; return; }
    await sleep(400);
  }
});

async function show(r) {
  const n = (x) => Number(x).toLocaleString('zh-CN');
  const summary = dataTable([
    { key: 'what', title: '指标' }, { key: 'ours', title: '批量推荐（名额约束）', num: true }, { key: 'naive', title: '简单取前 3 名', num: true },
  ], [
    { what: '参与人数', ours: n(r.seekers), naive: n(r.seekers) },
    { what: '推荐条数', ours: n(r.served), naive: '—' },
    { what: '总匹配分', ours: n(r.score), naive: n(r.naive_score) },
    { what: '被推荐的岗位数', ours: n(r.ours.jobs_used), naive: n(r.naive.jobs_used) },
    { what: '超出名额的岗位数', ours: n(r.ours.jobs_over_capacity), naive: n(r.naive.jobs_over_capacity) },
    { what: '单个岗位最多被推荐人数', ours: n(r.ours.max_load), naive: n(r.naive.max_load) },
  ]);
  const note = h('p', { 'data-testid': 'batch-summary' },
    `${r.date} 辖区 ${r.region}：${n(r.seekers)} 人参与，${n(r.seekers - r.short_seekers)} 人获得 ${r.params.recommendations} 个推荐；` +
    `不足 ${r.params.recommendations} 个的 ${n(r.short_seekers)} 人（可行岗位不足 ${n(r.short_few_feasible)} 人，名额已满 ${n(r.short_capacity)} 人）；` +
    `第一轮名额已满的 ${n(r.second_round_seekers ?? 0)} 人进入第二轮（在其余仍有名额的岗位中补充推荐），其中 ${n(r.second_round_placed ?? 0)} 人获得补充推荐。` +
    `每个岗位最多推荐招聘人数的 ${r.params.multiple} 倍（${r.params.source}）。用时 ${r.seconds} 秒。`);
  const loadChart = h('div', { class: 'chart', id: 'load-chart', role: 'img', 'aria-label': '岗位被推荐人数占名额比例的分布' });
  const countChart = h('div', { class: 'chart', id: 'count-chart', role: 'img', 'aria-label': '求职者获得推荐个数的分布' });
  const list = dataTable([
    { title: '姓名', render: (x) => h('a', { href: `app.html#/person/${x.person_id}` }, x.name || '（未登记姓名）') },
    { key: 'county_name', title: '所在县（市、区）' },
    { title: '推荐岗位及理由', render: (x) => (x.jobs.length ? h('ol', {}, ...x.jobs.map((j) => h('li', {},
      h('a', { href: `app.html#/job/${j.job_id}` }, j.title), `（${j.employer_name || '用人单位未登记'}，${j.score} 分）：${j.reasons}`))) : '—') },
    { key: 'shortfall', title: '不足原因', render: (x) => x.shortfall || '—' },
  ], r.items, { empty: '辖区内没有可推荐的求职者' });
  out.replaceChildren(note, actions(r), summary, h('h2', {}, '岗位被推荐人数 / 名额'), loadChart,
    h('h2', {}, '每人获得的推荐个数'), countChart, h('h2', {}, `推荐明细（前 ${r.items.length} 人，全部见导出文件）`), list);
  const echarts = await loadEcharts();
  if (!echarts) { loadChart.replaceWith(h('p', { class: 'muted' }, '图表组件未加载，请查看上表')); countChart.remove(); return; }
  const bars = (el, cats, ours, naive, xName) => {
    el.style.height = '300px';
    echarts.init(el).setOption({
      animation: false, legend: { top: 0 }, tooltip: { trigger: 'axis' },
      grid: { left: 60, right: 20, top: 40, bottom: 50 },
      xAxis: { type: 'category', data: cats, name: xName, nameLocation: 'middle', nameGap: 30 },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: '批量推荐（名额约束）', data: ours, itemStyle: { color: '#0b6e4f' } },
        { type: 'bar', name: '简单取前 3 名', data: naive, itemStyle: { color: '#c62828' } }],
    });
    el.dataset.ready = '1';
  };
  bars(loadChart, BUCKETS, r.ours.load_buckets, r.naive.load_buckets, '被推荐人数占名额比例（岗位数）');
  const counts = r.ours.seekers_by_count.map((_, i) => `${i} 个`);
  bars(countChart, counts, r.ours.seekers_by_count, r.naive.seekers_by_count, '获得推荐个数（人数）');
}

// 记为服务记录 and 导出: the whole run, not only the persons listed.
function actions(r) {
  const status = h('span', { class: 'muted', 'data-testid': 'batch-recorded', 'aria-live': 'polite' });
  const record = h('button', { type: 'button', 'data-testid': 'batch-record' }, '记为岗位推荐服务记录');
  record.addEventListener('click', async () => {
    if (!window.confirm(`将本次批量推荐的 ${r.served.toLocaleString('zh-CN')} 条推荐记为辖区内有失业登记人员的“岗位推荐”服务记录（已记录过的岗位不重复记录）。确定吗？`)) return;
    record.disabled = true;
    try {
      const x = await api.post(`/api/match/batch/${r.batch_id}/record`, {});
      const text = `已记录 ${x.added} 条；此前已记录 ${x.already} 条；无未注销失业登记、未记录 ${x.not_registered} 人。`;
      status.textContent = text;
      showInfo(text);
    } catch (e) {
      if (e.name !== 'ApiError') showError(e.message);
    } finally {
      record.disabled = false;
    }
  });
  const exportLink = h('a', { class: 'button', href: `/api/match/batch/${r.batch_id}/export`, download: '', 'data-testid': 'batch-export' }, '导出 Excel');
  return h('div', { class: 'actions' }, record, exportLink, status);
}
