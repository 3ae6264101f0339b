// 审计查询 (#/audit, and the auditor's home): the audit log by actor,
// action and period, keyset pages.
import { api } from '../api.js';
import { dataTable, formValues, h } from '../dom.js';
import { showError } from '../messages.js';
import { keysetPager } from './pager.js';
import { formatTime } from './person.js';

const PAGE_SIZE = 50;

// Every action code the server writes to the audit log (the Audit() calls
// and audit rows under src/, 2026-12), as auditors read them. The page shows
// the label with the code beside it in small type; a code not listed here
// shows its domain (DOMAINS) and the code.
export const ACTIONS = {
  login: '登录', logout: '退出登录', csrf: '安全校验失败',
  // 账号管理
  'account.list': '查询账号', 'account.create': '创建账号', 'account.enable': '启用账号', 'account.disable': '停用账号',
  'account.status': '启用/停用账号', 'account.password': '重置账号密码', 'account.password_reset': '重置账号密码',
  'account.region': '调整账号所属区域', 'account.grants': '调整账号权限', 'account.demo_password': '设置演示账号密码',
  // 审计
  'audit.search': '查询审计日志', 'audit.purge': '清理过期审计日志',
  // 人员
  'person.list': '查询人员', 'person.search': '搜索人员', 'person.read': '查看人员信息', 'person.reveal': '查看完整号码',
  'me.case': '查看本人失业登记', 'applications.read': '查看本人申请记录',
  // 台账导入
  'import.start': '台账导入', 'import.rejects': '下载导入未通过数据',
  // 政策（免申即享）
  policy: '政策服务（越权访问）',
  'policy.eval': '政策测算', 'policy.sweep': '政策找企业（发起）', 'policy.propose': '政策找企业（新增待审核）',
  'policy.sweep_revisit': '政策找企业（复查已提出的享受资格）', 'policy.repropose': '重新提出享受资格',
  'policy.withdraw': '撤回享受资格', 'policy.entitlements': '查询享受资格', 'policy.replay': '复核/申诉（重放决定）',
  'policy.approve': '批准享受资格', 'policy.approve_batch': '批量批准享受资格', 'policy.reverse': '冲正支付',
  'policy.batch_submit': '提交支付批次审批', 'policy.batch_recheck': '支付批次提交前复核', 'policy.batch_approve': '审批支付',
  'policy.param_changes': '查询政策参数调整', 'policy.param_propose': '提出政策参数调整',
  'policy.param_approve': '批准政策参数调整', 'policy.param_reject': '驳回政策参数调整',
  // 资金监管
  'supervision.access': '访问资金监管', 'supervision.screen': '资金监管核查', 'supervision.release': '放行暂停支付',
  'supervision.confirm': '认定违规', 'supervision.confirm_improper': '认定违规', 'supervision.recover': '登记追回款',
  'supervision.budget': '录入预算', 'supervision.facts_import': '导入比对信息', 'supervision.officer_hashes': '登记经办人员身份信息',
  // 就业服务
  'services.register': '失业登记', 'services.register.override': '失业登记（经办人说明后受理）', 'services.assess': '分级分类评估',
  'services.record': '记录就业服务', 'services.deregister': '注销失业登记', 'services.timeline': '查看服务记录',
  'services.persons': '查看服务记录', 'services.online_queue': '查看线上失业登记待办', 'services.assign': '分派线上失业登记',
  // 岗位、招聘信息、人岗匹配
  'job.post': '发布招聘信息', 'job.close': '关闭岗位', 'job.apply': '投递岗位', 'job.invite': '邀请求职者应聘',
  'invitation.answer': '答复应聘邀请', 'invitation.phone': '查看接受邀请者的联系电话',
  'ad.approve': '招聘信息审核通过', 'ad.reject': '驳回招聘信息', 'ad.resubmit': '修改后重新提交招聘信息',
  'ads.inspection': '查看多次被暂扣的用人单位（劳动保障监察）',
  'match.profile': '查看求职画像', 'match.candidates': '岗位匹配人选', 'match.batch': '批量人岗匹配',
  'match.batch.export': '导出批量匹配结果', 'match.batch.record': '登记批量匹配推荐',
  // 零工市场
  'gig.post': '发布零工信息', 'gig.book': '零工预约', 'gig.cancel': '取消零工预约', 'gig.complete': '零工完工确认',
  'gig.availability': '登记空闲时间', 'gig_hold.approve': '暂缓发布的零工信息审核通过', 'gig_hold.reject': '驳回暂缓发布的零工信息',
  // 目标监测
  'monitor.read': '查看目标监测', 'monitor.report': '下载季度分析', 'monitor.warnings': '查看风险预警', 'monitor.surveyed_rate': '录入调查失业率',
  // 服务网络
  'network.coverage': '查看服务网络覆盖', 'network.site.add': '新增服务站点', 'network.site.edit': '修改服务站点',
  'network.site.close': '撤销服务站点', 'network.event.add': '登记招聘活动', 'network.base.add': '新增就业见习基地',
  'network.base.edit': '修改就业见习基地', 'network.brand.add': '新增劳务品牌', 'network.brand.edit': '修改劳务品牌',
  'network.brand.enterprise': '登记劳务品牌企业', 'network.key.add': '新增重点企业', 'network.key.edit': '修改重点企业',
  'network.key.contact': '登记重点企业联系服务', 'network.relief.add': '新增以工代赈项目', 'network.relief.edit': '修改以工代赈项目',
  'network.workshop.add': '新增就业帮扶车间', 'network.workshop.edit': '修改就业帮扶车间',
  'network.community.apply': '充分就业社区申报', 'network.community.assess': '充分就业社区评估',
  'network.evaluation.record': '登记服务机构评估', 'network.agency.licence': '登记人力资源服务许可证',
  'network.agency.rate': '人力资源服务机构评级', 'network.station.work': '登记劳务协作站月度工作',
  // 失业保险金
  'benefits.apply': '申领失业保险金', 'benefits.run': '核发失业保险金', 'benefits.stop': '停发失业保险金', 'benefits.subsidy': '核发失业补助',
  // 贷款
  'loans.list': '查询贷款', 'loans.apply': '申请创业担保贷款', 'loans.create': '登记创业担保贷款', 'loans.approve': '审批贷款',
  'loans.disburse': '登记放款', 'loans.repay': '登记还款', 'loans.extend': '贷款展期', 'loans.compensate': '代偿',
  'loans.recover': '代偿追偿', 'loans.write_off': '核销', 'loans.bank_file': '导入经办银行文件',
  // 职业培训
  'training.list': '查询培训', 'training.plan': '培训计划', 'training.provider': '登记培训机构', 'training.course': '开设培训班',
  'training.course_edit': '修改培训班', 'training.enrol': '培训报名', 'training.enrolments': '查看培训学员',
  'training.attendance': '登记培训出勤', 'training.complete': '培训结业', 'training.certificate': '登记培训证书',
  'training.subsidies': '核定培训补贴',
  // 跨省比对
  'linkage.batches': '查看跨省比对批次', 'linkage.summary': '查看跨省比对汇总', 'linkage.review': '查看跨省比对待核对',
  'linkage.review.list': '查看跨省比对待核对', 'linkage.review.resolve': '核对跨省比对结果',
  'linkage.encoded.pairs': '查看加密比对待核对', 'linkage.encoded.resolve': '核对加密比对结果',
  'linkage.flags': '查看跨省比对疑点', 'linkage.flag.close': '处理跨省比对疑点', 'linkage.followup.close': '办结跨省比对跟进',
  // 节假日
  'calendar.load': '更新节假日日历', 'calendar.read': '查看节假日日历',
};

// The domain of an action code not in ACTIONS ("services.xyz" → 就业服务).
const DOMAINS = {
  account: '账号管理', audit: '审计', person: '人员', import: '台账导入', policy: '政策服务', supervision: '资金监管',
  services: '就业服务', job: '岗位', ad: '招聘信息', ads: '招聘信息', match: '人岗匹配', gig: '零工市场', gig_hold: '零工市场',
  monitor: '目标监测', network: '服务网络', benefits: '失业保险金', loans: '贷款', training: '职业培训', linkage: '跨省比对',
  calendar: '节假日', me: '本人信息', applications: '本人申请', invitation: '应聘邀请',
};

// The label of an action code ('' when unknown and of no known domain).
export function actionLabel(code) {
  if (ACTIONS[code]) return ACTIONS[code];
  const domain = DOMAINS[String(code ?? '').split('.')[0]];
  return domain ? `${domain}（其他操作）` : '';
}

// The label, with the code as secondary text for auditors.
function actionCell(e) {
  const text = actionLabel(e.action);
  return h('span', { 'data-action': e.action },
    text || e.action, text ? h('small', { class: 'muted code' }, ` ${e.action}`) : null);
}

// Audit targets as users read them: "person:123" → "人员 123".
const TARGET_PREFIXES = {
  person: '人员', region: '区域', employer: '用人单位', job: '岗位', ad: '招聘信息', gig_post: '零工信息',
  gig_booking: '零工预约', gig_hold: '暂缓发布的零工信息', import: '导入任务', site: '服务站点', event: '招聘活动',
  batch: '支付批次', entitlement: '待遇', registration: '失业登记', account: '账户',
  hold: '资金监管核查记录', budget: '预算', enrolment: '培训报名', course: '培训班', loan: '贷款',
  linkage_review: '跨省比对待核对', linkage_encoded_pair: '加密比对待核对', linkage_followup: '跨省比对跟进', linkage_flag: '跨省比对疑点',
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

export const RESULTS = {
  ok: '成功', denied: '拒绝（越权）', failed: '失败', locked: '账户已锁定', rejected: '未通过（输入或状态有误）',
  held: '暂扣待审核', pending: '待审核', approved: '已批准', published: '已发布', reproduced: '重放一致', differs: '重放不一致',
};

// The server describes the target (a subsidy by its rule's title, persons,
// employers and regions by name) and a JSON detail as labelled fields; the
// table above covers the targets it does not describe.
function detail(e) {
  const d = e.detail_text ?? e.detail ?? '';
  const text = typeof d === 'object' ? JSON.stringify(d) : String(d);
  return [e.target_text || targetText(e.target), text].filter(Boolean).join(' ');
}

export async function render({ page }) {
  const form = h('form', { class: 'filters card', role: 'search' },
    h('label', {}, '操作人（账户）', h('input', { name: 'actor', maxlength: '60' })),
    h('label', {}, '操作类型', h('select', { name: 'action' }, h('option', { value: '' }, '全部'),
      Object.entries(ACTIONS).map(([v, t]) => h('option', { value: v }, `${t}（${v}）`)))),
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
      { key: 'action', title: '操作', render: actionCell },
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
