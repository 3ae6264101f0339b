// 审计查询 (#/audit, and the auditor's home): the audit log by actor,
// action and period, keyset pages.
import { api } from '../api.js';
import { dataTable, formValues, h } from '../dom.js';
import { showError } from '../messages.js';
import { keysetPager } from './pager.js';
import { formatTime } from './person.js';

const PAGE_SIZE = 50;

export const ACTIONS = {
  login: '登录', logout: '退出登录', csrf: '安全校验失败',
  'person.list': '查询人员', 'person.read': '查看人员信息', 'person.reveal': '查看完整号码',
  'import.start': '台账导入', 'import.rejects': '下载导入未通过数据', 'audit.search': '查询审计日志',
  'policy.propose': '政策找企业（新增待审核）', 'policy.batch_submit': '提交支付批次审批', 'policy.batch_approve': '审批支付',
};

export const RESULTS = { ok: '成功', denied: '拒绝（越权）', failed: '失败', locked: '账户已锁定' };

function detail(e) {
  const d = e.detail ?? '';
  const text = typeof d === 'object' ? JSON.stringify(d) : String(d);
  return [e.target, text].filter(Boolean).join(' ');
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
    idKey: 'seq',
    pageSize: PAGE_SIZE,
    table: (items) => dataTable([
      { key: 'at', title: '时间', render: (e) => formatTime(e.at) },
      { key: 'actor', title: '操作人', render: (e) => [e.actor, e.region].filter(Boolean).join(' / ') },
      { key: 'action', title: '操作', render: (e) => ACTIONS[e.action] ?? e.action },
      { key: 'result', title: '结果', render: (e) => RESULTS[e.result] ?? e.result },
      { key: 'detail', title: '对象与说明', render: detail },
      { key: 'client', title: '来源地址' },
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
