// 贷款 (#/loans): guaranteed start-up loans (创业担保贷款, 正文（五）、附件3（七）（十）).
// Officers see the loans of their region (auditors the province) with the
// balance, the status, the counter-guarantee, the interest subsidy paid and
// what the guarantee fund is still owed after compensation, filtered by
// status. An officer also handles them: opens an application from an
// approved R14/R15 entitlement, approves it, records the disbursement and
// repayments, an extension, the fund's compensation, money recovered after
// it (追偿回款) and a whole or partial write-off (核销) — confirming before
// disbursement, compensation and write-off — and uploads the bank's files
// (放款/还款/逾期), whose row errors are listed with nothing written.
// Amounts are entered and shown in 元 and sent as integer fen. A seeker sees
// 我的贷款 — their own loans with each month's subsidy and the history.
import { api, today } from '../api.js';
import { dataTable, fieldList, formValues, h } from '../dom.js';
import { showError, showOk } from '../messages.js';
import { yuan } from '../labels.js';

const STATUSES = [
  ['', '全部'], ['applied', '已受理待审批'], ['approved', '已审批待放款'], ['disbursed', '已放款'], ['repaying', '还款中'],
  ['extended', '已展期'], ['overdue', '逾期'], ['compensated', '已代偿'], ['recovered', '已追偿结清'],
  ['written_off', '已核销'], ['closed', '已结清'],
];
const BANK_FILES = [['还款', '还款文件（贷款编号、银行流水号、还款日期、还款本金）'],
  ['放款', '放款文件（贷款编号、放款日期、放款金额、年利率）'], ['逾期', '逾期文件（贷款编号、逾期起始日期）']];

const rate = (bp) => (bp ? `${(bp / 100).toFixed(2)}%` : '—');
const guarantee = (l) => (l.counter_guarantee_waived ? '免除反担保（10万元及以下）' : `反担保：${l.counter_guarantee}`);

// "1,234.5" 元 → 123450 fen; null when not a non-negative amount with at
// most two decimals. No floating point: the digits are read as text.
export function fenOf(text) {
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(String(text ?? '').replace(/[,，\s]/g, ''));
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}
const yuanInput = (fen) => (fen ? (fen / 100).toFixed(2) : '');

// A modal confirmation; resolves true only on the confirm button.
function confirmDialog(title, lines, okText) {
  return new Promise((resolve) => {
    const dlg = h('dialog', { id: 'confirm-dialog', class: 'card', 'aria-labelledby': 'confirm-title' },
      h('h2', { id: 'confirm-title' }, title), ...lines.map((l) => h('p', {}, l)),
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

const input = (label, name, attrs = {}) => h('label', {}, label, h('input', { name, ...attrs }));
const dateInput = (label, name = 'on') => input(label, name, { type: 'date', required: true, value: today() });
const moneyInput = (label, name, value = '', required = true) =>
  input(label, name, { inputmode: 'decimal', required, value, placeholder: '如 10000.00', autocomplete: 'off' });

// The officer's forms for one loan, by its status. `act(path, body, done)`
// posts and reloads.
function actionForms(l, act) {
  const forms = [];
  const form = (testid, title, fields, button, submit) => {
    const f = h('form', { class: 'filters card', 'data-testid': testid }, h('h3', { class: 'wide' }, title), ...fields,
      h('button', { type: 'submit' }, button));
    f.addEventListener('submit', async (e) => {
      e.preventDefault();
      await submit(formValues(f));
    });
    forms.push(f);
  };
  const money = (v, key, label) => {
    const fen = fenOf(v[key]);
    if (fen === null || fen === 0) showError(`${label}：请输入大于0、以元为单位、最多两位小数的金额`);
    return fen || null;
  };
  const base = `/api/loans/${l.loan_id}`;
  const live = ['disbursed', 'repaying', 'extended', 'overdue'].includes(l.status);
  if (l.status === 'applied') {
    form('approve-form', '审批', [dateInput('审批日期')], '审批通过', (v) => act(`${base}/approve`, { on: v.on }));
  }
  if (l.status === 'approved') {
    form('disburse-form', '登记放款', [dateInput('放款日期'), moneyInput('放款金额（元）', 'amount', yuanInput(l.amount_fen)),
      input('年利率（%）', 'rate', { inputmode: 'decimal', required: true, placeholder: '如 4.35' })], '登记放款', async (v) => {
      const amount = money(v, 'amount', '放款金额');
      const bp = fenOf(v.rate);
      if (amount === null) return;
      if (bp === null || bp === 0) return showError('年利率：请输入百分数，最多两位小数，如 4.35');
      const ok = await confirmDialog(`确认放款：${l.loan_no}`,
        [`借款人：${l.borrower}`, `放款金额：${yuan(amount)}（审批金额 ${yuan(l.amount_fen)}）`, `放款日期：${v.on}，年利率 ${rate(bp)}`],
        '确认放款');
      if (ok) await act(`${base}/disburse`, { on: v.on, amount_fen: amount, rate_bp: bp });
    });
  }
  if (live) {
    form('repay-form', '登记还款', [input('银行流水号', 'bank_ref', { required: true, autocomplete: 'off' }), dateInput('还款日期'),
      moneyInput('还款本金（元）', 'principal')], '登记还款', async (v) => {
      const amount = money(v, 'principal', '还款本金');
      if (amount !== null) await act(`${base}/repayments`, { bank_ref: v.bank_ref, on: v.on, principal_fen: amount });
    });
  }
  if (['disbursed', 'repaying', 'overdue'].includes(l.status) && !l.extended_months) {
    form('extend-form', '展期（因不可抗力，不超过1年）', [dateInput('展期申请日期'),
      input('展期月数', 'months', { type: 'number', min: 1, max: 12, required: true, value: 6 }),
      input('不可抗力事由', 'reason', { required: true, class: 'wide' })], '申请展期',
    (v) => act(`${base}/extension`, { on: v.on, months: Number(v.months), reason: v.reason }));
  }
  if (l.status === 'overdue') {
    form('compensate-form', '担保基金代偿', [dateInput('代偿日期')], '代偿', async (v) => {
      const ok = await confirmDialog(`确认代偿：${l.loan_no}`,
        [`借款人：${l.borrower}，逾期自 ${l.overdue_since}`, `贷款余额 ${yuan(l.balance_fen)}：担保基金按风险分担比例代偿，其余由经办银行承担。`],
        '确认代偿');
      if (ok) await act(`${base}/compensation`, { on: v.on });
    });
  }
  if (l.status === 'compensated') {
    form('recover-form', '追偿回款（归还担保基金）', [input('回款凭证号', 'ref', { required: true, autocomplete: 'off' }),
      dateInput('回款日期'), moneyInput('回款金额（元）', 'amount')], '登记回款', async (v) => {
      const amount = money(v, 'amount', '回款金额');
      if (amount !== null) await act(`${base}/recoveries`, { ref: v.ref, on: v.on, amount_fen: amount });
    });
    form('write-off-form', '核销呆账（可部分核销，其余继续追偿）', [dateInput('核销日期'),
      moneyInput('核销金额（元，不填则全部核销）', 'amount', '', false)], '核销', async (v) => {
      const amount = v.amount ? money(v, 'amount', '核销金额') : 0;
      if (amount === null) return;
      const what = amount ? yuan(amount) : `全部尚欠 ${yuan(l.receivable_fen)}`;
      const ok = await confirmDialog(`确认核销：${l.loan_no}`,
        [`借款人：${l.borrower}`, `担保基金尚欠代偿款 ${yuan(l.receivable_fen)}，本次核销 ${what}。`], '确认核销');
      if (ok) await act(`${base}/write-off`, amount ? { on: v.on, amount_fen: amount } : { on: v.on });
    });
  }
  return forms;
}

async function officerView({ user, page, params }) {
  const officer = user.role === 'officer';
  const region = params.get('region') || (officer ? user.region_code : '52');
  const status = h('select', { 'data-testid': 'loan-status' },
    STATUSES.map(([v, label]) => h('option', { value: v, selected: v === (params.get('status') || '') }, label)));
  const card = h('section', { class: 'card' });
  const applyBox = h('div', {});
  const panel = h('section', { class: 'card', id: 'loan-actions', hidden: true, 'aria-live': 'polite' });
  let current = null;  // the loan_id whose panel is open
  let rows = [];
  page.append(h('h1', {}, '创业担保贷款'),
    h('p', { class: 'muted' }, '依据正文（五）、附件3（七）（十）：个人贷款10万元及以下免除反担保；贴息按月经账本支付，每月只付一次；展期、逾期期间不贴息；逾期贷款由担保基金代偿后继续追偿，追偿回款归还担保基金，无法收回的可核销。'),
    h('div', { class: 'filters card' }, h('label', {}, '状态', status)), applyBox);
  if (officer) page.append(bankFileCard(() => load()));
  page.append(card, panel);

  async function act(path, body) {
    const r = await api.post(path, body);
    showOk(r.message);
    await load();
  }

  function openPanel(id) {
    current = id;
    const l = rows.find((x) => x.loan_id === id);
    if (!l) {
      panel.hidden = true;
      return;
    }
    const forms = actionForms(l, act);
    panel.hidden = false;
    panel.replaceChildren(h('h2', {}, `办理：${l.loan_no} ${l.borrower}（${l.status_name}）`),
      fieldList([['贷款金额', yuan(l.amount_fen)], ['贷款余额', yuan(l.balance_fen)], ['年利率', rate(l.rate_bp)],
        ['到期日', l.maturity_on], ['担保基金代偿', yuan(l.compensated_fen)], ['追偿回款', yuan(l.recovered_fen)],
        ['已核销', yuan(l.written_off_fen)], ['担保基金尚欠代偿款', yuan(l.receivable_fen)]]),
      ...(forms.length ? forms : [h('p', { class: 'muted' }, '该贷款当前状态下没有可办理的事项。')]));
  }

  function applyForm(candidates) {
    if (!officer || !candidates.length) return null;
    const pick = h('select', { name: 'entitlement_key', required: true },
      candidates.map((c) => h('option', { value: c.entitlement_key }, `${c.beneficiary}（${c.title}，核定 ${yuan(c.amount_fen)}）`)));
    const f = h('form', { class: 'filters card', 'data-testid': 'apply-form' },
      h('h2', { class: 'wide' }, `受理贷款申请（已审批的贷款资格 ${candidates.length} 个）`),
      h('label', { class: 'wide' }, '贷款资格', pick),
      moneyInput('贷款金额（元）', 'amount'),
      input('期限（月）', 'term', { type: 'number', min: 1, max: 36, required: true, value: 24 }),
      input('经办银行', 'bank', { required: true }), input('担保基金', 'fund', { required: true }),
      input('反担保措施（10万元以上须填）', 'counter_guarantee'), dateInput('申请日期'),
      h('button', { type: 'submit' }, '受理申请'));
    f.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = formValues(f);
      const fen = fenOf(v.amount);
      if (fen === null || fen === 0) return showError('贷款金额：请输入大于0、以元为单位、最多两位小数的金额');
      const r = await api.post('/api/loans', { entitlement_key: v.entitlement_key, amount_fen: fen, term_months: Number(v.term),
        bank: v.bank, guarantee_fund: v.fund, counter_guarantee: v.counter_guarantee, on: v.on });
      showOk(r.message);
      current = r.loan.loan_id;
      await load();
    });
    return f;
  }

  async function load() {
    const r = await api.get('/api/loans', { region, status: status.value });
    rows = r.items;
    const total = rows.reduce((s, l) => s + l.balance_fen, 0);
    const subsidy = rows.reduce((s, l) => s + l.subsidy_fen, 0);
    applyBox.replaceChildren(...[applyForm(r.candidates ?? [])].filter(Boolean));
    card.replaceChildren(
      h('h2', { 'data-testid': 'loan-summary' }, `共 ${rows.length} 笔，贷款余额 ${yuan(total)}，已贴息 ${yuan(subsidy)}`),
      dataTable([
        { title: '贷款编号', key: 'loan_no' },
        { title: '借款人', key: 'borrower' },
        { title: '类型', key: 'kind_name' },
        { title: '金额', num: true, render: (l) => yuan(l.amount_fen) },
        { title: '余额', num: true, render: (l) => h('span', { 'data-testid': `balance-${l.loan_no}` }, yuan(l.balance_fen)) },
        { title: '年利率', num: true, render: (l) => rate(l.rate_bp) },
        { title: '状态', render: (l) => h('span', { 'data-testid': `status-${l.loan_no}` }, l.status_name) },
        { title: '经办银行', key: 'bank' },
        { title: '反担保', render: guarantee },
        { title: '到期日', key: 'maturity_on' },
        { title: '已贴息', num: true, render: (l) => `${yuan(l.subsidy_fen)}（${l.subsidy_months} 个月）` },
        { title: '担保基金尚欠', num: true, render: (l) => (l.compensated_fen ? yuan(l.receivable_fen) : '—') },
        ...(officer ? [{ title: '操作', render: (l) => h('button', { type: 'button', class: 'secondary', 'data-testid': `act-${l.loan_no}`,
          onclick: () => { openPanel(l.loan_id); panel.scrollIntoView({ block: 'start' }); } }, '办理') }] : []),
      ], rows, { empty: '辖区内没有创业担保贷款' }));
    if (current !== null) openPanel(current);
  }
  status.addEventListener('change', load);
  await load();
}

// The bank's files: all rows checked first, any error fails the whole file
// and is listed by file, row, field and why; a file uploaded again changes
// nothing.
function bankFileCard(reload) {
  const kind = h('select', { name: 'kind' }, BANK_FILES.map(([v, label]) => h('option', { value: v }, label)));
  const file = h('input', { type: 'file', name: 'file', required: true, accept: '.csv,.xlsx,.xlsm' });
  const result = h('div', { class: 'wide', 'data-testid': 'bank-result', 'aria-live': 'polite' });
  const f = h('form', { class: 'filters card', 'data-testid': 'bank-form' },
    h('h2', { class: 'wide' }, '上传经办银行文件'),
    h('p', { class: 'muted wide' }, 'CSV 或 XLSX，中文表头；逐行校验，有错误则整个文件不登记；同一文件重复上传不会重复登记。'),
    h('label', {}, '文件类型', kind), h('label', {}, '文件', file), h('button', { type: 'submit' }, '上传并登记'), result);
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!file.files.length) return showError('请选择要上传的文件');
    const form = new FormData();
    form.append('kind', kind.value);
    form.append('file', file.files[0]);
    result.replaceChildren();
    try {
      const r = await api.upload('/api/loans/bank-files', form, { quiet: true });
      result.replaceChildren(h('p', { class: 'ok' }, `${r.file}：${r.message}`));
      showOk(`银行文件已登记：${r.message}`);
      await reload();
    } catch (err) {
      const lines = err.status === 400 && err.serverMessage ? err.serverMessage.split('\n').filter(Boolean) : [];
      if (!lines.length) return showError(err.message);
      showError('银行文件有错误，未登记任何一行，请修改后重新上传');
      result.replaceChildren(h('h3', {}, '文件中的错误'),
        h('ul', { 'data-testid': 'bank-errors' }, lines.map((l) => h('li', {}, l))));
    }
  });
  return f;
}

async function myLoans({ page }) {
  page.append(h('h1', {}, '我的贷款'));
  const r = await api.get('/api/me/loans');
  if (!r.items.length) {
    page.append(h('div', { class: 'empty card' }, '您没有创业担保贷款。符合条件的，可向所在地就业服务机构申请（附件3（七））。'));
    return;
  }
  for (const l of r.items) {
    page.append(h('section', { class: 'card', 'data-testid': `my-loan-${l.loan_no}` },
      h('h2', {}, `${l.kind_name} ${l.loan_no}：${l.status_name}`),
      fieldList([['金额', yuan(l.amount_fen)], ['余额', yuan(l.balance_fen)], ['年利率', rate(l.rate_bp)],
        ['经办银行', l.bank], ['担保', guarantee(l)], ['放款日期', l.disbursed_on], ['到期日', l.maturity_on],
        ['已贴息', `${yuan(l.subsidy_fen)}（${l.subsidy_months} 个月）`]]),
      h('h3', {}, '逐月贴息'),
      dataTable([
        { title: '月份', render: (s) => `第 ${s.month_no} 个月（${s.from}—${s.to}）` },
        { title: '计息本金', num: true, render: (s) => yuan(s.base_fen) },
        { title: '贴息', num: true, render: (s) => yuan(s.amount_fen) },
      ], l.subsidies, { empty: '尚无贴息' }),
      h('h3', {}, '办理经过'),
      dataTable([{ title: '日期', key: 'on' }, { title: '事项', key: 'detail' }], l.history)));
  }
}

export async function render(ctx) {
  if (ctx.user.role === 'seeker') return myLoans(ctx);
  return officerView(ctx);
}
