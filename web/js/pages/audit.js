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
  'policy.entitlements': '查询待遇享受情况', 'policy.eval': '政策测算', policy: '政策服务',
  'services.register': '失业登记', 'services.register.override': '失业登记（经办人说明后受理）', 'services.assess': '分级分类评估',
  'services.record': '记录就业服务', 'services.deregister': '注销失业登记', 'services.timeline': '查看服务记录',
  'match.profile': '查看求职画像', 'match.candidates': '岗位匹配人选', 'match.batch': '批量人岗匹配',
  'job.post': '发布招聘信息', 'job.close': '关闭岗位', 'ads.inspection': '招聘信息巡查',
  'gig.post': '发布零工信息', 'gig.book': '零工预约', 'gig.cancel': '取消零工预约', 'gig.complete': '零工完工确认', 'gig.availability': '登记空闲时间',
  'monitor.read': '查看目标监测', 'monitor.report': '下载季度分析', 'monitor.warnings': '查看风险预警', 'monitor.surveyed_rate': '录入调查失业率',
  'network.coverage': '查看服务网络覆盖', 'network.site.add': '新增服务站点', 'network.site.close': '撤销服务站点', 'network.event.add': '登记招聘活动',
  'calendar.load': '更新节假日日历',
};

// Audit targets as users read them: "person:123" → "人员 123".
const TARGET_PREFIXES = {
  person: '人员', region: '区域', employer: '用人单位', job: '岗位', ad: '招聘信息', gig_post: '零工信息',
  gig_booking: '零工预约', gig_hold: '暂缓发布的零工信息', import: '导入任务', site: '服务站点', event: '招聘活动',
  batch: '支付批次', entitlement: '待遇', registration: '失业登记', account: '账户',
};
const TARGET_WORDS = {
  audit_log: '审计日志', account: '本账户', persons: '人员名单', indicators: '目标监测指标', warnings: '风险预警',
  report: '季度分析报告', annex: '数据附件', calendar: '节假日日历',
};
export function targetText(t) {
  if (!t) return '';
  return String(t).split(' ').map((part) => {
    if (TARGET_WORDS[part]) return TARGET_WORDS[part];
    const i = part.indexOf(':');
    if (i > 0 && TARGET_PREFIXES[part.slice(0, i)]) return `${TARGET_PREFIXES[part.slice(0, i)]} ${part.slice(i + 1)}`;
    return part;
  }).join(' ');
}

export const RESULTS = { ok: '成功', denied: '拒绝（越权）', failed: '失败', locked: '账户已锁定' };

function detail(e) {
  const d = e.detail ?? '';
  const text = typeof d === 'object' ? JSON.stringify(d) : String(d);
  return [targetText(e.target), text].filter(Boolean).join(' ');
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
