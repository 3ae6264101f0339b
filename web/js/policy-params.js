// The parameter browser: every amount, rate, limit and valid-until date of
// R1–R18 with its clause, the reading taken, whether it is assumed, and its
// dated history (GET /api/policy/params). Values read as users read them:
// amounts in 元, rates in %, regions and local overrides by name; the
// parameter's file key is only a tooltip (for the officials who edit the
// files).
import { api } from './api.js';
import { dataTable, h } from './dom.js';
import { policyShell } from './policy-common.js';
import { regionName } from './regions.js';

const UNITS = {
  fen: '元', percent_bp: '%', months: '个月', years: '年', count: '人（个）', date: '日期', bool: '是/否', region: '区划',
};

const { page } = await policyShell('政策参数（黔府发〔2023〕12号）');
const r = await api.get('/api/policy/params');

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
// Free text that refers to another parameter by its key names it instead.
const described = new Map(r.parameters.map((p) => [p.name, p.description]));
const prose = (t) => (t ?? '').replace(/\b[a-z]\w*\.[a-z_]+\b/g, (k) => (described.has(k) ? `“${described.get(k)}”` : k));
const history = (p, vs) => vs.map((v) => `自 ${v.from}：${show(p, v.value)}`).join('；');
page.append(h('div', { class: 'params-table' }, dataTable([
  { key: 'description', title: '参数', render: (p) => h('span', { title: `参数文件键：${p.name}（${p.file}）` }, p.description) },
  { key: 'reference_text', title: '条款' },
  { key: 'unit', title: '单位', render: (p) => UNITS[p.unit] ?? '—' },
  { title: '取值历史', render: (p) => history(p, p.values) },
  { title: '地方调整', render: (p) => Object.entries(p.overrides).map(([k, vs]) => `${names.get(k) ?? k}：${history(p, vs)}`).join('\n') || '—' },
  { title: '解读/假定', render: (p) => [prose(p.interpretation), p.assumed ? `（假定）${prose(p.note)}` : ''].filter(Boolean).join(' ') },
], r.parameters, { caption: '各项金额、比例、期限均以参数文件为准，按生效日期分段；鼠标悬停参数名可见其参数文件键' })));
