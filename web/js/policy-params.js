// The parameter browser: every amount, rate, limit and valid-until date of
// R1–R18 with its clause, the reading taken, whether it is assumed, and its
// dated history (GET /api/policy/params).
import { api } from './api.js';
import { dataTable, h } from './dom.js';
import { policyShell } from './policy-common.js';

const { page } = await policyShell('政策参数（黔府发〔2023〕12号）');
const r = await api.get('/api/policy/params');
const history = (vs) => vs.map((v) => `自 ${v.from}：${v.value === null ? '停止' : v.value}`).join('；');
page.append(dataTable([
  { key: 'name', title: '参数' },
  { key: 'description', title: '说明' },
  { key: 'reference_text', title: '条款' },
  { key: 'unit', title: '单位' },
  { title: '取值历史', render: (p) => history(p.values) },
  { title: '地方调整', render: (p) => Object.entries(p.overrides).map(([k, vs]) => `${k}：${history(vs)}`).join('\n') || '—' },
  { title: '解读/假定', render: (p) => [p.interpretation, p.assumed ? `（假定）${p.note}` : ''].filter(Boolean).join(' ') },
], r.parameters, { caption: '金额单位：分；比例单位：基点（1% = 100）' }));
