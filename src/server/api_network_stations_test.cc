// Labour-cooperation stations' monthly work over HTTP (issue #15,
// 附件2（三）, 附件4（四）): the county that set a station up records its
// months and reads them back with totals; the prefecture above reads them,
// another county may not; a month is corrected with the old values in the
// history; bad input (a negative count, a future month, the same month
// twice, a missing count, an unknown station) is a 400/404 naming the
// field with nothing stored; writes audited, denials too.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "server/test_env.h"

namespace qjy::server::testing {
namespace {

using nlohmann::json;

int64_t ApiNetworkStationsCount(TestEnv& env, const std::string& sql) {
  auto r = env.setup_db->Query(sql);
  return r && !r->empty() ? r->front().Int(0) : -1;
}

int64_t AddStation(TestEnv& env, const Login& who, const json& body) {
  Reply r = env.Post(who, "/api/network/sites", body.dump());
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? json::parse(r.body)["site_id"].get<int64_t>() : 0;
}

std::string Month(Date d) { return d.ToString().substr(0, 7); }

TEST(NetworkStationsApiTest, TheCountyRecordsItsStationsMonthsAndTheRegionAboveReadsThem) {
  TestEnv env;
  Login prov = env.LogIn("prov");
  Login pref = env.LogIn("pref");
  Login county = env.LogIn("county");
  const Date today = Date::InChina(env.clock.Now());
  json station = {{"kind", "labour_station"}, {"tier", "province"}, {"region", "4401"}, {"owner_region", "52"},
                  {"name", "贵州省驻广东劳务协作总站"}, {"opened_on", "2023-01-01"}};
  const int64_t total = AddStation(env, prov, station);
  station.update({{"tier", "prefecture"}, {"owner_region", "5201"}, {"name", "贵阳市驻广州劳务协作分站"}, {"parent_site_id", total}});
  const int64_t branch = AddStation(env, pref, station);
  station.update({{"tier", "county"}, {"region", "440106"}, {"owner_region", "520102"},
                  {"name", "南明区驻广州天河劳务协作工作站"}, {"parent_site_id", branch}});
  const int64_t ws = AddStation(env, county, station);
  const std::string path = "/api/network/stations/" + std::to_string(ws) + "/work";
  const std::string last = Month(today.AddMonths(-1)), now = Month(today);
  const json body = {{"month", last}, {"jobs_collected", 120}, {"placed", 30}, {"retained", 25}, {"rights_cases", 2}};

  // Bad input names the field; nothing stored.
  struct Case {
    json body;
    const char* message;
  };
  json negative = body;
  negative["placed"] = -1;
  json future = body;
  future["month"] = Month(today.AddMonths(1));
  json missing = body;
  missing.erase("rights_cases");
  json text = body;
  text["jobs_collected"] = "许多";
  const Case cases[] = {{negative, "输出就业人数：-1 不能为负数"},
                        {future, "是将来的月份"},
                        {missing, "维权案件数：不能为空"},
                        {text, "岗位信息收集数（jobs_collected）应为整数"}};
  for (const auto& c : cases) {
    Reply r = env.Post(county, path, c.body.dump());
    EXPECT_EQ(r.status, 400) << c.message;
    EXPECT_NE(r.body.find(c.message), std::string::npos) << r.body;
  }
  EXPECT_EQ(env.Post(county, "/api/network/stations/999999/work", body.dump()).status, 404);
  EXPECT_EQ(ApiNetworkStationsCount(env, "SELECT COUNT(*) FROM network_station_work"), 0);

  Reply r = env.Post(county, path, body.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  json second = body;
  second.update({{"month", now}, {"jobs_collected", 80}, {"placed", 10}, {"retained", 9}, {"rights_cases", 0}});
  ASSERT_EQ(env.Post(county, path, second.dump()).status, 201);
  r = env.Post(county, path, body.dump());  // the same month twice
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("月份：该站 " + last + " 已有工作记录"), std::string::npos) << r.body;
  EXPECT_EQ(ApiNetworkStationsCount(env, "SELECT COUNT(*) FROM network_station_work"), 2);
  EXPECT_EQ(ApiNetworkStationsCount(env, "SELECT COUNT(*) FROM audit_log WHERE action = 'network.station.work' AND result = 'ok'"), 2);

  // The county's officer may not record for the prefecture's 分站, nor
  // another county's officer for this station.
  EXPECT_EQ(env.Post(county, "/api/network/stations/" + std::to_string(branch) + "/work", body.dump()).status, 403);
  Login other = env.LogIn("other");
  EXPECT_EQ(env.Post(other, path, body.dump()).status, 403);
  EXPECT_EQ(env.Get(other, path).status, 403);
  EXPECT_EQ(ApiNetworkStationsCount(env, "SELECT COUNT(*) FROM audit_log WHERE action = 'network.station.work' AND result = 'denied'"), 2);

  // Read back, by month, with totals; the prefecture above and an auditor read it.
  for (const Login* who : {&county, &pref}) {
    r = env.Get(*who, path);
    ASSERT_EQ(r.status, 200) << r.body;
    json got = json::parse(r.body);
    EXPECT_EQ(got["station"]["tier_label"], "县级工作站");
    EXPECT_EQ(got["station"]["owner"], "520102");
    EXPECT_EQ(got["station"]["parent"]["name"], "贵阳市驻广州劳务协作分站");
    ASSERT_EQ(got["months"].size(), 2u);
    EXPECT_EQ(got["months"][0]["month"], last);
    EXPECT_EQ(got["totals"]["jobs_collected"], 200);
    EXPECT_EQ(got["totals"]["placed"], 40);
    EXPECT_EQ(got["totals"]["rights_cases"], 2);
  }
  EXPECT_EQ(env.Get(env.LogIn("auditor"), path).status, 200);
  r = env.Get(pref, "/api/network/stations/" + std::to_string(branch) + "/work");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["station"]["owner_name"].get<std::string>().find("贵阳"), 0u);

  // A correction keeps the old values in the history.
  json fix = body;
  fix.update({{"rights_cases", 3}, {"replace", true}});
  r = env.Post(county, path, fix.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ApiNetworkStationsCount(env, "SELECT COUNT(*) FROM changes WHERE entity = 'station_work'"), 3);
  r = env.Get(county, path);
  EXPECT_EQ(json::parse(r.body)["totals"]["rights_cases"], 3);
}

}  // namespace
}  // namespace qjy::server::testing
