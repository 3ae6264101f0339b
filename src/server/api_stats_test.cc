// GET /api/stats against counts made independently (every row read and
// judged with access.h's rules), and GET /api/me's person_id for seekers.
#include <gtest/gtest.h>

#include "server/access.h"
#include "server/shared_env_test_util.h"

namespace qjy::server::testing {
namespace {

struct TrueCounts {
  int64_t persons = 0, employers = 0, jobs = 0;
  std::map<std::string, int64_t> children;  // by household registration
};

TrueCounts Count(const std::string& code) {
  auto& env = Env();
  TrueCounts t;
  auto kids = env.regions->Children(code);
  std::vector<std::string> child_codes;
  if (kids) for (const auto& k : *kids) child_codes.push_back(k.code);
  auto persons = env.setup_db->Query(
      "SELECT hukou_region, residence_region, county_code FROM persons");
  EXPECT_TRUE(persons.has_value());
  for (const auto& r : *persons) {
    if (RegionCovers(code, r.Text(0)) || RegionCovers(code, r.Text(1)) ||
        RegionCovers(code, r.Text(2))) {
      ++t.persons;
    }
    for (const auto& child : child_codes) {
      if (RegionCovers(child, r.Text(0))) ++t.children[child];
    }
  }
  auto employers = env.setup_db->Query("SELECT region, county_code FROM employers");
  EXPECT_TRUE(employers.has_value());
  for (const auto& r : *employers) {
    t.employers += RegionCovers(code, r.Text(0)) || RegionCovers(code, r.Text(1));
  }
  auto jobs = env.setup_db->Query("SELECT place_region, county_code FROM jobs");
  EXPECT_TRUE(jobs.has_value());
  for (const auto& r : *jobs) t.jobs += RegionCovers(code, r.Text(0)) || RegionCovers(code, r.Text(1));
  return t;
}

TEST(StatsTest, CountsEqualTheTrueCountsOfTheRegion) {
  auto& env = Env();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"prov", ""}, {"prov", "52"}, {"prov", "5203"}, {"pref", ""}, {"pref", "520102"},
      {"county", ""}, {"county", env.town_code}, {"other", ""}};
  for (const auto& [user, region] : cases) {
    Reply r = env.Get(As(user), region.empty() ? "/api/stats" : "/api/stats?region=" + region);
    ASSERT_EQ(r.status, 200) << user << " " << region << ": " << r.body;
    auto j = nlohmann::json::parse(r.body);
    const std::string code = j["region"];
    const std::map<std::string, std::string> home = {
        {"prov", "52"}, {"pref", "5201"}, {"county", "520102"}, {"other", "520302"}};
    EXPECT_EQ(code, region.empty() ? home.at(user) : region);
    TrueCounts t = Count(code);
    EXPECT_EQ(j["persons"], t.persons) << code;
    EXPECT_EQ(j["employers"], t.employers) << code;
    EXPECT_EQ(j["jobs"], t.jobs) << code;
    auto kids = env.regions->Children(code);
    ASSERT_TRUE(kids.has_value());
    ASSERT_EQ(j["children"].size(), kids->size()) << code;
    for (size_t i = 0; i < kids->size(); ++i) {
      const auto& c = j["children"][i];
      EXPECT_EQ(c["code"], (*kids)[i].code);
      EXPECT_EQ(c["name"], (*kids)[i].name);
      EXPECT_EQ(c["persons"], t.children[(*kids)[i].code]) << (*kids)[i].code;
    }
  }
  // The fixture has persons in both 520102 and 520302: the counts are not
  // trivially equal.
  EXPECT_GT(Count("520102").persons, 0);
  EXPECT_GT(Count("5203").persons, 0);
  EXPECT_NE(nlohmann::json::parse(env.Get(As("prov"), "/api/stats?region=5201").body)["persons"],
            nlohmann::json::parse(env.Get(As("prov"), "/api/stats?region=52").body)["persons"]);
}

TEST(StatsTest, OutsideScopeOrWrongRoleIsRefused) {
  auto& env = Env();
  EXPECT_EQ(env.Get(As("county"), "/api/stats?region=520302").status, 403);
  EXPECT_EQ(env.Get(As("county"), "/api/stats?region=52").status, 403);
  EXPECT_EQ(env.Get(As("town"), "/api/stats?region=520102").status, 403);
  EXPECT_EQ(env.Get(As("pref"), "/api/stats?region=5203").status, 403);
  EXPECT_EQ(env.Get(As("county"), "/api/stats?region=52x").status, 400);
  for (const char* user : {"employer", "seeker", "auditor", "sysadmin", "secadmin"}) {
    EXPECT_EQ(env.Get(As(user), "/api/stats").status, 403) << user;
  }
}

// Pages take "today" from the server, not the browser: /api/me says which
// day it is by the server's clock, in China. At 17:00 UTC on 19 December
// it is already the 20th there.
TEST(MeTest, TodayIsTheServersDateInChina) {
  auto& env = Env();
  const int64_t was = env.clock.Now();
  env.clock.Set(1'797'699'600);  // 2026-12-19T17:00:00Z
  const Login l = env.LogIn("county");
  auto me = nlohmann::json::parse(env.Get(l, "/api/me").body);
  env.clock.Set(was);
  EXPECT_EQ(me["today"], "2026-12-20") << me.dump();
  EXPECT_EQ(me["now"], "2026-12-19T17:00:00Z") << me.dump();
}

TEST(MeTest, SeekerSeesTheBoundPersonId) {
  auto& env = Env();
  auto me = nlohmann::json::parse(env.Get(As("seeker"), "/api/me").body);
  EXPECT_EQ(me["user"]["person_id"], env.in_person) << me.dump();
  auto officer = nlohmann::json::parse(env.Get(As("county"), "/api/me").body);
  EXPECT_FALSE(officer["user"].contains("person_id"));
  // The id it gives opens the seeker's own record.
  EXPECT_EQ(env.Get(As("seeker"), "/api/persons/" + std::to_string(env.in_person)).status, 200);
}

}  // namespace
}  // namespace qjy::server::testing
