#include "benefits/entitlement.h"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <set>

#include "core/install_paths.h"

namespace qjy::benefits {

std::filesystem::path DefaultBenefitsDir() {
  if (const char* env = std::getenv("QJY_BENEFITS_PARAMS"); env && *env) return env;
  return ShippedPath("policy/benefits");
}

Result<policy::ParameterSet> LoadBenefitParams(const std::filesystem::path& dir) {
  return policy::ParameterSet::LoadDir(dir);
}

Result<BenefitParams> ParamsOn(const policy::ParameterSet& set, Date on, const std::string& county) {
  BenefitParams p;
  std::string missing;
  auto get = [&](const char* name, const char* clause = "正文（十）") -> int64_t {
    auto v = set.ValueAt(name, on, county);
    if (!v) {
      missing += std::string(missing.empty() ? "" : "、") + name;
      return 0;
    }
    p.used.push_back(std::string(name) + " = " + std::to_string(*v) + "（" + clause + "）");
    return *v;
  };
  p.min_months = static_cast<int>(get("benefits.min_contribution_months"));
  p.tier1_months = static_cast<int>(get("benefits.duration_tier1_months"));
  p.tier2_from = static_cast<int>(get("benefits.duration_tier2_from_months"));
  p.tier2_months = static_cast<int>(get("benefits.duration_tier2_months"));
  p.tier3_from = static_cast<int>(get("benefits.duration_tier3_from_months"));
  p.tier3_months = static_cast<int>(get("benefits.duration_tier3_months"));
  p.min_wage_fen = get("benefits.min_wage_fen");
  p.share_bp = get("benefits.amount_share_bp");
  p.medical_fee_fen = get("benefits.medical_fee_fen");
  p.merged_max_months = static_cast<int>(get("benefits.merged_max_months"));
  p.remainder_below_min = get("benefits.remainder_below_min") != 0;
  p.subsidy_months = static_cast<int>(get("benefits.subsidy_months", "附件3（二）"));
  p.subsidy_share_bp = get("benefits.subsidy_share_bp", "附件3（二）");
  p.migrant_min_work_months = static_cast<int>(get("benefits.migrant_min_work_months", "附件3（二）"));
  p.migrant_per_year_fen = get("benefits.migrant_per_year_fen", "附件3（二）");
  p.migrant_max_years = static_cast<int>(get("benefits.migrant_max_years", "附件3（二）"));
  if (!missing.empty()) {
    return Fail(ErrorCode::kInvalidArgument, on.ToString() + " 无有效的失业保险金参数：" + missing);
  }
  return p;
}

int CountUiMonths(std::span<const registry::Contribution> months, int32_t before_month, int32_t from_month) {
  std::set<int32_t> seen;
  for (const auto& c : months) {
    if (c.month >= from_month && c.month < before_month &&
        (c.kinds & registry::Bit(registry::InsuranceKind::kUnemployment))) {
      seen.insert(c.month);
    }
  }
  return static_cast<int>(seen.size());
}

int DurationFor(const BenefitParams& p, int months) {
  if (months < p.min_months) return 0;
  if (months >= p.tier3_from) return p.tier3_months;
  if (months >= p.tier2_from) return p.tier2_months;
  return p.tier1_months;
}

namespace {

std::string Months(int n) { return std::to_string(n) + "个月"; }

// "前次失业（2024-03 起领取，因再就业停止领取）" for the explanations.
std::string PriorText(const PriorClaim& prior) {
  return "前次失业（" + registry::MonthText(prior.first_month) + " 起领取，" +
         (prior.stop_label == "期满" ? std::string("已领取期满") : "因" + prior.stop_label + "停止领取") + "）";
}

}  // namespace

EntitlementDecision Decide(const BenefitParams& p, std::span<const registry::Contribution> months,
                           int32_t first_benefit_month, const std::optional<PriorClaim>& prior) {
  EntitlementDecision d;
  d.params_used = p.used;
  const int32_t from = prior ? prior->counted_from : std::numeric_limits<int32_t>::min();
  d.contribution_months = CountUiMonths(months, first_benefit_month, from);
  const int n = d.contribution_months;
  // 第十七条: what the earlier claim left unpaid, merged only after re-employment.
  const int carry = prior && prior->reemployed ? std::max(0, prior->unused_months) : 0;
  const std::string counted =
      prior ? "重新就业后累计缴费" + Months(n) + "（" + PriorText(*prior) + "所依据的缴费时间不再计入，"
                  "《失业保险条例》第十七条）"
            : "累计缴费" + Months(n);
  std::string not_merged;
  if (prior && !prior->reemployed && prior->unused_months > 0) {
    not_merged = "；前次尚未领取的" + Months(prior->unused_months) + "因" + prior->stop_label +
                 "停止领取，不予合并（暂定做法）";
  }
  if (n < p.min_months) {
    if (carry > 0 && p.remainder_below_min) {
      d.granted = true;
      d.duration_months = std::min(carry, p.merged_max_months);
      d.carried_months = d.duration_months;
      d.monthly_fen = p.MonthlyBenefitFen();
      d.medical_fen = p.medical_fee_fen;
      d.reason = counted + "，不足" + Months(p.min_months) + "，不重新核定期限；领取前次失业应领取而尚未领取的" +
                 Months(d.duration_months) + "（《失业保险条例》第十七条；缴费不满1年时领取前次剩余期限为暂定做法）";
      return d;
    }
    d.reason = counted + "，不足" + Months(p.min_months) + "（《失业保险条例》第十四条）" + not_merged;
    return d;
  }
  d.granted = true;
  const int own = DurationFor(p, n);
  d.monthly_fen = p.MonthlyBenefitFen();
  d.medical_fen = p.medical_fee_fen;
  const char* step = n >= p.tier3_from ? "10年以上" : n >= p.tier2_from ? "满5年不足10年" : "满1年不足5年";
  d.reason = counted + "（" + step + "），领取期限最长" + Months(own) + "（《失业保险条例》第十七条）";
  if (carry > 0) {
    d.duration_months = std::min(own + carry, std::max(own, p.merged_max_months));
    d.carried_months = d.duration_months - own;
    d.reason += "；与前次失业应领取而尚未领取的" + Months(carry) + "合并计算，共" + Months(d.duration_months);
    if (own + carry > d.duration_months) d.reason += "（合并后最长不超过" + Months(p.merged_max_months) + "）";
    d.reason += "（第十七条）";
  } else {
    d.duration_months = own;
  }
  d.reason += not_merged;
  return d;
}

}  // namespace qjy::benefits
