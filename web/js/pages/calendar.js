// 节假日安排 (#/calendar, officers): which years the working-day calendar
// covers (the State Council notices shipped with the platform, and those
// officials loaded), the years whose deadlines are counted on weekends only
// for now, the deadlines that a loaded notice moved (in the officer's
// region), and — for province-level officers — loading next year's notice
// (a YAML file in the notice's own terms; see the README).
import { api } from '../api.js';
import { dataTable, h } from '../dom.js';
import { showOk } from '../messages.js';

function yearsText(years) {
  if (!years.length) return '—';
  return `${years[0]}–${years[years.length - 1]} 年`;
}

export function changesTable(changes) {
  return dataTable([
    { key: 'title', title: '服务事项' },
    { key: 'registration_id', title: '登记编号', render: (c) => h('a', { href: `#/workbench?person=${c.person_id}` }, String(c.registration_id)) },
    { key: 'old_deadline', title: '原期限（暂按周末计算）' },
    { key: 'new_deadline', title: '新期限', render: (c) => h('strong', {}, c.new_deadline) },
    { key: 'year', title: '依据', render: (c) => `${c.year} 年节假日安排` },
  ], changes, { empty: '没有因载入节假日安排而变化的期限' });
}

export async function render({ page }) {
  const box = h('div', {});
  page.append(h('h1', {}, '节假日安排'),
    h('p', { class: 'muted' }, '工作日期限（如“1311”服务 5 个工作日内）按国务院办公厅部分节假日安排的通知计算。下一年通知公布前，期限暂按周末计算并标注“暂定”；通知载入后自动重算。'),
    box);

  async function load() {
    const c = await api.get('/api/calendar');
    const parts = [];
    parts.push(h('section', { class: 'card' },
      h('h2', {}, '日历覆盖范围'),
      h('p', { 'data-testid': 'shipped-years' }, `内置通知数据：${yearsText(c.shipped_years)}（${c.shipped_source}）`),
      c.provisional_note
        ? h('p', { class: 'warn', 'data-testid': 'provisional-note' }, `${c.provisional_note}：涉及这些年份的期限为暂定。`)
        : h('p', { class: 'ok', 'data-testid': 'provisional-note' }, '今明两年的节假日安排均已覆盖。')));
    parts.push(h('section', { class: 'card' },
      h('h2', {}, '已载入的通知'),
      dataTable([
        { key: 'year', title: '年份' },
        { key: 'title', title: '通知' },
        { key: 'document', title: '文号' },
        { key: 'published_on', title: '发布日期' },
        { key: 'holidays', title: '放假安排', render: (n) => n.holidays.map((x) => `${x.name} ${x.off_from}至${x.off_to}${x.work.length ? `（${x.work.join('、')} 上班）` : ''}`).join('；') },
        { key: 'loaded_by', title: '载入人' },
        { key: 'loaded_at', title: '载入时间', render: (n) => new Date(n.loaded_at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) },
      ], c.notices, { empty: '尚未载入通知' })));
    if (c.may_load) parts.push(uploadForm());
    parts.push(h('section', { class: 'card', id: 'deadline-changes' },
      h('h2', {}, '因载入通知而变化的待办期限'), changesTable(c.deadline_changes)));
    box.replaceChildren(...parts);
  }

  function uploadForm() {
    const file = h('input', { type: 'file', accept: '.yaml,.yml,.txt', 'data-testid': 'notice-file', required: true });
    const result = h('div', { 'aria-live': 'polite', 'data-testid': 'notice-result' });
    const form = h('form', { class: 'filters', id: 'notice-form' },
      h('h2', { class: 'wide' }, '载入节假日安排通知'),
      h('label', { class: 'wide' }, '通知文件（YAML：year、title、document、published_on、holidays）', file),
      h('div', { class: 'actions wide' }, h('button', { type: 'submit', 'data-testid': 'notice-submit' }, '校验并载入')),
      result);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const f = file.files[0];
      if (!f) return;
      const text = await f.text();
      try {
        const r = await api.post('/api/calendar/notices', { text, file_name: f.name });
        showOk(`${r.replaced ? '已更新' : '已载入'} ${r.year} 年节假日安排（${r.document}），${r.moved} 项待办期限随之变化`);
        await load();
      } catch { /* shown by api.js */ }
    });
    return h('section', { class: 'card' }, form);
  }

  await load();
}
