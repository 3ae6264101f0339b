// A person's page (#/person/{id}), one page per person for officers in
// scope (#14): identity (masked; the audited reveal for officers with the
// grant), 失业登记, service level and category with their reasons, the
// services owed with deadlines, service records (and the form to record
// one), recommendations, entitlements and payments, 失业保险金 and living
// subsidies with the answer of civil affairs to a referral, the training
// courses recommended for the person's skill gaps (put into the plan, 一人一策,
// from here) and the plan, contracts and the change history. Every code is shown by its Chinese name; times in
// Beijing time; amounts in 元.
import { api, today, unavailableText } from '../api.js';
import { dataTable, fieldList, formValues, h } from '../dom.js';
import { CERT_LEVELS, CHANGE_OPS, EDUCATION, FIELDS, GROUPS, SEX, label, yesNo } from '../labels.js';
import { showError, showOk } from '../messages.js';
import { regionText } from '../regions.js';
import { benefitSections } from './benefits.js';
import { adviceSections } from './training.js';
import { linkageFollowupsSection } from '../followups.js';

const CHANNELS = { counter: '窗口办理', online: '网上办理', outreach: '走访摸排', app: '小程序' };
const KINDS = {
  policy_briefing: '政策宣讲', career_guidance: '职业指导', job_recommendation: '岗位推荐',
  training_offer: '职业培训机会', internship_offer: '就业见习机会', civil_affairs_referral: '转介民政部门',
  follow_up_visit: '跟踪回访', individual_plan: '个性化援助方案',
};
const STATUS_CLASS = { met: 'ok', met_late: 'warn', due: '', overdue: 'bad', lapsed: 'muted' };

export async function render(ctx) {
  const { user, page, arg } = ctx;
  const id = Number.parseInt(arg, 10);
  if (!Number.isSafeInteger(id) || id <= 0) {
    page.append(h('h1', {}, '人员信息'));
    showError('人员编号无效');
    return;
  }
  let person;
  try {
    person = await api.get(`/api/persons/${id}`, undefined, { quiet: true });
  } catch (e) {
    // The server answers a person outside the caller's region exactly like
    // one that does not exist (404), so that nothing leaks; say both.
    const denied = e.status === 403 || e.status === 404;
    if (!denied) showError(e.message);
    page.append(h('h1', {}, denied ? '无权访问或人员不存在' : '人员信息'),
      h('p', { class: 'muted', 'data-testid': 'person-denied' }, denied
        ? '该人员不存在，或不在您的管辖区域内（无权访问）。如确需办理，请联系其户籍地或常住地经办机构。'
        : '未能加载该人员的信息。'),
      h('p', {}, h('a', { href: '#/persons' }, '返回人员查询')));
    return;
  }
  let services = null, entitlements = null, benefits = null, training = null;
  const errors = {};  // section → the ApiError it failed with
  const failed = (section) => (e) => { errors[section] = e; return null; };
  if (user.role === 'officer') {
    // Sections that fail to load say why (not for this role, or try later);
    // the rest of the page stands.
    [services, entitlements, benefits, training] = await Promise.all([
      api.get(`/api/services/persons/${id}`, undefined, { quiet: true }).catch(failed('services')),
      api.get('/api/policy/entitlements', { person: id }, { quiet: true }).then((r) => r.entitlements).catch(failed('entitlements')),
      api.get(`/api/benefits/persons/${id}`, undefined, { quiet: true }).catch(failed('benefits')),
      api.get(`/api/training/persons/${id}/recommendations`, undefined, { quiet: true }).catch(failed('training')),
    ]);
  }
  renderPerson(page, person, user, { services, entitlements, benefits, training, errors, reload: async () => {
    page.replaceChildren();
    await render(ctx);
  } });
}

function groupTags(groups) {
  if (!groups?.length) return h('span', { class: 'muted' }, '无');
  return groups.map((g) => {
    const code = typeof g === 'string' ? g : g.group;
    const until = g.valid_to ? `（至 ${g.valid_to}）` : '';
    return h('span', { class: code === 'hard_to_employ' ? 'tag warn' : 'tag', title: g.valid_from ? `认定日期 ${g.valid_from}` : null },
      label(GROUPS, code) + until);
  });
}

const FULL = { full: true };

export function renderPerson(page, p, user, extra = {}) {
  const back = user.role === 'seeker' ? null : h('a', { href: '#/persons' }, '← 返回人员查询');
  page.append(
    h('div', { class: 'actions' }, back),
    // The internal number helps officers tell namesakes apart; a seeker's
    // own page has no use for it.
    h('h1', { 'data-testid': 'person-name' }, p.name ?? '人员信息',
      user.role === 'seeker' ? null : [' ', h('small', { class: 'muted' }, `编号 ${p.person_id ?? ''}`)]));

  const idCell = h('span', { 'data-testid': 'id-number' }, p.id_number ?? '—');
  const phoneCell = h('span', { 'data-testid': 'phone' }, p.phone || '—');
  const basics = h('section', { class: 'card' }, h('h2', {}, '基本信息'), fieldList([
    [FIELDS.id_number, idCell],
    [FIELDS.name, p.name],
    [FIELDS.sex, label(SEX, p.sex)],
    p.birth_date ? [FIELDS.birth_date, p.birth_date] : ['出生年份', p.birth_year],
    [FIELDS.ethnicity, p.ethnicity],
    [FIELDS.phone, phoneCell],
    [FIELDS.education, label(EDUCATION, p.education)],
    [FIELDS.school_left_on, p.school_left_on],
    [FIELDS.hukou_region, regionText(p.hukou_region, p.hukou_region_name, FULL)],
    [FIELDS.residence_region, regionText(p.residence_region, p.residence_region_name, FULL)],
    [FIELDS.work_region, p.work_region ? regionText(p.work_region, p.work_region_name, FULL) : '—'],
    [FIELDS.insured_region, p.insured_region ? regionText(p.insured_region, p.insured_region_name, FULL) : '—'],
    [FIELDS.skills, (p.skills ?? []).join('、') || '—'],
  ]));
  const mayReveal = user.role === 'officer' && (!user.grants || user.grants.includes('reveal'));
  if (mayReveal) basics.append(revealForm(p, { id_number: idCell, phone: phoneCell }));

  const groups = h('section', { class: 'card' }, h('h2', {}, '人员类别'), h('div', {}, groupTags(p.group_memberships ?? p.groups)));

  const certs = h('section', { class: 'card' }, h('h2', {}, '职业资格与技能等级证书'),
    dataTable([
      { key: 'name', title: '证书名称' },
      { key: 'level', title: '等级', render: (c) => (c.level ? label(CERT_LEVELS, c.level) : '非等级证书') },
      { key: 'issued_on', title: '发证日期' },
    ], p.certificates ?? [], { empty: '暂无证书' }));

  const contracts = h('section', { class: 'card' }, h('h2', {}, '劳动合同（就业登记）'),
    dataTable([
      { key: 'employer', title: '用人单位', render: (c) => c.employer_name || c.employer_credit_code },
      { key: 'start_on', title: FIELDS.start_on },
      { key: 'end_on', title: FIELDS.end_on, render: (c) => c.end_on || '无固定期限' },
      { key: 'social_insurance_months', title: FIELDS.social_insurance_months, num: true },
      { key: 'kind', title: '就业形式', render: contractKind },
      { key: 'work_region', title: '工作地', render: (c) => regionText(c.work_region, c.work_region_name) },
    ], p.contracts ?? [], { empty: '暂无劳动合同记录' }));

  const history = h('section', { class: 'card' }, h('h2', {}, '变更记录'), timeline(p.history ?? []));

  page.append(h('div', { class: 'grid two' }, basics, groups));
  if (user.role === 'officer') page.append(...servicesSections(p, user, extra));
  page.append(certs, contracts, history);
}

// A section whose data failed: `what` names it in "您的岗位无权查看{what}".
function unavailable(title, err, what) {
  return h('section', { class: 'card', 'data-testid': 'unavailable' }, h('h2', {}, title),
    h('p', { class: 'muted' }, unavailableText(err, { denied: `您的岗位无权查看${what}` })));
}

function deadlineCell(o) {
  if (!o.deadline_note) return o.deadline;
  return h('span', { title: o.deadline_note }, o.deadline, h('small', { class: 'warn' }, '（暂定）'));
}

// 失业登记, 服务等级与类别, 应提供的服务, 服务记录 (with the form), 岗位推荐,
// 享受政策与资金.
function servicesSections(p, user, { services, entitlements, benefits, training, errors = {}, reload }) {
  const out = [];
  if (!services) {
    out.push(unavailable('失业登记与就业服务', errors.services, '失业登记与就业服务记录'));
  } else {
    const regs = services.registrations ?? [];
    out.push(h('section', { class: 'card', 'data-testid': 'registrations' }, h('h2', {}, '失业登记'),
      dataTable([
        { key: 'registered_on', title: '登记日期' },
        { key: 'kind_label', title: '登记类型' },
        { key: 'place_label', title: '登记地', render: (r) => `${r.place_label}（${r.region_name || '—'}）` },
        { key: 'channel', title: '办理渠道', render: (r) => CHANNELS[r.channel] ?? '其他渠道' },
        { key: 'served_as_label', title: '服务对象类别' },
        { key: 'status', title: '状态', render: (r) => (r.status === 'open' ? '登记中' : `已注销（${r.closed_on}，${r.close_reason ?? ''}）`) },
      ], regs, { empty: '暂无失业登记。如需办理，请到“就业服务工作台”登记。' })));
    const cur = services.current;
    if (cur) {
      out.push(h('section', { class: 'card', 'data-testid': 'level-category' }, h('h2', {}, '服务等级与类别'),
        fieldList([
          ['服务等级', h('span', { 'data-testid': 'level' }, h('strong', {}, cur.level_label), ' —— ', cur.level_reason)],
          ['人员类别（三类）', h('span', { 'data-testid': 'category' }, h('strong', {}, cur.category_label),
            cur.category_assessed ? '' : '（尚未评估）', ' —— ', cur.category_reason)],
        ])));
      out.push(h('section', { class: 'card', 'data-testid': 'obligations' }, h('h2', {}, '应提供的服务及期限'),
        dataTable([
          { key: 'name', title: '服务事项' },
          { key: 'items', title: '应提供' },
          { key: 'clause_text', title: '依据' },
          { key: 'deadline', title: '期限', render: deadlineCell },
          { key: 'status_label', title: '状态', render: (o) => h('span', { class: STATUS_CLASS[o.status] ?? '', dataset: { package: o.package_id, status: o.status } }, o.status_label) },
          { key: 'missing', title: '还需', render: (o) => o.missing || '—' },
        ], cur.obligations ?? [], { empty: '暂无应提供的服务事项' })));
    }
    // 返乡未就业人员跟踪服务 from partner comparisons (跨省比对, #18).
    if (services.linkage_followups?.length) out.push(linkageFollowupsSection(services.linkage_followups));
    const records = [...(services.records ?? [])].reverse();
    const recSection = h('section', { class: 'card', 'data-testid': 'records' }, h('h2', {}, '服务记录'),
      dataTable([
        { key: 'delivered_on', title: '服务日期' },
        { key: 'kind_label', title: '服务' },
        { key: 'job', title: '推荐岗位', render: jobText },
        { key: 'outcome', title: '结果', render: (r) => r.outcome || '—' },
        { key: 'officer', title: '经办人', render: (r) => r.officer_name || r.officer || '—' },
      ], records, { empty: '尚无服务记录' }));
    if (regs.some((r) => r.status === 'open') || regs.length) recSection.append(recordForm(p, user, reload));
    out.push(recSection);
    const recs = records.filter((r) => r.kind === 'job_recommendation');
    out.push(h('section', { class: 'card', 'data-testid': 'recommendations' }, h('h2', {}, '岗位推荐'),
      dataTable([
        { key: 'delivered_on', title: '推荐日期' },
        { key: 'job', title: '岗位', render: jobText },
        { key: 'employer_name', title: '用人单位', render: (r) => r.employer_name || '—' },
        { key: 'job_place', title: '工作地点', render: (r) => r.job_place || '—' },
        { key: 'hired_on', title: '结果', render: (r) => (r.hired_on ? `已录用（${r.hired_on}）` : (r.outcome || '待反馈')) },
      ], recs, { empty: '尚无岗位推荐' }),
      h('p', {}, h('a', { href: 'match.html' }, '到“岗位推荐”为该人员查找岗位 →'))));
  }
  if (!entitlements) {
    out.push(unavailable('享受政策与资金', errors.entitlements, '享受政策与资金'));
  } else {
    out.push(h('section', { class: 'card', 'data-testid': 'entitlements' }, h('h2', {}, '享受政策与资金'),
      dataTable([
        { key: 'title', title: '政策' },
        { key: 'clauses', title: '依据', render: (e) => (e.clauses ?? []).join('、') || '—' },
        { key: 'period', title: '期间', render: (e) => e.period || '—' },
        { key: 'amount', title: '金额', num: true, render: (e) => (e.loan ? `贷款额度 ${e.amount}` : e.amount) },
        { key: 'fund_label', title: '资金渠道' },
        { key: 'status_label', title: '状态' },
        { key: 'decided_at', title: '审核时间', render: (e) => (e.decided_at ? formatTime(e.decided_at) : '—') },
      ], entitlements, { empty: '暂无享受政策记录' })));
  }
  if (!benefits) out.push(unavailable('失业保险金与转介民政', errors.benefits, '失业保险待遇'));
  else out.push(...benefitSections(benefits));
  if (!training) {
    out.push(unavailable('推荐培训课程与一人一策', errors.training, '推荐培训课程'));
  } else {
    out.push(...adviceSections(training, { onPlan: async (r, enrol) => {
      try {
        await api.post(`/api/training/persons/${p.person_id}/plan`, { course_id: r.course.course_id, reason: r.reason, enrol });
        showOk(`已将“${r.course.title}”列入一人一策${enrol ? '并报名' : ''}`);
        await reload();
      } catch { /* shown by api.js */ }
    } }));
  }
  return out;
}

function jobText(r) {
  if (!r.job_id) return '—';
  return r.job_title ? `${r.job_title}（编号 ${r.job_id}）` : `岗位编号 ${r.job_id}`;
}

// The form to record a delivered service. A recommendation picks a job
// open on the service date (the server checks it again): without a name
// typed, the jobs of the officer's county (a township has few of its own);
// with a name, any job of the province (jobs are public postings).
function recordForm(p, user, reload) {
  const jobSelect = h('select', { name: 'job_id', 'data-testid': 'rec-job' }, h('option', { value: '' }, '（请选择岗位）'));
  const jobFilter = h('input', { name: 'job_q', maxlength: '30', placeholder: '按岗位名称筛选', 'data-testid': 'rec-job-q' });
  const on = h('input', { type: 'date', name: 'on', value: today(), 'data-testid': 'rec-on' });
  const kind = h('select', { name: 'kind', 'data-testid': 'rec-kind' },
    Object.entries(KINDS).map(([v, t]) => h('option', { value: v, selected: v === 'job_recommendation' }, t)));
  const jobRow = h('div', { class: 'wide filters', 'data-testid': 'rec-job-row' },
    h('label', {}, '岗位名称', jobFilter), h('label', {}, '推荐岗位', jobSelect));
  // The list reloads after typing (debounced) and when the date changes; a
  // reload never takes away the job the user has chosen: it stays selected
  // (kept at the top if the new list lacks it), and an answer older than the
  // latest request is dropped. data-loads counts the reloads (for tests).
  let asked = 0;
  async function loadJobs() {
    const mine = ++asked;
    try {
      const q = jobFilter.value.trim();
      const region = q ? '' : (user.region_code || '').slice(0, 6);
      const r = await api.get('/api/jobs', { region, q, open_on: on.value, limit: 100 }, { quiet: true });
      if (mine !== asked) return;
      const day = on.value;
      const open = (r.items ?? []).filter((j) => j.open_on <= day && (!j.close_on || j.close_on >= day));
      const chosen = jobSelect.selectedOptions[0];
      const keep = chosen && chosen.value && !open.some((j) => String(j.job_id) === chosen.value) ? chosen : null;
      jobSelect.replaceChildren(h('option', { value: '' }, open.length || keep ? '（请选择岗位）' : '（没有符合条件的在招岗位）'),
        ...(keep ? [keep] : []),
        ...open.map((j) => h('option', { value: String(j.job_id) },
          `${j.title} — ${j.employer_name || '用人单位未登记'} — ${j.place_name || ''}`)));
      if (chosen && chosen.value) jobSelect.value = chosen.value;
      jobSelect.dataset.loads = String(Number(jobSelect.dataset.loads ?? 0) + 1);
    } catch { /* the select stays as it is */ }
  }
  let timer;
  jobFilter.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(loadJobs, 300); });
  on.addEventListener('change', loadJobs);
  kind.addEventListener('change', () => { jobRow.hidden = kind.value !== 'job_recommendation'; });
  const form = h('form', { class: 'filters', id: 'record-form', 'data-testid': 'record-form' },
    h('h3', { class: 'wide' }, '记录服务'),
    h('label', {}, '服务类型', kind),
    h('label', {}, '服务日期', on),
    jobRow,
    h('label', { class: 'wide' }, '结果', h('input', { name: 'outcome', maxlength: '100', 'data-testid': 'rec-outcome' })),
    h('div', { class: 'actions wide' }, h('button', { type: 'submit', 'data-testid': 'rec-submit' }, '保存')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const v = formValues(form);
    if (v.kind === 'job_recommendation' && !v.job_id) {
      showError('岗位推荐须选择推荐的岗位');
      return;
    }
    const body = { person_id: p.person_id, kind: v.kind, on: v.on, outcome: v.outcome };
    if (v.kind === 'job_recommendation') body.job_id = Number(v.job_id);
    try {
      await api.post('/api/services/records', body);
      showOk(`已记录：${KINDS[v.kind]}`);
      await reload();
    } catch { /* shown by api.js */ }
  });
  loadJobs();
  return form;
}

function contractKind(c) {
  const parts = [];
  if (c.flexible) parts.push('灵活就业');
  if (c.new_form) parts.push('新就业形态');
  if (c.place && c.place !== '本县务工') parts.push(c.place);
  if (c.organised_via) parts.push(c.organised_via_label);
  return parts.join('、') || '单位就业';
}

function parseDiff(change) {
  const d = change.diff ?? change.diff_json;
  if (!d) return {};
  if (typeof d === 'object') return d;
  try { return JSON.parse(d); } catch { return { 内容: [null, d] }; }
}

// Fields whose values are codes, shown by their Chinese label.
const VALUE_LABELS = { sex: SEX, education: EDUCATION };

function show(v, field) {
  if (VALUE_LABELS[field] && typeof v === 'string') return label(VALUE_LABELS[field], v);
  if (field === 'groups' && Array.isArray(v)) return v.map((g) => label(GROUPS, typeof g === 'string' ? g : g.group)).join('、') || '（空）';
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'boolean') return yesNo(v);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function timeline(changes) {
  if (!changes.length) return h('div', { class: 'empty' }, '暂无变更记录');
  const sorted = [...changes].sort((a, b) => String(b.at).localeCompare(String(a.at)));
  return h('ol', { class: 'timeline', 'data-testid': 'history' }, sorted.map((c) => {
    const diff = parseDiff(c);
    const items = Object.entries(diff).map(([field, pair]) => {
      const [from, to] = Array.isArray(pair) ? pair : [null, pair];
      const name = FIELDS[field] ?? field;
      return c.op === 'insert' ? h('li', {}, `${name}：${show(to, field)}`) : h('li', {}, `${name}：${show(from, field)} → ${show(to, field)}`);
    });
    return h('li', {},
      h('div', { class: 'when' }, formatTime(c.at), ' · ', actorText(c.actor, c.actor_name)),
      h('strong', {}, label(CHANGE_OPS, c.op)),
      items.length ? h('ul', { class: 'diff' }, items) : null);
  }));
}

// Who made a change: an import, the generated data, or an officer by the
// name the server gives (display name and unit, never the account name).
function actorText(actor, name) {
  if (!actor) return '系统';
  if (actor.startsWith('import:')) return `批量导入（${actor.slice(7)}）`;
  if (actor.startsWith('gen:')) return name || '初始化数据';
  if (actor === 'gen' || actor.startsWith('gen')) return '初始化数据';
  return name || actor;
}

export function formatTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

// The reveal form: which field, and the reason (required, audited).
function revealForm(p, cells) {
  const form = h('form', { class: 'filters', 'data-testid': 'reveal-form' },
    h('label', {}, '查看完整号码',
      h('select', { name: 'field' }, h('option', { value: 'id_number' }, '公民身份号码'), h('option', { value: 'phone' }, '联系电话'))),
    h('label', { class: 'wide' }, '查看事由（必填，将记入审计日志）', h('input', { name: 'reason', maxlength: '200' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, '查看')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const { field, reason } = formValues(form);
    if (!reason) { showError('请填写查看事由'); return; }
    try {
      const r = await api.post(`/api/persons/${p.person_id}/reveal`, { field, reason });
      const cell = cells[field];
      const masked = cell.textContent;
      cell.textContent = r.value;
      showOk('已显示完整号码，30 秒后自动隐藏；本次查看已记入审计日志。');
      setTimeout(() => { cell.textContent = masked; }, 30000);
    } catch { /* shown by api.js */ }
  });
  return h('details', {}, h('summary', { class: 'muted' }, '查看完整号码（需授权）'), form);
}
