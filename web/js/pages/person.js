// A person's page (#/person/{id}): the record's fields (identity fields
// masked by the server), 人员类别, certificates, contracts and the change
// history as a timeline. Officers with the reveal permission can see a full
// number for a stated reason (audited by the server).
import { api } from '../api.js';
import { dataTable, fieldList, formValues, h } from '../dom.js';
import { CERT_LEVELS, CHANGE_OPS, EDUCATION, FIELDS, GROUPS, SEX, label, yesNo } from '../labels.js';
import { showError, showOk } from '../messages.js';
import { regionText } from '../regions.js';

export async function render({ user, page, arg }) {
  const id = Number.parseInt(arg, 10);
  if (!Number.isSafeInteger(id) || id <= 0) {
    page.append(h('h1', {}, '人员信息'));
    showError('人员编号无效');
    return;
  }
  let person;
  try {
    person = await api.get(`/api/persons/${id}`);
  } catch (e) {
    // The server answers a person outside the caller's region exactly like
    // one that does not exist (404), so that nothing leaks; say both.
    const denied = e.status === 403 || e.status === 404;
    page.append(h('h1', {}, denied ? '无权访问或人员不存在' : '人员信息'),
      h('p', { class: 'muted' }, denied
        ? '该人员不存在，或不在您的管辖区域内（无权访问）。如确需办理，请联系其户籍地或常住地经办机构。'
        : '未能加载该人员的信息。'),
      h('p', {}, h('a', { href: '#/persons' }, '返回人员查询')));
    return;
  }
  renderPerson(page, person, user);
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

export function renderPerson(page, p, user) {
  const back = user.role === 'seeker' ? null : h('a', { href: '#/persons' }, '← 返回人员查询');
  page.append(
    h('div', { class: 'actions' }, back),
    h('h1', { 'data-testid': 'person-name' }, p.name ?? '人员信息', ' ', h('small', { class: 'muted' }, `编号 ${p.person_id ?? ''}`)));

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

  page.append(h('div', { class: 'grid two' }, basics, groups), certs, contracts, history);
}

function contractKind(c) {
  const parts = [];
  if (c.flexible) parts.push('灵活就业');
  if (c.new_form) parts.push('新就业形态');
  if (c.place && c.place !== '本县务工') parts.push(c.place);
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
      h('div', { class: 'when' }, formatTime(c.at), ' · ', actorText(c.actor)),
      h('strong', {}, label(CHANGE_OPS, c.op)),
      items.length ? h('ul', { class: 'diff' }, items) : null);
  }));
}

function actorText(actor) {
  if (!actor) return '系统';
  if (actor.startsWith('import:')) return `批量导入（${actor.slice(7)}）`;
  if (actor === 'gen' || actor.startsWith('gen')) return '初始化数据';
  return actor;
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
