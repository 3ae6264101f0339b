// The event columns and their cube against the loaders the dashboard and
// the report used (sources.h LoadSeries, monthly_sources.h
// LoadMonthlyCounts) on a generated province with a registration history,
// separations, monitoring objects and contribution months, on SQLite and
// PostgreSQL: every county and township series and every month-end count
// is the same; and one more day of facts applied to the cube equals the
// cube recomputed from the facts.
#include "monitor/event_sources.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/vault.h"
#include "gen/generator.h"
#include "gen/store_sink.h"
#include "gen/test_world.h"
#include "monitor/event_cube.h"
#include "monitor/monitor_data.h"
#include "monitor/sources.h"
#include "services/history_gen.h"
#include "store/contribution_store.h"
#include "store/separation_store.h"
#include "store/shard_readers.h"
#include "store/store_test_support.h"

namespace qjy::monitor {
namespace {

using store::testing::StoreTest;

class EventSourcesTest : public StoreTest {
 protected:
  // A province of 3,000 persons (as of 2025-06-30) with its history.
  void Generate() {
    ASSERT_TRUE(registry_->Migrate());
    ASSERT_TRUE(services_->Migrate());
    const auto& world = gen::testing::TheWorld();
    ASSERT_TRUE(world.geo);
    gen::Tables tables(world.profile, *world.geo, gen::testing::Options(12, 3000, 600, 100));
    gen::StoreSink sink(*db_, *registry_);
    gen::Sink* sinks[] = {&sink};
    auto generated = gen::Generate(tables, gen::IdBase{}, sinks);
    ASSERT_TRUE(generated) << generated.error().message;
    auto params = services::ServiceParams::LoadDefault();
    ASSERT_TRUE(params) << params.error().message;
    services::HistoryOptions o{7, *Date::Parse("2023-01-01"), *Date::Parse("2025-06-30"), 0.2, 50};
    auto history = services::GenerateHistory(*db_, *registry_, *params, o);
    ASSERT_TRUE(history) << history.error().message;
    ASSERT_GT(history->reemployed, 100);
    // Separations of the ended spells: every third a retirement or death.
    std::vector<registry::Separation> seps;
    ASSERT_TRUE(registry_->ForEachSpell([&](const store::RegistryStore::Spell& k) {
      if (!k.end) return;
      registry::Separation x;
      x.county_code = k.county_code;
      x.person_id = k.person_id;
      x.employer_credit_code = "91520102TEST" + std::to_string(seps.size());
      x.separated_on = *k.end;
      x.reason = seps.size() % 3 == 0   ? registry::SeparationReason::kRetired
                 : seps.size() % 3 == 1 ? registry::SeparationReason::kDeath
                                        : registry::SeparationReason::kResigned;
      seps.push_back(x);
    }));
    ASSERT_GT(seps.size(), 50u);
    auto tx = store::Transaction::Begin(*db_);
    ASSERT_TRUE(tx);
    store::SeparationStore separations(*db_);
    for (const auto& x : seps) ASSERT_TRUE(separations.Put(x));
    ASSERT_TRUE(tx->Commit());
  }

  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    registry_ = std::make_unique<store::RegistryStore>(*db_, vault_);
    services_ = std::make_unique<services::ServicesStore>(*db_);
  }

  Vault vault_ = Vault::FromKey(std::array<uint8_t, 32>{});
  std::unique_ptr<store::RegistryStore> registry_;
  std::unique_ptr<services::ServicesStore> services_;
};

TEST_P(EventSourcesTest, CubeEqualsTheLoadersOnAGeneratedProvince) {
  Generate();
  if (HasFatalFailure()) return;
  auto events = LoadEvents(*services_, *registry_, {.contributions = true});
  ASSERT_TRUE(events) << events.error().message;
  auto bounds = EventMonths(*events);
  ASSERT_TRUE(bounds);
  const Cube cube = ComputeCube(*events, bounds->first, bounds->last - bounds->first + 1);

  for (Computation c : {Computation::kContractHires, Computation::kRegistrationsReemployed,
                        Computation::kRegistrationsReemployedHardToEmploy}) {
    auto old = LoadSeries(c, *services_, *registry_);
    ASSERT_TRUE(old) << old.error().message;
    ASSERT_FALSE(old->counties.empty()) << ComputationCode(c);
    ASSERT_FALSE(old->townships.empty()) << ComputationCode(c);
    const CountySeries counties = FlowSeries(cube, MeasureOf(c), Level::kCounty);
    const CountySeries townships = FlowSeries(cube, MeasureOf(c), Level::kTownship);
    ASSERT_EQ(counties.size(), old->counties.size()) << ComputationCode(c);
    for (const auto& [code, s] : old->counties) {
      ASSERT_TRUE(counties.contains(code)) << code;
      EXPECT_EQ(counties.at(code).by_year, s.by_year) << ComputationCode(c) << " " << code;
    }
    ASSERT_EQ(townships.size(), old->townships.size()) << ComputationCode(c);
    for (const auto& [code, s] : old->townships) {
      ASSERT_TRUE(townships.contains(code)) << code;
      EXPECT_EQ(townships.at(code).by_year, s.by_year) << ComputationCode(c) << " " << code;
    }
  }
  // The attrition counted: new urban jobs are fewer than the hires.
  int64_t hires = 0;
  for (size_t r = 0; r < cube.codes(Level::kCounty).size(); ++r) {
    for (int k = bounds->first; k <= bounds->last; ++k)
      hires += cube.Events(Level::kCounty, r, Measure::kNewUrbanJobs, k);
  }
  EXPECT_GT(hires, cube.Value(Level::kProvince, 0, Measure::kNewUrbanJobs, bounds->last) + 50);

  for (int through : {MonthKey(2024, 12), MonthKey(2025, 6)}) {
    for (MonthlyComputation c : {MonthlyComputation::kRegisteredUnemploymentRate,
                                 MonthlyComputation::kMonitoringObjectsEmployed}) {
      auto old = LoadMonthlyCounts(c, *services_, *registry_, through);
      ASSERT_TRUE(old) << old.error().message;
      ASSERT_FALSE(old->empty()) << MonthlyComputationCode(c);
      const MonthlyCounts fast = StockCounts(cube, c, through);
      ASSERT_EQ(fast.size(), old->size()) << MonthlyComputationCode(c);
      for (const auto& [county, months] : *old) {
        ASSERT_TRUE(fast.contains(county)) << county;
        ASSERT_EQ(fast.at(county).size(), months.size())
            << MonthlyComputationCode(c) << " " << county;
        for (const auto& [m, n] : months) {
          ASSERT_TRUE(fast.at(county).contains(m)) << county << " " << m;
          EXPECT_EQ(fast.at(county).at(m).num, n.num)
              << MonthlyComputationCode(c) << " " << county << " " << m;
          EXPECT_EQ(fast.at(county).at(m).den, n.den)
              << MonthlyComputationCode(c) << " " << county << " " << m;
        }
      }
    }
  }

  // Contribution months: the table counted per county and month.
  std::map<std::pair<std::string, int>, int64_t> rows;
  store::ContributionStore contributions(*db_);
  ASSERT_TRUE(contributions.ForEach([&](const registry::Contribution& c) {
    ++rows[{c.county_code, c.month}];
  }));
  ASSERT_GT(rows.size(), 100u);
  for (const auto& [key, n] : rows) {
    auto r = cube.Find(Level::kCounty, key.first);
    ASSERT_TRUE(r) << key.first;
    EXPECT_EQ(cube.Value(Level::kCounty, *r, Measure::kContributions, key.second), n)
        << key.first << " " << key.second;
  }
}

// The dashboard's data (monitor_data.h) now comes from the cube: the same
// series as LoadSeries for every shipped indicator, the same month-end
// counts as LoadMonthlyCounts for every monthly one.
TEST_P(EventSourcesTest, MonitorDataEqualsLoadSeries) {
  Generate();
  if (HasFatalFailure()) return;
  auto specs = LoadIndicators(DefaultIndicatorsDir());
  ASSERT_TRUE(specs) << specs.error().message;
  auto data = LoadMonitorData(*specs, *services_, *registry_, *Date::Parse("2025-06-30"));
  ASSERT_TRUE(data) << data.error().message;
  ASSERT_EQ(data->series.size(), specs->size());
  for (size_t i = 0; i < specs->size(); ++i) {
    auto old = LoadSeries((*specs)[i].computation, *services_, *registry_);
    ASSERT_TRUE(old);
    EXPECT_EQ(data->series[i].size(), old->counties.size());
    for (const auto& [code, s] : old->counties)
      EXPECT_EQ(data->series[i][code].by_year, s.by_year) << code;
    EXPECT_EQ(data->townships[i].size(), old->townships.size());
    for (const auto& [code, s] : old->townships)
      EXPECT_EQ(data->townships[i][code].by_year, s.by_year) << code;
  }
  ASSERT_TRUE(data->latest);
  EXPECT_EQ(*data->latest, *Date::Parse("2025-06-01"));

  // And the monthly indicators' counts (the rates API) as LoadMonthlyCounts.
  auto monthly = LoadMonthlyIndicators(DefaultMonthlyIndicatorsDir());
  ASSERT_TRUE(monthly) << monthly.error().message;
  const int through = MonthKey(2025, 6);
  auto counts = LoadMonthlyData(*monthly, *services_, *registry_, through);
  ASSERT_TRUE(counts) << counts.error().message;
  ASSERT_EQ(counts->size(), monthly->size());
  for (size_t i = 0; i < monthly->size(); ++i) {
    auto old = LoadMonthlyCounts((*monthly)[i].computation, *services_, *registry_, through);
    ASSERT_TRUE(old);
    ASSERT_FALSE(old->empty());
    ASSERT_EQ((*counts)[i].size(), old->size()) << (*monthly)[i].id;
    for (const auto& [county, months] : *old) {
      ASSERT_EQ((*counts)[i].at(county).size(), months.size()) << county;
      for (const auto& [m, n] : months) {
        EXPECT_EQ((*counts)[i].at(county).at(m).num, n.num) << county << " " << m;
        EXPECT_EQ((*counts)[i].at(county).at(m).den, n.den) << county << " " << m;
      }
    }
  }
}

// One more day of facts (hires, a registration closed as re-employed, a
// registration opened): the events of that day applied to the cube equal
// the cube recomputed from all facts.
TEST_P(EventSourcesTest, ADayOfFactsAppliedEqualsRecomputation) {
  Generate();
  if (HasFatalFailure()) return;
  auto events = LoadEvents(*services_, *registry_);
  ASSERT_TRUE(events) << events.error().message;
  Cube cube = ComputeCube(*events, MonthKey(2023, 1), 36);
  const Date day = *Date::Parse("2025-07-01");
  EventStore& s = *events;
  const size_t before = s.size();
  const uint16_t nanming = s.County("520102");
  s.Add(nanming, s.Township("520102001"), day, Measure::kNewUrbanJobs, 1);
  s.Add(nanming, EventStore::kNoTownship, day, Measure::kEmployed, 1);
  s.Add(nanming, s.Township("520102002"), day, Measure::kReemployed, 1);
  s.Add(nanming, EventStore::kNoTownship, day, Measure::kUnemployed, -1);
  s.Add(s.County("520302"), EventStore::kNoTownship, day, Measure::kUnemployed, 1);
  const int64_t employed = cube.Value(Level::kProvince, 0, Measure::kEmployed, MonthKey(2025, 7));
  ApplyEvents(cube, s, before);
  EXPECT_TRUE(cube == ComputeCube(s, MonthKey(2023, 1), 36));
  EXPECT_EQ(cube.Value(Level::kProvince, 0, Measure::kEmployed, MonthKey(2025, 7)), employed + 1);
}

// Every event as a comparable tuple (county code, township code, day,
// measure, delta), sorted: the stores' facts whatever their order or
// interning.
std::vector<std::tuple<std::string, std::string, int32_t, int, int>> EventTuples(const EventStore& s) {
  std::vector<std::tuple<std::string, std::string, int32_t, int, int>> out;
  for (size_t i = 0; i < s.size(); ++i) {
    const uint16_t t = s.township()[i];
    out.emplace_back(s.counties()[s.county()[i]], t == EventStore::kNoTownship ? "" : s.townships()[t], s.day()[i],
                     s.measure()[i], s.delta()[i]);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The registry read in parts, each on a connection of its own and a thread
// of its own (the dashboard's read of a sharded registry: one part per
// shard), gives exactly the events of the whole read: on SQLite and on
// PostgreSQL three interleaved county sets; under
// scripts/with-postgres-shards.sh (tests/shards: monitor_shards) the
// registry is partitioned across the shard servers and the parts are its
// shards' (OpenShardReaders).
TEST_P(EventSourcesTest, ReadInPartsEqualsTheWholeRead) {
  ASSERT_TRUE(registry_->Migrate());  // before the layout (Generate migrates again: a no-op)
  ShardIfAsked();
  if (HasFatalFailure()) return;
  Generate();
  if (HasFatalFailure()) return;
  const EventOptions all{.contributions = true};
  auto whole = LoadEvents(*services_, *registry_, all);
  ASSERT_TRUE(whole) << whole.error().message;
  auto persons = registry_->PersonsPerCounty();
  ASSERT_TRUE(persons);
  ASSERT_GE(persons->size(), 6u);

  std::vector<store::ShardReader> readers;
  if (Sharded()) {
    auto opened = store::OpenShardReaders(*db_, vault_);
    ASSERT_TRUE(opened) << opened.error().message;
    readers = std::move(*opened);
    ASSERT_EQ(readers.size(), sharded_on_.size());
  } else {
    readers.resize(3);
    size_t k = 0;
    for (const auto& [county, n] : *persons) readers[k++ % 3].counties.push_back(county);
    for (auto& r : readers) {
      auto db = Open();
      ASSERT_TRUE(db) << db.error().message;
      r.db = std::move(*db);
      r.registry = std::make_unique<store::RegistryStore>(*r.db, vault_);
    }
    EXPECT_TRUE(store::OpenShardReaders(*db_, vault_)->empty());  // unsharded: none
  }
  std::set<std::string> placed;
  for (const auto& r : readers) {
    for (const auto& c : r.counties) EXPECT_TRUE(placed.insert(c).second) << c << " in two parts";
  }
  for (const auto& [county, n] : *persons) EXPECT_TRUE(placed.contains(county)) << county;
  const std::vector<RegistryPart> parts = PartsOf(readers);
  auto merged = LoadEventsInParts(*services_, parts, all);
  ASSERT_TRUE(merged) << merged.error().message;
  ASSERT_GT(whole->size(), 1000u);
  EXPECT_EQ(merged->size(), whole->size());
  EXPECT_TRUE(EventTuples(*merged) == EventTuples(*whole));

  // Each part alone is a strict part of the whole.
  auto one = LoadEvents(*services_, *readers[0].registry,
                        {.contributions = true, .registrations = false, .counties = readers[0].counties});
  ASSERT_TRUE(one) << one.error().message;
  EXPECT_GT(one->size(), 0u);
  EXPECT_LT(one->size(), whole->size() / 2);

  // The dashboard's data read in parts equals the whole read; a county
  // with persons left out of every part is an error, not a lower count.
  auto specs = LoadIndicators(DefaultIndicatorsDir());
  ASSERT_TRUE(specs) << specs.error().message;
  const Date today = *Date::Parse("2025-06-30");
  auto data = LoadMonitorData(*specs, *services_, *registry_, today);
  auto data_parts = LoadMonitorData(*specs, *services_, *registry_, today, parts);
  ASSERT_TRUE(data && data_parts) << (data ? data_parts.error().message : data.error().message);
  for (size_t i = 0; i < specs->size(); ++i) {
    EXPECT_EQ(data_parts->series[i].size(), data->series[i].size()) << (*specs)[i].id;
    for (const auto& [code, ser] : data->series[i]) {
      EXPECT_EQ(data_parts->series[i][code].by_year, ser.by_year) << (*specs)[i].id << " " << code;
    }
  }
  std::vector<RegistryPart> short_parts = parts;
  short_parts[0].counties.pop_back();
  auto missing = LoadMonitorData(*specs, *services_, *registry_, today, short_parts);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kInternal);
  EXPECT_NE(missing.error().message.find(parts[0].counties.back()), std::string::npos) << missing.error().message;
  std::vector<RegistryPart> empty_part = parts;
  empty_part[1].counties.clear();
  auto refused = LoadEventsInParts(*services_, empty_part, all);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);

  auto monthly = LoadMonthlyIndicators(DefaultMonthlyIndicatorsDir());
  ASSERT_TRUE(monthly) << monthly.error().message;
  const int through = MonthKey(2025, 6);
  auto counts = LoadMonthlyData(*monthly, *services_, *registry_, through);
  auto counts_parts = LoadMonthlyData(*monthly, *services_, *registry_, through, parts);
  ASSERT_TRUE(counts && counts_parts);
  for (size_t i = 0; i < monthly->size(); ++i) {
    ASSERT_EQ((*counts_parts)[i].size(), (*counts)[i].size()) << (*monthly)[i].id;
    for (const auto& [county, months] : (*counts)[i]) {
      for (const auto& [m, n] : months) {
        EXPECT_EQ((*counts_parts)[i].at(county).at(m).num, n.num) << (*monthly)[i].id << " " << county << " " << m;
        EXPECT_EQ((*counts_parts)[i].at(county).at(m).den, n.den) << (*monthly)[i].id << " " << county << " " << m;
      }
    }
  }
}

QJY_INSTANTIATE_STORE_TEST(EventSourcesTest);

}  // namespace
}  // namespace qjy::monitor
