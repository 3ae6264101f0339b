#include "policy/engine.h"

#include <gtest/gtest.h>

#include <set>

#include "policy/policy_dir.h"
#include "policy/scenario.h"
#include "core/install_paths.h"

namespace qjy::policy {
namespace {

// A sweep without explanations finds exactly the eligible decisions of the
// full evaluation, with the same amounts, on every scenario of the suite.
TEST(EngineTest, SweepAgreesWithFullEvaluationOnEveryScenario) {
  auto params = ParameterSet::LoadDir(DefaultParamsDir());
  ASSERT_TRUE(params) << params.error().message;
  int cases = 0;
  for (const auto& f : std::filesystem::directory_iterator(SourceTreeDir() / "policy" / "tests")) {
    if (f.path().extension() != ".yaml") continue;
    auto loaded = LoadScenarioFile(f.path());
    ASSERT_TRUE(loaded) << loaded.error().message;
    for (const auto& c : *loaded) {
      ParameterSet p = *params;
      if (!c.params_yaml.empty()) ASSERT_TRUE(p.ReplaceYaml(c.params_yaml, c.name));
      auto engine = Engine::Create(std::move(p));
      ASSERT_TRUE(engine);
      std::set<std::pair<std::string, int64_t>> full, fast;
      for (const auto& d : engine->EvaluateAll(c.world, c.date)) {
        if (d.eligible) full.insert({d.once_key, d.amount_fen});
      }
      for (int threads : {1, 2}) {
        fast.clear();
        for (const auto& d : engine->Sweep(c.world, c.date, {.region = "", .threads = threads, .explain = false})) {
          EXPECT_TRUE(d.eligible);
          fast.insert({d.once_key, d.amount_fen});
        }
        EXPECT_EQ(full, fast) << c.file << " " << c.name << " threads " << threads;
      }
      ++cases;
    }
  }
  EXPECT_GT(cases, 50);
}

TEST(EngineTest, RegionFilterAndUnknownSubjects) {
  auto params = ParameterSet::LoadDir(DefaultParamsDir());
  ASSERT_TRUE(params);
  auto engine = Engine::Create(*params);
  ASSERT_TRUE(engine);
  World w;
  registry::Employer e;
  e.credit_code = "E1";
  e.county_code = "520102";
  e.size = registry::SizeClass::kSmall;
  e.years.push_back({2022, 10, 0, 100000});
  w.employers.push_back(e);
  e.insured_region = "520102";
  w.employers.push_back(e);
  e.credit_code = "E2";
  e.county_code = "520302";
  e.insured_region = "520302";
  w.employers.push_back(e);
  e.credit_code = "E3";  // insured outside Guizhou: never in a sweep (#12)
  e.insured_region = "440305";
  w.employers.push_back(e);
  e.credit_code = "E4";  // insurance place unknown: no automatic payment
  e.insured_region.clear();
  w.employers.push_back(e);
  w.Index();
  const Date d = *Date::FromYmd(2023, 7, 1);
  EXPECT_EQ(engine->Sweep(w, d, {.region = "5201"}).size(), 1u);
  EXPECT_EQ(engine->Sweep(w, d, {.region = ""}).size(), 2u);
  EXPECT_FALSE(engine->EvaluatePerson(w, 42, d));
  EXPECT_FALSE(engine->EvaluateEmployer(w, "nope", d));
  auto ds = engine->EvaluateEmployer(w, "E1", d);
  ASSERT_TRUE(ds);
  ASSERT_FALSE(ds->empty());
  EXPECT_EQ(ds->front().rule, "R1");
  EXPECT_EQ(ds->front().amount_fen, 60000);
  EXPECT_EQ(ds->front().once_key, "R1|E:E1|0|2022");
}

}  // namespace
}  // namespace qjy::policy
