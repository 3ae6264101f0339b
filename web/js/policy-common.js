// Shared by the policy pages: the shell (header, navigation) for the
// logged-in user, money formatting and the explanation block of a decision.
import { me } from './api.js';
import { h } from './dom.js';
import { renderLayout } from './layout.js';

export async function policyShell(title) {
  const user = await me();
  const { page } = renderLayout(user);
  page.append(h('h1', {}, title));
  return { user, page };
}

export function yuan(fen) {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toLocaleString('zh-CN');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}元`;
}

// One decision: verdict, amount and fund, every condition with its clause,
// the value seen and pass/fail, and for a refusal what would have to change.
export function decisionBlock(d) {
  const verdict = d.eligible
    ? `符合：${d.loan ? '可贷额度' : '金额'} ${yuan(d.amount_fen)}，资金来源 ${d.fund_label}`
    : '不符合';
  return h('section', { class: 'card', 'data-testid': `decision-${d.rule}` },
    h('h2', {}, `${d.rule} ${d.title}`),
    h('p', { class: d.eligible ? 'ok' : 'muted' }, verdict),
    h('ul', { class: 'conditions' }, d.conditions.map((c) =>
      h('li', {}, `${c.pass ? '✓' : '✗'} [${c.clause_text ?? c.clause}] ${c.text}；实际：${c.seen}${c.pass ? '' : `；需：${c.fix}`}`))),
    d.amount_steps.length ? h('p', { class: 'muted' }, `计算：${d.amount_steps.join('；')}`) : null,
    d.why_not.length ? h('p', {}, h('strong', {}, '为何不符合：'), d.why_not.join('；')) : null,
    h('p', { class: 'muted' }, `享受资格键：${d.once_key}`));
}
