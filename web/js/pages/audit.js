// 审计查询 (#/audit, and the auditor's home): the audit log by actor,
// action and period, keyset pages.
import { api } from '../api.js';
import { dataTable, formValues, h } from '../dom.js';
import { showError } from '../messages.js';
import { keysetPager } from './pager.js';
import { formatTime } from './person.js';

const PAGE_SIZE = 50;

export const ACTIONS = {
  login: '登录', login_failed: '登录失败', logout: '退出登录', account_locked: '账户锁定',
  person_view: '查看人员', person_search: '查询人员', reveal: '查看完整号码', import: '台账导入',
  export: '导出', permission_grant: '授予权限', permission_revoke: '撤销权限', account_create: '创建账户',
  denied: '越权访问被拒绝',
};

function detail(e) {
  const d = e.detail ?? e.details ?? e.target ?? '';
  return typeof d === 'object' ? JSON.stringify(d) : String(d);
}

export async function render({ page }) {
  const form = h('form', { class: 'filters card', role: 'search' },
    h('label', {}, '操作人（账户）', h('input', { name: 'actor', maxlength: '60' })),
    h('label', {}, '操作类型', h('select', { name: 'action' }, h('option', { value: '' }, '全部'),
      Object.entries(ACTIONS).map(([v, t]) => h('option', { value: v }, t)))),
    h('label', {}, '起始日期', h('input', { name: 'from', type: 'date' })),
    h('label', {}, '截止日期', h('input', { name: 'to', type: 'date' })),
    h('div', { class: 'actions wide' }, h('button', { type: 'submit' }, '查询')));
  const results = h('section', { id: 'results' });
  page.append(h('h1', {}, '审计日志查询'),
    h('p', { class: 'muted' }, '审计日志只可查询，不可修改或删除。'), form, results);

  const pager = keysetPager(results, {
    fetch: (query, after) => api.get('/api/audit', { ...query, after, limit: PAGE_SIZE }),
    idKey: 'audit_id',
    pageSize: PAGE_SIZE,
    table: (items) => dataTable([
      { key: 'at', title: '时间', render: (e) => formatTime(e.at) },
      { key: 'actor', title: '操作人' },
      { key: 'action', title: '操作', render: (e) => ACTIONS[e.action] ?? e.action },
      { key: 'outcome', title: '结果', render: (e) => e.outcome ?? (e.ok === false ? '拒绝' : '成功') },
      { key: 'detail', title: '对象与说明', render: detail },
      { key: 'ip', title: '来源地址' },
    ], items, { empty: '没有符合条件的审计记录' }),
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = formValues(form);
    if (v.from && v.to && v.from > v.to) {
      showError('起始日期不能晚于截止日期');
      return;
    }
    pager.search(v);
  });
  await pager.search({});
}
