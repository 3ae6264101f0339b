// The home page of each role:
//   officer  — counts for the officer's region and an ECharts bar chart of
//              persons per child region, with links to the work pages;
//   employer — the employer's own record, its jobs and the applications
//              they received;
//   seeker   — the seeker's own case (online registration, status and the
//              services owed with deadlines), applications and employers'
//              invitations, then the own record;
//   auditor  — the audit search;
//   sysadmin, secadmin — 账号管理 (pages/accounts.js).
import { api, today } from '../api.js';
import { dataTable, fieldList, formValues, h } from '../dom.js';
import { EMPLOYER_TYPES, LEVELS, SIZES, label, yesNo } from '../labels.js';
import { showError, showInfo, showOk } from '../messages.js';
import { PROVINCE_CODE, getRegion, regionText } from '../regions.js';
import { canImport } from '../layout.js';
import { loadEcharts, loadGuizhouMap } from '../charts.js';
import { JOB_COLUMNS, wage } from './jobs.js';

export async function render(ctx) {
  switch (ctx.user.role) {
    case 'officer': return officerHome(ctx);
    case 'employer': return employerHome(ctx);
    case 'seeker': return seekerHome(ctx);
    case 'auditor': return (await import('./audit.js')).render(ctx);
    case 'sysadmin':
    case 'secadmin': return (await import('./accounts.js')).render(ctx);
    default:
      ctx.page.append(h('h1', {}, '首页'), h('p', {}, '请从上方导航选择功能。'));
  }
}

// ---- officer ----

// Counts of a region. Uses GET /api/stats?region= when the server offers it;
// otherwise counts by paging the list endpoints (capped, shown as "≥ N").
const COUNT_PAGE = 200;
const COUNT_CAP_PAGES = 50;

async function countList(path, query, idKey) {
  let after = '', total = 0;
  for (let i = 0; i < COUNT_CAP_PAGES; i++) {
    const data = await api.get(path, { ...query, after, limit: COUNT_PAGE }, { quiet: true });
    const items = data.items ?? [];
    total += items.length;
    after = data.next_after ?? (items.length >= COUNT_PAGE ? items[items.length - 1][idKey] : '');
    if (!after) return { n: total, exact: true };
  }
  return { n: total, exact: false };
}

async function regionStats(region) {
  try {
    const s = await api.get('/api/stats', { region: region.code }, { quiet: true });
    return {
      persons: { n: s.persons, exact: true },
      employers: { n: s.employers, exact: true },
      jobs: { n: s.jobs, exact: true },
      children: (s.children ?? []).map((c) => ({ code: c.code, name: c.name, persons: { n: c.persons, exact: true } })),
      childBasis: 'hukou',  // GET /api/stats counts each child's persons by household registration
    };
  } catch (e) {
    if (e.status !== 404) throw e;
  }
  const children = region.children ?? [];
  const [persons, employers, jobs, ...perChild] = await Promise.all([
    countList('/api/persons', {}, 'person_id'),
    countList('/api/employers', {}, 'employer_id'),
    countList('/api/jobs', { region: region.code, include_closed: '1' }, 'job_id'),
    ...children.map((c) => countList('/api/persons', { region: c.code }, 'person_id')),
  ]);
  return { persons, employers, jobs, children: children.map((c, i) => ({ code: c.code, name: c.name, persons: perChild[i] })), childBasis: 'read' };
}

const fmt = (c) => (c.exact ? '' : '≥ ') + Number(c.n ?? 0).toLocaleString('zh-CN');

// What the headline counts (the officer's readable persons, server/access.h).
const PERSONS_DEFINITION = '户籍地、常住地或所属县在本区划的人员，每人计一次';

// Why the chart's bars need not add up to the headline: they count by
// household registration only (each person once, in one child), the headline
// also counts persons living or kept here whose household is registered
// elsewhere.
function childBasisNote(stats) {
  const sum = stats.children.reduce((acc, c) => acc + Number(c.persons.n ?? 0), 0);
  const exact = stats.persons.exact && stats.children.every((c) => c.persons.exact);
  const n = (v) => Number(v).toLocaleString('zh-CN');
  if (stats.childBasis !== 'hukou' || !exact) {
    return h('p', { class: 'muted', dataset: { testid: 'child-basis' } },
      '各下级区划按户籍地、常住地或所属县统计，一人可能计入两个下级区划，合计不一定等于上方总数。');
  }
  const rest = stats.persons.n - sum;
  return h('p', { class: 'muted', dataset: { testid: 'child-basis' } },
    `按户籍地统计，每人只计入一个下级区划，合计 ${n(sum)} 人。`,
    rest > 0 ? `上方“登记人员” ${n(stats.persons.n)} 人还包括户籍地不在各下级区划、常住地或所属县在本区划的 ${n(rest)} 人。`
      : '与上方“登记人员”总数一致。');
}

async function officerHome({ user, page }) {
  const code = user.region_code || PROVINCE_CODE;
  page.append(h('h1', {}, `${user.region_name || ''}就业工作台`));
  const statsBox = h('div', { class: 'stats', id: 'region-stats' }, h('p', { class: 'muted' }, '正在统计…'));
  const chartBox = h('div', { class: 'chart', id: 'child-chart', role: 'img', 'aria-label': '各下级区划人员数柱状图' });
  const chartTitle = '各下级区划登记人员数（按户籍地）';
  const chartCard = h('section', { class: 'card' }, h('h2', {}, chartTitle), chartBox);
  const links = h('section', { class: 'card' }, h('h2', {}, '常用功能'), h('div', { class: 'actions' },
    h('a', { class: 'button', href: '#/persons' }, '人员查询'),
    h('a', { class: 'button', href: `#/persons?group=hard_to_employ` }, '就业困难人员'),
    h('a', { class: 'button', href: `#/persons?group=poverty_alleviated` }, '脱贫人口'),
    h('a', { class: 'button secondary', href: '#/employers' }, '用人单位'),
    h('a', { class: 'button secondary', href: '#/jobs' }, '岗位信息（含零工市场）'),
    canImport(user) ? h('a', { class: 'button secondary', href: '#/import' }, '台账导入') : null));
  page.append(statsBox, chartCard, links);

  let region, stats;
  try {
    region = await getRegion(code);
    stats = await regionStats(region);
  } catch (e) {
    statsBox.replaceChildren();
    showError(e.message ?? '统计数据加载失败');
    return;
  }
  const stat = (n, lbl, key, def) => h('div', { class: 'stat', dataset: { stat: key } }, h('div', { class: 'num' }, n),
    h('div', { class: 'lbl' }, lbl), def ? h('div', { class: 'def', dataset: { testid: `def-${key}` } }, def) : null);
  statsBox.replaceChildren(
    stat(fmt(stats.persons), '登记人员（劳动力台账）', 'persons', PERSONS_DEFINITION),
    stat(fmt(stats.employers), '用人单位', 'employers'),
    stat(fmt(stats.jobs), '在册岗位', 'jobs'),
    stat((region.children ?? []).length.toLocaleString('zh-CN'), `下辖${LEVELS[region.children?.[0]?.level] ?? '区划'}`, 'children'));

  const rows = stats.children;
  if (!rows.length) {
    chartCard.replaceChildren(h('h2', {}, '各下级区划登记人员数'), h('p', { class: 'muted' }, '本区划没有下级区划。'));
    return;
  }
  if (stats.childBasis !== 'hukou') chartCard.querySelector('h2').textContent = '各下级区划登记人员数';
  chartBox.before(childBasisNote(stats));
  const table = dataTable([
    { key: 'name', title: '区划', render: (r) => h('a', { href: `#/persons?region=${r.code}` }, r.name) },
    { key: 'persons', title: stats.childBasis === 'hukou' ? '登记人员（按户籍地）' : '登记人员', num: true, render: (r) => fmt(r.persons) },
  ], rows);
  chartCard.append(h('details', {}, h('summary', { class: 'muted' }, '查看数据表'), table));
  const echarts = await loadEcharts();
  if (!echarts) {
    chartBox.replaceWith(table);
    showInfo('图表组件未安装（请运行 scripts/web-vendor.sh），以表格显示。');
    return;
  }
  // Horizontal bars: long Chinese names stay readable, also on a phone.
  chartBox.style.height = `${Math.max(240, rows.length * 30 + 40)}px`;
  const chart = echarts.init(chartBox);
  chart.setOption({
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisLabel: { interval: 0 } },
    xAxis: { type: 'value', name: '人', minInterval: 1 },
    series: [{
      type: 'bar', name: '登记人员', data: rows.map((r) => r.persons.n), barMaxWidth: 22,
      itemStyle: { color: '#0b5d4b' }, label: { show: true, position: 'right' },
    }],
  });
  chart.on('click', (p) => { location.hash = `#/persons?region=${rows[p.dataIndex].code}`; });
  const charts = [chart];
  // The province: the same numbers on the map of its nine prefectures.
  if (code === PROVINCE_CODE && await loadGuizhouMap(echarts)) {
    const mapBox = h('div', { class: 'chart', id: 'province-map', role: 'img', 'aria-label': '全省各市（州）人员分布图' });
    chartCard.after(h('section', { class: 'card' }, h('h2', {}, '全省分布'), mapBox));
    const map = echarts.init(mapBox);
    const values = rows.map((r) => r.persons.n);
    map.setOption({
      tooltip: { trigger: 'item', formatter: (p) => `${p.name}：${Number(p.value || 0).toLocaleString('zh-CN')} 人` },
      visualMap: { min: 0, max: Math.max(1, ...values), left: 8, bottom: 8, text: ['多', '少'], calculable: true,
        inRange: { color: ['#e6f2ef', '#0b5d4b'] } },
      series: [{ type: 'map', map: 'guizhou', roam: false, layoutSize: '95%', label: { show: false }, emphasis: { label: { show: true } },
        data: rows.map((r) => ({ name: r.name, value: r.persons.n })) }],
    });
    map.on('click', (p) => {
      const row = rows.find((r) => r.name === p.name);
      if (row) location.hash = `#/persons?region=${row.code}`;
    });
    charts.push(map);
  }
  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
}

// ---- employer ----

async function employerHome({ user, page }) {
  page.append(h('h1', {}, user.display_name || '单位首页'));
  let me;
  try {
    const data = await api.get('/api/employers', { limit: 1 });
    me = (data.items ?? []).find((e) => e.credit_code === user.credit_code) ?? data.items?.[0];
  } catch {
    return;
  }
  if (!me) {
    page.append(h('p', { class: 'muted' }, '尚未找到本单位的登记信息，请联系所在地公共就业服务机构。'));
    return;
  }
  page.append(h('section', { class: 'card', id: 'employer-info' }, h('h2', {}, '单位信息'), fieldList([
    ['单位名称', me.name],
    ['统一社会信用代码', me.credit_code],
    ['类型', label(EMPLOYER_TYPES, me.type)],
    ['企业规模', label(SIZES, me.size)],
    ['所在地', regionText(me.region, me.region_name)],
    ['参保人数', me.insured_headcount],
    ['重点企业', yesNo(me.key_enterprise)],
  ])));
  const jobsBox = h('section', { class: 'card' }, h('h2', {}, '本单位发布的岗位'));
  page.append(jobsBox);
  try {
    const jobs = await api.get('/api/jobs', { employer: me.credit_code, include_closed: '1', limit: 50 });
    jobsBox.append(dataTable(JOB_COLUMNS, jobs.items ?? [], { empty: '本单位暂未发布岗位' }));
  } catch { /* shown */ }
  const appsBox = h('section', { class: 'card', id: 'employer-applications' }, h('h2', {}, '收到的投递'));
  page.append(appsBox);
  try {
    const data = await api.get('/api/applications');
    appsBox.append(dataTable([
      { title: '岗位', render: (a) => h('a', { href: `#/job/${a.job_id}` }, a.job_title) },
      { key: 'name', title: '姓名' },
      { key: 'phone_masked', title: '电话', render: (c) => c.phone_masked || '—' },
      { key: 'education', title: '学历' },
      { key: 'applied_on', title: '投递日期' },
    ], data.applications, { empty: '暂未收到投递' }));
    // 发出的邀请 with the seekers' answers (trial 3: neither side could reach the other).
    const { invitationStatus } = await import('./job.js');
    page.append(h('section', { class: 'card', id: 'employer-invitations' }, h('h2', {}, '发出的邀请'), dataTable([
      { title: '岗位', render: (a) => h('a', { href: `#/job/${a.job_id}` }, a.job_title) },
      { key: 'name', title: '姓名' },
      { key: 'education', title: '学历' },
      { key: 'invited_on', title: '邀请日期' },
      { title: '答复', render: invitationStatus },
    ], data.invitations, { empty: '暂未发出邀请' })));
  } catch { /* shown */ }
}

// ---- seeker ----

async function seekerHome({ user, page }) {
  const id = user.person_id;
  if (!id) {
    page.append(h('h1', {}, '我的信息'), h('p', { class: 'muted' },
      '您的账户尚未关联劳动力台账中的人员信息，请携带身份证到户籍地或常住地公共就业服务机构办理登记。'));
    return;
  }
  const { renderPerson } = await import('./person.js');
  const caseBox = h('div', { id: 'my-case' });
  try {
    const person = await api.get(`/api/persons/${id}`);
    renderPerson(page, person, user);
    page.prepend(h('div', { class: 'actions' }, h('a', { class: 'button secondary', href: '#/jobs' }, '浏览岗位信息'),
      h('a', { class: 'button secondary', href: '#/training', 'data-testid': 'home-training' }, '我的培训与推荐课程')));
    const heading = page.querySelector('h1');
    if (heading) heading.after(caseBox);
    else page.append(caseBox);
  } catch {
    return;  /* shown */
  }
  try {
    await renderCase(caseBox);
  } catch { /* shown; the record above stays usable */ }
}

// The seeker's answer to an invitation: two buttons until answered.
function answerCell(inv, reload) {
  if (inv.answer) return h('span', { class: inv.answer === 'accepted' ? 'ok' : 'muted' }, `${inv.answer_label}（${inv.answered_on}）`);
  const send = (answer) => async (ev) => {
    for (const b of ev.target.parentElement.querySelectorAll('button')) b.disabled = true;
    try {
      await api.post(`/api/me/invitations/${inv.invitation_id}/answer`, { answer });
      showOk(answer === 'accept' ? `已接受邀请，${inv.employer_name}可看到您的电话以便联系` : '已婉拒邀请');
      await reload();
    } catch {
      for (const b of ev.target.parentElement.querySelectorAll('button')) b.disabled = false;
    }
  };
  return h('span', { class: 'actions' },
    h('button', { type: 'button', 'data-testid': `accept-${inv.invitation_id}`, onclick: send('accept') }, '接受'),
    h('button', { type: 'button', class: 'secondary', 'data-testid': `decline-${inv.invitation_id}`, onclick: send('decline') }, '婉拒'));
}

// 我的失业登记: register online when there is no open registration; else
// the registration, level and category, and what the officers must do by
// when. Then applications and invitations.
async function renderCase(box) {
  const [mine, apps] = await Promise.all([api.get('/api/me/case'), api.get('/api/applications')]);
  const reg = h('section', { class: 'card', id: 'my-registration' }, h('h2', {}, '我的失业登记'));
  const cur = mine.current;
  if (cur) {
    const r = mine.registrations.find((x) => x.registration_id === cur.registration_id) ?? {};
    reg.append(fieldList([
      ['状态', h('span', { 'data-testid': 'registration-status' }, cur.open ? '登记有效' : `已注销（${r.closed_on ?? ''}${r.close_reason ? `，${r.close_reason}` : ''}）`)],
      ['登记类型', r.kind_label],
      ['登记日期', r.registered_on],
      ['办理渠道', r.channel_label],
      ['受理地', r.region_name],
      ['服务级别', cur.level_label],
      ['人员类别', cur.category_label],
    ]));
    if (cur.open) {
      reg.append(h('h3', {}, '经办机构应为您提供的服务'), dataTable([
        { key: 'name', title: '服务' },
        { key: 'items', title: '内容' },
        { key: 'deadline', title: '应完成日期' },
        { key: 'status_label', title: '状态' },
        { key: 'clause_text', title: '依据' },
      ], cur.obligations, { empty: '暂无应提供的服务' }));
    }
  }
  if (mine.can_register) reg.append(registerForm(box));
  const applied = h('section', { class: 'card', id: 'my-applications' }, h('h2', {}, '我的投递'), dataTable([
    { title: '岗位', render: (a) => h('a', { href: `#/job/${a.job_id}` }, a.job_title) },
    { key: 'employer_name', title: '用人单位' },
    { key: 'place_name', title: '工作地点' },
    { title: '月薪', render: wage },
    { key: 'applied_on', title: '投递日期' },
  ], apps.applications, { empty: '您还没有投递岗位，可在“岗位信息”中查看并投递' }));
  const invited = h('section', { class: 'card', id: 'my-invitations' }, h('h2', {}, '用人单位的邀请'),
    h('p', { class: 'muted' }, '接受邀请后，该单位可看到您的完整电话，以便就该岗位与您联系（记入审计日志）；婉拒则不会。'),
    dataTable([
      { title: '岗位', render: (a) => h('a', { href: `#/job/${a.job_id}` }, a.job_title) },
      { key: 'employer_name', title: '用人单位' },
      { key: 'message', title: '留言' },
      { key: 'invited_on', title: '邀请日期' },
      { title: '答复', render: (a) => answerCell(a, () => renderCase(box)) },
    ], apps.invitations, { empty: '暂无邀请' }));
  box.replaceChildren(reg, applied, invited);
}

function registerForm(box) {
  const form = h('form', { class: 'form', id: 'register-online' },
    h('p', { class: 'muted' }, '依据黔府发〔2023〕12号附件3（一），可在户籍地、常住地、就业地、参保地或线上办理失业登记。线上登记由您常住地（或户籍地）的公共就业服务机构受理；登记日处于就业状态（劳动合同在期或单位当月缴费）的不能登记。'),
    h('label', {}, '发现失业日期（可不填，默认今天）', h('input', { type: 'date', name: 'found_on', max: today() })),
    h('label', {}, '登记身份', h('select', { name: 'served_as' },
      h('option', { value: 'registered' }, '登记失业人员'),
      h('option', { value: 'graduate' }, '离校未就业高校毕业生'))),
    h('button', { type: 'submit', 'data-testid': 'register-online' }, '线上办理失业登记'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const v = formValues(form);
    try {
      const r = await api.post('/api/me/registration', { found_on: v.found_on, served_as: v.served_as });
      showOk(`已完成${r.kind_label}（${r.registered_on}），经办机构将按期限为您提供服务`);
      await renderCase(box);
    } catch { /* the reason is shown */ }
  });
  return form;
}
