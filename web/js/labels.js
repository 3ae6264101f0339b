// Chinese labels for the codes and field names the API sends (stable
// English codes, see src/registry/codes.h), in the policy document's terms.
// label() falls back to the raw value, so an unknown code still shows.

export const ROLES = {
  officer: '经办人员',
  employer: '用人单位',
  seeker: '求职者',
  auditor: '审计人员',
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
};

export const LEVELS = {
  province: '省', prefecture: '市（州）', county: '县（市、区）', township: '乡镇（街道）', village: '村（社区）',
};

// 人员类别 (registry::Group).
export const GROUPS = {
  college_graduate: '高校毕业生',
  rural_labour: '农村劳动力',
  returned_rural_labour: '返乡农村劳动力',
  poverty_alleviated: '脱贫人口',
  monitoring_object: '防止返贫监测对象',
  relocated: '易地扶贫搬迁群众',
  dibao: '农村低保对象',
  tekun: '特困人员',
  zero_employment_family: '零就业家庭成员',
  disabled: '残疾人',
  veteran: '退役军人',
  hard_to_employ: '就业困难人员',
  released_prisoner: '刑满释放人员',
  returned_overseas_student: '留学回国人员',
};

export const SEX = { male: '男', female: '女' };

export const EDUCATION = {
  unknown: '不详', none: '未上过学', primary: '小学', junior_high: '初中', senior_high: '高中',
  secondary_vocational: '中专/中技/职高', junior_college: '大专', bachelor: '本科',
  master: '硕士研究生', doctor: '博士研究生',
};

export const EMPLOYER_TYPES = {
  enterprise: '企业', cooperative: '农民专业合作社', family_farm: '家庭农场', large_grower: '种养大户',
  assistance_workshop: '就业帮扶车间', social_organisation: '社会组织', foundation: '基金会',
  law_firm: '律师事务所', accounting_firm: '会计师事务所', individual_business: '个体工商户',
  public_institution: '事业单位', hr_agency: '人力资源服务机构', labour_broker: '劳务经纪人',
};

export const SIZES = { large: '大型', medium: '中型', small: '小型', micro: '微型' };

export const JOB_TYPES = {
  full_time: '全职', part_time: '兼职', gig: '零工', internship: '就业见习岗位', public_welfare: '公益性岗位',
};

export const IMPORT_ENTITIES = {
  persons: '劳动力（人员）台账', employers: '用人单位台账', jobs: '岗位信息', contracts: '劳动合同（就业登记）',
};

export const CHANGE_OPS = { insert: '新增', update: '修改', delete: '删除' };

// Field names of Person / Employer / Job / Contract.
export const FIELDS = {
  person_id: '人员编号', id_number: '公民身份号码', name: '姓名', sex: '性别', birth_date: '出生日期',
  ethnicity: '民族', phone: '联系电话', county_code: '所属县（市、区）', hukou_region: '户籍地',
  residence_region: '常住地', work_region: '工作地', insured_region: '参保地', education: '文化程度',
  school_left_on: '毕业（离校）时间', skills: '技能特长', groups: '人员类别', certificates: '职业资格证书',
  employer_id: '单位编号', credit_code: '统一社会信用代码', type: '类型', size: '企业规模', region: '所在地',
  insured_headcount: '参保人数', key_enterprise: '重点企业', years: '历年情况',
  job_id: '岗位编号', employer_credit_code: '用人单位信用代码', employer_name: '用人单位', title: '岗位名称',
  occupation_code: '职业分类代码', headcount: '招聘人数', wage_min_fen: '月薪下限', wage_max_fen: '月薪上限',
  place_region: '工作地点', requirements: '岗位要求', open_on: '发布日期', close_on: '截止日期',
  start_on: '起始日期', end_on: '终止日期', social_insurance_months: '缴纳社保月数', cross_county: '跨县就业',
  cross_province: '跨省就业', flexible: '灵活就业', new_form: '新就业形态',
  valid_from: '认定日期', valid_to: '有效期至', level: '等级', issued_on: '发证日期',
  // A batch import's history entry (one per county and transaction).
  file: '导入文件', rows: '文件行号', count: '本批新增人数',
};

export const CERT_LEVELS = { 1: '一级/高级技师', 2: '二级/技师', 3: '三级/高级工', 4: '四级/中级工', 5: '五级/初级工' };

export function label(table, value) {
  if (value === undefined || value === null || value === '') return '—';
  return table[value] ?? String(value);
}

// Fen (integer) to "1,234.50 元"; money is integer fen everywhere.
export function yuan(fen) {
  if (fen === undefined || fen === null || fen === '') return '—';
  const v = Number(fen) / 100;
  return `${v.toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 })} 元`;
}

export function yesNo(v) { return v ? '是' : '否'; }

// A server time (ISO, UTC: "2026-12-06T08:12:33Z") as China time to the
// minute, "2026-12-06 16:12"; '—' when absent, the text itself when it is
// not a time.
export function chinaTime(iso) {
  if (iso === undefined || iso === null || iso === '') return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return String(iso);
  return new Date(t + 8 * 3600e3).toISOString().slice(0, 16).replace('T', ' ');
}

// An entitlement's status (免申即享审核; the server's status_label says the
// same): held and improper in the terms of fund supervision.
export const ENTITLEMENT_STATUS = {
  proposed: '待审核', held: '资金监管暂停支付', paid: '已支付', approved: '已转银行', reversed: '已冲正',
  withdrawn: '已撤回', improper: '经资金监管认定违规',
};

// Fund supervision (资金监管, issue #17 §1): hold states and checks.
export const HOLD_STATUS = { held: '暂停支付待核查', released: '已放行', improper: '已认定违规' };
export const SUPERVISION_CHECKS = {
  duplicate_cause: '同一事由重复享受',
  duplicate_paid: '同一事由重复享受（另一笔已支付）',
  person_status: '向已死亡、出境定居或服刑人员支付',
  employer_deregistered: '向已注销单位支付',
  budget: '超出预算',
  shared_contact: '联系方式共用（疑似冒领或利益冲突）',
  shared_bank_account: '银行账户共用（疑似冒领）',
  shared_address: '住址共用（疑似虚报冒领）',
  ghost_hire: '疑似虚假招用（无社会保险缴费）',
  circular_hire: '疑似循环招用',
  county_anomaly: '县区支付异常',
};
