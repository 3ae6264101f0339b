// 线上登记待分配 (issue #14): online unemployment registrations (channel 线上)
// of the officer's region still without an officer, with names and masked
// IDs, and 指派经办人 — an officer account of the registration's place
// (GET /api/services/online-registrations, POST …/{id}/assign; audited).
import { api } from '../api.js';
import { dataTable, h } from '../dom.js';
import { showOk } from '../messages.js';

export function onlineQueueCard({ onAssigned } = {}) {
  const box = h('section', { class: 'card', id: 'online-queue', 'aria-live': 'polite' });

  function assignCell(r) {
    if (!r.officers.length) return h('span', { class: 'warn' }, '辖区内没有负责该登记地的经办人账号');
    const select = h('select', { 'aria-label': `为${r.person_name}选择经办人`, 'data-testid': `assignee-${r.registration_id}` },
      r.officers.map((o) => h('option', { value: o.username }, `${o.display_name}（${o.region_name}）`)));
    const button = h('button', { type: 'button', 'data-testid': `assign-${r.registration_id}`, onclick: async () => {
      button.disabled = true;
      try {
        const done = await api.post(`/api/services/online-registrations/${r.registration_id}/assign`, { officer: select.value });
        showOk(`已指派 ${done.officer_name} 经办 ${r.person_name} 的失业登记`);
        await load();
        await onAssigned?.();
      } catch {
        button.disabled = false;
      }
    } }, '指派经办人');
    return h('span', { class: 'actions' }, select, button);
  }

  async function load() {
    const q = await api.get('/api/services/online-registrations');
    box.replaceChildren(
      h('h2', {}, `线上登记待分配经办人（${q.items.length} 件）`),
      dataTable([
        { key: 'person_name', title: '姓名', render: (r) => h('a', { href: `#/person/${r.person_id}` }, r.person_name || '查看人员') },
        { key: 'id_number', title: '公民身份号码' },
        { key: 'registered_on', title: '登记日期' },
        { key: 'region_name', title: '登记地' },
        { key: 'officers', title: '指派经办人', render: assignCell },
      ], q.items, { empty: '没有待分配的线上登记' }));
  }

  return { box, load };
}
