// 政策找企业 / 免申即享: the officer runs a sweep, reviews the entitlements
// found (each decision's explanation opens in its own row) and submits them
// for approval (提交审批) as a payment batch. A second officer holding the
// 审批支付 grant opens the batch — count and total per fund, loans apart
// from subsidies, the beneficiaries' names with masked ID numbers, each
// explanation inline — and approves it after a confirmation. Nothing is
// paid any other way (POST /api/policy/batches, …/{id}/approve; issue #14).
// Each entitlement's 复核/申诉 opens its decision replayed from the record
// beside the decision under today's parameters (policy-appeal.js, #17 §2).
import { api, today } from './api.js';
import { ENTITLEMENT_STATUS, SUPERVISION_CHECKS, chinaTime, label } from './labels.js';
import { canSupervise } from './layout.js';
import { showError, showInfo, showOk } from './messages.js';
import { dataTable, h } from './dom.js';
import { openAppeal } from './policy-appeal.js';
import { decisionBlock, policyShell, yuan } from './policy-common.js';
import { regionText } from './regions.js';
import { regionSearchPicker } from './picker.js';

const { user, page } = await policyShell('享受资格审核（免申即享）');
const scope = user.region_code ?? '';
// Controls a role cannot use are not shown to it.
const mayApprove = user.role === 'officer' && (user.grants ?? []).includes('approve_payment');
const list = h('div', { id: 'list' });
const batchesBox = h('div', { id: 'batches' });

// A modal confirmation; resolves true only on the confirm button.
function confirmDialog(title, body, okText) {
  return new Promise((resolve) => {
    const dlg = h('dialog', { id: 'confirm-dialog', class: 'card' },
      h('h2', {}, title), body,
      h('p', {},
        h('button', { type: 'button', id: 'confirm-ok', onclick: () => { dlg.close(); resolve(true); } }, okText),
        ' ',
        h('button', { type: 'button', class: 'secondary', id: 'confirm-cancel',
          onclick: () => { dlg.close(); resolve(false); } }, '取消')));
    dlg.addEventListener('close', () => { dlg.remove(); resolve(false); });
    document.body.append(dlg);
    dlg.showModal();
  });
}

// The explanation of one decision, opened in place.
function reasonCell(explanation) {
  return h('details', { class: 'reason' }, h('summary', {}, '理由'), decisionBlock(explanation));
}

const sweepForm = h('form', { class: 'filters' },
  h('label', {}, '决定日期 ', h('input', { name: 'date', type: 'date', required: true,
    value: today() })),
  regionSearchPicker({ label: '区域', name: 'region', value: scope, deepest: 'county' }),
  h('button', { type: 'submit' }, '查找享受资格'));
// The sweep runs on the server as a job (a province takes minutes): its
// progress, county by county, shows under the form until it ends. After a
// reload, and for the other officers of the region, the page finds the
// region's running or latest sweep (GET /api/policy/sweep) and shows it
// with who started it; a township's sweep says it is written in one step.
const sweepProgress = h('div', { id: 'sweep-progress', 'aria-live': 'polite' });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const n = (x) => Number(x).toLocaleString('zh-CN');
let watching = null;  // the job id being followed

function sweepWho(s) {
  const when = s.started_at ? new Date(s.started_at).toLocaleString('zh-CN', { hour12: false }) : '';
  return `${s.region_name}，决定日期 ${s.date}，${s.mine ? '由本人' : `由 ${s.started_by} `}于 ${when} 发起`;
}

// Follows job `id` until it ends; `announce` shows the outcome as messages
// (the sweep started here), otherwise only in the progress box.
async function watchSweep(id, announce) {
  watching = id;
  const button = sweepForm.querySelector('button[type=submit]');
  const bar = h('progress', { max: 100, value: 0 });
  const label = h('span', { 'data-testid': 'sweep-label' }, '已开始');
  const who = h('p', { class: 'muted', 'data-testid': 'sweep-who' });
  const note = h('p', { class: 'muted', 'data-testid': 'sweep-scope-note', hidden: true });
  sweepProgress.dataset.state = 'running';
  sweepProgress.replaceChildren(h('p', {}, '政策找企业：', label), bar, who, note);
  button.disabled = true;
  try {
    for (;;) {
      const s = await api.get(`/api/policy/sweep/${id}`);
      if (watching !== id) return;
      who.textContent = sweepWho(s);
      note.textContent = s.scope_note ?? '';
      note.hidden = !s.scope_note;
      bar.value = s.state === 'done' ? 100 : s.counties_total ? Math.round((100 * s.counties_done) / s.counties_total) : 0;
      label.textContent = s.progress_text;
      if (s.state === 'failed') {
        sweepProgress.dataset.state = 'failed';
        if (announce) showError(s.result?.message ?? '政策找企业未完成');
        else label.textContent = `未完成：${s.result?.message ?? ''}`;
        return;
      }
      if (s.state === 'done') {
        const r = s.result;
        sweepProgress.dataset.state = 'done';
        label.textContent = `${s.progress_text}；找到 ${n(r.entitlements)} 项享受资格，新增待审核 ${n(r.added)} 项`;
        if (announce) {
          showOk(`找到 ${r.entitlements} 项享受资格，新增待审核 ${r.added} 项`);
          // Earlier proposals whose decision changed since: withdrawn or re-proposed.
          if (r.message) showInfo(r.message);
          // Fund supervision's cross-checks (资金监管): what they hold is not paid.
          if (r.supervision?.message) showInfo(r.supervision.message);
        }
        await load();
        return;
      }
      await sleep(500);
    }
  } catch {
    sweepProgress.dataset.state = 'failed';
  } finally {
    if (watching === id) button.disabled = false;
  }
}

sweepForm.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = new FormData(sweepForm);
  // Whatever the box showed (a sweep found on opening) is not this one.
  watching = 'starting';
  sweepProgress.dataset.state = 'starting';
  sweepProgress.replaceChildren(h('p', {}, '政策找企业：正在开始…'));
  let started;
  try {
    started = await api.post('/api/policy/sweep', { date: f.get('date'), region: f.get('region') });
  } catch {
    watching = null;
    sweepProgress.replaceChildren();
    delete sweepProgress.dataset.state;
    return;
  }
  await watchSweep(started.job_id, true);
});

// The region's running or latest sweep, as the page opens.
async function findSweep() {
  if (user.role !== 'officer') return;
  let found;
  try {
    found = await api.get('/api/policy/sweep', { region: scope }, { quiet: true });
  } catch {
    return;
  }
  const latest = found.items?.[0];
  if (latest && !watching) await watchSweep(latest.job_id, false);
}

// The rule filter: the subsidies by title (the codes stay in the values).
const ruleSelect = h('select', { name: 'rule', 'data-testid': 'rule-filter' }, h('option', { value: '' }, '全部政策'));
api.get('/api/policy/params', null, { quiet: true }).then((r) => {
  for (const x of r.rules ?? []) ruleSelect.append(h('option', { value: x.rule, title: x.clause }, x.title));
}).catch(() => {});

const filterForm = h('form', { class: 'filters' },
  h('label', {}, '状态 ', h('select', { name: 'status' },
    ['proposed', 'held', 'paid', 'approved', 'reversed', 'withdrawn', 'improper', ''].map((s) =>
      h('option', { value: s }, s ? ENTITLEMENT_STATUS[s] : '全部')))),
  h('label', {}, '政策 ', ruleSelect),
  h('button', { type: 'submit' }, '筛选'),
  h('button', { type: 'button', id: 'submit-batch', onclick: submitBatch }, '提交审批'));
filterForm.addEventListener('submit', (ev) => { ev.preventDefault(); load(); });

const statusText = (e) => ENTITLEMENT_STATUS[e.status] ?? e.status_label ?? e.status;

// Why fund supervision holds an entitlement (held, improper): the check
// and its finding when the row carries them, and where it is decided.
function holdHint(e) {
  if (e.status !== 'held' && e.status !== 'improper') return null;
  const hold = e.hold ?? {};
  const check = hold.check ?? e.hold_check;
  const why = [check ? label(SUPERVISION_CHECKS, check) : '', hold.summary ?? e.hold_summary ?? e.hold_reason ?? '']
    .filter(Boolean).join('：');
  const where = canSupervise(user)
    ? h('a', { href: 'supervision.html', 'data-testid': 'hold-link' }, '到资金监管页面查看证据')
    : '由市（州）资金监管人员核查（资金监管页面）';
  return h('small', { class: 'muted', 'data-testid': 'hold-hint' },
    e.status === 'held' ? `资金监管核查发现疑点，暂停支付${why ? `（${why}）` : ''}；` : `经核查认定违规，不予支付${why ? `（${why}）` : ''}；`,
    where);
}
const statusCell = (e) => (e.batch_id && e.status === 'proposed' ? `已提交批次 ${e.batch_id}`
  : h('span', {}, statusText(e), e.status === 'held' || e.status === 'improper' ? h('br') : null, holdHint(e)));

let shown = [];

async function load() {
  const f = new FormData(filterForm);
  const r = await api.get('/api/policy/entitlements', { status: f.get('status'), rule: f.get('rule'), region: scope });
  shown = r.entitlements;
  list.replaceChildren(
    h('p', { class: 'muted' }, '勾选要提交审批的享受资格；不勾选时提交全部符合筛选条件的待审核项。贷款另行汇总，转经办银行发放。'),
    dataTable([
      { title: '选择', render: (e) => (e.status === 'proposed' && !e.batch_id
        ? h('input', { type: 'checkbox', class: 'pick', value: e.once_key, 'aria-label': `选择 ${e.title}` }) : '') },
      { key: 'title', title: '政策' }, { title: '对象', render: who },
      { title: '县', render: (e) => regionText(e.county_code) },
      { title: '金额', num: true, render: (e) => `${e.loan ? '贷款 ' : ''}${yuan(e.amount_fen)}` },
      { title: '状态', render: statusCell },
      { title: '理由', render: (e) => reasonCell(e.explanation) },
      { title: '复核', render: (e) => h('button', { type: 'button', class: 'secondary', 'data-appeal': e.id,
        onclick: () => openAppeal(e.id).catch(() => { /* api.js has shown the reason */ }) }, '复核/申诉') },
    ], shown));
}

async function submitBatch() {
  const picked = [...list.querySelectorAll('input.pick:checked')].map((x) => x.value);
  const f = new FormData(filterForm);
  const rule = f.get('rule') ?? '';
  const chosen = picked.length ? shown.filter((e) => picked.includes(e.once_key))
    : shown.filter((e) => e.status === 'proposed' && !e.batch_id);
  const sub = chosen.filter((e) => !e.loan), loans = chosen.filter((e) => e.loan);
  const sum = (xs) => yuan(xs.reduce((s, e) => s + e.amount_fen, 0));
  const ok = await confirmDialog('提交审批',
    h('div', {},
      h('p', {}, picked.length ? `所选 ${picked.length} 项` : `全部符合条件的待审核享受资格${rule ? `（${ruleSelect.selectedOptions[0]?.textContent ?? ''}）` : ''}`),
      h('p', {}, `补贴 ${sub.length} 笔，合计 ${sum(sub)}`),
      loans.length ? h('p', {}, `创业担保贷款另计 ${loans.length} 笔，合计 ${sum(loans)}（转经办银行）`) : null,
      h('p', { class: 'muted' }, '提交后冻结为支付批次，须由有审批支付权限的人员审批后才支付。')),
    '确认提交');
  if (!ok) return;
  try {
    const body = picked.length ? { once_keys: picked } : { all: true, region: scope, rule };
    const b = await api.post('/api/policy/batches', body);
    showOk(`已提交支付批次 ${b.batch_id}：补贴 ${b.subsidy_count} 笔 ${yuan(b.subsidy_fen)}` +
      (b.loan_count ? `；贷款 ${b.loan_count} 笔 ${yuan(b.loan_fen)}` : ''));
    // Re-checked with today's rules: what was withdrawn or changed, and why.
    if (b.message) showInfo(b.message);
    if (b.supervision?.message) showInfo(b.supervision.message);
    await load();
    await loadBatches(b.batch_id);
  } catch (e) {
    if (!e.shown) showError(e.message);
  }
}

function fundTable(b) {
  const rows = b.funds.map((f) => ({ ...f }));
  return h('div', {},
    dataTable([
      { title: '资金', render: (f) => (f.loan ? `${f.fund_label}（贷款，转经办银行）` : f.fund_label) },
      { key: 'count', title: '笔数', num: true },
      { title: '合计', num: true, render: (f) => yuan(f.amount_fen) },
    ], rows, { caption: '按资金汇总' }),
    h('p', { 'data-testid': 'batch-totals' },
      h('strong', {}, `补贴合计 ${yuan(b.subsidy_fen)}（${b.subsidy_count} 笔）`),
      b.loan_count ? `；创业担保贷款另计 ${yuan(b.loan_fen)}（${b.loan_count} 笔，不由资金专户支付）` : ''));
}

// The beneficiary by name: a person with the masked ID number, an employer
// with its credit code (and the person it hired).
function who(e) {
  const x = e.beneficiary_info ?? {};
  const id = x.id_number ? `（${x.id_number}）` : x.credit_code ? `（${x.credit_code}）` : '';
  const person = x.person ? `；人员 ${x.person.name}（${x.person.id_number}）` : '';
  return `${x.name ?? e.beneficiary}${id}${person}`;
}

// The two-person rule as it applies: no amount when no limit is set (the
// server sends -1) or the limit is 0 (every batch needs two people).
function twoPersonText(b) {
  const max = b.single_officer_max_fen;
  if (max === undefined || max === null || max < 0) return '两人审批：未设单人审批限额，须由提交人以外的人员审批';
  if (max === 0) return '两人审批：每个批次均须由提交人以外的人员审批';
  return b.two_person
    ? `两人审批：合计超过单人审批限额 ${yuan(max)}，须由提交人以外的人员审批`
    : `合计不超过单人审批限额 ${yuan(max)}，提交人可自行审批`;
}

async function openBatch(id, holder) {
  const b = await api.get(`/api/policy/batches/${id}`);
  const approveArea = h('div', { class: 'approve-area' });
  if (mayApprove && b.status !== 'paid') {
    if (b.can_approve) {
      approveArea.append(h('button', { type: 'button', id: 'approve-batch', onclick: () => approve(b) }, '审批支付'));
    } else {
      approveArea.append(h('p', { class: 'muted', id: 'why-not-approve' }, b.why_not_approve));
    }
  }
  holder.replaceChildren(h('section', { class: 'card', 'data-testid': `batch-${b.batch_id}` },
    h('h3', {}, `支付批次 ${b.batch_id}：${b.status_label}`),
    h('p', {}, `提交审批：${b.submitted_by}（${chinaTime(b.submitted_at)}）` +
      (b.approved_by ? `；审批支付：${b.approved_by}（${chinaTime(b.approved_at)}）` : '')),
    h('p', { class: 'muted', 'data-testid': 'two-person' }, twoPersonText(b)),
    fundTable(b),
    b.held_count ? h('p', { class: 'warn', 'data-testid': 'batch-held' },
      `资金监管核查暂停支付并移出本批次 ${b.held_count} 笔，合计 ${yuan(b.held_fen)}，待监管人员核查`) : null,
    approveArea,
    dataTable([
      { key: 'title', title: '政策' },
      { title: '享受对象', render: who }, { title: '县', render: (e) => regionText(e.county_code) },
      { key: 'fund_label', title: '资金' },
      { title: '金额', num: true, render: (e) => `${e.loan ? '贷款 ' : ''}${yuan(e.amount_fen)}` },
      { title: '状态', render: statusCell },
      { title: '理由', render: (e) => reasonCell(e.explanation) },
    ], b.items, { caption: b.items_total > b.items.length
      ? `明细（显示前 ${b.items.length} 项，共 ${b.items_total} 项；汇总含全部）` : '明细' })));
}

async function approve(b) {
  const ok = await confirmDialog(`审批支付：批次 ${b.batch_id}`,
    h('div', {},
      b.funds.map((f) => h('p', {}, `${f.fund_label}${f.loan ? '（贷款，转经办银行）' : ''}：${f.count} 笔，${yuan(f.amount_fen)}`)),
      h('p', {}, h('strong', {}, `支付补贴合计 ${yuan(b.subsidy_fen)}`)),
      b.loan_count ? h('p', {}, `贷款 ${yuan(b.loan_fen)} 转经办银行，不从资金专户支付`) : null,
      h('p', { class: 'muted' }, `提交人：${b.submitted_by}；审批人：${user.username}。每个享受资格只支付一次。`)),
    '确认支付');
  if (!ok) return;
  try {
    const r = await api.post(`/api/policy/batches/${b.batch_id}/approve`, {});
    // The server says what was done; a batch whose items the cross-checks
    // all held paid nothing, which is not shown as a success.
    if (r.paid_nothing) {
      showInfo(r.message);
    } else {
      showOk(r.message);
    }
    await load();
    await loadBatches(b.batch_id);
  } catch (e) {
    if (!e.shown) showError(e.message);
  }
}

async function loadBatches(openId) {
  const r = await api.get('/api/policy/batches');
  const rows = r.batches;
  const table = dataTable([
    { key: 'batch_id', title: '批次' }, { key: 'status_label', title: '状态' },
    { title: '补贴', num: true, render: (b) => `${b.subsidy_count} 笔 ${yuan(b.subsidy_fen)}` },
    { title: '贷款（另计）', num: true, render: (b) => (b.loan_count ? `${b.loan_count} 笔 ${yuan(b.loan_fen)}` : '—') },
    { key: 'submitted_by', title: '提交人' }, { title: '审批人', render: (b) => b.approved_by || '—' },
    { title: '操作', render: (b) => h('button', { type: 'button', class: 'secondary', 'data-batch': b.batch_id,
      onclick: (ev) => openBatch(b.batch_id, ev.target.closest('tr').nextElementSibling.firstChild) }, '查看') },
  ], rows, { empty: '还没有支付批次' });
  // Each batch opens in a row right under its own.
  for (const tr of table.querySelectorAll?.('tbody tr') ?? []) {
    tr.after(h('tr', { class: 'batch-detail' }, h('td', { colspan: 7 })));
  }
  batchesBox.replaceChildren(table);
  if (openId) {
    const btn = batchesBox.querySelector(`button[data-batch="${openId}"]`);
    if (btn) await openBatch(openId, btn.closest('tr').nextElementSibling.firstChild);
  }
}

page.append(h('h2', {}, '政策找企业'), sweepForm, sweepProgress, h('h2', {}, '待审核清单'), filterForm, list,
  h('h2', {}, '支付批次（两人审批）'), batchesBox);
await load();
await loadBatches();
findSweep();  // not awaited: a running sweep is followed while the page is used
