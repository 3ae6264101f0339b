// 跨省比对发现的跟踪服务 (返乡未就业人员跟踪服务, #18) of one person, as the
// person page and the workbench show them. An open item can be closed after
// contacting the person without a service record (POST
// /api/linkage/followups/{id}: the outcomes the server offers, and a note).
import { api } from './api.js';
import { dataTable, h } from './dom.js';
import { showOk } from './messages.js';

// The section for `list` (the linkage_followups of GET
// /api/services/persons/{id}); `contactedOn()` gives the contact date sent,
// `onClosed()` runs after an item is closed.
export function linkageFollowupsSection(list, { heading = 'h2', contactedOn = () => undefined, onClosed = () => {} } = {}) {
  const closeForm = (f, statusCell) => {
    const outcome = h('select', { name: 'outcome', 'aria-label': '办结方式', 'data-testid': 'followup-outcome' },
      ...f.outcomes.map((o) => h('option', { value: o.code }, o.label)));
    const note = h('input', { name: 'note', maxlength: '200', placeholder: '联系时间、方式、本人意愿', 'aria-label': '联系情况说明', 'data-testid': 'followup-note' });
    const form = h('form', { class: 'inline', dataset: { followup: String(f.followup_id) } }, outcome, note,
      h('button', { type: 'submit', 'data-testid': 'followup-close' }, '联系后办结'));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      let r;
      try {
        r = await api.post(`/api/linkage/followups/${f.followup_id}`, { outcome: outcome.value, note: note.value.trim(), contacted_on: contactedOn() });
      } catch {
        return;  // api.js has shown the server's message (e.g. 联系情况说明不能为空)
      }
      showOk(`跟踪服务${r.status_label}`);
      statusCell.textContent = r.status_label;
      form.replaceWith('—');
      await onClosed();
    });
    return form;
  };
  const statusCells = new Map();
  const statusCell = (f) => {
    const cell = h('span', { title: f.outcome_note ? `${f.closed_on} ${f.closed_by}：${f.outcome_note}` : '' }, f.status_label);
    statusCells.set(f.followup_id, cell);
    return cell;
  };
  return h('section', { class: 'card', 'data-testid': 'linkage-followups' }, h(heading, {}, '跨省比对发现的跟踪服务'),
    dataTable([
      { key: 'title', title: '服务事项' },
      { key: 'partner', title: '比对来源', render: (f) => `${f.partner}：${f.partner_status}` },
      { key: 'recommendation', title: '建议' },
      { key: 'clause_text', title: '依据' },
      { key: 'deadline', title: '期限' },
      { key: 'status_label', title: '状态', render: statusCell },
      { key: 'close', title: '联系后办结', render: (f) => (f.outcomes ? closeForm(f, statusCells.get(f.followup_id)) : '—') },
    ], list));
}
