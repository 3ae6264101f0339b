// A whole-province sweep on a generated province pays no employer outside
// Guizhou's jurisdiction (#12 §2): the generator's employers insured in
// other provinces exist, have contracts and placements that would
// otherwise be paid, and are refused with "参保地不在本省" — on SQLite and
// PostgreSQL, through the store as `qjy policy sweep` reads it.
#include <gtest/gtest.h>

#include <map>

#include "core/vault.h"
#include "gen/generator.h"
#include "gen/store_sink.h"
#include "gen/test_world.h"
#include "policy/engine.h"
#include "policy/params.h"
#include "policy/policy_dir.h"
#include "policy/world_loader.h"
#include "policy_services/facts_gen.h"
#include "registry/place.h"
#include "store/registry_store.h"
#include "store/store_test_support.h"

namespace qjy::policy_services {
namespace {

using store::testing::StoreTest;

std::array<uint8_t, 32> SweepJurisdictionKey() {
  std::array<uint8_t, 32> k{};
  k.fill(9);
  return k;
}

class SweepJurisdictionTest : public StoreTest {
 protected:
  Vault vault_ = Vault::FromKey(SweepJurisdictionKey());
};

TEST_P(SweepJurisdictionTest, ProvinceSweepPaysNoEmployerInsuredOutsideGuizhou) {
  store::RegistryStore registry(*db_, vault_);
  ASSERT_TRUE(registry.Migrate());
  const auto& world = gen::testing::TheWorld();
  ASSERT_TRUE(world.geo);
  gen::Tables tables(world.profile, *world.geo, gen::testing::Options(12, 3000, 800, 100));
  gen::StoreSink sink(*db_, registry);
  gen::Sink* sinks[] = {&sink};
  auto generated = gen::Generate(tables, gen::IdBase{}, sinks);
  ASSERT_TRUE(generated) << generated.error().message;
  auto facts = GenerateFacts(*db_, registry, 12);
  ASSERT_TRUE(facts) << facts.error().message;

  policy::NoRegistrations none;
  auto w = policy::LoadWorld(*db_, registry, none);
  ASSERT_TRUE(w) << w.error().message;
  // The data can make the test fail: employers insured elsewhere exist and
  // employ people.
  std::vector<std::string> outside;
  for (const auto& e : w->employers) {
    ASSERT_FALSE(e.insured_region.empty()) << e.credit_code;  // the generator knows every 参保地
    if (!registry::WithinRegion(e.insured_region, registry::kGuizhouProvince) &&
        !w->ContractsOf(e).empty()) {
      outside.push_back(e.credit_code);
    }
  }
  ASSERT_GT(outside.size(), 5u);

  auto params = policy::ParameterSet::LoadDir(policy::DefaultParamsDir());
  ASSERT_TRUE(params) << params.error().message;
  auto engine = policy::Engine::Create(std::move(*params));
  ASSERT_TRUE(engine) << engine.error().message;
  for (const char* day : {"2023-12-31", "2025-06-30"}) {
    const Date date = *Date::Parse(day);
    std::map<std::string, int> paid_employers;
    for (const auto& d : engine->Sweep(*w, date, {.explain = false})) {
      ASSERT_TRUE(d.eligible);
      if (!d.beneficiary.starts_with("E:")) continue;
      const registry::Employer* e = w->Employer(d.employer_code);
      ASSERT_NE(e, nullptr) << d.once_key;
      EXPECT_TRUE(registry::WithinRegion(e->insured_region, registry::kGuizhouProvince))
          << day << " " << d.once_key << " pays an employer insured in " << e->insured_region;
      ++paid_employers[d.rule];
    }
    EXPECT_FALSE(paid_employers.empty()) << day;  // the sweep does pay employers in Guizhou
  }
  // And the employers outside were refused for that reason alone somewhere:
  // without the jurisdiction rule they would have been paid.
  int refused_only_for_jurisdiction = 0;
  for (const auto& code : outside) {
    auto ds = engine->EvaluateEmployer(*w, code, *Date::Parse("2023-12-31"));
    ASSERT_TRUE(ds) << ds.error().message;
    for (const auto& d : *ds) {
      if (d.beneficiary != "E:" + code) continue;
      EXPECT_FALSE(d.eligible) << d.once_key;
      std::vector<std::string> failed;
      for (const auto& c : d.conditions) {
        if (!c.pass) failed.push_back(c.id);
      }
      if (failed == std::vector<std::string>{"jurisdiction"}) {
        ++refused_only_for_jurisdiction;
        bool says = false;
        for (const auto& c : d.conditions) says |= c.seen.find("参保地不在本省") != std::string::npos;
        EXPECT_TRUE(says) << d.once_key;
      }
    }
  }
  EXPECT_GT(refused_only_for_jurisdiction, 0);
}

INSTANTIATE_TEST_SUITE_P(Dialects, SweepJurisdictionTest,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         store::testing::DialectName);

}  // namespace
}  // namespace qjy::policy_services
