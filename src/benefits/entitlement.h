// Entitlement to 失业保险金 (issue #16 §1) from a person's contribution
// months, with the parameters of policy/benefits/benefits.yaml:
//   - at least benefits.min_contribution_months (12) distinct months with
//     unemployment insurance paid (《失业保险条例》第十四条（一）), else refused
//     with the count and the clause;
//   - duration by the cumulative months (第十七条): [12, 60) → 12 months,
//     [60, 120) → 18, >= 120 → 24 (the "满N年"/"以上" steps include N);
//   - monthly amount = local minimum wage × share (floor to the fen), and the
//     medical-insurance fee paid on the beneficiary's behalf (正文（十））;
//   - after an earlier granted claim (第十七条 "重新就业后，再次失业的，缴费时间
//     重新计算……合并计算，但是最长不得超过24个月"): only months from the
//     month the earlier claim stopped (or after its last month paid) count;
//     the months it left unpaid are added when it stopped for re-employment,
//     the sum capped at benefits.merged_max_months; with fewer than the
//     minimum new months the remainder alone is granted when
//     benefits.remainder_below_min holds (assumed).
// Months are counted up to and including the month before the application
// (the application month itself is the first benefit month). Pure functions;
// thread-safe.
#ifndef QJY_BENEFITS_ENTITLEMENT_H_
#define QJY_BENEFITS_ENTITLEMENT_H_

#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "policy/params.h"
#include "registry/contribution.h"

namespace qjy::benefits {

// The parameters in force on a date for a county (overrides applied).
struct BenefitParams {
  int min_months = 0;
  int tier1_months = 0, tier2_from = 0, tier2_months = 0, tier3_from = 0, tier3_months = 0;
  int64_t min_wage_fen = 0, share_bp = 0, medical_fee_fen = 0;
  // 失业补助金 and 失业农民工一次性生活补助 (附件3（二）; living_subsidy.h).
  int subsidy_months = 0;
  int64_t subsidy_share_bp = 0;
  int migrant_min_work_months = 0, migrant_max_years = 0;
  int64_t migrant_per_year_fen = 0;
  int merged_max_months = 0;         // 第十七条: a merged duration's cap
  bool remainder_below_min = false;  // the earlier remainder without a new entitlement (assumed)
  int64_t MonthlyBenefitFen() const { return min_wage_fen * share_bp / 10000; }
  std::vector<std::string> used;  // "benefits.x = v（正文（十））" for explanations
};

// kInvalidArgument when a parameter has no value on `on`.
Result<BenefitParams> ParamsOn(const policy::ParameterSet& set, Date on, const std::string& county);

// The shipped file's folder: $QJY_BENEFITS_PARAMS, else policy/benefits.
std::filesystem::path DefaultBenefitsDir();
Result<policy::ParameterSet> LoadBenefitParams(const std::filesystem::path& dir = DefaultBenefitsDir());

// The person's latest earlier granted claim (stopped or ended), as
// 第十七条's second sentence reads it.
struct PriorClaim {
  int32_t first_month = 0;    // its first benefit month
  int32_t counted_from = 0;   // contributions from this month on count again
  int unused_months = 0;      // its duration minus the months paid
  bool reemployed = false;    // it stopped because the person found work
  std::string stop_label;     // "再就业", "期满", ... for the explanation
};

struct EntitlementDecision {
  bool granted = false;
  int contribution_months = 0;  // distinct months with UI paid before the first benefit month
  int duration_months = 0;      // 0 when refused; includes carried_months
  int carried_months = 0;       // unused months of a prior claim merged in
  int64_t monthly_fen = 0;
  int64_t medical_fen = 0;
  std::string reason;           // Chinese: why refused, or how the duration was found
  std::vector<std::string> params_used;
};

// Distinct months in [from_month, before_month) whose kinds include
// unemployment insurance.
int CountUiMonths(std::span<const registry::Contribution> months, int32_t before_month,
                  int32_t from_month = std::numeric_limits<int32_t>::min());

// The duration for `months` cumulative months (0 below the minimum).
int DurationFor(const BenefitParams& p, int months);

// `prior`: the latest earlier granted claim, if any (its first month is
// before `first_benefit_month`).
EntitlementDecision Decide(const BenefitParams& p, std::span<const registry::Contribution> months,
                           int32_t first_benefit_month, const std::optional<PriorClaim>& prior = std::nullopt);

}  // namespace qjy::benefits

#endif  // QJY_BENEFITS_ENTITLEMENT_H_
