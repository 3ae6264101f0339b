// The generated network work (network_work_gen.h) on a generated province:
// licences in force and lapsed, stations' months within their opening and
// the as-of month, community applications whose passing assessment sets
// the community's recognition. SQLite and PostgreSQL.
#include "gen/network_work_gen.h"

#include <gtest/gtest.h>

#include "core/vault.h"
#include "gen/generator.h"
#include "gen/store_sink.h"
#include "gen/test_world.h"
#include "network/agency_licence_store.h"
#include "network/community_store.h"
#include "network/station_work_store.h"
#include "store/registry_store.h"
#include "store/store_test_support.h"

namespace qjy::gen {
namespace {

using store::testing::StoreTest;

class NetworkWorkGenTest : public StoreTest {
 protected:
  Vault vault_ = Vault::FromKey([] {
    std::array<uint8_t, 32> k{};
    k.fill(7);
    return k;
  }());
};

TEST_P(NetworkWorkGenTest, LicencesStationMonthsAndCommunityApplications) {
  store::RegistryStore registry(*db_, vault_);
  ASSERT_TRUE(registry.Migrate());
  const auto& world = testing::TheWorld();
  ASSERT_TRUE(world.geo);
  gen::Tables tables(world.profile, *world.geo, testing::Options(2023, 1000, 100, 50));
  gen::StoreSink sink(*db_, registry);
  gen::Sink* sinks[] = {&sink};
  auto generated = gen::Generate(tables, gen::IdBase{}, sinks);
  ASSERT_TRUE(generated) << generated.error().message;
  const Date today = *Date::Parse("2025-06-30");
  auto counts = GenerateNetworkWork(*db_, *world.regions, 2023, today);
  ASSERT_TRUE(counts) << counts.error().message;
  EXPECT_GT(counts->licences, 50);
  EXPECT_GT(counts->station_months, 100);
  EXPECT_GT(counts->community_applications, 5);
  EXPECT_GT(counts->community_assessed, 0);
  EXPECT_LT(counts->community_assessed, counts->community_applications);

  // Licences: some in force on the as-of date, some lapsed, some 长期有效.
  auto licences = network::AgencyLicenceStore(*db_, *world.regions).List("52");
  ASSERT_TRUE(licences);
  ASSERT_EQ(static_cast<int64_t>(licences->size()), counts->licences);
  int valid = 0, lapsed = 0, open_ended = 0;
  for (const auto& l : *licences) {
    (l.ValidOn(today) ? valid : lapsed) += 1;
    open_ended += !l.in.valid_to;
    EXPECT_FALSE(l.in.scope.empty());
  }
  EXPECT_GT(valid, lapsed);
  EXPECT_GT(lapsed, 0);
  EXPECT_GT(open_ended, 0);

  // Station months: none after the as-of month, some months missed.
  auto work = network::StationWorkStore(*db_, *world.regions).List("52");
  ASSERT_TRUE(work);
  ASSERT_EQ(static_cast<int64_t>(work->size()), counts->station_months);
  for (const auto& w : *work) {
    EXPECT_LE(w.in.month, "2025-06");
    EXPECT_GE(w.in.month, "2024-01");
    EXPECT_GE(w.in.retained, w.in.placed);
  }

  // Communities: each passed assessment recognised its community at the
  // prefecture level, from the assessment date; a failed one left it.
  auto apps = network::CommunityStore(*db_, *world.regions).List("52");
  ASSERT_TRUE(apps);
  ASSERT_EQ(static_cast<int64_t>(apps->size()), counts->community_applications);
  int passed = 0, failed = 0;
  for (const auto& a : *apps) {
    if (!a.assessment) continue;
    auto site = db_->Query("SELECT recognition_level, recognised_on FROM service_sites WHERE site_id = " +
                           std::to_string(a.in.site_id));
    ASSERT_TRUE(site);
    if (a.passed) {
      ++passed;
      EXPECT_EQ(site->at(0).Text(0), "prefecture");
      EXPECT_EQ(site->at(0).Text(1), a.assessment->assessed_on->ToString());
    } else {
      ++failed;
      EXPECT_NE(site->at(0).Text(0), "prefecture");
    }
  }
  EXPECT_GT(passed, failed);

  // Every write is in the history.
  auto history = db_->Query("SELECT COUNT(*) FROM changes WHERE entity = 'station_work' AND actor = 'qjy gen'");
  ASSERT_TRUE(history);
  EXPECT_EQ(history->at(0).Int(0), counts->station_months);
}

INSTANTIATE_TEST_SUITE_P(Dialects, NetworkWorkGenTest,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         store::testing::DialectName);

}  // namespace
}  // namespace qjy::gen
