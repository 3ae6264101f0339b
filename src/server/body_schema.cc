#include "server/body_schema.h"

#include <cctype>

#include <fmt/format.h>

#include "core/utf8.h"
#include "server/api_internal.h"

namespace qjy::server {
namespace {

using T = FieldType;

std::string_view TypeText(FieldType t) {
  switch (t) {
    case T::kString: return "文字";
    case T::kInteger: return "整数";
    case T::kIntegerOrDigits: return "整数";
    case T::kBoolean: return "true 或 false";
    case T::kStringArray: return "文字列表";
    case T::kIntegerMap: return "各项整数分值";
  }
  return "";
}

// The value as the user typed it, short: a number, a type name for
// containers, the first characters of a string.
std::string Shown(const nlohmann::json& v) {
  if (v.is_object()) return "{…}";
  if (v.is_array()) return "[…]";
  std::string s = Dump(v);
  if (Utf8Length(s) > 40) s = std::string(Utf8First(s, 40)) + "…";  // Dump replaced any invalid UTF-8
  return s;
}

}  // namespace

// A 一县一企 employment base's fields (A2(一)): the same when it is
// registered and when edited.
static std::vector<BodyField> BaseFields() {
  return {{"county", T::kString, "所属县"},
          {"name", T::kString, "基地名称"},
          {"partner_credit_code", T::kString, "合作企业"},
          {"partner_name", T::kString, "合作企业名称"},
          {"partner_region", T::kString, "企业所在地"},
          {"partner_city", T::kString, "协作城市"},
          {"signed_on", T::kString, "签约日期", true},
          {"closed_on", T::kString, "终止日期", true},
          {"posts_offered", T::kIntegerOrDigits, "提供岗位数", true},
          {"workers_entered", T::kIntegerOrDigits, "吸纳贵州籍务工人数", true},
          {"workers_source", T::kString, "人数来源"},
          {"workers_as_of", T::kString, "人数统计日期", true},
          {"note", T::kString, "备注"}};
}

// A 就业帮扶车间's fields: the same when it is registered and when edited.
static std::vector<BodyField> WorkshopFields() {
  return {{"region", T::kString, "所在区划"},
          {"name", T::kString, "车间名称"},
          {"operator_credit_code", T::kString, "运营单位"},
          {"address", T::kString, "地址"},
          {"status", T::kString, "认定状态"},
          {"recognised_on", T::kString, "认定日期", true},
          {"revoked_on", T::kString, "撤销日期", true},
          {"poverty_employed", T::kIntegerOrDigits, "吸纳脱贫人口人数", true},
          {"poverty_source", T::kString, "人数来源"},
          {"poverty_as_of", T::kString, "人数统计日期", true}};
}

// Labour brands (A2(二)) and work-relief projects (A2(六)), registered and
// edited with the same fields (api_network_programmes.cc).
static std::vector<BodyField> BrandFields() {
  return {{"county", T::kString, "所在县"},
          {"kind", T::kString, "品牌类型"},
          {"name", T::kString, "品牌名称"},
          {"industry", T::kString, "行业"},
          {"description", T::kString, "说明"},
          {"established_on", T::kString, "培育（认定）日期", true}};
}

static std::vector<BodyField> ReliefFields() {
  return {{"region", T::kString, "所在区划"},
          {"name", T::kString, "项目名称"},
          {"sector", T::kString, "领域"},
          {"year", T::kIntegerOrDigits, "资金年度"},
          {"central_funds_fen", T::kIntegerOrDigits, "中央以工代赈资金"},
          {"labour_paid_fen", T::kIntegerOrDigits, "发放劳务报酬"},
          {"local_employed", T::kIntegerOrDigits, "吸纳当地群众就业人数"},
          {"relocated_employed", T::kIntegerOrDigits, "其中易地搬迁群众人数"},
          {"posts", T::kIntegerOrDigits, "设置岗位数"},
          {"relocation_site", T::kBoolean, "安置区周边项目"}};
}

const std::vector<BodySchema>& BodySchemas() {
  static const std::vector<BodySchema> kSchemas = {
      {"POST", "/api/login", {{"username", T::kString, "用户名"}, {"password", T::kString, "密码"}}},
      {"POST", "/api/persons/{person_id}/reveal", {{"field", T::kString, "查看字段"}, {"reason", T::kString, "查看理由"}}},
      {"POST",
       "/api/services/{action}",
       {{"person_id", T::kIntegerOrDigits, "人员编号"},
        {"id_number", T::kString, "公民身份号码"},
        {"on", T::kString, "日期"},
        {"found_on", T::kString, "发现失业日期"},
        {"place", T::kString, "登记地类型"},
        {"region_code", T::kString, "登记地"},
        {"channel", T::kString, "登记渠道"},
        {"served_as", T::kString, "服务身份"},
        {"flags", T::kString, "标记"},
        {"kind", T::kString, "服务类型"},
        {"outcome", T::kString, "服务结果"},
        {"job_id", T::kIntegerOrDigits, "岗位编号"},
        {"category", T::kString, "类别"},
        {"reason", T::kString, "原因"},
        {"override_reason", T::kString, "在职仍登记的理由"},
        {"note", T::kString, "备注"}}},
      {"POST",
       "/api/benefits/claims",
       {{"person_id", T::kIntegerOrDigits, "人员编号"}, {"applied_on", T::kString, "申请日期"}}},
      {"POST",
       "/api/benefits/claims/{claim_id}/stop",
       {{"reason", T::kString, "停发原因"}, {"month", T::kString, "停发月份"}, {"note", T::kString, "说明"}}},
      {"POST", "/api/benefits/runs", {{"month", T::kString, "发放月份"}, {"region", T::kString, "区划"}}},
      {"POST",
       "/api/loans",
       {{"entitlement_key", T::kString, "享受资格"},
        {"amount_fen", T::kIntegerOrDigits, "贷款金额（分）"},
        {"term_months", T::kIntegerOrDigits, "贷款期限（月）"},
        {"bank", T::kString, "经办银行"},
        {"guarantee_fund", T::kString, "担保基金"},
        {"counter_guarantee", T::kString, "反担保措施"},
        {"loan_no", T::kString, "贷款编号"},
        {"on", T::kString, "申请日期"}}},
      {"POST", "/api/loans/{loan_id}/approve", {{"on", T::kString, "审批日期"}}},
      {"POST",
       "/api/loans/{loan_id}/disburse",
       {{"on", T::kString, "放款日期"},
        {"amount_fen", T::kIntegerOrDigits, "放款金额（分）"},
        {"rate_bp", T::kIntegerOrDigits, "年利率（万分点）"}}},
      {"POST",
       "/api/loans/{loan_id}/repayments",
       {{"bank_ref", T::kString, "银行流水号"},
        {"on", T::kString, "还款日期"},
        {"principal_fen", T::kIntegerOrDigits, "还款本金（分）"}}},
      {"POST",
       "/api/loans/{loan_id}/extension",
       {{"on", T::kString, "展期申请日期"}, {"months", T::kIntegerOrDigits, "展期月数"}, {"reason", T::kString, "不可抗力事由"}}},
      {"POST", "/api/loans/{loan_id}/compensation", {{"on", T::kString, "代偿日期"}}},
      {"POST",
       "/api/loans/{loan_id}/recoveries",
       {{"ref", T::kString, "回款凭证号"}, {"on", T::kString, "回款日期"}, {"amount_fen", T::kIntegerOrDigits, "追偿回款金额（分）"}}},
      {"POST",
       "/api/loans/{loan_id}/write-off",
       {{"on", T::kString, "核销日期"}, {"amount_fen", T::kIntegerOrDigits, "核销金额（分）", true}}},
      {"POST",
       "/api/training/providers",
       {{"county_code", T::kString, "所在县"},
        {"name", T::kString, "机构名称"},
        {"credit_code", T::kString, "统一社会信用代码"},
        {"address", T::kString, "地址"}}},
      {"POST",
       "/api/training/courses",
       {{"provider_id", T::kIntegerOrDigits, "培训机构编号"},
        {"title", T::kString, "课程名称"},
        {"occupation_code", T::kString, "职业编码"},
        {"level", T::kInteger, "等级"},
        {"kind", T::kString, "培训类型"},
        {"hours", T::kInteger, "学时"},
        {"start_on", T::kString, "开始日期"},
        {"end_on", T::kString, "结束日期"},
        {"place_region", T::kString, "培训地点"},
        {"capacity", T::kInteger, "名额"}}},
      {"POST",
       "/api/training/courses/{course_id}/enrolments",
       {{"person_id", T::kIntegerOrDigits, "人员编号"}, {"enrolled_on", T::kString, "报名日期"}}},
      {"POST",
       "/api/training/enrolments/{enrolment_id}/attendance",
       {{"on", T::kString, "出勤日期"}, {"hours", T::kInteger, "学时"}}},
      {"POST", "/api/training/enrolments/{enrolment_id}/complete", {{"completed_on", T::kString, "结业日期"}}},
      {"POST",
       "/api/training/enrolments/{enrolment_id}/certificate",
       {{"cert_kind", T::kString, "证书类型"},
        {"level", T::kInteger, "证书等级"},
        {"issued_on", T::kString, "发证日期"},
        {"cert_no", T::kString, "证书编号"}}},
      {"POST",
       "/api/training/enrolments/{enrolment_id}/subsidies",
       {{"kind", T::kString, "补贴类型"}, {"on", T::kString, "决定日期"}}},
      {"PUT",
       "/api/training/courses/{course_id}",
       {{"title", T::kString, "课程名称"},
        {"occupation_code", T::kString, "职业编码"},
        {"level", T::kInteger, "等级"},
        {"kind", T::kString, "培训类型"},
        {"hours", T::kInteger, "学时"},
        {"start_on", T::kString, "开始日期"},
        {"end_on", T::kString, "结束日期"},
        {"place_region", T::kString, "培训地点"},
        {"capacity", T::kInteger, "名额"}}},
      {"POST",
       "/api/training/enrolments/{enrolment_id}/withdraw",
       {{"on", T::kString, "退出日期"}, {"reason", T::kString, "退出原因"}}},
      {"POST",
       "/api/training/persons/{person_id}/plan",
       {{"course_id", T::kIntegerOrDigits, "培训课程编号"},
        {"reason", T::kString, "推荐理由"},
        {"enrol", T::kBoolean, "同时报名"},
        {"on", T::kString, "日期"}}},
      {"POST",
       "/api/benefits/subsidies",
       {{"kind", T::kString, "补助类别"}, {"person_id", T::kIntegerOrDigits, "人员编号"}, {"applied_on", T::kString, "申请日期"}}},
      {"POST",
       "/api/network/sites",
       {{"kind", T::kString, "类型"},
        {"tier", T::kString, "层级"},
        {"region", T::kString, "所在区划"},
        {"owner_region", T::kString, "主办区划"},
        {"name", T::kString, "名称"},
        {"address", T::kString, "地址"},
        {"hours", T::kString, "服务时间"},
        {"services", T::kString, "服务项目"},
        {"staff", T::kInteger, "工作人员数"},
        {"online", T::kBoolean, "线上"},
        {"opened_on", T::kString, "开办日期"},
        {"parent_site_id", T::kInteger, "上级站"}}},
      {"PUT",
       "/api/network/sites/{site_id}",
       {{"kind", T::kString, "类型"},
        {"tier", T::kString, "层级"},
        {"region", T::kString, "所在区划"},
        {"name", T::kString, "名称"},
        {"address", T::kString, "地址"},
        {"hours", T::kString, "服务时间"},
        {"services", T::kString, "服务项目"},
        {"recognition_level", T::kString, "认定级别"},
        {"staff", T::kIntegerOrDigits, "工作人员数", true},
        {"parent_site_id", T::kIntegerOrDigits, "上级站", true},
        {"online", T::kBoolean, "线上"},
        {"opened_on", T::kString, "开办日期", true},
        {"closed_on", T::kString, "关闭日期", true},
        {"recognised_on", T::kString, "认定日期", true}}},
      {"POST", "/api/network/workshops", WorkshopFields()},
      {"PUT", "/api/network/workshops/{workshop_id}", WorkshopFields()},
      {"POST", "/api/network/brands", BrandFields()},
      {"PUT", "/api/network/brands/{brand_id}", BrandFields()},
      {"POST",
       "/api/network/brands/{brand_id}/enterprises",
       {{"credit_code", T::kString, "龙头企业"}, {"recognised_on", T::kString, "认定日期", true}}},
      {"POST", "/api/network/relief-projects", ReliefFields()},
      {"PUT", "/api/network/relief-projects/{project_id}", ReliefFields()},
      {"POST",
       "/api/network/key-enterprises",
       {{"credit_code", T::kString, "企业"},
        {"kind", T::kString, "企业类别"},
        {"officer", T::kString, "人社服务专员"},
        {"listed_on", T::kString, "列入名录日期", true},
        {"note", T::kString, "备注"}}},
      {"PUT",
       "/api/network/key-enterprises/{enterprise_id}",
       {{"kind", T::kString, "企业类别"},
        {"officer", T::kString, "人社服务专员"},
        {"listed_on", T::kString, "列入名录日期", true},
        {"delisted_on", T::kString, "移出名录日期", true},
        {"note", T::kString, "备注"}}},
      {"POST",
       "/api/network/key-enterprises/{enterprise_id}/contacts",
       {{"contacted_on", T::kString, "联系日期"},
        {"way", T::kString, "联系方式"},
        {"officer", T::kString, "服务专员"},
        {"jobs_collected", T::kIntegerOrDigits, "收集岗位数"},
        {"needs", T::kString, "用工需求"},
        {"follow_up", T::kString, "跟踪服务"}}},
      {"POST", "/api/network/bases", BaseFields()},
      {"PUT", "/api/network/bases/{base_id}", BaseFields()},
      {"POST", "/api/supervision/holds/{hold_id}/release", {{"reason", T::kString, "理由"}}},
      {"POST", "/api/supervision/holds/{hold_id}/confirm", {{"reason", T::kString, "理由"}}},
      {"POST",
       "/api/supervision/holds/{hold_id}/recoveries",
       {{"amount_fen", T::kIntegerOrDigits, "追回金额"}, {"ref", T::kString, "收款凭证号"}}},
      {"POST",
       "/api/supervision/budgets",
       {{"county_code", T::kString, "县（市、区）"},
        {"fund", T::kString, "资金"},
        {"year", T::kIntegerOrDigits, "年度"},
        {"amount_fen", T::kIntegerOrDigits, "预算金额"}}},
      {"POST", "/api/supervision/screen", {{"region", T::kString, "区域"}}},
      {"POST",
       "/api/supervision/officers",
       {{"username", T::kString, "账号"}, {"id_number", T::kString, "身份证号"}, {"phone", T::kString, "手机号"}}},
      {"POST", "/api/linkage/review/{review_id}", {{"decision", T::kString, "判定"}}},
      {"POST", "/api/linkage/encoded/pairs/{pair_id}", {{"decision", T::kString, "判定"}}},
      {"POST", "/api/linkage/flags/{flag_id}", {{"outcome", T::kString, "核实情况"}}},
      {"POST",
       "/api/linkage/followups/{followup_id}",
       {{"outcome", T::kString, "办结方式"}, {"note", T::kString, "联系情况说明"}, {"contacted_on", T::kString, "联系日期"}}},
      {"POST", "/api/network/sites/{site_id}/close", {{"closed_on", T::kString, "关闭日期"}, {"reason", T::kString, "关闭原因"}}},
      {"POST",
       "/api/network/sites/{site_id}/ratings",
       {{"grade", T::kString, "评级"},
        {"rated_on", T::kString, "评级日期"},
        {"rated_by", T::kString, "评定单位"},
        {"basis", T::kString, "评定依据"}}},
      {"POST",
       "/api/network/sites/{site_id}/applications",
       {{"level", T::kString, "申报级别"},
        {"applied_on", T::kString, "申报日期"},
        {"able_willing", T::kIntegerOrDigits, "有就业能力和就业愿望的居民数"},
        {"employed", T::kIntegerOrDigits, "已就业人数"},
        {"hard_to_employ", T::kIntegerOrDigits, "就业困难人员数"},
        {"hard_to_employ_employed", T::kIntegerOrDigits, "就业困难人员已就业人数"},
        {"zero_employment_families", T::kIntegerOrDigits, "零就业家庭户数"},
        {"service_desk", T::kBoolean, "就业创业服务窗口"},
        {"service_staff", T::kIntegerOrDigits, "就业服务人员数"}}},
      {"POST",
       "/api/network/community-applications/{application_id}/assess",
       {{"assessed_on", T::kString, "评估日期"}, {"assessor", T::kString, "评估单位"}, {"basis", T::kString, "评估依据"}}},
      {"POST",
       "/api/network/stations/{site_id}/work",
       {{"month", T::kString, "月份"},
        {"jobs_collected", T::kIntegerOrDigits, "岗位信息收集数"},
        {"placed", T::kIntegerOrDigits, "输出就业人数"},
        {"retained", T::kIntegerOrDigits, "稳岗人数"},
        {"rights_cases", T::kIntegerOrDigits, "维权案件数"},
        {"note", T::kString, "备注"},
        {"replace", T::kBoolean, "更正"}}},
      {"POST",
       "/api/network/sites/{site_id}/licences",
       {{"licence_no", T::kString, "许可证编号"},
        {"issuer", T::kString, "发证机关"},
        {"valid_from", T::kString, "有效期起"},
        {"valid_to", T::kString, "有效期止", true},
        {"scope", T::kStringArray, "经营范围"}}},
      {"POST",
       "/api/network/sites/{site_id}/evaluations",
       {{"year", T::kIntegerOrDigits, "评估年度"},
        {"scores", T::kIntegerMap, "评分"},
        {"evaluated_on", T::kString, "评估日期"},
        {"evaluator", T::kString, "评估单位"},
        {"note", T::kString, "备注"}}},
      {"POST",
       "/api/network/events",
       {{"region", T::kString, "主办区划"},
        {"kind", T::kString, "活动类型"},
        {"title", T::kString, "活动名称"},
        {"place", T::kString, "地点"},
        {"online", T::kBoolean, "线上"},
        {"held_on", T::kString, "举办日期"},
        {"planned", T::kBoolean, "计划"},
        {"employers", T::kInteger, "参会单位数"},
        {"jobs", T::kInteger, "提供岗位数"},
        {"attendance", T::kInteger, "参会人数"},
        {"hires", T::kInteger, "达成就业意向人数"}}},
      {"POST", "/api/policy/sweep", {{"date", T::kString, "日期"}, {"region", T::kString, "区域"}}},
      {"POST",
       "/api/policy/batches",
       {{"once_keys", T::kStringArray, "享受资格"},
        {"all", T::kBoolean, "全部待审核"},
        {"region", T::kString, "区域"},
        {"rule", T::kString, "规则"}}},
      {"POST", "/api/policy/batches/{batch_id}/approve", {}},
      {"POST",
       "/api/jobs",
       {{"county_code", T::kString, "所属县", true},
        {"employer_credit_code", T::kString, "统一社会信用代码", true},
        {"title", T::kString, "岗位名称", true},
        {"occupation_code", T::kString, "职业编码", true},
        {"headcount", T::kInteger, "招聘人数", true},
        {"wage_min_fen", T::kInteger, "最低月薪（分）", true},
        {"wage_max_fen", T::kInteger, "最高月薪（分）", true},
        {"place_region", T::kString, "工作地点", true},
        {"requirements", T::kString, "岗位要求", true},
        {"type", T::kString, "岗位类型", true},
        {"open_on", T::kString, "发布日期", true},
        {"close_on", T::kString, "截止日期", true},
        {"sex", T::kString, "性别要求", true},
        {"age_min", T::kInteger, "年龄下限", true},
        {"age_max", T::kInteger, "年龄上限", true},
        {"hukou", T::kString, "户籍要求", true},
        {"ethnicity", T::kString, "民族要求", true},
        {"marital", T::kString, "婚育要求", true},
        {"school_tier", T::kString, "院校要求", true},
        {"min_education", T::kString, "最低学历", true},
        {"contact_name", T::kString, "联系人", true},
        {"contact_phone", T::kString, "联系电话", true}}},
      {"POST",
       "/api/ads/{ad_id}/resubmit",
       {{"county_code", T::kString, "所属县", true},
        {"employer_credit_code", T::kString, "统一社会信用代码", true},
        {"title", T::kString, "岗位名称", true},
        {"occupation_code", T::kString, "职业编码", true},
        {"headcount", T::kInteger, "招聘人数", true},
        {"wage_min_fen", T::kInteger, "最低月薪（分）", true},
        {"wage_max_fen", T::kInteger, "最高月薪（分）", true},
        {"place_region", T::kString, "工作地点", true},
        {"requirements", T::kString, "岗位要求", true},
        {"type", T::kString, "岗位类型", true},
        {"open_on", T::kString, "发布日期", true},
        {"close_on", T::kString, "截止日期", true},
        {"sex", T::kString, "性别要求", true},
        {"age_min", T::kInteger, "年龄下限", true},
        {"age_max", T::kInteger, "年龄上限", true},
        {"hukou", T::kString, "户籍要求", true},
        {"ethnicity", T::kString, "民族要求", true},
        {"marital", T::kString, "婚育要求", true},
        {"school_tier", T::kString, "院校要求", true},
        {"min_education", T::kString, "最低学历", true},
        {"contact_name", T::kString, "联系人", true},
        {"contact_phone", T::kString, "联系电话", true}}},
      {"POST", "/api/jobs/{job_id}/applications", {}},
      {"POST",
       "/api/jobs/{job_id}/invitations",
       {{"person_id", T::kIntegerOrDigits, "邀请对象"}, {"message", T::kString, "邀请留言", true}}},
      {"POST", "/api/services/online-registrations/{registration_id}/assign", {{"officer", T::kString, "经办人"}}},
      {"POST", "/api/me/registration", {{"found_on", T::kString, "发现失业日期", true}, {"served_as", T::kString, "登记身份", true}}},
      {"POST", "/api/me/invitations/{invitation_id}/answer", {{"answer", T::kString, "答复"}}},
      {"POST", "/api/ads/{ad_id}/approve", {{"note", T::kString, "审核意见"}}},
      {"POST", "/api/ads/{ad_id}/reject", {{"note", T::kString, "驳回理由"}}},
      {"POST",
       "/api/gig/posts",
       {{"employer_credit_code", T::kString, "统一社会信用代码"},
        {"title", T::kString, "岗位名称"},
        {"place_region", T::kString, "工作地点"},
        {"pay_unit", T::kString, "计酬方式"},
        {"pay_fen", T::kInteger, "报酬（分）"},
        {"headcount", T::kInteger, "人数"},
        {"market_site_id", T::kInteger, "零工市场"},
        {"work_date", T::kString, "用工日期"},
        {"start", T::kString, "开始时间"},
        {"end", T::kString, "结束时间"}}},
      {"POST", "/api/gig/posts/{post_id}/book", {{"person_id", T::kInteger, "人员编号"}}},
      {"POST", "/api/gig/holds/{hold_id}/approve", {{"note", T::kString, "审核意见"}}},
      {"POST", "/api/gig/holds/{hold_id}/reject", {{"note", T::kString, "驳回理由"}}},
      {"POST",
       "/api/gig/availability",
       {{"person_id", T::kInteger, "人员编号"},
        {"area_region", T::kString, "可工作区域"},
        {"min_day_pay_fen", T::kInteger, "期望日薪（分）"},
        {"skills", T::kString, "技能"},
        {"work_date", T::kString, "可工作日期"},
        {"start", T::kString, "开始时间"},
        {"end", T::kString, "结束时间"}}},
      {"PUT",
       "/api/match/persons/{person_id}/profile",
       {{"desired_occupations", T::kStringArray, "期望职业"},
        {"skills", T::kStringArray, "技能证书"},
        {"experience_years", T::kInteger, "工作年限"},
        {"home_county", T::kString, "常住县"},
        {"scope", T::kString, "就业地域范围"},
        {"outbound_provinces", T::kStringArray, "意向外出省份"},
        {"expected_wage_fen", T::kInteger, "期望月薪（分）"},
        {"work_type", T::kString, "工作类型", true},
        {"available_from", T::kString, "可到岗日期"}}},
      {"POST",
       "/api/calendar/notices",
       {{"text", T::kString, "通知文件内容"}, {"file_name", T::kString, "文件名"}, {"as_of", T::kString, "截至日期"}}},
      {"POST",
       "/api/monitor/surveyed-rate",
       {{"region", T::kString, "区域"},
        {"month", T::kString, "月份"},
        {"rate_bp", T::kInteger, "调查失业率（万分点）"},
        {"source", T::kString, "数据来源"},
        {"note", T::kString, "说明"}}},
      {"POST", "/api/match/batch", {{"region", T::kString, "区域"}, {"registered_only", T::kBoolean, "仅登记失业人员"}}},
      {"POST", "/api/match/batch/{batch_id}/record", {}},
      {"POST",
       "/api/accounts",
       {{"username", T::kString, "用户名"},
        {"display_name", T::kString, "姓名"},
        {"role", T::kString, "角色"},
        {"region_code", T::kString, "所属区划"},
        {"credit_code", T::kString, "统一社会信用代码"},
        {"id_number", T::kString, "公民身份号码"},
        {"password", T::kString, "初始密码"}}},
      {"POST", "/api/accounts/{account_id}/status", {{"disabled", T::kBoolean, "停用"}}},
      {"POST", "/api/accounts/{account_id}/password", {{"password", T::kString, "新密码"}}},
      {"POST", "/api/accounts/{account_id}/region", {{"region_code", T::kString, "所属区划"}}},
      {"POST", "/api/accounts/{account_id}/grants", {{"grants", T::kStringArray, "权限"}}},
      {"POST",
       "/api/policy/param-changes",
       {{"name", T::kString, "政策参数"},
        {"value", T::kInteger, "新的取值", true},
        {"from", T::kString, "生效日期"},
        {"document", T::kString, "依据文件"},
        {"clause", T::kString, "依据条款"},
        {"reason", T::kString, "调整说明"}}},
      {"POST", "/api/policy/param-changes/{change_id}/approve", {}},
      {"POST", "/api/policy/param-changes/{change_id}/reject", {{"note", T::kString, "驳回理由"}}},
  };
  return kSchemas;
}

const BodySchema* FindBodySchema(std::string_view method, std::string_view pattern) {
  for (const auto& s : BodySchemas()) {
    if (s.method == method && s.pattern == pattern) return &s;
  }
  return nullptr;
}

bool FieldTypeMatches(const BodyField& field, const nlohmann::json& v) {
  if (v.is_null()) return field.nullable;
  switch (field.type) {
    case T::kString: return v.is_string();
    case T::kInteger: return v.is_number_integer();
    case T::kIntegerOrDigits:
      if (v.is_number_integer()) return true;
      if (!v.is_string()) return false;
      {
        const auto& s = v.get_ref<const std::string&>();
        return !s.empty() && s.size() <= 18 && s.find_first_not_of("0123456789") == std::string::npos;
      }
    case T::kBoolean: return v.is_boolean();
    case T::kStringArray:
      if (!v.is_array()) return false;
      for (const auto& e : v) {
        if (!e.is_string()) return false;
      }
      return true;
    case T::kIntegerMap:
      if (!v.is_object()) return false;
      for (const auto& e : v) {
        if (!e.is_number_integer()) return false;
      }
      return true;
  }
  return false;
}

bool IsJsonContentType(std::string_view ct) {
  auto semi = ct.find(';');
  std::string_view type = ct.substr(0, semi);
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  constexpr std::string_view kJson = "application/json";
  if (type.size() != kJson.size()) return false;
  for (size_t i = 0; i < type.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(type[i])) != kJson[i]) return false;
  }
  return true;
}

std::optional<HttpResponse> CheckJsonBody(const BodySchema& schema, const HttpRequest& req) {
  // A form or text/plain post (what a cross-site page can send without a
  // preflight) never reaches a JSON route: no login CSRF.
  if (!IsJsonContentType(req.Header("content-type"))) {
    return HttpResponse::Error(415, "unsupported_media_type", "请求须为 JSON（Content-Type: application/json）");
  }
  auto j = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return HttpResponse::Error(400, "bad_json", "请求体须为 JSON 对象");
  }
  nlohmann::json errors = nlohmann::json::array();
  std::string message;
  for (const auto& f : schema.fields) {
    auto it = j.find(f.name);
    if (it == j.end() || FieldTypeMatches(f, *it)) continue;
    std::string reason = fmt::format("应为{}", TypeText(f.type));
    if (!message.empty()) message += "；";
    message += fmt::format("{}（{}）{}", f.label, f.name, reason);
    errors.push_back({{"field", f.name}, {"label", f.label}, {"value", Shown(*it)}, {"reason", reason}});
  }
  if (errors.empty()) return std::nullopt;
  return JsonOk({{"error", "invalid_argument"}, {"message", "字段类型错误：" + message}, {"errors", errors}},
                400);
}

}  // namespace qjy::server
