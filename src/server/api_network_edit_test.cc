// Editing the service network over HTTP: a county officer edits a site
// (history keeps the old values), a closing date before the opening date is
// a 400 naming the field with nothing changed, an officer of another county
// is refused; a community's recognition and a 就业帮扶车间 recorded here are
// what the policy rules R17 and R19 read.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/sweep_test_util.h"
#include "server/test_env.h"

namespace qjy::server::testing {
namespace {

using nlohmann::json;

const json* DecisionOf(const json& decisions, const std::string& rule) {
  for (const auto& d : decisions) {
    if (d["rule"] == rule) return &d;
  }
  return nullptr;
}

TEST(NetworkEditApiTest, ACountyOfficerEditsASiteAndHistoryKeepsTheOldValues) {
  TestEnv env;
  Login county = env.LogIn("county");
  Reply r = env.Post(county, "/api/network/sites",
                     json{{"kind", "employment_office"}, {"tier", "township"}, {"region", env.town_code},
                          {"name", "测试街道就业服务站"}, {"staff", 2}, {"opened_on", "2024-03-01"}}
                         .dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string path = "/api/network/sites/" + std::to_string(json::parse(r.body)["site_id"].get<int64_t>());

  r = env.Put(county, path, json{{"name", "测试街道就业服务站（新址）"}, {"staff", 5}, {"address", "新华路8号"}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["name"], "测试街道就业服务站（新址）");
  auto rows = env.setup_db->Query("SELECT diff_json FROM changes WHERE entity = 'site' AND op = 'update'");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  const json diff = json::parse(rows->front().Text(0));
  EXPECT_EQ(diff["staff"][0], 2);
  EXPECT_EQ(diff["staff"][1], 5);
  EXPECT_EQ(diff["name"][0], "测试街道就业服务站");
  EXPECT_FALSE(diff.contains("opened_on"));

  // A closing date before the opening date: 400 naming the field, nothing changed.
  r = env.Put(county, path, json{{"closed_on", "2024-02-01"}}.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("关闭日期"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("早于开办日期"), std::string::npos) << r.body;
  r = env.Put(county, path, json{{"opened_on", "2024-02-30"}}.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("开办日期"), std::string::npos) << r.body;
  r = env.Put(county, path, json{{"region", "520103"}}.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("所在区划"), std::string::npos) << r.body;
  r = env.Put(county, path, json{{"recognition_level", "province"}, {"recognised_on", "2024-01-01"}}.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("认定级别"), std::string::npos) << r.body;  // only communities are recognised

  // An officer of another county is refused and audited as denied.
  Login other = env.LogIn("other");
  r = env.Put(other, path, json{{"staff", 9}}.dump());
  EXPECT_EQ(r.status, 403);
  rows = env.setup_db->Query("SELECT COUNT(*) FROM changes WHERE entity = 'site' AND op = 'update'");
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->front().Int(0), 1);
  r = env.Get(county, "/api/network/sites");
  ASSERT_EQ(r.status, 200);
  const json items = json::parse(r.body)["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["staff"], 5);
  EXPECT_EQ(items[0]["address"], "新华路8号");
  EXPECT_EQ(items[0]["closed_on"], "");

  // A valid closing date through the edit.
  r = env.Put(county, path, json{{"closed_on", "2024-06-30"}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["closed_on"], "2024-06-30");
}

TEST(NetworkEditApiTest, TheRulesReadTheCommunityAndWorkshopRegistries) {
  TestEnv env;
  Login county = env.LogIn("county");
  // A community whose recognition is recorded later, by editing it.
  Reply r = env.Post(county, "/api/network/sites",
                     json{{"kind", "full_employment_community"}, {"tier", "township"}, {"region", env.town_code},
                          {"name", "测试社区"}}
                         .dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const int64_t site = json::parse(r.body)["site_id"].get<int64_t>();
  r = env.Put(county, "/api/network/sites/" + std::to_string(site),
              json{{"recognition_level", "省级"}, {"recognised_on", "2024-05-01"}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["recognition_level"], "province");

  // A workshop run by the county's test employer, recognised, with the
  // number of poverty-alleviated workers entered with its source.
  r = env.Post(county, "/api/network/workshops",
               json{{"region", env.town_code}, {"name", "测试帮扶车间"}, {"operator_credit_code", env.in_credit},
                    {"status", "recognised"}, {"recognised_on", "2024-04-01"}, {"poverty_employed", 12},
                    {"poverty_source", "防返贫监测系统台账"}}
                   .dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const int64_t ws = json::parse(r.body)["workshop_id"].get<int64_t>();
  r = env.Post(county, "/api/network/workshops",
               json{{"region", env.town_code}, {"name", "缺来源"}, {"operator_credit_code", env.in_credit},
                    {"poverty_employed", 3}}
                   .dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("人数来源"), std::string::npos) << r.body;

  r = env.Get(county, "/api/policy/eval?employer=" + env.in_credit + "&date=2024-06-01");
  ASSERT_EQ(r.status, 200) << r.body;
  const json eval1 = json::parse(r.body);
  const json* award = DecisionOf(eval1["decisions"], "R19");
  ASSERT_NE(award, nullptr) << r.body;
  EXPECT_TRUE((*award)["eligible"].get<bool>()) << award->dump();
  EXPECT_EQ((*award)["amount_fen"], 5000000);

  // A sweep reads both registries from the store: the community's award
  // and the workshop's are proposed.
  r = SweepAndWait(env, county, R"({"date":"2024-06-01"})");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(json::parse(r.body)["state"], "done") << r.body;
  r = env.Get(county, "/api/policy/entitlements?rule=R17");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("\"S:" + std::to_string(site) + "\""), std::string::npos) << r.body;
  r = env.Get(county, "/api/policy/entitlements?rule=R19");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("\"W:" + std::to_string(ws) + "\""), std::string::npos) << r.body;

  // Revoked before the decision date: the award is refused, naming why.
  Login other = env.LogIn("other");
  r = env.Put(other, "/api/network/workshops/" + std::to_string(ws), json{{"status", "revoked"}}.dump());
  EXPECT_EQ(r.status, 403);
  r = env.Put(county, "/api/network/workshops/" + std::to_string(ws),
              json{{"status", "revoked"}, {"revoked_on", "2024-05-15"}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  r = env.Get(county, "/api/policy/eval?employer=" + env.in_credit + "&date=2024-06-01");
  ASSERT_EQ(r.status, 200) << r.body;
  const json eval2 = json::parse(r.body);
  award = DecisionOf(eval2["decisions"], "R19");
  ASSERT_NE(award, nullptr);
  EXPECT_FALSE((*award)["eligible"].get<bool>());
  EXPECT_NE(award->dump().find("已撤销认定"), std::string::npos) << award->dump();

  r = env.Get(county, "/api/network/workshops");
  ASSERT_EQ(r.status, 200);
  const json list = json::parse(r.body)["items"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["status_label"], "已撤销认定");
  EXPECT_EQ(list[0]["operator_name"], "南明测试公司");
  EXPECT_EQ(env.Get(other, "/api/network/workshops?region=520102").status, 403);
}

}  // namespace
}  // namespace qjy::server::testing
