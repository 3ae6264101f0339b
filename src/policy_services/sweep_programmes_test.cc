// A whole-province sweep on a generated province pays the rules that read
// the registries officials keep (#15): the generator records 就业帮扶车间
// and full-employment community recognitions (gen/programme_gen.h), so R17
// and R19 propose entitlements — and refuse some, for the reasons the
// registry gives (a workshop below the "基本标准", a community recognised
// before the policy or only at prefecture level). SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/vault.h"
#include "gen/generator.h"
#include "gen/programme_gen.h"
#include "gen/store_sink.h"
#include "gen/test_world.h"
#include "policy/engine.h"
#include "policy/params.h"
#include "policy/policy_dir.h"
#include "policy/world_loader.h"
#include "store/registry_store.h"
#include "store/store_test_support.h"

namespace qjy::policy_services {
namespace {

using store::testing::StoreTest;

std::array<uint8_t, 32> SweepProgrammesKey() {
  std::array<uint8_t, 32> k{};
  k.fill(7);
  return k;
}

class SweepProgrammesTest : public StoreTest {
 protected:
  Vault vault_ = Vault::FromKey(SweepProgrammesKey());
};

TEST_P(SweepProgrammesTest, GeneratedWorkshopsAndRecognitionsArePaidAndRefused) {
  store::RegistryStore registry(*db_, vault_);
  ASSERT_TRUE(registry.Migrate());
  const auto& world = gen::testing::TheWorld();
  ASSERT_TRUE(world.geo);
  auto options = gen::testing::Options(2023, 8000, 1200, 200);
  gen::Tables tables(world.profile, *world.geo, options);
  gen::StoreSink sink(*db_, registry);
  gen::Sink* sinks[] = {&sink};
  auto generated = gen::Generate(tables, gen::IdBase{}, sinks);
  ASSERT_TRUE(generated) << generated.error().message;
  const Date today = *Date::Parse("2025-06-30");
  auto programmes = gen::GenerateProgrammes(*db_, *world.regions, 2023, today);
  ASSERT_TRUE(programmes) << programmes.error().message;
  EXPECT_GT(programmes->workshops_recognised, 5);
  EXPECT_GT(programmes->recognitions, 20);
  EXPECT_GT(programmes->brands, 100);
  EXPECT_GT(programmes->relief_projects, 10);
  // Every write is in the history.
  auto history = db_->Query("SELECT COUNT(*) FROM changes WHERE entity = 'workshop' AND actor = 'qjy gen'");
  ASSERT_TRUE(history);
  EXPECT_EQ(history->at(0).Int(0), programmes->workshops);

  policy::NoRegistrations none;
  auto w = policy::LoadWorld(*db_, registry, none);
  ASSERT_TRUE(w) << w.error().message;
  ASSERT_TRUE(w->workshops_known);
  auto params = policy::ParameterSet::LoadDir(policy::DefaultParamsDir());
  ASSERT_TRUE(params) << params.error().message;
  auto engine = policy::Engine::Create(std::move(*params));
  ASSERT_TRUE(engine) << engine.error().message;
  std::map<std::string, int> paid;
  policy::SweepOptions sweep;
  sweep.explain = false;
  for (const auto& d : engine->Sweep(*w, today, sweep)) ++paid[d.rule];
  EXPECT_GT(paid["R17"], 5);
  EXPECT_GT(paid["R19"], 0);
  EXPECT_GT(paid["R5"], 0);

  // Some recognised workshops fall below the threshold: R19 refuses them
  // on the basic standard alone.
  std::set<std::string> operators;
  for (const auto& ws : w->workshops) {
    if (ws.status == "recognised") operators.insert(ws.operator_credit_code);
  }
  int below = 0, eligible = 0;
  for (const auto& code : operators) {
    auto ds = engine->EvaluateEmployer(*w, code, today);
    ASSERT_TRUE(ds) << ds.error().message;
    for (const auto& d : *ds) {
      if (d.rule != "R19") continue;
      eligible += d.eligible;
      for (const auto& c : d.conditions) below += c.id == "basic_standard" && !c.pass;
    }
  }
  EXPECT_GT(below, 0);
  EXPECT_EQ(eligible, paid["R19"]);
}

INSTANTIATE_TEST_SUITE_P(Dialects, SweepProgrammesTest,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         store::testing::DialectName);

}  // namespace
}  // namespace qjy::policy_services
