#include "benefits/entitlement.h"

#include <cstdlib>
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

int CountUiMonths(std::span<const registry::Contribution> months, int32_t before_month) {
  std::set<int32_t> seen;
  for (const auto& c : months) {
    if (c.month < before_month && (c.kinds & registry::Bit(registry::InsuranceKind::kUnemployment))) {
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

EntitlementDecision Decide(const BenefitParams& p, std::span<const registry::Contribution> months,
                           int32_t first_benefit_month) {
  EntitlementDecision d;
  d.params_used = p.used;
  d.contribution_months = CountUiMonths(months, first_benefit_month);
  const int n = d.contribution_months;
  if (n < p.min_months) {
    d.reason = "累计缴费" + std::to_string(n) + "个月，不足" + std::to_string(p.min_months) +
               "个月（《失业保险条例》第十四条）";
    return d;
  }
  d.granted = true;
  d.duration_months = DurationFor(p, n);
  d.monthly_fen = p.MonthlyBenefitFen();
  d.medical_fen = p.medical_fee_fen;
  const char* step = n >= p.tier3_from ? "10年以上" : n >= p.tier2_from ? "满5年不足10年" : "满1年不足5年";
  d.reason = "累计缴费" + std::to_string(n) + "个月（" + step + "），领取期限最长" +
             std::to_string(d.duration_months) + "个月（《失业保险条例》第十七条）";
  return d;
}

}  // namespace qjy::benefits
