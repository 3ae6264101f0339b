// The sweep (the fast path: no explanations, sweep gates, threads, merged
// runs) against the per-subject evaluation with explanations, on generated
// provinces that exercise every rule: the same entitlements, field by field,
// in the same order.
#include "policy/synthetic.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "policy/engine.h"
#include "policy/policy_dir.h"

namespace qjy::policy {
namespace {

// Everything of a decision but its explanation.
std::string Row(const Decision& d) {
  return d.rule + "|" + d.title + "|" + (d.eligible ? "Y" : "N") + (d.loan ? "L" : "-") + "|" +
         std::to_string(d.amount_fen) + "|" + std::string(FundCode(d.fund)) + "|" + d.beneficiary +
         "|" + std::to_string(d.person_id) + "|" + d.employer_code + "|" + d.period + "|" +
         d.county_code + "|" + d.once_key;
}

std::vector<std::string> Rows(const std::vector<Decision>& ds) {
  std::vector<std::string> v;
  for (const auto& d : ds) v.push_back(Row(d));
  return v;
}

class SweepEquivalenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto params = ParameterSet::LoadDir(DefaultParamsDir());
    ASSERT_TRUE(params) << params.error().message;
    auto engine = Engine::Create(*params);
    ASSERT_TRUE(engine);
    engine_.emplace(std::move(*engine));
  }
  std::optional<Engine> engine_;
};

TEST_F(SweepEquivalenceTest, SweepEqualsFullEvaluationOnGeneratedProvinces) {
  const Date dates[] = {*Date::FromYmd(2023, 6, 14), *Date::FromYmd(2023, 10, 31),
                        *Date::FromYmd(2024, 1, 1), *Date::FromYmd(2025, 12, 31)};
  std::map<std::string, int> per_rule;
  for (uint64_t seed : {1u, 2u}) {
    const World w =
        SyntheticProvince({.persons = 3000, .employers = 150, .seed = seed, .extras = true});
    for (Date date : dates) {
      // The reference: every decision of every subject with explanations,
      // eligible ones only, in the engine's order.
      std::vector<Decision> reference;
      for (auto& d : engine_->EvaluateAll(w, date, /*explain=*/true)) {
        if (d.eligible) reference.push_back(std::move(d));
      }
      const auto want = Rows(reference);
      for (const auto& d : reference) ++per_rule[d.rule];
      for (int threads : {1, 2, 3}) {
        EXPECT_EQ(
            Rows(engine_->Sweep(w, date, {.region = "", .threads = threads, .explain = false})),
            want)
            << "seed " << seed << " " << date.ToString() << " threads " << threads;
      }
      EXPECT_EQ(Rows(engine_->Sweep(w, date, {.region = "", .threads = 2, .explain = true})), want);
      // A region: the reference filtered by the paying county.
      std::vector<std::string> want_region;
      for (const auto& d : reference) {
        if (d.county_code.starts_with("5201")) want_region.push_back(Row(d));
      }
      EXPECT_EQ(Rows(engine_->Sweep(w, date, {.region = "5201", .threads = 2, .explain = false})),
                want_region);
    }
  }
  // The generated provinces make every rule pay somebody (or the comparison
  // proves little); R9 pays only where a locality opts in (none does).
  for (const char* rule : {"R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R10", "R11", "R12",
                           "R13", "R14", "R15", "R16", "R17", "R18"}) {
    EXPECT_GT(per_rule[rule], 0) << rule;
  }
}

// The 企业找政策 direction: each person's and each employer's own evaluation
// (indexes by id, explanations) yields, together, the sweep's entitlements.
TEST_F(SweepEquivalenceTest, SweepEqualsPerPersonAndPerEmployerEvaluation) {
  const World w = SyntheticProvince({.persons = 3000, .employers = 150, .seed = 7, .extras = true});
  for (Date date : {*Date::FromYmd(2023, 12, 31), *Date::FromYmd(2024, 6, 30)}) {
    std::map<std::string, std::string> by_key;
    auto add = [&](const std::vector<Decision>& ds) {
      for (const auto& d : ds) {
        if (d.eligible) by_key.emplace(d.once_key, Row(d));
      }
    };
    for (const auto& p : w.persons) {
      auto ds = engine_->EvaluatePerson(w, p.person_id, date);
      ASSERT_TRUE(ds);
      add(*ds);
    }
    for (const auto& e : w.employers) {
      auto ds = engine_->EvaluateEmployer(w, e.credit_code, date);
      ASSERT_TRUE(ds);
      add(*ds);
    }
    for (const auto& d : engine_->EvaluateAll(w, date)) {
      if (d.rule == "R17" && d.eligible)
        by_key.emplace(d.once_key, Row(d));  // sites: neither person nor employer
    }
    std::set<std::string> want, got;
    for (const auto& [key, row] : by_key) want.insert(row);
    for (const auto& row :
         Rows(engine_->Sweep(w, date, {.region = "", .threads = 2, .explain = false}))) {
      EXPECT_TRUE(got.insert(row).second) << "twice: " << row;
    }
    EXPECT_GT(want.size(), 100u);
    EXPECT_EQ(got, want) << date.ToString();
  }
}

// The benchmark's province is the same with or without the extras' stream.
TEST(SyntheticTest, ExtrasDoNotChangeTheBaseStream) {
  const World a = SyntheticProvince({.persons = 500, .employers = 25, .seed = 3, .extras = false});
  const World b = SyntheticProvince({.persons = 500, .employers = 25, .seed = 3, .extras = true});
  ASSERT_EQ(a.persons.size(), b.persons.size());
  for (size_t i = 0; i < a.persons.size(); ++i)
    EXPECT_EQ(a.persons[i].birth_date, b.persons[i].birth_date);
  EXPECT_FALSE(b.ventures.empty());
  EXPECT_TRUE(a.ventures.empty());
}

}  // namespace
}  // namespace qjy::policy
