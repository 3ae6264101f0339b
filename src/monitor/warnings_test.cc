// Each warning of 正文（十九） on hand-made facts, on both sides of each
// threshold of the shipped policy/warnings files.
#include "monitor/warnings.h"

#include <gtest/gtest.h>
#include "core/date_test_support.h"

namespace qjy::monitor {
namespace {

using ::qjy::test_support::D;

class WarningsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = LoadWarnings(DefaultWarningsDir());
    ASSERT_TRUE(s) << s.error().message;
    specs_ = std::move(*s);
  }
  std::vector<WarningSpec> Only(WarningKind k) const {
    std::vector<WarningSpec> out;
    for (const auto& s : specs_) {
      if (s.kind == k) out.push_back(s);
    }
    return out;
  }
  std::vector<Warning> Run(WarningKind k, const std::string& region = "52", int year = 2025, int month = 6) {
    kept_ = Only(k);
    return ComputeWarnings(kept_, facts_, region, year, month,
                           [](std::string_view c) { return "区" + std::string(c); });
  }
  std::vector<WarningSpec> specs_, kept_;
  WarningFacts facts_;
};

TEST_F(WarningsTest, MassLayoffByCountAndShare) {
  facts_.employers = {{"E1", "甲公司", "520102", 1000}, {"E2", "乙公司", "520302", 40}, {"E3", "丙公司", "520102", 40}};
  auto lay = [&](const char* e, int n, const char* on, registry::SeparationReason r = registry::SeparationReason::kLayoff) {
    for (int i = 0; i < n; ++i) facts_.separations.push_back({e, "520102", 100 + i, D(on), r});
  };
  lay("E1", 19, "2025-05-10");                                         // 19 of 1000: below 20 and 10%
  lay("E1", 30, "2025-06-01", registry::SeparationReason::kResigned);  // not a layoff
  lay("E1", 5, "2025-03-31");                                          // before the window (Apr–Jun)
  lay("E2", 4, "2025-06-02");                                          // 10% of 40, but fewer than 5
  lay("E3", 4, "2025-06-02");
  lay("E3", 1, "2025-04-01");                                          // 5 of 40 = 12.5%: amber by share
  auto w = Run(WarningKind::kMassLayoff);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].employer_name, "丙公司");
  EXPECT_EQ(w[0].level, WarningLevel::kAmber);
  EXPECT_DOUBLE_EQ(w[0].value, 0.125);
  EXPECT_EQ(w[0].persons.size(), 5u);
  EXPECT_NE(w[0].reason.find("正文（十九）"), std::string::npos);
  EXPECT_NE(w[0].reason.find("区520102丙公司"), std::string::npos) << w[0].reason;

  lay("E1", 1, "2025-06-30");  // 20 of 1000: amber by count
  w = Run(WarningKind::kMassLayoff);
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0].employer_name, "甲公司");
  EXPECT_DOUBLE_EQ(w[0].value, 20);
  // Outside the region asked for: nothing of 甲公司.
  EXPECT_EQ(Run(WarningKind::kMassLayoff, "5203").size(), 0u);
  lay("E3", 3, "2025-06-03");  // 8 of 40 = 20%: red
  w = Run(WarningKind::kMassLayoff, "520102");
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0].employer_name, "丙公司");
  EXPECT_EQ(w[0].level, WarningLevel::kRed);
}

TEST_F(WarningsTest, RegistrationSurgeAgainstSameMonthOfEarlierYears) {
  auto reg = [&](const char* county, int n, const char* on) {
    for (int i = 0; i < n; ++i) facts_.registrations.push_back({county, county, 200 + i, D(on)});
  };
  reg("520102", 8, "2023-06-05");
  reg("520102", 12, "2024-06-05");  // baseline (8 + 12) / 2 = 10
  reg("520102", 1, "2024-01-05");
  reg("520102", 14, "2025-06-05");  // 1.4: below 1.5
  reg("520302", 30, "2025-06-05");  // no earlier year: no baseline
  EXPECT_EQ(Run(WarningKind::kRegistrationSurge).size(), 0u);
  reg("520102", 1, "2025-06-20");  // 15 = 1.5 × 10: amber
  auto w = Run(WarningKind::kRegistrationSurge);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].region, "520102");
  EXPECT_EQ(w[0].level, WarningLevel::kAmber);
  EXPECT_DOUBLE_EQ(w[0].value, 1.5);
  EXPECT_DOUBLE_EQ(w[0].baseline, 10);
  EXPECT_EQ(w[0].persons.size(), 15u);
  reg("520102", 5, "2025-06-21");  // 20 = 2 × 10: red
  w = Run(WarningKind::kRegistrationSurge);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].level, WarningLevel::kRed);
  // A small county: 9 registrations against a baseline of 1 stay quiet (min_count 10).
  reg("520103", 1, "2024-06-01");
  reg("520103", 9, "2025-06-01");
  EXPECT_EQ(Run(WarningKind::kRegistrationSurge, "520103").size(), 0u);
}

TEST_F(WarningsTest, PovertyOutboundFallYearOnYear) {
  // 40 poverty-alleviated persons of 520102 outside Guizhou since 2024.
  auto spell = [&](int64_t person, const char* start, std::optional<Date> end, const char* group_from = "2019-01-01",
                   std::optional<Date> group_to = std::nullopt) {
    facts_.outbound.push_back({"520102", person, D(start), end, D(group_from), group_to});
  };
  for (int i = 0; i < 40; ++i) spell(300 + i, "2024-01-01", i < 1 ? std::optional(D("2025-05-31")) : std::nullopt);
  // Not counted a year ago: a spell from July 2024, a membership from 2025.
  spell(400, "2024-07-01", std::nullopt);
  spell(401, "2024-01-01", std::nullopt, "2025-01-01");
  EXPECT_EQ(Run(WarningKind::kPovertyOutboundFall, "520102").size(), 0u);  // 41 now vs 40: no fall
  facts_.outbound.pop_back();
  facts_.outbound.pop_back();
  EXPECT_EQ(Run(WarningKind::kPovertyOutboundFall, "520102").size(), 0u);  // 39 vs 40: 2.5 %
  facts_.outbound[1].end = D("2025-06-01");  // worked on 1 June: still counted in June
  EXPECT_EQ(Run(WarningKind::kPovertyOutboundFall, "520102").size(), 0u);
  facts_.outbound[1].end = D("2025-05-30");  // 38 vs 40: 5 %, amber
  auto w = Run(WarningKind::kPovertyOutboundFall, "520102");
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].level, WarningLevel::kAmber);
  EXPECT_DOUBLE_EQ(w[0].value, 0.05);
  ASSERT_EQ(w[0].persons.size(), 2u);
  EXPECT_EQ(w[0].persons[0].person_id, 300);
  EXPECT_NE(w[0].reason.find("脱贫人口在省外务工 38 人"), std::string::npos) << w[0].reason;
  for (int i = 2; i < 4; ++i) facts_.outbound[i].end = D("2025-01-31");  // 36 vs 40: 10 %, red
  w = Run(WarningKind::kPovertyOutboundFall, "52");  // the province and the county
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0].region, "52");
  EXPECT_EQ(w[1].region, "520102");
  EXPECT_EQ(w[1].level, WarningLevel::kRed);
  // Fewer than min_base (30) a year earlier: quiet.
  facts_.outbound.resize(29);
  for (auto& x : facts_.outbound) x.end = D("2025-01-31");
  EXPECT_EQ(Run(WarningKind::kPovertyOutboundFall, "520102").size(), 0u);
  facts_.outbound.push_back({"520102", 999, D("2024-01-01"), D("2025-01-31"), D("2019-01-01"), std::nullopt});
  EXPECT_EQ(Run(WarningKind::kPovertyOutboundFall, "520102").size(), 1u);  // 30: all gone, red
}

TEST_F(WarningsTest, OnTimeRateBelowFloorOrFalling) {
  using Outcome = ObligationFact::Outcome;
  auto ob = [&](int n, const char* deadline, Outcome o, const char* county = "520102") {
    for (int i = 0; i < n; ++i) facts_.obligations.push_back({county, county, 500 + i, "“1311”就业服务", D(deadline), o});
  };
  ob(40, "2025-05-15", Outcome::kOnTime);  // May: 100 %
  ob(38, "2025-06-10", Outcome::kOnTime);  // June: 38 of 40 = 95 %, a drop of 5 points: amber
  ob(2, "2025-06-11", Outcome::kLate);
  ob(5, "2025-06-12", Outcome::kLapsed);   // not owed: left out
  ob(5, "2025-06-30", Outcome::kPending);  // not decided yet
  auto w = Run(WarningKind::kOnTimeRateFall, "520102");
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].level, WarningLevel::kAmber);
  EXPECT_DOUBLE_EQ(w[0].value, 0.95);
  EXPECT_DOUBLE_EQ(w[0].baseline, 1.0);
  ASSERT_EQ(w[0].persons.size(), 2u);
  EXPECT_NE(w[0].persons[0].detail.find("2025-06-11"), std::string::npos);
  // Last month 95 % too: no drop, above the 90 % floor: quiet.
  facts_.obligations[0].outcome = facts_.obligations[1].outcome = Outcome::kLate;
  EXPECT_EQ(Run(WarningKind::kOnTimeRateFall, "520102").size(), 0u);
  // June at 31 of 40 = 77.5 %: below the red floor of 80 %.
  for (int i = 40; i < 47; ++i) facts_.obligations[i].outcome = Outcome::kLate;
  w = Run(WarningKind::kOnTimeRateFall, "520102");
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].level, WarningLevel::kRed);
  EXPECT_EQ(w[0].persons.size(), 9u);
  // Fewer than 30 decided: quiet.
  facts_.obligations.clear();
  ob(29, "2025-06-10", Outcome::kLate);
  EXPECT_EQ(Run(WarningKind::kOnTimeRateFall, "520102").size(), 0u);
  ob(1, "2025-06-10", Outcome::kLate);
  EXPECT_EQ(Run(WarningKind::kOnTimeRateFall, "520102").size(), 1u);
}

}  // namespace
}  // namespace qjy::monitor
