// Entitlement from contribution months against the shipped parameters,
// on both sides of every duration step.
#include "benefits/entitlement.h"

#include <gtest/gtest.h>
#include "core/date_test_support.h"

namespace qjy::benefits {
namespace {

using registry::Contribution;
using registry::InsuranceKind;
using registry::MonthIndex;

using ::qjy::test_support::D;

const policy::ParameterSet& Shipped() {
  static const policy::ParameterSet set = [] {
    auto s = LoadBenefitParams();
    EXPECT_TRUE(s) << s.error().message;
    return s.value_or(policy::ParameterSet());
  }();
  return set;
}

BenefitParams On(const char* date, const std::string& county = "520102") {
  auto p = ParamsOn(Shipped(), D(date), county);
  EXPECT_TRUE(p) << p.error().message;
  return p.value_or(BenefitParams());
}

// `n` consecutive months of UI (and pension) ending the month before `first`.
std::vector<Contribution> Months(int n, int32_t first, uint8_t kinds = 3) {
  std::vector<Contribution> out;
  for (int i = 1; i <= n; ++i) {
    Contribution c;
    c.county_code = "520102";
    c.person_id = 1;
    c.employer_credit_code = "91520102MA6DKQ8X2B";
    c.month = first - i;
    c.kinds = kinds;
    out.push_back(c);
  }
  return out;
}

TEST(Entitlement, DurationStepsOnBothSides) {
  const BenefitParams p = On("2025-03-01");
  const int32_t first = MonthIndex(2025, 3);
  struct Case {
    int months, duration;
  } cases[] = {{11, 0}, {12, 12}, {59, 12}, {60, 18}, {119, 18}, {120, 24}, {300, 24}};
  for (const auto& c : cases) {
    const auto d = Decide(p, Months(c.months, first), first);
    EXPECT_EQ(d.contribution_months, c.months);
    EXPECT_EQ(d.duration_months, c.duration) << c.months << " months";
    EXPECT_EQ(d.granted, c.duration > 0) << c.months << " months";
  }
}

TEST(Entitlement, RefusalNamesTheCountAndTheClause) {
  const int32_t first = MonthIndex(2025, 3);
  const auto d = Decide(On("2025-03-01"), Months(11, first), first);
  EXPECT_FALSE(d.granted);
  EXPECT_EQ(d.reason, "累计缴费11个月，不足12个月（《失业保险条例》第十四条）");
  EXPECT_EQ(d.monthly_fen, 0);
}

TEST(Entitlement, CountsDistinctUiMonthsBeforeTheFirstBenefitMonth) {
  const int32_t first = MonthIndex(2025, 3);
  auto months = Months(12, first);
  // The same months paid by a second payer count once.
  auto twice = Months(12, first);
  for (auto& c : twice) c.employer_credit_code = "";
  months.insert(months.end(), twice.begin(), twice.end());
  // Medical-only months (paid on a beneficiary's behalf) are not UI months.
  auto medical = Months(30, first - 12, registry::Bit(InsuranceKind::kMedical));
  months.insert(months.end(), medical.begin(), medical.end());
  // Months from the first benefit month on do not count.
  Contribution later = months.front();
  later.month = first;
  months.push_back(later);
  EXPECT_EQ(CountUiMonths(months, first), 12);
  EXPECT_EQ(CountUiMonths(months, first - 1), 11);
}

TEST(Entitlement, AmountsComeFromTheParameters) {
  const BenefitParams p = On("2025-03-01");
  const int32_t first = MonthIndex(2025, 3);
  const auto d = Decide(p, Months(24, first), first);
  ASSERT_TRUE(d.granted);
  EXPECT_EQ(d.monthly_fen, p.min_wage_fen * p.share_bp / 10000);
  EXPECT_EQ(d.medical_fen, p.medical_fee_fen);
  EXPECT_GT(d.monthly_fen, 0);
  EXPECT_LT(d.monthly_fen, p.min_wage_fen);  // 条例第十八条: below the minimum wage
  EXPECT_NE(d.reason.find("第十七条"), std::string::npos);
}

TEST(Entitlement, ACountyOverrideAndAMovedStepAreRead) {
  policy::ParameterSet set = Shipped();
  ASSERT_TRUE(set.ReplaceYaml(R"(
benefits.min_wage_fen:
  description: 月最低工资标准
  unit: fen
  reference: main(十)
  assumed: true
  note: test
  overridable: true
  values:
    2023-06-15: 189000
  overrides:
    "520102": {2023-06-15: 166000}
benefits.duration_tier2_from_months:
  description: 满5年
  unit: months
  reference: main(十)
  values:
    2023-06-15: 60
    2026-01-01: 48
)", "test.yaml"));
  auto here = ParamsOn(set, D("2025-03-01"), "520102");
  auto there = ParamsOn(set, D("2025-03-01"), "522601");
  ASSERT_TRUE(here && there);
  EXPECT_EQ(here->min_wage_fen, 166000);
  EXPECT_EQ(there->min_wage_fen, 189000);
  EXPECT_EQ(DurationFor(*here, 48), 12);
  auto later = ParamsOn(set, D("2026-01-01"), "520102");
  ASSERT_TRUE(later);
  EXPECT_EQ(DurationFor(*later, 48), 18);
  EXPECT_EQ(DurationFor(*later, 47), 12);
}

TEST(Entitlement, NoParametersBeforeThePolicyIsAnError) {
  auto p = ParamsOn(Shipped(), D("2020-01-01"), "520102");
  ASSERT_FALSE(p);
  EXPECT_NE(p.error().message.find("benefits.min_contribution_months"), std::string::npos);
}

// 第十七条's second sentence: a person re-employed after an earlier claim.
// The new first benefit month is 2025-03; the earlier claim stopped `after`
// months before it (re-employment by default) with `unused` months left,
// having started 14 months before its stop; `before` months of UI precede
// it and `after` months run from its stop up to 2025-03.
struct Reemployed {
  int32_t first = MonthIndex(2025, 3);
  std::vector<Contribution> months;
  PriorClaim prior;
  Reemployed(int before, int after, int unused, bool reemployed = true,
             const char* label = "再就业") {
    const int32_t stopped = first - after;
    const int32_t prior_first = stopped - 14;
    months = Months(before, prior_first);
    auto later = Months(after, first);
    months.insert(months.end(), later.begin(), later.end());
    prior.first_month = prior_first;
    prior.counted_from = stopped;
    prior.unused_months = unused;
    prior.reemployed = reemployed;
    prior.stop_label = label;
  }
};

TEST(Entitlement, ReemployedUnusedMonthsAreMergedUpToTheCap) {
  const BenefitParams p = On("2025-03-01");
  {
    Reemployed r(100, 12, 5);
    const auto d = Decide(p, r.months, r.first, r.prior);
    ASSERT_TRUE(d.granted);
    EXPECT_EQ(d.contribution_months, 12);  // the 100 earlier months are not counted again
    EXPECT_EQ(d.duration_months, 17);
    EXPECT_EQ(d.carried_months, 5);
    EXPECT_NE(d.reason.find("重新就业后累计缴费12个月"), std::string::npos) << d.reason;
    EXPECT_NE(d.reason.find("与前次失业应领取而尚未领取的5个月合并计算，共17个月"), std::string::npos) << d.reason;
  }
  {
    // 60 new months: 18 of its own + 10 carried = 28, capped at 24.
    Reemployed r(0, 60, 10);
    const auto d = Decide(p, r.months, r.first, r.prior);
    EXPECT_EQ(d.duration_months, p.merged_max_months);
    EXPECT_EQ(d.carried_months, p.merged_max_months - 18);
    EXPECT_NE(d.reason.find("合并后最长不超过24个月"), std::string::npos) << d.reason;
  }
  {
    // 18 + 6 = 24: the cap itself is reached, not exceeded.
    Reemployed r(0, 60, 6);
    const auto d = Decide(p, r.months, r.first, r.prior);
    EXPECT_EQ(d.duration_months, 24);
    EXPECT_EQ(d.reason.find("合并后最长不超过"), std::string::npos) << d.reason;
  }
}

TEST(Entitlement, FewerThanAYearAfterReemploymentGivesTheRemainderOnly) {
  BenefitParams p = On("2025-03-01");
  Reemployed r(100, 11, 7);
  auto d = Decide(p, r.months, r.first, r.prior);
  ASSERT_TRUE(d.granted) << d.reason;
  EXPECT_EQ(d.contribution_months, 11);
  EXPECT_EQ(d.duration_months, 7);
  EXPECT_EQ(d.carried_months, 7);
  EXPECT_NE(d.reason.find("不重新核定期限；领取前次失业应领取而尚未领取的7个月"), std::string::npos) << d.reason;
  // Twelve new months give an entitlement of their own plus the remainder.
  Reemployed twelve(100, 12, 7);
  EXPECT_EQ(Decide(p, twelve.months, twelve.first, twelve.prior).duration_months, 19);
  // Where the parameter says no, 11 months are refused under 第十四条.
  p.remainder_below_min = false;
  d = Decide(p, r.months, r.first, r.prior);
  EXPECT_FALSE(d.granted);
  EXPECT_EQ(d.duration_months, 0);
  EXPECT_NE(d.reason.find("不足12个月（《失业保险条例》第十四条）"), std::string::npos) << d.reason;
  // Nothing left and too few new months: refused.
  p.remainder_below_min = true;
  Reemployed used_up(100, 11, 0, true, "再就业");
  EXPECT_FALSE(Decide(p, used_up.months, used_up.first, used_up.prior).granted);
}

TEST(Entitlement, RemainderOfAClaimStoppedForAnotherReasonIsNotMerged) {
  const BenefitParams p = On("2025-03-01");
  Reemployed r(100, 24, 8, /*reemployed=*/false, "拒绝介绍的适当工作");
  const auto d = Decide(p, r.months, r.first, r.prior);
  ASSERT_TRUE(d.granted);
  EXPECT_EQ(d.duration_months, 12);
  EXPECT_EQ(d.carried_months, 0);
  EXPECT_NE(d.reason.find("前次尚未领取的8个月因拒绝介绍的适当工作停止领取，不予合并"), std::string::npos)
      << d.reason;
  // And the contributions before that claim are not counted again either.
  Reemployed few(100, 11, 8, false, "拒绝介绍的适当工作");
  EXPECT_FALSE(Decide(p, few.months, few.first, few.prior).granted);
}

}  // namespace
}  // namespace qjy::benefits
