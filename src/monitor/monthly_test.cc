#include <gtest/gtest.h>

#include "monitor/indicator_spec.h"
#include "monitor/monthly_sources.h"
#include "monitor/monthly_spec.h"
#include "monitor/monthly_view.h"
#include "core/date_test_support.h"

namespace qjy::monitor {
namespace {

using ::qjy::test_support::D;

TEST(MonthlySpecTest, TheShippedMonthlyIndicatorsLoad) {
  auto specs = LoadMonthlyIndicators(DefaultMonthlyIndicatorsDir());
  ASSERT_TRUE(specs) << specs.error().message;
  ASSERT_EQ(specs->size(), 2u);
  const MonthlySpec& stock = (*specs)[0];
  const MonthlySpec& rate = (*specs)[1];
  EXPECT_EQ(stock.id, "monitoring_objects_employed");
  EXPECT_EQ(stock.kind, MonthlyKind::kStock);
  EXPECT_EQ(rate.id, "registered_unemployment_rate");
  EXPECT_EQ(rate.kind, MonthlyKind::kRate);
  EXPECT_EQ(rate.target_bp, 550);  // 正文（二）：5.5%左右
  ASSERT_TRUE(rate.surveyed);
  EXPECT_NE(rate.surveyed->source.find("贵州调查总队"), std::string::npos);
  for (const auto& s : *specs) {
    EXPECT_EQ(s.clause, "正文（二）");
    EXPECT_TRUE(s.assumed);
    EXPECT_FALSE(s.note.empty());
  }
  // The yearly loader skips the monthly folder.
  auto yearly = LoadIndicators(DefaultIndicatorsDir());
  ASSERT_TRUE(yearly) << yearly.error().message;
  EXPECT_EQ(yearly->size(), 3u);
}

constexpr char kRate[] = R"(id: r
name: 登记失业率
kind: rate
clause: 正文（二）
definition: 定义
source: 口径
computation: registered_unemployment_rate
unit: "%"
status:
  target_bp: 550
  amber_to_bp: 600
)";

TEST(MonthlySpecTest, BadFilesNameFileLineAndReason) {
  ASSERT_TRUE(ParseMonthlyIndicator(kRate, "r.yaml")) << ParseMonthlyIndicator(kRate, "r.yaml").error().message;
  static const struct {
    const char* from;
    const char* to;
    const char* want;
  } cases[] = {
      {"kind: rate", "kind: ratio", "r.yaml 第 3 行：未知的指标类型“ratio”"},
      {"kind: rate", "kind: stock", "与指标类型 stock 不符"},
      {"  amber_to_bp: 600", "  amber_to_bp: 500", "target_bp ≤ amber_to_bp"},
      {"  target_bp: 550\n", "", "须有 target_bp 和 amber_to_bp"},
      {"computation: registered_unemployment_rate", "computation: magic", "未知的计算口径“magic”"},
      {"unit: \"%\"", "unit: \"%\"\nassumed: true", "须写明 note"},
  };
  for (const auto& c : cases) {
    std::string text = kRate;
    text.replace(text.find(c.from), std::string(c.from).size(), c.to);
    auto s = ParseMonthlyIndicator(text, "r.yaml");
    ASSERT_FALSE(s) << c.to;
    EXPECT_NE(s.error().message.find(c.want), std::string::npos) << s.error().message;
  }
}

TEST(MonthlySourcesTest, MonthEndsCovered) {
  const int through = MonthKey(2025, 12);
  // Started mid-March, ended 30 April (not April's end): March only.
  auto s = MonthEndsCovered(D(2025, 3, 15), D(2025, 4, 29), through);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->first, MonthKey(2025, 3));
  EXPECT_EQ(s->last, MonthKey(2025, 3));
  // Ended on the last day of April: April counts.
  EXPECT_EQ(MonthEndsCovered(D(2025, 3, 15), D(2025, 4, 30), through)->last, MonthKey(2025, 4));
  // Within one month, not over its end: nothing.
  EXPECT_FALSE(MonthEndsCovered(D(2025, 3, 1), D(2025, 3, 30), through));
  // Open-ended: up to `through`.
  EXPECT_EQ(MonthEndsCovered(D(2024, 12, 31), std::nullopt, through)->last, through);
  EXPECT_EQ(MonthEnd(MonthKey(2024, 2)), D(2024, 2, 29));
}

TEST(MonthlySourcesTest, PersonsCountedOncePerMonth) {
  const int through = MonthKey(2025, 6);
  MonthlyCounts out;
  // Person 1: two overlapping spells (Jan–Apr in 520102, Mar–Jun in
  // 520103): once a month, in the county of the earliest. Person 2: Feb,
  // then again from May.
  AddPersonMonths({{1, "520102", {MonthKey(2025, 1), MonthKey(2025, 4)}},
                   {1, "520103", {MonthKey(2025, 3), MonthKey(2025, 6)}},
                   {2, "520103", {MonthKey(2025, 2), MonthKey(2025, 2)}},
                   {2, "520103", {MonthKey(2025, 5), through}}},
                  out, false, through);
  EXPECT_EQ(RegionCount(out, "520102", MonthKey(2025, 6)).num, 1);
  EXPECT_EQ(RegionCount(out, "520103", MonthKey(2025, 6)).num, 1);
  EXPECT_EQ(RegionCount(out, "5201", MonthKey(2025, 3)).num, 1);
  EXPECT_EQ(RegionCount(out, "5201", MonthKey(2025, 2)).num, 2);
  EXPECT_EQ(RegionCount(out, "5201", MonthKey(2025, 5)).num, 2);
  EXPECT_EQ(RegionCount(out, "52", MonthKey(2025, 7)).num, 0);
  EXPECT_EQ(RegionCount(out, "5201", MonthKey(2025, 2)).den, 0);
}

MonthlySpec RateSpec() {
  auto s = ParseMonthlyIndicator(kRate, "r.yaml");
  return *s;
}

TEST(MonthlyViewTest, RateStatusAgainstTheTarget) {
  MonthlySpec spec = RateSpec();
  MonthlyCounts c;
  // June 2025: 5 of 100 in 520102, 7 of 100 in 520302 → province 6.00 %.
  c["520102"][MonthKey(2025, 6)] = {5, 100};
  c["520302"][MonthKey(2025, 6)] = {7, 100};
  c["520102"][MonthKey(2024, 6)] = {1, 300};  // 0.333… → 33 bp
  MonthlyView v = BuildMonthlyView(spec, c, "52", {"5201", "5203"}, 2025, 6);
  EXPECT_EQ(v.point.value, 600);
  EXPECT_EQ(v.point.status, Status::kAmber);  // above 5.50, not above 6.00
  EXPECT_EQ(v.point.last_year, 33);
  EXPECT_NE(v.point.reason.find("6.00%"), std::string::npos) << v.point.reason;
  ASSERT_EQ(v.children.size(), 2u);
  EXPECT_EQ(v.children[0].point.value, 500);
  EXPECT_EQ(v.children[0].point.status, Status::kGreen);
  EXPECT_EQ(v.children[1].point.value, 700);
  EXPECT_EQ(v.children[1].point.status, Status::kRed);
  EXPECT_EQ(v.this_year[5], 600);
  EXPECT_FALSE(v.this_year[4]);   // no data in May
  EXPECT_FALSE(v.this_year[6]);   // after the month viewed
  EXPECT_EQ(v.last_year[5], 33);
  EXPECT_EQ(MonthlyValue(spec, {1, 3}), 3333);  // half up
  EXPECT_EQ(MonthlyValue(spec, {2, 3}), 6667);
  EXPECT_FALSE(MonthlyValue(spec, {0, 0}));
  EXPECT_EQ(RateText(550), "5.50%");
  EXPECT_EQ(RateStatus(spec, 550), Status::kGreen);
  EXPECT_EQ(RateStatus(spec, 551), Status::kAmber);
  EXPECT_EQ(RateStatus(spec, 601), Status::kRed);
  EXPECT_STREQ(MonthlyStatusLabel(spec, Status::kAmber), "略高于目标");
}

TEST(MonthlyViewTest, StockAgainstTheSameMonthAYearEarlier) {
  MonthlySpec spec;
  spec.kind = MonthlyKind::kStock;
  spec.name = "监测对象就业";
  spec.unit = "人";
  spec.green_at = 1.0;
  spec.amber_at = 0.95;
  MonthlyCounts c;
  c["520102"][MonthKey(2024, 6)] = {100, 0};
  c["520102"][MonthKey(2025, 6)] = {96, 0};
  c["520103"][MonthKey(2025, 6)] = {10, 0};
  EXPECT_EQ(EvaluateMonthly(spec, c, "520102", 2025, 6).status, Status::kAmber);
  c["520102"][MonthKey(2025, 6)] = {94, 0};
  MonthlyPoint p = EvaluateMonthly(spec, c, "520102", 2025, 6);
  EXPECT_EQ(p.status, Status::kRed);
  EXPECT_STREQ(MonthlyStatusLabel(spec, p.status), "明显下降");
  EXPECT_EQ(p.last_year, 100);
  EXPECT_NE(p.reason.find("94.0%"), std::string::npos) << p.reason;
  EXPECT_EQ(EvaluateMonthly(spec, c, "5201", 2025, 6).value, 104);
  EXPECT_EQ(EvaluateMonthly(spec, c, "5201", 2025, 6).status, Status::kGreen);  // 104 ≥ 100
  EXPECT_EQ(EvaluateMonthly(spec, c, "520103", 2025, 6).status, Status::kNoTarget);  // no last year
}

}  // namespace
}  // namespace qjy::monitor
