// Full-employment communities over HTTP (issue #15, 附件4（十五）): a county
// officer files a community's application; the county may not assess a
// 省级 application (the province does), bad input is a 400 naming the
// field with nothing stored; the province's assessment meeting every
// criterion recognises the community 省级, shown with each criterion's
// result; writes audited.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "server/test_env.h"

namespace qjy::server::testing {
namespace {

using nlohmann::json;

int64_t ApiNetworkCommunitiesCount(TestEnv& env, const std::string& sql) {
  auto r = env.setup_db->Query(sql);
  return r && !r->empty() ? r->front().Int(0) : -1;
}

TEST(NetworkCommunitiesApiTest, ApplyThenTheProvinceAssessesAndRecognises) {
  TestEnv env;
  Login county = env.LogIn("county");
  Reply r = env.Post(county, "/api/network/sites",
                     json{{"kind", "full_employment_community"}, {"tier", "township"}, {"region", env.town_code},
                          {"name", "测试充分就业社区"}, {"opened_on", "2020-01-01"}}
                         .dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const int64_t site = json::parse(r.body)["site_id"].get<int64_t>();
  const std::string apply = "/api/network/sites/" + std::to_string(site) + "/applications";
  const json body = {{"level", "省级"},          {"applied_on", "2023-09-01"}, {"able_willing", 200},
                     {"employed", 190},           {"hard_to_employ", 10},       {"hard_to_employ_employed", 9},
                     {"zero_employment_families", 0}, {"service_desk", true},   {"service_staff", 2}};

  r = env.Get(county, "/api/network/communities");
  ASSERT_EQ(r.status, 200) << r.body;
  json list = json::parse(r.body);
  EXPECT_EQ(list["scheme"]["clause"], "附件4（十五）");
  EXPECT_TRUE(list["scheme"]["assumed"].get<bool>());
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["recognition_label"], "未评估（认定未知）");

  json bad = body;
  bad["employed"] = 201;
  r = env.Post(county, apply, bad.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("已就业人数：201 多于"), std::string::npos) << r.body;
  bad = body;
  bad.erase("service_staff");
  r = env.Post(county, apply, bad.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("就业服务人员数：不能为空"), std::string::npos) << r.body;
  bad = body;
  bad["level"] = "国家级";
  r = env.Post(county, apply, bad.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("申报级别"), std::string::npos) << r.body;
  EXPECT_EQ(env.Post(env.LogIn("other"), apply, body.dump()).status, 403);
  EXPECT_EQ(ApiNetworkCommunitiesCount(env, "SELECT COUNT(*) FROM network_community_applications"), 0);

  r = env.Post(county, apply, body.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const int64_t app = json::parse(r.body)["application_id"].get<int64_t>();
  const std::string assess = "/api/network/community-applications/" + std::to_string(app) + "/assess";
  const json verdict = {{"assessed_on", "2023-11-20"}, {"assessor", "省人力资源社会保障厅"}, {"basis", "黔人社通〔2023〕99号"}};

  // The county and the prefecture do not recognise 省级 communities.
  EXPECT_EQ(env.Post(county, assess, verdict.dump()).status, 403);
  EXPECT_EQ(env.Post(env.LogIn("pref"), assess, verdict.dump()).status, 403);
  Login prov = env.LogIn("prov");
  json early = verdict;
  early["assessed_on"] = "2023-08-01";
  r = env.Post(prov, assess, early.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("评估日期：2023-08-01 早于申报日期"), std::string::npos) << r.body;

  r = env.Post(prov, assess, verdict.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  json done = json::parse(r.body);
  EXPECT_TRUE(done["passed"].get<bool>());
  ASSERT_EQ(done["results"].size(), 5u);
  EXPECT_EQ(done["results"][0]["seen"], "95.00%（190/200）");
  EXPECT_EQ(ApiNetworkCommunitiesCount(env, "SELECT COUNT(*) FROM audit_log WHERE action = 'network.community.assess' AND result = 'ok'"), 1);
  EXPECT_EQ(ApiNetworkCommunitiesCount(env, "SELECT COUNT(*) FROM audit_log WHERE action = 'network.community.assess' AND result = 'denied'"), 2);
  EXPECT_EQ(ApiNetworkCommunitiesCount(env, "SELECT COUNT(*) FROM audit_log WHERE action = 'network.community.apply' AND result = 'ok'"), 1);

  r = env.Get(county, "/api/network/communities");
  list = json::parse(r.body);
  EXPECT_EQ(list["items"][0]["recognition_label"], "省级");
  EXPECT_EQ(list["items"][0]["recognised_on"], "2023-11-20");
  EXPECT_EQ(list["items"][0]["applications"][0]["assessor"], "省人力资源社会保障厅");
}

}  // namespace
}  // namespace qjy::server::testing
