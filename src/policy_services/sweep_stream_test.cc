// The streamed sweep (policy::LoadCountyWorld, one county's world at a time)
// makes exactly the decisions of the whole-world sweep (policy::LoadWorld):
// on a generated province written to the store — with workshops, community
// recognitions, internships, start-ups, placements, contribution months and
// unemployment registrations —, the union of the county sweeps equals the
// province sweep decision for decision (rule, county, key, amount,
// eligibility, every condition and step), including the subjects whose
// contracts cross counties — one county a pass, and passes of several
// consecutive counties within a persons budget (policy::SweepPasses,
// LoadCountiesWorld). SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/vault.h"
#include "gen/generator.h"
#include "gen/programme_gen.h"
#include "gen/store_sink.h"
#include "gen/test_world.h"
#include "policy/engine.h"
#include "policy/facts_store.h"
#include "policy/ledger_schema.h"
#include "policy/params.h"
#include "policy/policy_dir.h"
#include "policy/world_loader.h"
#include "policy_services/facts_gen.h"
#include "policy_services/store_registrations.h"
#include "services/services_store.h"
#include "store/registry_store.h"
#include "store/store_test_support.h"

namespace qjy::policy_services {
namespace {

using store::testing::StoreTest;

std::array<uint8_t, 32> SweepStreamKey() {
  std::array<uint8_t, 32> k{};
  k.fill(9);
  return k;
}

class SweepStreamTest : public StoreTest {
 protected:
  Vault vault_ = Vault::FromKey(SweepStreamKey());
};

std::string Text(const policy::Decision& d) { return policy::ToJson(d).dump(); }

TEST_P(SweepStreamTest, CountyByCountyEqualsTheWholeWorld) {
  store::RegistryStore registry(*db_, vault_);
  ASSERT_TRUE(registry.Migrate());
  const auto& world = gen::testing::TheWorld();
  ASSERT_TRUE(world.geo);
  auto options = gen::testing::Options(1907, 6000, 900, 100);
  gen::Tables tables(world.profile, *world.geo, options);
  gen::StoreSink sink(*db_, registry);
  gen::Sink* sinks[] = {&sink};
  auto generated = gen::Generate(tables, gen::IdBase{}, sinks);
  ASSERT_TRUE(generated) << generated.error().message;
  const Date today = *Date::Parse("2025-06-30");
  ASSERT_TRUE(gen::GenerateProgrammes(*db_, *world.regions, 1907, today));
  ASSERT_TRUE(policy::MigratePolicy(*db_));
  auto facts_n = GenerateFacts(*db_, registry, 1907);
  ASSERT_TRUE(facts_n) << facts_n.error().message;
  // Unemployment registrations of every 7th person (the generator writes
  // none): R2, R3, R14 and R15 read them, for persons of other counties too.
  services::ServicesStore services(*db_);
  ASSERT_TRUE(services.Migrate());
  auto persons = db_->Query("SELECT person_id, county_code FROM persons ORDER BY person_id");
  ASSERT_TRUE(persons);
  int registered = 0;
  for (size_t i = 0; i < persons->size(); i += 7) {
    services::Registration r;
    r.person_id = persons->at(i).Int(0);
    r.county_code = persons->at(i).Text(1);
    r.region_code = r.county_code;
    r.registered_on = *Date::Parse(i % 2 ? "2023-10-01" : "2024-09-15");
    r.found_on = r.registered_on;
    r.channel = "counter";
    r.officer = "t";
    ASSERT_TRUE(services.AddRegistration(r)) << r.person_id;
    ++registered;
  }
  ASSERT_GT(registered, 500);

  auto params = policy::ParameterSet::LoadDir(policy::DefaultParamsDir());
  ASSERT_TRUE(params) << params.error().message;
  auto engine = policy::Engine::Create(std::move(*params));
  ASSERT_TRUE(engine) << engine.error().message;
  StoreRegistrations regs(*db_);

  // The whole world, one thread (the kept decision of a duplicated key is
  // then the first in subject order, as in each county's pass).
  auto whole = policy::LoadWorld(*db_, registry, regs);
  ASSERT_TRUE(whole) << whole.error().message;
  ASSERT_FALSE(whole->registrations.empty());
  ASSERT_FALSE(whole->insurance.empty());
  const auto expected = engine->Sweep(*whole, today, {.region = "", .threads = 1, .explain = true});
  const int64_t w_all_contracts = static_cast<int64_t>(whole->contracts.size());
  ASSERT_GT(expected.size(), 200u);
  // Subjects whose contracts cross counties: a person of one county on the
  // contract of an employer of another.
  std::set<std::string> crossing;  // once keys of hiring decisions across counties
  for (const auto& d : expected) {
    if (d.person_id == 0 || d.employer_code.empty()) continue;
    const auto* p = whole->Person(d.person_id);
    if (p && p->county_code != d.county_code) crossing.insert(d.once_key);
  }
  EXPECT_GT(crossing.size(), 0u) << "the generated province has no cross-county hire to test";
  std::map<std::string, std::string> want;
  for (const auto& d : expected) ASSERT_TRUE(want.emplace(d.once_key, Text(d)).second) << d.once_key;
  whole = policy::World{};  // free it, as the streamed sweep would never hold it

  policy::FactsStore facts(*db_);
  auto counties = policy::SweepCounties(*db_, "");
  ASSERT_TRUE(counties) << counties.error().message;
  ASSERT_GT(counties->size(), 5u);
  // Compares a streamed sweep's union of decisions with the whole sweep's.
  auto same_as_whole = [&](const std::map<std::string, std::string>& got, const std::string& how) {
    SCOPED_TRACE(how);
    EXPECT_EQ(got.size(), want.size());
    int differ = 0;
    for (const auto& [key, text] : want) {
      auto it = got.find(key);
      if (it == got.end()) {
        ADD_FAILURE() << "missing in the streamed sweep: " << text;
      } else if (it->second != text) {
        if (++differ <= 5) ADD_FAILURE() << "differs:\n whole:    " << text << "\n streamed: " << it->second;
      }
    }
    for (const auto& [key, text] : got) {
      if (!want.contains(key)) ADD_FAILURE() << "only in the streamed sweep: " << text;
    }
    EXPECT_EQ(differ, 0);
    for (const auto& key : crossing) EXPECT_TRUE(got.contains(key)) << key;
  };

  // One county a pass.
  std::map<std::string, std::string> got;
  size_t largest = 0;
  for (const auto& county : *counties) {
    auto w = policy::LoadCountyWorld(*db_, registry, regs, county, facts);
    ASSERT_TRUE(w) << county << ": " << w.error().message;
    largest = std::max(largest, w->persons.size());
    for (const auto& d : engine->Sweep(*w, today, {.region = county, .threads = 1, .explain = true})) {
      EXPECT_EQ(d.county_code, county);
      EXPECT_TRUE(got.emplace(d.once_key, Text(d)).second) << "decided twice: " << d.once_key;
    }
  }
  EXPECT_LT(largest, persons->size()) << "a county's world holds the whole province";
  same_as_whole(got, "one county a pass");

  // Passes of consecutive counties within a persons budget (SweepPasses):
  // a fifth of the province a pass — several multi-county passes, and the
  // counties above the budget alone.
  const int64_t budget = static_cast<int64_t>(persons->size()) / 5;
  auto passes = policy::SweepPasses(*db_, "", budget);
  ASSERT_TRUE(passes) << passes.error().message;
  std::vector<std::string> visited;
  size_t multi = 0;
  for (const auto& ps : *passes) {
    ASSERT_FALSE(ps.counties.empty());
    visited.insert(visited.end(), ps.counties.begin(), ps.counties.end());
    if (ps.counties.size() > 1) ++multi;
  }
  EXPECT_EQ(visited, *counties) << "every county in exactly one pass, in order";
  EXPECT_GE(multi, 2u) << "the budget should make passes of several counties";
  EXPECT_LT(passes->size(), counties->size());
  got.clear();
  largest = 0;
  for (const auto& ps : *passes) {
    const std::string& first = ps.counties.front();
    const std::string& last = ps.counties.back();
    auto w = policy::LoadCountiesWorld(*db_, registry, regs, ps.counties, facts);
    ASSERT_TRUE(w) << first << "–" << last << ": " << w.error().message;
    largest = std::max(largest, w->persons.size());
    for (const auto& d :
         engine->Sweep(*w, today, {.region = "", .threads = 1, .explain = true, .counties = ps.counties})) {
      EXPECT_TRUE(d.county_code >= first && d.county_code <= last) << d.county_code;
      EXPECT_TRUE(got.emplace(d.once_key, Text(d)).second) << "decided twice: " << d.once_key;
    }
  }
  EXPECT_LT(largest, persons->size()) << "a pass's world holds the whole province";
  same_as_whole(got, "passes of several counties");
  // A budget above the province (persons plus contracts, above either
  // weight): one pass of every county.
  auto all = policy::SweepPasses(*db_, "", static_cast<int64_t>(persons->size() + w_all_contracts));
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().counties, *counties);

  // Passes shard by shard (the per-shard sweep's, store::ShardOfCounties):
  // the counties given to three made-up shards two by two; every pass on
  // one shard, its counties in code order, each shard's passes together,
  // every county once; fewer passes than cutting the province's order at
  // every change of shard would make (the counties of a shard are not
  // consecutive); and the passes' worlds, swept, make the whole sweep's
  // decisions. All on one shard: the same passes as unsharded.
  std::map<std::string, std::string> shard_of;
  for (size_t i = 0; i < counties->size(); ++i) shard_of[(*counties)[i]] = "s" + std::to_string(i / 2 % 3);
  size_t runs = 0;
  for (size_t i = 0; i < counties->size(); ++i) {
    if (i == 0 || shard_of.at((*counties)[i]) != shard_of.at((*counties)[i - 1])) ++runs;
  }
  auto cut = policy::SweepPasses(*db_, "", budget, &shard_of);
  ASSERT_TRUE(cut) << cut.error().message;
  visited.clear();
  got.clear();
  size_t gapped = 0;
  for (size_t k = 0; k < cut->size(); ++k) {
    const auto& ps = (*cut)[k];
    ASSERT_FALSE(ps.counties.empty());
    EXPECT_TRUE(std::is_sorted(ps.counties.begin(), ps.counties.end()));
    if (k > 0) EXPECT_LE((*cut)[k - 1].shard, ps.shard) << "a shard's passes together";
    visited.insert(visited.end(), ps.counties.begin(), ps.counties.end());
    for (const auto& c : ps.counties) EXPECT_EQ(shard_of.at(c), ps.shard) << c;
    const auto at = std::find(counties->begin(), counties->end(), ps.counties.front());
    if (ps.counties.size() > 1 && *(at + 1) != ps.counties[1]) ++gapped;
    auto w = policy::LoadCountiesWorld(*db_, registry, regs, ps.counties, facts);
    ASSERT_TRUE(w) << ps.counties.front() << ": " << w.error().message;
    for (const auto& d :
         engine->Sweep(*w, today, {.region = "", .threads = 1, .explain = true, .counties = ps.counties})) {
      EXPECT_TRUE(std::binary_search(ps.counties.begin(), ps.counties.end(), d.county_code)) << d.county_code;
      EXPECT_TRUE(got.emplace(d.once_key, Text(d)).second) << "decided twice: " << d.once_key;
    }
  }
  std::sort(visited.begin(), visited.end());
  EXPECT_EQ(visited, *counties) << "every county in exactly one pass";
  EXPECT_LT(cut->size(), runs);
  EXPECT_GE(gapped, 1u) << "a pass of counties not consecutive in the province's order";
  same_as_whole(got, "passes shard by shard");
  for (auto& [county, shard] : shard_of) shard = "s0";
  auto one_shard = policy::SweepPasses(*db_, "", budget, &shard_of);
  ASSERT_TRUE(one_shard);
  ASSERT_EQ(one_shard->size(), passes->size());
  for (size_t i = 0; i < passes->size(); ++i) {
    EXPECT_EQ((*one_shard)[i].counties, (*passes)[i].counties) << i;
    EXPECT_EQ((*one_shard)[i].shard, "s0");
  }

  // A region of one prefecture visits only its counties, and a township
  // its county.
  const std::string prefecture = counties->front().substr(0, 4);
  auto some = policy::SweepCounties(*db_, prefecture);
  ASSERT_TRUE(some);
  ASSERT_FALSE(some->empty());
  for (const auto& c : *some) EXPECT_TRUE(c.starts_with(prefecture)) << c;
  auto one = policy::SweepCounties(*db_, counties->front() + "001");
  ASSERT_TRUE(one);
  EXPECT_EQ(*one, std::vector<std::string>{counties->front()});
}

INSTANTIATE_TEST_SUITE_P(Dialects, SweepStreamTest,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         store::testing::DialectName);

}  // namespace
}  // namespace qjy::policy_services
