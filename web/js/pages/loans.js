// 贷款 (#/loans): guaranteed start-up loans (创业担保贷款, 正文（五）、附件3（七）（十）).
// Officers see the loans of their region (auditors the province) with the
// balance, the status, the counter-guarantee and the interest subsidy paid,
// filtered by status; a seeker sees 我的贷款 — their own loans with each
// month's subsidy and what happened to the loan. Read-only: loans are opened
// and the bank's files imported with `qjy loans` (the API has no writes yet).
import { api } from '../api.js';
import { dataTable, fieldList, h } from '../dom.js';
import { yuan } from '../labels.js';

const STATUSES = [
  ['', '全部'], ['approved', '已审批待放款'], ['disbursed', '已放款'], ['repaying', '还款中'], ['extended', '已展期'],
  ['overdue', '逾期'], ['compensated', '已代偿'], ['written_off', '已核销'], ['closed', '已结清'],
];

const rate = (bp) => (bp ? `${(bp / 100).toFixed(2)}%` : '—');
const guarantee = (l) => (l.counter_guarantee_waived ? '免除反担保（10万元及以下）' : `反担保：${l.counter_guarantee}`);

async function officerView({ user, page, params }) {
  const region = params.get('region') || (user.role === 'officer' ? user.region_code : '52');
  const status = h('select', { 'data-testid': 'loan-status' },
    STATUSES.map(([v, label]) => h('option', { value: v, selected: v === (params.get('status') || '') }, label)));
  const card = h('section', { class: 'card' });
  page.append(h('h1', {}, '创业担保贷款'),
    h('p', { class: 'muted' }, '依据正文（五）、附件3（七）（十）：个人贷款10万元及以下免除反担保；贴息按月经账本支付，每月只付一次；展期、逾期期间不贴息。'),
    h('div', { class: 'filters card' }, h('label', {}, '状态', status)), card);

  async function load() {
    const r = await api.get('/api/loans', { region, status: status.value });
    const rows = r.items;
    const total = rows.reduce((s, l) => s + l.balance_fen, 0);
    const subsidy = rows.reduce((s, l) => s + l.subsidy_fen, 0);
    card.replaceChildren(
      h('h2', { 'data-testid': 'loan-summary' }, `共 ${rows.length} 笔，贷款余额 ${yuan(total)}，已贴息 ${yuan(subsidy)}`),
      dataTable([
        { title: '贷款编号', key: 'loan_no' },
        { title: '借款人', key: 'borrower' },
        { title: '类型', key: 'kind_name' },
        { title: '金额', num: true, render: (l) => yuan(l.amount_fen) },
        { title: '余额', num: true, render: (l) => yuan(l.balance_fen) },
        { title: '年利率', num: true, render: (l) => rate(l.rate_bp) },
        { title: '状态', render: (l) => h('span', { 'data-testid': `status-${l.loan_no}` }, l.status_name) },
        { title: '经办银行', key: 'bank' },
        { title: '反担保', render: guarantee },
        { title: '到期日', key: 'maturity_on' },
        { title: '已贴息', num: true, render: (l) => `${yuan(l.subsidy_fen)}（${l.subsidy_months} 个月）` },
      ], rows, { empty: '辖区内没有创业担保贷款' }));
  }
  status.addEventListener('change', load);
  await load();
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
