#include "monitor/progress.h"

#include <gtest/gtest.h>

#include "monitor/allocation.h"
#include "monitor/view.h"
#include "core/date_test_support.h"

namespace qjy::monitor {
namespace {

using ::qjy::test_support::D;

IndicatorSpec Spec() {
  IndicatorSpec s;
  s.id = "t";
  s.unit = "人";
  s.targets = {{2025, 1200}};
  s.green_at = 1.0;
  s.amber_at = 0.9;
  return s;
}

TEST(ProgressTest, LinearWithoutHistory) {
  Series s;
  for (int m = 1; m <= 3; ++m) s.Add(D(2025, m, 10), 100);  // 300 by March
  Progress p = Evaluate(Spec(), s, 1200, 2025, 3);
  EXPECT_TRUE(p.profile.years.empty());
  EXPECT_EQ(p.expected, 300);
  EXPECT_EQ(p.actual, 300);
  EXPECT_DOUBLE_EQ(p.pace, 1.0);
  EXPECT_DOUBLE_EQ(p.attainment, 0.25);
  EXPECT_EQ(p.status, Status::kGreen);
  EXPECT_NE(p.reason.find("按均匀进度"), std::string::npos) << p.reason;
}

// Last year half the year's jobs came in March: this year, 300 by March
// is behind a seasonal pace that expects 600, though on a linear pace.
TEST(ProgressTest, SeasonalProfileFromEarlierYears) {
  Series s;
  s.Add(D(2024, 3, 1), 600);
  s.Add(D(2024, 9, 1), 600);
  for (int m = 1; m <= 3; ++m) s.Add(D(2025, m, 10), 100);
  Progress p = Evaluate(Spec(), s, 1200, 2025, 3);
  ASSERT_EQ(p.profile.years, std::vector<int>{2024});
  EXPECT_DOUBLE_EQ(p.profile.cumulative_share[1], 0.0);
  EXPECT_DOUBLE_EQ(p.profile.cumulative_share[2], 0.5);
  EXPECT_EQ(p.expected, 600);
  EXPECT_DOUBLE_EQ(p.pace, 0.5);
  EXPECT_EQ(p.status, Status::kRed);
  EXPECT_EQ(p.last_year, 600);
  // Amber between the thresholds.
  s.Add(D(2025, 3, 20), 250);  // 550 of 600 = 0.917
  EXPECT_EQ(Evaluate(Spec(), s, 1200, 2025, 3).status, Status::kAmber);
  EXPECT_EQ(Evaluate(Spec(), s, std::nullopt, 2025, 3).status, Status::kNoTarget);
}

// The demo's case (user trial): a region whose earlier year held two events,
// both after June, expected nothing by June and was called "进度正常" at 1
// of 5,832. Too few events make no season: the pace is linear.
TEST(ProgressTest, AHandfulOfEarlierEventsGivesALinearProfile) {
  Series s;
  s.Add(D(2024, 9, 1), 1);
  s.Add(D(2024, 11, 1), 1);
  s.Add(D(2025, 3, 1), 1);
  IndicatorSpec spec = Spec();
  Progress p = Evaluate(spec, s, 5832, 2025, 6);
  EXPECT_TRUE(p.profile.years.empty());
  EXPECT_TRUE(p.profile.thin);
  EXPECT_EQ(p.expected, 2916);
  EXPECT_EQ(p.status, Status::kRed);
  EXPECT_NE(p.reason.find("按均匀进度（往年数据过少）"), std::string::npos) << p.reason;
  // At the threshold the earlier year's season counts again.
  s.Add(D(2024, 12, 1), kMinProfileEvents - 2);
  p = Evaluate(spec, s, 5832, 2025, 6);
  EXPECT_EQ(p.profile.years, std::vector<int>{2024});
  EXPECT_EQ(p.expected, 0);
}

// Nothing expected yet by the profile: nothing done is not yet judged (not
// "进度正常"); something done is ahead. A target of 0 is no target.
TEST(ProgressTest, NothingExpectedYetIsNotDueUnlessSomethingIsDone) {
  Series s;
  s.Add(D(2024, 7, 1), 600);  // the whole earlier year came in July
  Progress p = Evaluate(Spec(), s, 1200, 2025, 6);
  EXPECT_EQ(p.expected, 0);
  EXPECT_EQ(p.status, Status::kNotDue);
  EXPECT_STREQ(StatusLabel(p.status), "尚未到考核进度");
  EXPECT_STREQ(StatusCode(p.status), "not_due");
  EXPECT_NE(p.reason.find("尚未到考核进度"), std::string::npos) << p.reason;
  s.Add(D(2025, 2, 1), 3);
  p = Evaluate(Spec(), s, 1200, 2025, 6);
  EXPECT_EQ(p.status, Status::kGreen);
  EXPECT_NE(p.reason.find("已超过应完成数"), std::string::npos) << p.reason;
  // July: the profile expects the year's whole target; 3 is far behind.
  EXPECT_EQ(Evaluate(Spec(), s, 1200, 2025, 7).status, Status::kRed);
  EXPECT_EQ(Evaluate(Spec(), s, 0, 2025, 6).status, Status::kNoTarget);
}

TEST(AllocationTest, SharesAddUpToTheTargetAndOverridesStand) {
  IndicatorSpec spec = Spec();
  spec.targets = {{2025, 1000}};
  spec.overrides[{"520103", 2025}] = 100;
  CountySeries actual;
  actual["520101"].Add(D(2024, 5, 1), 1);
  actual["520102"].Add(D(2024, 5, 1), 2);
  std::vector<std::string> counties = {"520101", "520102", "520103", "520201"};
  auto t = AllocateTargets(spec, 2025, actual, {}, counties);
  EXPECT_EQ(t["520103"], 100);
  EXPECT_EQ(t["520101"], 300);  // 900 × 1/3
  EXPECT_EQ(t["520102"], 600);
  EXPECT_EQ(t["520201"], 0);
  // No last-year data: by registered labour, remainders to the largest.
  spec.overrides.clear();
  auto p = AllocateTargets(spec, 2025, {}, {{"520101", 1}, {"520102", 1}, {"520103", 1}}, counties);
  EXPECT_EQ(p["520101"] + p["520102"] + p["520103"] + p["520201"], 1000);
  EXPECT_EQ(p["520201"], 0);
  EXPECT_TRUE(AllocateTargets(spec, 2030, actual, {}, counties).empty());
  // Region targets: sums under the prefecture; the province's own.
  EXPECT_EQ(RegionTarget(spec, 2025, "5201", p), 1000);
  EXPECT_EQ(RegionTarget(spec, 2025, "52", p), 1000);
  EXPECT_EQ(RegionTarget(spec, 2025, "5202", p), 0);
}

TEST(ViewTest, ChildrenAndSeries) {
  IndicatorSpec spec = Spec();
  CountySeries c;
  c["520101"].Add(D(2025, 1, 5), 3);
  c["520201"].Add(D(2025, 1, 5), 5);
  c["520201"].Add(D(2024, 2, 5), 2);
  std::map<std::string, int64_t> targets = {{"520101", 600}, {"520201", 600}};
  IndicatorView v = BuildView(spec, c, targets, "52", {"5201", "5202"}, 2025, 1);
  EXPECT_EQ(v.progress.actual, 8);
  EXPECT_EQ(v.this_year[0], 8);
  EXPECT_EQ(v.last_year[1], 2);
  ASSERT_EQ(v.children.size(), 2u);
  EXPECT_EQ(v.children[1].progress.actual, 5);
  EXPECT_EQ(v.children[1].progress.target, 600);
}

}  // namespace
}  // namespace qjy::monitor
