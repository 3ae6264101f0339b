// 政策找企业 / 免申即享: the officer runs a sweep, reviews the entitlements
// found (grouped by rule, fund and county) and approves them in a batch;
// each is paid exactly once (POST /api/policy/approve with an
// Idempotency-Key for single approvals).
import { api } from './api.js';
import { showOk } from './messages.js';
import { dataTable, h } from './dom.js';
import { decisionBlock, policyShell, yuan } from './policy-common.js';

const { user, page } = await policyShell('享受资格审核（免申即享）');
const scope = user.region_code ?? '';
const list = h('div', { id: 'list' });
const detail = h('div', { id: 'detail' });

const sweepForm = h('form', { class: 'filters' },
  h('label', {}, '决定日期 ', h('input', { name: 'date', type: 'date', required: true,
    value: new Date().toISOString().slice(0, 10) })),
  h('label', {}, '区域代码 ', h('input', { name: 'region', value: scope })),
  h('button', { type: 'submit' }, '查找享受资格'));
sweepForm.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = new FormData(sweepForm);
  const r = await api.post('/api/policy/sweep', { date: f.get('date'), region: f.get('region') });
  showOk(`找到 ${r.entitlements} 项享受资格，新增待审核 ${r.added} 项`);
  await load();
});

const filterForm = h('form', { class: 'filters' },
  h('label', {}, '状态 ', h('select', { name: 'status' },
    ['proposed', 'paid', 'approved', 'reversed', ''].map((s) =>
      h('option', { value: s }, { proposed: '待审核', paid: '已支付', approved: '已转银行', reversed: '已冲正', '': '全部' }[s])))),
  h('label', {}, '规则 ', h('input', { name: 'rule', placeholder: 'R1…R18' })),
  h('button', { type: 'submit' }, '筛选'),
  h('button', { type: 'button', id: 'approve-all', onclick: approveAll }, '全部审核通过并支付'));
filterForm.addEventListener('submit', (ev) => { ev.preventDefault(); load(); });

async function load() {
  const f = new FormData(filterForm);
  const r = await api.get('/api/policy/entitlements', { status: f.get('status'), rule: f.get('rule'), region: scope });
  const groups = new Map();
  for (const e of r.entitlements) {
    const k = `${e.rule}|${e.fund}|${e.county_code}`;
    const g = groups.get(k) ?? { rule: e.rule, fund: e.fund, county: e.county_code, n: 0, fen: 0 };
    g.n += 1;
    g.fen += e.amount_fen;
    groups.set(k, g);
  }
  list.replaceChildren(
    h('h2', {}, '按规则、资金、县汇总'),
    dataTable([{ key: 'rule', title: '规则' }, { key: 'fund', title: '资金' }, { key: 'county', title: '县' },
      { key: 'n', title: '人次', num: true }, { title: '金额', num: true, render: (g) => yuan(g.fen) }], [...groups.values()]),
    h('h2', {}, '明细'),
    dataTable([
      { key: 'rule', title: '规则' }, { key: 'title', title: '政策' }, { key: 'beneficiary', title: '对象' },
      { key: 'county_code', title: '县' }, { key: 'amount', title: '金额', num: true }, { key: 'status', title: '状态' },
      { title: '操作', render: (e) => h('span', {},
        h('button', { type: 'button', class: 'secondary', onclick: () => detail.replaceChildren(decisionBlock(e.explanation)) }, '理由'),
        e.status === 'proposed' ? h('button', { type: 'button', onclick: () => approveOne(e.once_key) }, '通过') : null) },
    ], r.entitlements));
}

async function approveOne(key) {
  const res = await fetchApprove({ once_keys: [key] }, crypto.randomUUID());
  showOk(res.results[0].outcome === 'paid' ? '已支付' : '此前已处理，未重复支付');
  await load();
}

async function approveAll() {
  const f = new FormData(filterForm);
  const res = await fetchApprove({ all: true, region: scope, rule: f.get('rule') ?? '' });
  const paid = res.results.filter((x) => x.outcome === 'paid');
  showOk(`支付 ${paid.length} 笔，合计 ${yuan(paid.reduce((s, x) => s + x.amount_fen, 0))}`);
  await load();
}

// A single approval carries an idempotency key (in the body: api.js sets
// no custom headers), so a double click or a retry pays once.
function fetchApprove(body, idempotencyKey) {
  return api.post('/api/policy/approve', idempotencyKey ? { ...body, idempotency_key: idempotencyKey } : body);
}

page.append(h('h2', {}, '政策找企业'), sweepForm, h('h2', {}, '待审核清单'), filterForm, list, detail);
await load();
