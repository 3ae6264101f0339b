// 失业保险金 (#/benefits, officers; auditors read): applications decided
// from the stored contribution months (refused with the count and clause),
// the monthly run with the 常态化核查比对 of 附件3（四） (a beneficiary
// employed that month is stopped and flagged, not paid), the claims with
// their months paid, and stopping a claim for one of the six reasons.
// For a seeker the same route is 我的失业保险金: the person's own claims,
// months paid, stops with the reason, 失业补助金 / 一次性生活补助 with each
// condition, and the answer of civil affairs to a referral (转介民政).
import { api, today } from '../api.js';
import { dataTable, formValues, h } from '../dom.js';
import { showOk } from '../messages.js';
import { personPicker } from '../picker.js';

const STATUSES = [['', '全部'], ['active', '在领'], ['stopped', '停止领取'], ['ended', '期满'], ['refused', '不予核准'], ['undetermined', '待核实']];
const REASONS = ['再就业', '拒绝介绍的适当工作', '迁出', '应征服兵役', '死亡', '期满'];
const STATUS_CLASS = { active: 'ok', stopped: 'warn', ended: 'muted', refused: 'bad', undetermined: 'warn' };

const yuan = (fen) => `${(fen / 100).toFixed(2)} 元`;

async function officerView({ user, page, params }) {
  const officer = user.role === 'officer';
  const status = h('select', { 'data-testid': 'status' }, ...STATUSES.map(([v, t]) => h('option', { value: v }, t)));
  status.value = params.get('status') || '';
  const tableCard = h('section', { class: 'card' });
  page.append(h('h1', {}, '失业保险金'),
    h('p', { class: 'muted' }, '依据《省人民政府关于促进高质量充分就业的意见》正文（十）、附件3（四）和《失业保险条例》：按累计缴费月数核定领取期限，按月发放并代缴基本医疗保险费；发放前与当月就业情况核查比对，再就业的停发并标记。'),
    h('div', { class: 'filters card' }, h('label', {}, '状态', status)),
    tableCard);

  function stopForm(c) {
    const reason = h('select', { name: 'reason' }, ...REASONS.map((r) => h('option', { value: r }, r)));
    const month = h('input', { name: 'month', type: 'month', required: true, value: today().slice(0, 7) });
    const form = h('form', { class: 'inline-form', dataset: { testid: `stop-form-${c.claim_id}` } },
      h('label', {}, '原因', reason), h('label', {}, '自该月起停发', month), h('button', { type: 'submit' }, '确认停发'));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = formValues(form);
      await api.post(`/api/benefits/claims/${c.claim_id}/stop`, { reason: v.reason, month: v.month, note: '' });
      showOk(`已停发：${c.name}（${v.reason}）`);
      await load();
    });
    return form;
  }

  async function load() {
    const r = await api.get('/api/benefits/claims', status.value ? { status: status.value } : {});
    const table = dataTable([
      { key: 'name', title: '姓名', render: (c) => h('span', { dataset: { testid: `claim-${c.claim_id}` } }, `${c.name}（${c.id_masked}）`) },
      { key: 'applied_on', title: '申请日期' },
      { key: 'decision', title: '核定', render: (c) => h('span', { dataset: { testid: `decision-${c.claim_id}` } }, c.decision) },
      { key: 'amount', title: '月标准／代缴医保', render: (c) => (c.granted ? `${yuan(c.monthly_fen)}／${yuan(c.medical_fen)}` : '—') },
      { key: 'paid', title: '已发', render: (c) => (c.granted ? `${c.months_paid}/${c.duration_months} 个月${c.last_paid_month ? `（至 ${c.last_paid_month}）` : ''}` : '—') },
      { key: 'status_label', title: '状态', render: (c) => h('span', { class: `tag ${STATUS_CLASS[c.status] || ''}`, dataset: { testid: `status-${c.claim_id}` } },
        c.status_label + (c.stop_reason ? `：${c.stop_reason}${c.stopped_month ? `（自 ${c.stopped_month}）` : ''}` : '')) },
      { key: 'flag', title: '核查标记', render: (c) => c.flag || '—' },
      ...(officer ? [{ key: 'act', title: '操作', render: (c) => (c.status === 'active' ? h('details', {}, h('summary', {}, '停发'), stopForm(c)) : '') }] : []),
    ], r.items, { empty: '没有失业保险金申请' });
    tableCard.replaceChildren(h('h2', {}, `${r.region_name}：${r.items.length} 条`), table);
  }

  if (officer) {
    const applyForm = h('form', { class: 'filters card', id: 'apply-form' },
      h('h2', { class: 'wide' }, '受理申请'),
      personPicker({ label: '申请人', name: 'person_id', required: true }),
      h('label', {}, '申请日期', h('input', { name: 'applied_on', type: 'date', required: true, value: today() })),
      h('button', { type: 'submit' }, '核定'));
    applyForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = formValues(applyForm);
      const c = await api.post('/api/benefits/claims', { person_id: Number(v.person_id), applied_on: v.applied_on });
      showOk(`${c.granted ? '核准' : c.status_label}：${c.name}，${c.decision}`);
      await load();
    });
    const runForm = h('form', { class: 'filters card', id: 'run-form' },
      h('h2', { class: 'wide' }, '按月发放'),
      h('label', {}, '发放月份', h('input', { name: 'month', type: 'month', required: true, value: today().slice(0, 7) })),
      h('button', { type: 'submit' }, '核查比对并发放'));
    runForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = formValues(runForm);
      const r = await api.post('/api/benefits/runs', { month: v.month });
      showOk(`${r.month}：发放 ${r.paid} 人，合计 ${yuan(r.paid_fen)}，代缴医保 ${yuan(r.medical_fen)}；核查比对停发 ${r.stopped} 人`);
      await load();
    });
    page.append(applyForm, runForm);
  }
  status.addEventListener('change', load);
  await load();
}

// The sections of a person's benefits (GET /api/benefits/persons/{id} or
// /api/me/benefits), shared by 我的失业保险金 and the officer's person page.
export function benefitSections(v, { mine = false } = {}) {
  const out = [];
  out.push(h('section', { class: 'card', 'data-testid': 'benefit-claims' }, h('h2', {}, '失业保险金'),
    dataTable([
      { key: 'applied_on', title: '申请日期' },
      { key: 'decision', title: '核定', render: (c) => h('span', { dataset: { testid: `my-decision-${c.claim_id}` } }, c.decision) },
      { key: 'amount', title: '月标准／代缴医保', render: (c) => (c.granted ? `${yuan(c.monthly_fen)}／${yuan(c.medical_fen)}` : '—') },
      { key: 'paid', title: '已发月份', render: (c) => (c.granted ? h('span', { dataset: { testid: `my-paid-${c.claim_id}` } },
        `${c.months_paid}/${c.duration_months} 个月${c.payments.length ? `：${c.payments.map((p) => p.month).join('、')}` : ''}`) : '—') },
      { key: 'status', title: '状态', render: (c) => h('span', { class: `tag ${STATUS_CLASS[c.status] || ''}`, dataset: { testid: `my-status-${c.claim_id}` } },
        c.status_label + (c.stop_reason ? `：${c.stop_reason}${c.stopped_month ? `（自 ${c.stopped_month}）` : ''}` : '')) },
    ], v.claims, { empty: mine ? '您没有失业保险金申请。失业后可到就业服务机构办理失业登记并申领。' : '没有失业保险金申请' })));
  out.push(h('section', { class: 'card', 'data-testid': 'benefit-subsidies' }, h('h2', {}, '失业补助金、失业农民工一次性生活补助'),
    dataTable([
      { key: 'kind_label', title: '类别' },
      { key: 'applied_on', title: '申请日期' },
      { key: 'decision', title: '核定', render: (c) => h('details', {}, h('summary', {}, c.decision),
        h('ul', {}, ...c.conditions.map((x) => h('li', {}, `【${x.state_label}】${x.name}：${x.detail}`)))) },
      { key: 'paid', title: '已发', render: (c) => (c.outcome === 'granted' ? `${c.months_paid}/${c.months} 次，每次 ${yuan(c.amount_fen)}` : '—') },
      { key: 'status_label', title: '状态' },
    ], v.subsidies, { empty: '没有申请' })));
  out.push(h('section', { class: 'card', 'data-testid': 'referrals' }, h('h2', {}, '转介民政（临时救助、最低生活保障）'),
    dataTable([
      { key: 'referred_on', title: '转介日期' },
      { key: 'reason', title: '转介原因' },
      { key: 'status_label', title: '状态' },
      { key: 'answer', title: '民政答复', render: (r) => h('span', { dataset: { testid: `referral-${r.referral_id}` } },
        r.status === 'answered' ? `${r.assistance_label}：${r.result_label}（${r.decided_on}）${r.note ? `，${r.note}` : ''}` : '—') },
    ], v.referrals, { empty: '没有转介记录' })));
  return out;
}

async function myBenefits({ page }) {
  page.append(h('h1', {}, '我的失业保险金'));
  const v = await api.get('/api/me/benefits');
  page.append(h('p', { class: 'muted', 'data-testid': 'paid-total' }, `已发放合计 ${yuan(v.paid_fen)}（不含代缴的医疗保险费）`),
    ...benefitSections(v, { mine: true }));
}

export async function render(ctx) {
  if (ctx.user.role === 'seeker') return myBenefits(ctx);
  return officerView(ctx);
}
