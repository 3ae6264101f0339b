// The service network over HTTP: a county officer registers a township
// office and a recruitment event and the coverage report changes; bad input
// is a 400 naming the field with nothing stored; closing keeps history.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/test_env.h"

namespace qjy::server::testing {
namespace {

using nlohmann::json;

const json& ApiNetworkDuty(const json& report, const std::string& id) {
  for (const auto& d : report["duties"]) {
    if (d["id"] == id) return d;
  }
  static const json none;
  ADD_FAILURE() << "no duty " << id;
  return none;
}

TEST(NetworkApiTest, AnOfficerAddsAnOfficeAndAnEventAndCoverageChanges) {
  TestEnv env;
  Login county = env.LogIn("county");
  // The week before last, whatever today is: events counted from then.
  const Date last_week = Date::InChina(env.clock.Now()).AddDays(-7);
  const Date week_monday = last_week.AddDays(1 - last_week.iso_weekday());
  const std::string coverage = "/api/network/coverage?from=" + week_monday.AddDays(-7).ToString();
  Reply r = env.Get(county, coverage);
  ASSERT_EQ(r.status, 200) << r.body;
  json before = json::parse(r.body);
  EXPECT_EQ(before["scope"], "520102");
  const json& town = ApiNetworkDuty(before, "offices_township");
  const int64_t places = town["places"].get<int64_t>();
  EXPECT_EQ(places, static_cast<int64_t>(env.regions->Children("520102")->size()));
  EXPECT_EQ(town["covered"], 0);
  EXPECT_EQ(town["status"], "missing");
  EXPECT_EQ(town["gap_count"], places);
  EXPECT_EQ(town["clause"], "附件4（一）");

  r = env.Post(county, "/api/network/sites",
               json{{"kind", "employment_office"}, {"tier", "township"}, {"region", env.town_code},
                    {"name", "测试街道就业服务站"}, {"staff", 2}, {"opened_on", "2024-03-01"}}
                   .dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const int64_t site = json::parse(r.body)["site_id"].get<int64_t>();

  r = env.Post(county, "/api/network/events",
               json{{"region", "520102"}, {"kind", "special"}, {"title", "南明区周招聘"}, {"held_on", week_monday.ToString()},
                    {"employers", 12}, {"jobs", 300}, {"attendance", 500}, {"hires", 60}}
                   .dump());
  ASSERT_EQ(r.status, 201) << r.body;

  r = env.Get(county, coverage);
  ASSERT_EQ(r.status, 200);
  json after = json::parse(r.body);
  EXPECT_EQ(ApiNetworkDuty(after, "offices_township")["covered"], 1);
  EXPECT_EQ(ApiNetworkDuty(after, "offices_township")["gap_count"], places - 1);
  const json& weekly = ApiNetworkDuty(after, "events_county_week");
  EXPECT_GE(weekly["periods"].get<int64_t>(), 2);  // complete weeks since `from` (3 on a Sunday)
  EXPECT_EQ(ApiNetworkDuty(before, "events_county_week")["periods_met"], 0);
  EXPECT_EQ(weekly["periods_met"], 1);

  // Closing the office: coverage drops back, the close is in the history.
  r = env.Post(county, "/api/network/sites/" + std::to_string(site) + "/close", R"({"reason":"并入便民服务中心"})");
  ASSERT_EQ(r.status, 200) << r.body;
  r = env.Get(county, "/api/network/coverage");
  EXPECT_EQ(ApiNetworkDuty(json::parse(r.body), "offices_township")["covered"], 0);
  auto rows = env.setup_db->Query("SELECT COUNT(*) FROM changes WHERE entity = 'site'");
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->front().Int(0), 2);

  // The XLSX form of the same report.
  r = env.Get(county, "/api/network/coverage?format=xlsx");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.substr(0, 2), "PK");
}

// A county's (or township's) own 就业创业服务团队 visit is recorded, with the
// note that no duty counts it; a prefecture's counts and has no note.
TEST(NetworkApiTest, ACountyTeamVisitIsRecordedWithTheNoteThatNoDutyCountsIt) {
  TestEnv env;
  const std::string day = Date::InChina(env.clock.Now()).AddDays(-3).ToString();
  for (const auto& [user, region] : {std::pair<std::string, std::string>{"county", "520102"}, {"town", env.town_code}}) {
    Login login = env.LogIn(user);
    Reply r = env.Post(login, "/api/network/events",
                       json{{"region", region}, {"kind", "service_team"}, {"title", "进社区服务"}, {"held_on", day}}.dump());
    ASSERT_EQ(r.status, 201) << r.body;
    json b = json::parse(r.body);
    EXPECT_EQ(b["counted"], false) << user;
    EXPECT_NE(b["note"].get<std::string>().find("本级无考核要求，不计入就业创业服务团队服务活动次数"), std::string::npos)
        << b.dump();
    EXPECT_NE(b["note"].get<std::string>().find("省级、市（州）级"), std::string::npos) << b.dump();
  }
  Login pref = env.LogIn("pref");
  Reply r = env.Post(pref, "/api/network/events",
                     json{{"region", "5201"}, {"kind", "service_team"}, {"title", "进校园服务"}, {"held_on", day}}.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json::parse(r.body)["counted"], true);
  EXPECT_EQ(json::parse(r.body)["note"], "");
  auto rows = env.setup_db->Query("SELECT COUNT(*) FROM network_events WHERE kind = 'service_team'");
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->front().Int(0), 3);
}

TEST(NetworkApiTest, BadInputNamesTheFieldAndStoresNothing) {
  TestEnv env;
  Login county = env.LogIn("county");
  struct Case {
    json body;
    const char* field;
  } cases[] = {
      {{{"kind", "employment_office"}, {"tier", "township"}, {"region", "520102"}, {"name", "x"}}, "层级"},
      {{{"kind", "employment_office"}, {"tier", "township"}, {"region", env.town_code}, {"name", "x"},
        {"opened_on", "2024-02-30"}},
       "开办日期"},
      {{{"kind", "employment_office"}, {"tier", "township"}, {"region", env.town_code}, {"name", "x"},
        {"opened_on", "2099-01-01"}},
       "开办日期"},
      {{{"kind", "地下中介"}, {"tier", "township"}, {"region", env.town_code}, {"name", "x"}}, "类型"},
  };
  for (const auto& c : cases) {
    Reply r = env.Post(county, "/api/network/sites", c.body.dump());
    EXPECT_EQ(r.status, 400) << c.body.dump();
    EXPECT_NE(r.body.find(c.field), std::string::npos) << r.body;
  }
  Reply r = env.Post(county, "/api/network/events",
                     json{{"region", "520102"}, {"kind", "special"}, {"title", "未来的招聘会"}, {"held_on", "2099-01-01"}}
                         .dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("举办日期"), std::string::npos) << r.body;
  auto rows = env.setup_db->Query("SELECT (SELECT COUNT(*) FROM service_sites) + (SELECT COUNT(*) FROM network_events)");
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->front().Int(0), 0);
}

}  // namespace
}  // namespace qjy::server::testing
