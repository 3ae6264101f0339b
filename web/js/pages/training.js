// 职业培训 (#/training): vocational training (附件3（五）2、正文（十）、附件4（十四）).
// Officers see their region's courses (auditors the province) with the
// enrolled count and the completion, certificate and employment-after-
// training rates — as a bar chart and a table — and a course's enrolments
// with attendance, certificate, employment and the subsidies paid. A
// seeker sees 我的培训: their courses, certificates and subsidies, and the
// courses recommended for their skill gaps with their plan (一人一策).
// An officer withdraws a trainee (退出, with the reason) from a course's
// list and edits a course before it starts. Courses are opened and subsidies paid with `qjy training` or the
// API. `adviceSections` is also the person page's (person.js).
import { api, today } from '../api.js';
import { loadEcharts } from '../charts.js';
import { dataTable, fieldList, formValues, h } from '../dom.js';
import { yuan } from '../labels.js';
import { showError, showOk } from '../messages.js';

const pct = (part, whole) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : '—');
const rate = (part, whole) => (whole ? Math.round((1000 * part) / whole) / 10 : 0);
const certificate = (e) => (e.cert_kind_label ? `${e.cert_kind_label}（${e.cert_level_label}）` : '—');
const subsidies = (e) => (e.subsidies.length ? e.subsidies.map((s) => `${s.kind_label} ${yuan(s.amount_fen)}`).join('；') : '—');

const enrolmentStatus = (e) => (e.withdrawn_on ? `${e.status_label}（${e.withdrawn_on}，${e.withdraw_reason}）` : e.status_label);

// 推荐培训课程 and 一人一策·培训计划 from GET /api/training/persons/{id}/
// recommendations (or the seeker's /api/me/training). `onPlan(item, enrol)`
// (officers) adds the buttons that put a course into the plan.
export function adviceSections(advice, { onPlan } = {}) {
  const columns = [
    { title: '推荐课程', render: (r) => h('strong', {}, r.course.title) },
    { title: '培训机构', render: (r) => r.course.provider_name },
    { title: '开课日期', render: (r) => `${r.course.start_on} 至 ${r.course.end_on}` },
    { title: '地点', render: (r) => r.course.place_name || '—' },
    { title: '余额', num: true, render: (r) => `${r.course.capacity - r.course.enrolled} 人` },
    { title: '推荐理由', render: (r) => h('span', { 'data-testid': `advice-reason-${r.course.course_id}` }, r.reason) },
  ];
  if (onPlan) {
    columns.push({ title: '一人一策', render: (r) => h('span', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', 'data-testid': `plan-${r.course.course_id}`, onclick: () => onPlan(r, false) }, '列入计划'),
      h('button', { type: 'button', 'data-testid': `plan-enrol-${r.course.course_id}`, onclick: () => onPlan(r, true) }, '列入并报名')) });
  }
  const gaps = advice.gaps ?? [];
  const recs = h('section', { class: 'card', 'data-testid': 'training-advice' }, h('h2', {}, '推荐培训课程'),
    h('p', { class: 'muted' }, `按 ${advice.region_name || '所在市州'} ${advice.as_of} 在招岗位（${advice.jobs_seen} 个）要求的职业和证书，与本人的技能、证书比较，推荐未开课、有余额、可就近参加的课程（附件3（五）2）。`),
    gaps.length ? h('p', {}, '技能差距：', gaps.slice(0, 3).map((g) => g.text).join('；')) : null,
    dataTable(columns, advice.items ?? [], { empty: gaps.length ? '暂无可弥补这些差距的课程' : '附近在招岗位的要求本人均已具备，暂无推荐' }));
  const plan = h('section', { class: 'card', 'data-testid': 'training-plan' }, h('h2', {}, '一人一策·培训计划'),
    dataTable([
      { title: '课程', render: (p) => p.course.title },
      { title: '开课日期', render: (p) => `${p.course.start_on} 至 ${p.course.end_on}` },
      { title: '地点', render: (p) => p.course.place_name || '—' },
      { title: '列入日期', key: 'planned_on' },
      { title: '经办人', key: 'officer', render: (p) => p.officer_name || p.officer || '—' },
      { title: '报名', key: 'enrolment_status_label' },
      { title: '理由', render: (p) => p.reason || '—' },
    ], advice.plan ?? [], { empty: '培训计划中尚无课程' }));
  return [recs, plan];
}

// An enrolment in training: withdraw it with the reason (the place is freed;
// no subsidy afterwards).
function withdrawForm(e, done) {
  const form = h('form', { class: 'filters', 'data-testid': `withdraw-form-${e.enrolment_id}` },
    h('label', {}, '退出日期', h('input', { type: 'date', name: 'on', required: true, value: today() })),
    h('label', { class: 'wide' }, '退出原因（必填）', h('input', { name: 'reason', maxlength: '60' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, '退出培训')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const v = formValues(form);
    if (!v.reason) { showError('请填写退出原因'); return; }
    try {
      await api.post(`/api/training/enrolments/${e.enrolment_id}/withdraw`, { on: v.on, reason: v.reason });
      showOk(`${e.name} 已退出培训，名额已释放`);
      await done();
    } catch { /* shown by api.js */ }
  });
  return h('details', {}, h('summary', { class: 'muted' }, '退出'), form);
}

// A course that has not started: its title, dates and places edited (the
// server checks again: places not below the enrolled, dates valid).
function editForm(c, done) {
  const form = h('form', { class: 'filters', 'data-testid': 'course-edit' },
    h('label', { class: 'wide' }, '课程名称', h('input', { name: 'title', value: c.title, maxlength: '60' })),
    h('label', {}, '开始日期', h('input', { type: 'date', name: 'start_on', value: c.start_on })),
    h('label', {}, '结束日期', h('input', { type: 'date', name: 'end_on', value: c.end_on })),
    h('label', {}, '名额', h('input', { type: 'number', name: 'capacity', min: '1', max: '1000', value: String(c.capacity) })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, '保存修改')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const v = formValues(form);
    const capacity = Number.parseInt(v.capacity, 10);
    if (!Number.isSafeInteger(capacity)) { showError('名额须为整数'); return; }
    try {
      await api.put(`/api/training/courses/${c.course_id}`, { title: v.title, start_on: v.start_on, end_on: v.end_on, capacity });
      showOk(`已修改课程“${v.title}”`);
      await done();
    } catch { /* shown by api.js */ }
  });
  return h('details', {}, h('summary', {}, '开课前修改课程'), form);
}

async function drawChart(box, rows) {
  const echarts = await loadEcharts();
  if (!echarts || !rows.length) {
    box.remove();
    return;
  }
  const shown = rows.slice(0, 15);
  box.style.height = `${Math.max(260, shown.length * 70 + 80)}px`;
  const chart = echarts.init(box);
  const series = [
    ['结业率', (c) => rate(c.completed, c.enrolled)],
    ['取证率', (c) => rate(c.certified, c.completed)],
    ['培训后就业率', (c) => rate(c.employed, c.completed)],
  ];
  chart.setOption({
    animation: false,
    legend: { top: 0 },
    grid: { left: 170, right: 50, top: 30, bottom: 30 },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: shown.map((c) => c.title), inverse: true, axisLabel: { width: 160, overflow: 'truncate' } },
    tooltip: { trigger: 'axis' },
    series: series.map(([name, f]) => ({ type: 'bar', name, data: shown.map(f), label: { show: true, position: 'right', formatter: '{c}%' } })),
  });
}

async function officerView({ user, page, params }) {
  const region = params.get('region') || (user.role === 'officer' ? user.region_code : '52');
  const summary = h('section', { class: 'card' });
  const detail = h('section', { class: 'card', 'data-testid': 'course-detail' },
    h('p', { class: 'muted' }, '点击课程的“查看报名”查看学员名单。'));
  page.append(h('h1', {}, '职业培训'),
    h('p', { class: 'muted' }, '依据附件3（五）2、正文（十）、附件4（十四）：对登记失业人员等开展就业技能培训、订单式·定向培训和创业培训；出勤达到规定比例方可结业，按取得的证书等级发放职业培训补贴，登记失业人员按出勤日发放生活费补贴，每笔只付一次。'),
    summary, detail);

  async function showCourse(course) {
    const r = await api.get(`/api/training/courses/${course.course_id}/enrolments`);
    const c = r.course;
    detail.replaceChildren(
      h('h2', { 'data-testid': 'course-title' }, `${c.title}（${c.kind_label}）学员 ${r.items.length} 人`),
      fieldList([['培训机构', c.provider_name], ['职业', c.occupation_name || '—'], ['等级', c.level_label],
        ['学时', String(c.hours)], ['日期', `${c.start_on} 至 ${c.end_on}`], ['地点', c.place_name || '—'],
        ['名额', `${c.enrolled}/${c.capacity}`]]),
      ...(user.role === 'officer' && c.start_on > today() ? [editForm(c, () => showCourse(course))] : []),
      dataTable([
        { title: '姓名', key: 'name' },
        { title: '身份证号', key: 'id_masked' },
        { title: '报名日期', key: 'enrolled_on' },
        { title: '出勤', num: true, render: (e) => `${e.hours_attended} 学时 / ${e.days_attended} 日` },
        { title: '状态', render: (e) => h('span', { 'data-testid': `enrolment-status-${e.enrolment_id}` }, enrolmentStatus(e)) },
        { title: '结业日期', render: (e) => e.completed_on || '—' },
        { title: '证书', render: certificate },
        { title: '培训后就业', render: (e) => (e.employed_after ? '已就业' : '未就业') },
        { title: '已发补贴', render: subsidies },
        { title: '操作', render: (e) => (user.role === 'officer' && e.status === 'enrolled' ? withdrawForm(e, () => showCourse(course)) : '—') },
      ], r.items, { empty: '该课程尚无报名' }));
  }

  const r = await api.get('/api/training/courses', { region });
  const rows = r.items;
  const sum = (k) => rows.reduce((s, c) => s + c[k], 0);
  const chartBox = h('div', { class: 'chart', id: 'training-chart', role: 'img', 'aria-label': '各培训课程结业率、取证率、培训后就业率柱状图' });
  summary.replaceChildren(
    h('h2', { 'data-testid': 'training-summary' },
      `${r.region_name}：课程 ${rows.length} 个，报名 ${sum('enrolled')} 人，结业 ${sum('completed')} 人（${pct(sum('completed'), sum('enrolled'))}），`
      + `取证 ${sum('certified')} 人，培训后就业 ${sum('employed')} 人（${pct(sum('employed'), sum('completed'))}），已付补贴 ${yuan(sum('subsidy_fen'))}`),
    chartBox,
    dataTable([
      { title: '课程', key: 'title' },
      { title: '类型', key: 'kind_label' },
      { title: '培训机构', key: 'provider_name' },
      { title: '等级', key: 'level_label' },
      { title: '日期', render: (c) => `${c.start_on} 至 ${c.end_on}` },
      { title: '报名/名额', num: true, render: (c) => `${c.enrolled}/${c.capacity}` },
      { title: '结业率', num: true, render: (c) => pct(c.completed, c.enrolled) },
      { title: '取证率', num: true, render: (c) => pct(c.certified, c.completed) },
      { title: '就业率', num: true, render: (c) => pct(c.employed, c.completed) },
      { title: '已付补贴', num: true, render: (c) => yuan(c.subsidy_fen) },
      { title: '学员', render: (c) => h('button', { type: 'button', class: 'secondary', 'data-testid': `course-${c.course_id}`, onclick: () => showCourse(c) }, '查看报名') },
    ], rows, { empty: '辖区内没有培训课程' }));
  await drawChart(chartBox, rows);
}

async function myTraining({ page }) {
  page.append(h('h1', {}, '我的培训'));
  const r = await api.get('/api/me/training');
  if (r.recommendations) page.append(...adviceSections(r.recommendations));
  if (!r.items.length) {
    page.append(h('div', { class: 'empty card' }, '您还没有参加职业培训。登记失业人员可向所在地就业服务机构报名，符合条件的可享受职业培训补贴和生活费补贴（附件3（五）2）。'));
    return;
  }
  for (const e of r.items) {
    const c = e.course || {};
    page.append(h('section', { class: 'card', 'data-testid': `my-training-${e.enrolment_id}` },
      h('h2', {}, `${e.course_title}：${enrolmentStatus(e)}`),
      fieldList([['培训类型', c.kind_label || '—'], ['培训机构', c.provider_name || '—'],
        ['日期', c.start_on ? `${c.start_on} 至 ${c.end_on}` : '—'], ['地点', c.place_name || '—'],
        ['出勤', `${e.hours_attended}/${c.hours ?? '—'} 学时，${e.days_attended} 日`], ['结业日期', e.completed_on || '—'],
        ['证书', certificate(e)], ['培训后就业', e.employed_after ? '已就业' : '—']]),
      h('h3', {}, '培训补贴'),
      dataTable([
        { title: '补贴', key: 'kind_label' },
        { title: '金额', num: true, render: (s) => yuan(s.amount_fen) },
        { title: '决定日期', key: 'decided_on' },
      ], e.subsidies, { empty: '尚未发放培训补贴' })));
  }
}

export async function render(ctx) {
  if (ctx.user.role === 'seeker') return myTraining(ctx);
  return officerView(ctx);
}
