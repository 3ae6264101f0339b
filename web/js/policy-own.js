// 政策查询 for a seeker or an employer: their own record evaluated on
// opening the page (GET /api/policy/eval is scoped to own records):
// 可享受 (amount, fund, clause, 免申即享 or an application), 差一点就符合
// (the server's `closeness` = near: what to change or supply, whom to
// contact), and the rest folded away (count only, expandable).
import { api, today } from './api.js';
import { h } from './dom.js';
import { yuan } from './policy-common.js';
import { regionName } from './regions.js';

// The clauses a decision rests on, as the document cites them, once each.
function clausesOf(d) {
  return [...new Set(d.conditions.map((c) => c.clause_text ?? c.clause).filter(Boolean))].join('、');
}

// Whom to ask: the handling bank for a loan, otherwise the county's public
// employment service (人社部门) that pays.
async function contactOf(d) {
  const county = d.county_code ? await regionName(d.county_code) : '';
  const office = `${county && county !== d.county_code ? county : '所在县（市、区）'}人力资源和社会保障局（公共就业服务机构）`;
  return d.loan ? `经办银行，或${office}` : office;
}

function concerns(user, d) {
  return d.person_name && user.role === 'employer' ? h('p', { class: 'muted' }, `涉及职工：${d.person_name}`) : null;
}

function eligibleCard(user, d) {
  return h('section', { class: 'card', 'data-testid': `eligible-${d.rule}` },
    h('h3', {}, d.title),
    h('p', { class: 'ok' }, `${d.loan ? '可贷额度' : '金额'} ${yuan(d.amount_fen)}，资金来源：${d.fund_label}`),
    concerns(user, d),
    h('p', {}, h('span', { class: d.loan ? 'tag warn' : 'tag', 'data-testid': 'delivery' }, d.delivery),
      d.loan ? '请向经办银行提出贷款申请' : '无需申请：平台自动发现，经办审核后直接发放'),
    h('p', { class: 'muted' }, `依据：${clausesOf(d)}`));
}

async function nearCard(user, d) {
  const failed = d.conditions.filter((c) => !c.pass);
  const missing = d.missing_data?.length ? d.missing_data
    : failed.filter((c) => c.unknown).map((c) => c.seen).filter(Boolean);
  const todo = failed.filter((c) => !c.unknown);
  return h('section', { class: 'card', 'data-testid': `near-${d.rule}` },
    h('h3', {}, d.title),
    concerns(user, d),
    todo.map((c) => h('p', {}, h('strong', {}, '差一项：'), `${c.text}（实际：${c.seen}）`,
      h('br'), h('span', {}, `需：${c.fix || c.text}`))),
    missing.length ? h('p', { class: 'warn' }, `需补充：${missing.join('、')}`) : null,
    h('p', { class: 'muted' }, `办理：携带相关材料联系${await contactOf(d)}`,
      d.loan ? '；符合后向经办银行申请' : '；补齐后平台自动重新判断，符合即免申即享'),
    h('p', { class: 'muted' }, `依据：${clausesOf(d)}`));
}

// A decision far from paying: why not, condition by condition, in the
// document's terms (no rule codes or entitlement keys).
function farBlock(user, d) {
  return h('section', { class: 'card', 'data-testid': `far-${d.rule}` },
    h('h3', {}, d.title),
    concerns(user, d),
    h('ul', { class: 'conditions' }, d.conditions.map((c) =>
      h('li', {}, `${c.pass ? '✓' : c.unknown ? '？' : '✗'} [${c.clause_text ?? c.clause}] ${c.text}；实际：${c.seen}`))),
    d.why_not.length ? h('p', {}, h('strong', {}, '为何不符合：'), d.why_not.join('；')) : null);
}

async function showOwn(user, out, date) {
  const query = { date, [user.role === 'seeker' ? 'person' : 'employer']:
    user.role === 'seeker' ? user.person_id : user.credit_code };
  if (user.role === 'seeker' && !user.person_id) {
    out.replaceChildren(h('p', { class: 'empty' }, '尚未查到您的人员登记信息，请先办理求职登记或失业登记后再查询。'));
    return;
  }
  out.replaceChildren(h('p', { class: 'muted' }, '正在判断…'));
  const r = await api.get('/api/policy/eval', query).catch(() => null);
  if (!r) {
    out.replaceChildren();
    return;
  }
  const yes = r.decisions.filter((d) => d.closeness === 'eligible');
  const near = r.decisions.filter((d) => d.closeness === 'near');
  const rest = r.decisions.filter((d) => d.closeness === 'far');
  const auto = yes.filter((d) => !d.loan);
  const paid = auto.reduce((s, d) => s + d.amount_fen, 0);
  out.replaceChildren(
    h('p', { class: 'muted' }, `按 ${r.date} 的登记信息判断（依据黔府发〔2023〕12号）。`),
    h('h2', { 'data-testid': 'eligible-heading' }, `可享受 ${yes.length} 项`),
    yes.length
      ? h('p', {}, `其中免申即享 ${auto.length} 项，合计 ${yuan(paid)}；需申请 ${yes.length - auto.length} 项。`)
      : h('p', { class: 'empty' }, '按现有登记信息，暂无可享受的政策。'),
    ...yes.map((d) => eligibleCard(user, d)),
    h('h2', { 'data-testid': 'near-heading' }, `差一点就符合 ${near.length} 项`),
    // (replaceChildren would insert a null as the text "null")
    ...(near.length ? [] : [h('p', { class: 'empty' }, '没有只差一项条件的政策。')]),
    ...(await Promise.all(near.map((d) => nearCard(user, d)))),
    h('details', { class: 'card', 'data-testid': 'far' },
      h('summary', {}, `其他 ${rest.length} 项暂不符合（点击展开查看原因）`),
      ...rest.map((d) => farBlock(user, d))));
}

export async function ownPolicies(user, page) {
  const out = h('div', { id: 'results' });
  const form = h('form', { class: 'filters' },
    h('label', {}, '判断日期 ', h('input', { name: 'date', type: 'date', value: today(), required: true })),
    h('button', { type: 'submit' }, '重新判断'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    showOwn(user, out, new FormData(form).get('date'));
  });
  page.append(form, out);
  await showOwn(user, out, today());
}
