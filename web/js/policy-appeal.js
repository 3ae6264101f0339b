// 复核/申诉 (issue #17 §2): one stored decision replayed from its record —
// "当时的决定", rebuilt from the facts and parameters stored with it and
// checked byte for byte against the stored decision — beside "按现行参数",
// the same facts under the parameter values in force today, with what
// differs highlighted (GET /api/policy/entitlements/{id}/replay). Names and
// clauses as the document writes them, amounts in 元.
import { api } from './api.js';
import { h } from './dom.js';
import { yuan } from './policy-common.js';

const passText = (p) => (p === null ? '未判断' : p ? '满足' : '不满足');
// A condition on a parameter names it by its description, not its key.
const named = (t) => t.replace(/参数 [a-z][a-z0-9_.]*（/g, '参数（');

function verdict(d) {
  if (!d.eligible) return '不符合';
  return `符合：${d.loan ? '可贷额度' : '金额'} ${yuan(d.amount_fen)}，资金来源 ${d.fund_label}`;
}

// One side: the verdict and every condition; what differs from the other
// side is marked.
function side(title, d, changedIds, verdictChanged) {
  const v = h('p', { class: d.eligible ? 'ok' : 'muted' }, verdict(d));
  return h('section', { class: 'card appeal-side', 'data-testid': title === '当时的决定' ? 'appeal-then' : 'appeal-now' },
    h('h3', {}, title),
    verdictChanged ? h('mark', {}, v) : v,
    h('ul', { class: 'conditions' }, d.conditions.map((c) => {
      const line = `${c.pass ? '✓' : '✗'} [${c.clause_text ?? c.clause}] ${named(c.text)}；实际：${c.seen}`;
      return h('li', {}, changedIds.has(c.id) ? h('mark', {}, line) : line);
    })),
    d.amount_steps.length ? h('p', { class: 'muted' }, `计算：${d.amount_steps.join('；')}`) : null);
}

function differences(r) {
  const items = [];
  if (r.eligible_changed || r.amount_changed) items.push(`结论：${verdict(r.then)} → ${verdict(r.now)}`);
  for (const p of r.param_changes) {
    items.push(`参数“${p.description}”（${p.reference_text}）：${p.then_shown} → ${p.now_shown}` +
      (p.now_from ? `（自 ${p.now_from} 起）` : ''));
  }
  for (const c of r.condition_changes) {
    items.push(`条件“${named(c.text)}”（${c.clause_text}）：${passText(c.then_pass)} → ${passText(c.now_pass)}`);
  }
  return h('section', { class: 'card', id: 'appeal-diff' },
    h('h3', {}, '差异'),
    items.length ? h('ul', {}, items.map((t) => h('li', {}, h('mark', {}, t))))
      : h('p', { class: 'muted' }, '按现行参数决定相同。'));
}

export function appealView(j) {
  const r = j.replay;
  const changed = new Set(r.condition_changes.map((c) => c.id));
  const who = j.beneficiary_info?.name ?? '';
  const masked = j.beneficiary_info?.id_number ? `（${j.beneficiary_info.id_number}）` : '';
  return h('div', { id: 'appeal-view' },
    h('p', {}, `${j.title}：${who}${masked}，决定日期 ${r.then.date || j.decided_on}，现为${j.status_label}`),
    h('p', { class: r.reproduced ? 'ok' : 'msg-error', id: 'appeal-check' }, r.reproduced
      ? '按存档的事实和参数重放：与原决定逐字一致。'
      : `按存档重放与原决定不一致：${r.mismatch}`),
    r.version_note ? h('p', { class: 'msg-error' }, r.version_note) : null,
    j.redecided_since ? h('p', { class: 'muted' }, '该享受资格提出后经复核改写，左侧为提出时的决定。') : null,
    h('div', { class: 'appeal-grid' },
      side('当时的决定', r.then, changed, r.eligible_changed || r.amount_changed),
      side(`按现行参数（${r.today} 有效的参数值）`, r.now, changed, r.eligible_changed || r.amount_changed)),
    differences(r));
}

// Opens the appeal view of entitlement `id` in a modal dialog.
export async function openAppeal(id) {
  const j = await api.get(`/api/policy/entitlements/${id}/replay`);
  const dlg = h('dialog', { id: 'appeal-dialog', class: 'card' },
    h('h2', {}, '复核/申诉'), appealView(j),
    h('p', {}, h('button', { type: 'button', id: 'appeal-close', onclick: () => dlg.close() }, '关闭')));
  dlg.addEventListener('close', () => dlg.remove());
  document.body.append(dlg);
  dlg.showModal();
}
