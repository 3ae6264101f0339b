// The parameter browser: every amount, rate, limit and valid-until date of
// R1–R18 with its clause, the reading taken, whether it is assumed, and its
// dated history (GET /api/policy/params). Values read as users read them:
// amounts in 元, rates in %, regions and local overrides by name; the
// parameter's file key is only a tooltip (for the officials who edit the
// files).
//
// Changes without a release (issue #14, GET/POST /api/policy/param-changes):
// a province-level officer proposes a new value from an effective date with
// the document and clause it rests on; another officer holding 审批政策参数
// approves or rejects it (never the proposer); the values above then show
// it from its date, and the history below lists every change.
import { api } from './api.js';
import { dataTable, formValues, h } from './dom.js';
import { clearMessages, showOk } from './messages.js';
import { policyShell } from './policy-common.js';
import { regionName } from './regions.js';

const UNITS = {
  fen: '元', percent_bp: '%', months: '个月', years: '年', count: '人（个）', date: '日期', bool: '是/否', region: '区划',
};

const { page } = await policyShell('政策参数（黔府发〔2023〕12号）');
const r = await api.get('/api/policy/params');
// The changes: officers and auditors (others see the values only).
const changes = await api.get('/api/policy/param-changes', null, { quiet: true }).catch(() => null);

// Region codes used as values or override keys, named once.
const codes = new Set();
for (const p of r.parameters) {
  for (const k of Object.keys(p.overrides)) codes.add(k);
  if (p.unit === 'region') for (const v of p.values) if (v.value != null) codes.add(String(v.value));
}
const names = new Map(await Promise.all([...codes].map(async (c) => [c, await regionName(c)])));

function show(p, value) {
  if (value === null) return '停止';
  switch (p.unit) {
    case 'fen': return `${(value / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
    case 'percent_bp': return `${(value / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}%`;
    case 'months': return `${value} 个月`;
    case 'years': return `${value} 年`;
    case 'bool': return value ? '是' : '否';
    case 'region': return names.get(String(value)) ?? String(value);
    default: return String(value);
  }
}
// Free text that refers to another parameter by its key names it instead;
// a source file is cited by its title, not its path; the files' literal
// values read in Chinese (false → 否, true → 是, null → 未设定).
const described = new Map(r.parameters.map((p) => [p.name, p.description]));
const SOURCE_TITLES = {
  'data/wages/guizhou_min_wage_NOTES.md': '《贵州省最低工资标准核查记录》（平台资料）',
};
const LITERALS = { false: '否', true: '是', null: '未设定' };
const prose = (t) => (t ?? '')
  .replace(/(?<![\w/.-])(?:[\w-]+\/)+[\w.-]+\.(?:md|ya?ml|csv|json|txt)\b/g, (path) => SOURCE_TITLES[path] ?? '平台参数说明资料')
  .replace(/\b[a-z]\w*\.[a-z_]+\b/g, (k) => (described.has(k) ? `“${described.get(k)}”` : k))
  .replace(/(?<![A-Za-z_])(false|true|null)(?![A-Za-z_])/g, (w) => LITERALS[w]);
const history = (p, vs) => vs.map((v) => `自 ${v.from}：${show(p, v.value)}`).join('；');

const editable = new Set(changes?.editable ?? []);
const formBox = h('div', { id: 'param-change-form' });
const columns = [
  { key: 'description', title: '参数', render: (p) => h('span', { title: `参数文件键：${p.name}（${p.file}）`, 'data-testid': `param-${p.name}` }, p.description) },
  { key: 'reference_text', title: '条款' },
  { key: 'unit', title: '单位', render: (p) => UNITS[p.unit] ?? '—' },
  { title: '取值历史', render: (p) => h('span', { 'data-testid': `values-${p.name}` }, history(p, p.values)) },
  { title: '地方调整', render: (p) => Object.entries(p.overrides).map(([k, vs]) => `${names.get(k) ?? k}：${history(p, vs)}`).join('\n') || '—' },
  { title: '解读/假定', render: (p) => [prose(p.interpretation), p.assumed ? `（假定）${prose(p.note)}` : ''].filter(Boolean).join(' ') },
];
if (changes?.may_propose) {
  columns.push({ title: '调整', render: (p) => (editable.has(p.name)
    ? h('button', { type: 'button', class: 'secondary', 'data-testid': `propose-${p.name}`, onclick: () => proposeForm(p) }, '提出调整')
    : h('span', { class: 'muted' }, '随文件发布')) });
}

// ---- proposing (province-level officers) ----
function dayAfter(iso) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function valueInput(p) {
  switch (p.unit) {
    case 'fen': return h('label', {}, '新的金额（元）', h('input', { name: 'value', type: 'number', min: 0, step: '0.01', required: true }));
    case 'percent_bp': return h('label', {}, '新的比例（%）', h('input', { name: 'value', type: 'number', min: 0, max: 100, step: '0.01', required: true }));
    case 'date': return h('label', {}, '新的日期', h('input', { name: 'value', type: 'date', required: true }));
    case 'bool': return h('label', {}, '新的取值', h('select', { name: 'value' }, h('option', { value: '1' }, '是'), h('option', { value: '0' }, '否')));
    default: return h('label', {}, `新的取值（${UNITS[p.unit] ?? ''}）`, h('input', { name: 'value', type: 'number', min: 0, step: 1, required: true }));
  }
}

// The value in the parameter's unit as the API takes it (fen, basis points, days).
function toApi(p, text) {
  switch (p.unit) {
    case 'fen':
    case 'percent_bp': return Math.round(Number(text) * 100);
    case 'date': return Math.round(Date.parse(`${text}T00:00:00Z`) / 86400000);
    default: return Number.parseInt(text, 10);
  }
}

function proposeForm(p) {
  clearMessages();
  const current = p.values.length ? show(p, p.values[p.values.length - 1].value) : '—';
  const stop = h('input', { type: 'checkbox', name: 'stop' });
  const form = h('form', { class: 'card grid', 'data-testid': 'propose-form' },
    h('h2', {}, `调整：${p.description}`),
    h('p', { class: 'muted' }, `现行取值：${current}（${p.reference_text}）。新值自生效日期起执行，此前已作出的决定不变；经另一名有审批权限的经办人员批准后生效。`),
    valueInput(p),
    h('label', { class: 'check' }, stop, '自生效日期起停止执行（不再有取值）'),
    h('label', {}, '生效日期（须晚于今天）', h('input', { name: 'from', type: 'date', required: true, min: dayAfter(changes.today) })),
    h('label', {}, '依据文件（文号）', h('input', { name: 'document', required: true, placeholder: '如：黔人社发〔2026〕3号' })),
    h('label', {}, '依据条款', h('input', { name: 'clause', required: true, placeholder: '如：第二条第（一）项' })),
    h('label', {}, '调整说明', h('textarea', { name: 'reason', required: true, rows: 2 })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, '提交审批'),
      h('button', { type: 'button', class: 'secondary', onclick: () => formBox.replaceChildren() }, '取消')));
  stop.addEventListener('change', () => {
    const v = form.querySelector('[name=value]');
    v.disabled = stop.checked;
    v.required = !stop.checked;
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearMessages();
    const v = formValues(form);
    const body = { name: p.name, value: stop.checked ? null : toApi(p, v.value), from: v.from,
      document: v.document, clause: v.clause, reason: v.reason };
    const made = await api.post('/api/policy/param-changes', body);
    showOk(`已提交审批：${made.description}，自 ${made.from} 起 ${made.old_text} → ${made.value_text}`);
    formBox.replaceChildren();
    await drawChanges();
  });
  formBox.replaceChildren(form);
  form.scrollIntoView?.({ block: 'nearest' });
}

// ---- pending and history ----
const pendingBox = h('section', { class: 'card', id: 'param-pending' });
const historyBox = h('section', { class: 'card', id: 'param-history' });

async function decide(c, approve) {
  clearMessages();
  let body = {};
  if (!approve) {
    const note = prompt(`驳回“${c.description}”的调整，请写明理由：`);
    if (!note) return;
    body = { note };
  }
  const done = await api.post(`/api/policy/param-changes/${c.change_id}/${approve ? 'approve' : 'reject'}`, body);
  showOk(`${approve ? '已批准' : '已驳回'}：${done.description}，自 ${done.from} 起 ${done.old_text} → ${done.value_text}`);
  if (approve) location.reload();  // the values above now include it
  else await drawChanges();
}

async function drawChanges(fresh = true) {
  const data = fresh ? await api.get('/api/policy/param-changes') : changes;
  const pending = data.items.filter((c) => c.status === 'proposed');
  const cite = (c) => `${c.document} ${c.clause}`;
  pendingBox.replaceChildren(h('h2', {}, `待审批的调整（${pending.length} 项）`),
    dataTable([
      { title: '参数', key: 'description' },
      { title: '调整', render: (c) => h('span', { 'data-testid': `pending-${c.change_id}` }, `自 ${c.from} 起 ${c.old_text} → ${c.value_text}`) },
      { title: '依据', render: cite },
      { title: '说明', key: 'reason' },
      { title: '提出', render: (c) => `${c.proposed_by_name}（${c.proposed_at}）` },
      { title: '审批', render: (c) => {
        if (!data.may_approve) return h('span', { class: 'muted' }, '待有审批权限的经办人员审批');
        if (c.proposed_by === data.me) return h('span', { class: 'muted', 'data-testid': `own-${c.change_id}` }, '本人提出，须由另一名有审批权限的经办人员审批');
        return h('div', { class: 'actions' },
          h('button', { type: 'button', 'data-testid': `approve-${c.change_id}`, onclick: () => decide(c, true) }, '批准'),
          h('button', { type: 'button', class: 'secondary', 'data-testid': `reject-${c.change_id}`, onclick: () => decide(c, false) }, '驳回'));
      } },
    ], pending, { empty: '没有待审批的调整' }));
  historyBox.replaceChildren(h('h2', {}, '调整历史'),
    dataTable([
      { title: '参数', key: 'description' },
      { title: '原值', key: 'old_text' },
      { title: '新值', key: 'value_text' },
      { title: '生效日期', key: 'from' },
      { title: '依据', render: cite },
      { title: '说明', key: 'reason' },
      { title: '提出人', render: (c) => `${c.proposed_by_name}（${c.proposed_at}）` },
      { title: '审批人', render: (c) => (c.decided_by ? `${c.decided_by_name}（${c.decided_at}）` : '—') },
      { title: '状态', render: (c) => h('span', { 'data-testid': `history-status-${c.change_id}` },
        c.status_label + (c.decision_note ? `：${c.decision_note}` : '')) },
    ], data.items, { empty: '尚无调整记录：各项取值均为随文件发布的取值' }));
}

page.append(formBox);
if (changes) {
  page.append(pendingBox);
  await drawChanges(false);
}
page.append(h('div', { class: 'params-table' }, dataTable(columns, r.parameters,
  { caption: '各项金额、比例、期限均以参数文件为准，按生效日期分段；经审批的调整自其生效日期起执行；鼠标悬停参数名可见其参数文件键' })));
if (changes) page.append(historyBox);
page.dataset.ready = '1';
