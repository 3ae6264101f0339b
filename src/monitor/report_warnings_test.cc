// The report's warnings section: the months of the quarter, each warning
// with the employer's name, level and measured value; none after today.
#include "monitor/report_warnings.h"

#include <gtest/gtest.h>
#include "core/date_test_support.h"

namespace qjy::monitor {
namespace {

using ::qjy::test_support::D;

class ReportWarningsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = LoadWarnings(DefaultWarningsDir());
    ASSERT_TRUE(s) << s.error().message;
    for (auto& spec : *s) {
      if (spec.kind == WarningKind::kMassLayoff) specs_.push_back(std::move(spec));
    }
    ASSERT_EQ(specs_.size(), 1u);
    facts_.employers = {{"E1", "甲公司", "520102", 1000}};
    for (int i = 0; i < 30; ++i) {
      facts_.separations.push_back({"E1", "520102", 100 + i, D("2025-05-10"), registry::SeparationReason::kLayoff});
    }
  }
  std::vector<WarningSpec> specs_;
  WarningFacts facts_;
  RegionNamer name_ = [](std::string_view c) { return c == "520102" ? std::string("南明区") : "区" + std::string(c); };
};

TEST_F(ReportWarningsTest, EachMonthOfTheQuarterWithTheEmployerAndMeasure) {
  auto q = *ParseQuarter("2025Q2");
  auto ws = QuarterWarnings(specs_, facts_, "52", q, D("2026-01-01"), name_);
  ASSERT_FALSE(ws.empty());
  // May's layoffs fall in the window of May and (by the window) later months.
  EXPECT_EQ(ws.front().indicator, specs_[0].name);
  EXPECT_NE(ws.front().region.find("甲公司"), std::string::npos);
  EXPECT_NE(ws.front().region.find("南明区"), std::string::npos);
  EXPECT_EQ(ws.front().text.rfind("5月：", 0), 0u) << ws.front().text;
  EXPECT_NE(ws.front().text.find("正文（十九）"), std::string::npos) << ws.front().text;
  for (const auto& w : ws) EXPECT_EQ(w.text.find("4月："), std::string::npos);  // nothing before the layoffs

  // Today in April: May and June are not reported.
  auto early = QuarterWarnings(specs_, facts_, "52", q, D("2025-04-20"), name_);
  EXPECT_TRUE(early.empty());
  // Another prefecture: nothing.
  EXPECT_TRUE(QuarterWarnings(specs_, facts_, "5203", q, D("2026-01-01"), name_).empty());
}

TEST_F(ReportWarningsTest, FactsAreEvaluatedAtTheQuarterEndOrToday) {
  auto q = *ParseQuarter("2025Q2");
  EXPECT_EQ(QuarterWarningsAsOf(q, D("2026-01-01")), D("2025-06-30"));
  EXPECT_EQ(QuarterWarningsAsOf(q, D("2025-05-15")), D("2025-05-15"));
}

}  // namespace
}  // namespace qjy::monitor
