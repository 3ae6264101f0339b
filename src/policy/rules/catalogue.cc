#include <string_view>

#include "policy/rules/rules.h"

namespace qjy::policy::rules {
namespace {

constexpr RuleInfo kRules[] = {
    {"R1", "失业保险稳岗返还", "main(七)", Subject::kEmployer},
    {"R2", "一次性吸纳就业补贴（高校毕业生和青年）", "A1(一)", Subject::kContract},
    {"R3", "一次性吸纳就业补贴（登记失业半年以上人员）", "A3(六)3", Subject::kContract},
    {"R4", "一次性吸纳就业补贴（新返乡农村劳动力）", "A2(八)", Subject::kContract},
    {"R5", "一次性吸纳就业补贴（脱贫人口）", "A2(十四)", Subject::kContract},
    {"R6", "一次性交通补助（脱贫人口、易地搬迁人口、农村低收入人口）", "A2(四)", Subject::kPerson},
    {"R7", "一次性交通补助（其他农村劳动力跨省务工）", "A2(四)", Subject::kPerson},
    {"R8", "技能提升补贴", "main(十)", Subject::kPerson},
    {"R9", "新就业形态劳动者意外伤害保险补贴", "main(十一)", Subject::kPerson},
    {"R10", "灵活就业社会保险补贴", "A3(十二)", Subject::kPerson},
    {"R11", "见习留用补助及剩余期限见习补贴", "A1(十二)", Subject::kEmployer},
    {"R12", "一次性自主创业补贴", "A3(九)", Subject::kPerson},
    {"R13", "创业场所租赁补贴", "A3(九)", Subject::kPerson},
    {"R14", "个人创业担保贷款", "A3(七)", Subject::kPerson},
    {"R15", "小微企业创业担保贷款", "A3(十)", Subject::kEmployer},
    {"R16", "社会保险补贴（单位招用就业困难人员）", "A3(六)3", Subject::kContract},
    {"R17", "充分就业社区一次性补助", "A4(十五)", Subject::kSite},
    {"R18", "一次性跟踪服务补贴", "A2(四)", Subject::kEmployer},
    {"R19", "就业帮扶车间一次性奖补", "A2(十四)", Subject::kEmployer},
};

constexpr const char* kParams[] = {
    "common.policy_start",
    "r1.valid_until", "r1.layoff_rate_limit_bp", "r1.small_employer_max_staff",
    "r1.small_employer_layoff_rate_limit_bp", "r1.refund_rate_sme_bp", "r1.refund_rate_large_bp",
    "r2.amount", "r2.valid_until", "r2.youth_min_age", "r2.youth_max_age", "r2.graduate_years",
    "r2.contract_min_years",
    "r3.amount", "r3.valid_until", "r3.min_registered_months", "r3.min_si_months", "r3.contract_min_years",
    "r4.amount", "r4.valid_until", "r4.min_si_months", "r4.contract_min_years",
    "r5.amount", "r5.min_stable_months", "r5.min_si_months", "r5.contract_min_years",
    "r6.amount", "r6.min_stable_months",
    "r7.amount", "r7.min_stable_months",
    "r8.valid_until", "r8.min_ui_months", "r8.max_per_year", "r8.amount_level_0", "r8.amount_level_1",
    "r8.amount_level_2", "r8.amount_level_3", "r8.amount_level_4", "r8.amount_level_5",
    "r9.amount_per_year",
    "r10.avg_wage_prev_year", "r10.base_percent_bp", "r10.contribution_rate_bp", "r10.share_numerator",
    "r10.share_denominator", "r10.graduate_years", "r10.max_months",
    "r11.retain_amount", "r11.valid_until", "r11.retention_rate_bp", "r11.subsidy_rate_bp",
    "r11.min_wage_monthly", "r11.standard_monthly", "r11.remaining_months_enabled",
    "r12.amount", "r12.min_operating_years", "r12.graduate_years",
    "r13.amount_per_year", "r13.max_years",
    "r14.max_loan_no_counter_guarantee", "r14.extension_max_months", "r14.extension_valid_until",
    "r15.max_loan", "r15.new_hire_ratio_bp", "r15.large_staff_threshold", "r15.large_new_hire_ratio_bp",
    "r15.contract_min_years",
    "r16.monthly_amount", "r16.max_months",
    "r17.amount_national", "r17.amount_provincial",
    "r18.amount", "r18.min_stable_months",
    "r19.amount", "r19.min_poverty_employed",
    // Jurisdiction of Guizhou's funds (#12 §2): the region the payee's place must lie in.
    "r1.payee_insured_region",
    "r2.payee_insured_region",
    "r3.payee_insured_region",
    "r4.payee_insured_region",
    "r5.payee_insured_region",
    "r6.payee_hukou_region",
    "r7.payee_hukou_region",
    "r18.payee_insured_region",
    "r8.payee_insured_region",
    "r9.payee_hukou_region",
    "r10.payee_insured_region",
    "r11.payee_insured_region",
    "r12.payee_hukou_region",
    "r13.payee_hukou_region",
    "r14.payee_hukou_region",
    "r15.payee_insured_region",
    "r16.payee_insured_region",
    "r19.payee_insured_region",
};

}  // namespace

std::span<const RuleInfo> Catalogue() { return kRules; }

const RuleInfo* FindRule(std::string_view id) {
  for (const auto& r : kRules) {
    if (id == r.id) return &r;
  }
  return nullptr;
}

std::span<const char* const> RequiredParameters() { return kParams; }

}  // namespace qjy::policy::rules
