// The pure cross-checks: county anomalies (robust z-score and spike), the
// causes file, the look-alikes the store tests do not reach.
#include "supervision/checks.h"

#include <gtest/gtest.h>
#include "core/date_test_support.h"

namespace qjy::supervision {
namespace {

using ::qjy::test_support::D;

policy::ParameterSet Params() {
  auto c = LoadSupervisionConfig(DefaultSupervisionDir());
  EXPECT_TRUE(c) << (c ? "" : c.error().message);
  return c ? std::move(c->params) : policy::ParameterSet{};
}

// Ten counties paying about 100 yuan per registered person; one paying
// 400 is an anomaly; one at 105 (within the peers' spread) is not.
TEST(CountyAnomaliesTest, FarAbovePeersFlaggedNearPeersNot) {
  std::map<std::string, int64_t> amount, persons, history;
  const int64_t per[] = {9500, 9800, 10000, 10100, 10300, 9900, 10200, 10500, 9700, 40000};
  for (int i = 0; i < 10; ++i) {
    const std::string c = "5201" + std::to_string(10 + i);
    persons[c] = 1000;
    amount[c] = per[i] * 1000;
  }
  auto hits = CountyAnomalies(amount, persons, history, Params(), D("2024-06-15"));
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].county_code, "520119");
  EXPECT_EQ(hits[0].once_key, "county|520119|2024");
  EXPECT_GT(hits[0].evidence["z"].get<double>(), 3.5);
  EXPECT_NE(hits[0].summary.find("稳健Z值"), std::string::npos) << hits[0].summary;
}

// A spike against the county's own history (3 times its yearly average);
// twice its average is not.
TEST(CountyAnomaliesTest, SpikeAgainstOwnHistory) {
  std::map<std::string, int64_t> amount{{"520102", 3100000}, {"520103", 2000000}};
  std::map<std::string, int64_t> persons{{"520102", 1000}, {"520103", 1000}};
  std::map<std::string, int64_t> history{{"520102", 1000000}, {"520103", 1000000}};
  auto hits = CountyAnomalies(amount, persons, history, Params(), D("2024-06-15"));
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].county_code, "520102");
  EXPECT_NE(hits[0].summary.find("310%"), std::string::npos) << hits[0].summary;
}

TEST(CausesTest, ShippedCausesLoadAndRejectARuleInTwoCauses) {
  auto c = LoadSupervisionConfig(DefaultSupervisionDir());
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_TRUE(c->causes.IsHiring("R2"));
  EXPECT_FALSE(c->causes.IsHiring("R6"));
  ASSERT_NE(c->causes.Of("R7"), nullptr);
  EXPECT_EQ(c->causes.Of("R7")->code, "transport");
  auto bad = Causes::Parse("a: {label: x, rules: [R2], spell: period, reference: main(二十一)}\n"
                           "b: {label: y, rules: [R2], spell: period, reference: main(二十一)}\n",
                           "t.yaml");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("规则 R2 列在两个事由中"), std::string::npos);
  // Every threshold is cited and marked assumed with a reason.
  for (const auto& [name, p] : c->params.all()) {
    EXPECT_EQ(p.reference, "main(二十一)") << name;
    EXPECT_TRUE(p.assumed && !p.note.empty()) << name;
  }
}

// A paid claim is suspect only against an earlier payment: the first of
// two paid transport subsidies is evidence, not a hit.
TEST(DuplicateCauseTest, FirstOfTwoPaidIsNotFlagged) {
  auto c = LoadSupervisionConfig(DefaultSupervisionDir());
  ASSERT_TRUE(c);
  Claim a{.once_key = "R6|P:1|1|2024", .rule = "R6", .period = "2024", .county_code = "520102", .status = "paid",
          .person_id = 1, .amount_fen = 50000, .paid = true, .pay_on = D("2024-02-01"), .target = true};
  Claim b = a;
  b.once_key = "R7|P:1|1|2024";
  b.rule = "R7";
  b.county_code = "520103";
  b.pay_on = D("2024-03-01");
  auto hits = DuplicateCause({a, b}, c->causes, c->params, D("2024-06-15"));
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].once_key, b.once_key);
}

// Two hiring subsidies resting on one contract (the same period, open):
// the evidence says so, not "two contracts"; the counterpart unpaid is
// claimed, not enjoyed, and the check is duplicate_cause.
TEST(DuplicateCauseTest, TwoSubsidiesOfOneContractNamedAsOnePeriod) {
  auto c = LoadSupervisionConfig(DefaultSupervisionDir());
  ASSERT_TRUE(c);
  Claim a{.once_key = "R4|E:X|9|once", .rule = "R4", .employer_code = "X", .period = "once", .county_code = "520102",
          .status = "proposed", .person_id = 9, .amount_fen = 100000, .pay_on = D("2024-06-15"),
          .spell_from = D("2024-03-01"), .target = true};
  Claim b = a;
  b.once_key = "R5|E:X|9|once";
  b.rule = "R5";
  auto hits = DuplicateCause({a, b}, c->causes, c->params, D("2024-06-15"));
  ASSERT_EQ(hits.size(), 2u);
  for (const auto& h : hits) {
    EXPECT_EQ(h.check, kDuplicateCause);
    EXPECT_NE(h.summary.find("同一劳动合同期间（自 2024-03-01 起，未终止）"), std::string::npos) << h.summary;
    EXPECT_NE(h.summary.find("申领（尚未支付）"), std::string::npos) << h.summary;
    EXPECT_EQ(h.summary.find("两份合同"), std::string::npos) << h.summary;
  }
}

}  // namespace
}  // namespace qjy::supervision
