// The coverage report's outbound workers (附件2（四）, organised share) as of
// today come from the kept monitoring snapshot (MonitorSnapshot::outbound,
// monitor_cache.h), not from a read of the region's contracts per request:
// once read, a change the server did not see (rows deleted behind its back)
// does not show until the snapshot is rebuilt (here: it ages past max_age);
// another day reads the contracts for the request. The answer says which
// (`snapshot`).
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "server/test_env.h"

namespace qjy::server::testing {
namespace {

using nlohmann::json;

// The outbound workers the report counts for county 520102 (-1: none listed).
int64_t OutboundOf520102(const json& report) {
  for (const auto& d : report["duties"]) {
    if (d["id"] != "outbound_organised_share") continue;
    for (const auto& c : d["outbound_counties"]) {
      if (c["county"] == "520102") return c["outbound"].get<int64_t>();
    }
    return 0;
  }
  ADD_FAILURE() << "no outbound duty";
  return -1;
}

TEST(NetworkOutboundApiTest, TodayIsCountedFromTheKeptSnapshot) {
  TestEnv env;
  // A spell of the county's person working in Shenzhen since 2024, organised
  // by a labour station.
  const store::Value spell[] = {env.in_person, env.in_credit};
  ASSERT_TRUE(env.setup_db->Exec(
      "INSERT INTO contracts (county_code, person_id, employer_credit_code, start_on, end_on, social_insurance_months,"
      " flexible, new_form, work_region, organised_via, created_at, updated_at)"
      " VALUES ('520102', ?, ?, '2024-01-01', NULL, 0, 0, 0, '440305', 'station', 'x', 'x')",
      spell));
  const auto cookie = env.LogIn("county");
  // The first request starts the snapshot and reads the contracts itself; a
  // later one is answered from the snapshot.
  json body;
  for (int i = 0; i < 200; ++i) {
    Reply r = env.Get(cookie, "/api/network/coverage?region=520102");
    ASSERT_EQ(r.status, 200) << r.body;
    body = json::parse(r.body);
    EXPECT_EQ(OutboundOf520102(body), 1) << r.body;
    if (!body["snapshot"].is_null()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_FALSE(body["snapshot"].is_null()) << "never answered from the snapshot";
  EXPECT_FALSE(body["snapshot"]["stale"].get<bool>());

  ASSERT_TRUE(env.setup_db->Exec("DELETE FROM contracts"));
  body = json::parse(env.Get(cookie, "/api/network/coverage?region=520102").body);
  ASSERT_FALSE(body["snapshot"].is_null());
  EXPECT_EQ(OutboundOf520102(body), 1) << "the kept tallies, not a read per request";
  // Another day reads the contracts for the request.
  const Date yesterday = Date::InChina(env.clock.Now()).AddDays(-1);
  json other = json::parse(env.Get(cookie, "/api/network/coverage?region=520102&as_of=" + yesterday.ToString()).body);
  EXPECT_TRUE(other["snapshot"].is_null());
  EXPECT_EQ(OutboundOf520102(other), 0);

  env.clock.Advance(601);  // past the snapshot's max_age: rebuilt in the background
  bool gone = false;
  for (int i = 0; i < 200 && !gone; ++i) {
    Reply r = env.Get(env.LogIn("county"), "/api/network/coverage?region=520102");
    ASSERT_EQ(r.status, 200) << r.body;
    gone = OutboundOf520102(json::parse(r.body)) == 0;
    if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(gone) << "the rebuilt snapshot no longer holds the deleted spell";
}

}  // namespace
}  // namespace qjy::server::testing
