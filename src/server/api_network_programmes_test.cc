// Labour brands and work-relief projects over HTTP (#15): a county officer
// registers a labour brand with its leading enterprise, a 贵州技工 brand
// and two 以工代赈 projects, and the coverage report counts them; bad input
// is a 400 naming the field with nothing stored; an officer of another
// county is refused and audited as denied.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/test_env.h"

namespace qjy::server::testing {
namespace {

using nlohmann::json;

const json* Duty(const json& report, const std::string& id) {
  for (const auto& d : report["duties"]) {
    if (d["id"] == id) return &d;
  }
  return nullptr;
}

int64_t ApiNetworkProgrammesCount(TestEnv& env, const std::string& sql) {
  auto rows = env.setup_db->Query(sql);
  return rows && !rows->empty() ? rows->front().Int(0) : -1;
}

TEST(NetworkProgrammesApiTest, ACountyOfficerRecordsBrandsAndReliefProjectsAndCoverageCountsThem) {
  TestEnv env;
  Login county = env.LogIn("county");
  Reply r = env.Post(county, "/api/network/brands",
                     json{{"county", "520102"}, {"kind", "劳务品牌"}, {"name", "南明家政"}, {"established_on", "2024-03-01"}}
                         .dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const int64_t brand = json::parse(r.body)["brand_id"].get<int64_t>();
  r = env.Post(county, "/api/network/brands/" + std::to_string(brand) + "/enterprises",
               json{{"credit_code", env.in_credit}, {"recognised_on", "2024-04-01"}}.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  r = env.Post(county, "/api/network/brands", json{{"county", "520102"}, {"kind", "skill_brand"}, {"name", "南明焊工"}}.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  r = env.Put(county, "/api/network/brands/" + std::to_string(brand), json{{"industry", "家政服务"}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  r = env.Post(county, "/api/network/relief-projects",
               json{{"region", env.town_code}, {"name", "产业路硬化"}, {"year", 2024}, {"central_funds_fen", 1000000},
                    {"labour_paid_fen", 250000}, {"posts", 40}, {"local_employed", 30}, {"relocated_employed", 12},
                    {"relocation_site", true}}
                   .dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const int64_t project = json::parse(r.body)["project_id"].get<int64_t>();

  r = env.Get(county, "/api/network/brands");
  ASSERT_EQ(r.status, 200) << r.body;
  json list = json::parse(r.body);
  ASSERT_EQ(list["total"], 2);
  EXPECT_EQ(list["items"][0]["industry"], "家政服务");
  ASSERT_EQ(list["items"][0]["leading"].size(), 1u);
  EXPECT_EQ(list["items"][0]["leading"][0]["name"], "南明测试公司");
  r = env.Get(county, "/api/network/relief-projects");
  ASSERT_EQ(r.status, 200) << r.body;
  list = json::parse(r.body);
  ASSERT_EQ(list["total"], 1);
  EXPECT_DOUBLE_EQ(list["items"][0]["labour_share_pct"].get<double>(), 25.0);
  EXPECT_DOUBLE_EQ(list["items"][0]["relocated_share_pct"].get<double>(), 30.0);

  r = env.Get(county, "/api/network/coverage?region=520102&as_of=2025-06-30");
  ASSERT_EQ(r.status, 200) << r.body;
  json report = json::parse(r.body);
  ASSERT_NE(Duty(report, "labour_brand_county"), nullptr);
  EXPECT_EQ((*Duty(report, "labour_brand_county"))["covered"], 1);
  EXPECT_EQ((*Duty(report, "brand_leading_enterprise_county"))["covered"], 1);
  EXPECT_EQ((*Duty(report, "skill_brand_county"))["covered"], 0);  // 1 of the 3 needed
  EXPECT_EQ((*Duty(report, "relief_labour_share"))["status"], "missing");  // 25 % < 30 %
  EXPECT_EQ((*Duty(report, "relief_relocated_share"))["status"], "met");
  EXPECT_NE((*Duty(report, "relief_relocated_share"))["assumed"], "");

  // Paying 30 % now meets the duty.
  r = env.Put(county, "/api/network/relief-projects/" + std::to_string(project),
              json{{"labour_paid_fen", 300000}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  report = json::parse(env.Get(county, "/api/network/coverage?region=520102&as_of=2025-06-30").body);
  EXPECT_EQ((*Duty(report, "relief_labour_share"))["status"], "met");
  EXPECT_EQ(ApiNetworkProgrammesCount(env, "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'network.%' AND result = 'ok' AND"
                       " (action LIKE 'network.brand%' OR action LIKE 'network.relief%')"),
            6);  // three brand writes, the leading enterprise, two project writes
}

TEST(NetworkProgrammesApiTest, BadInputIsA400NamingTheFieldAndOtherCountiesAreRefused) {
  TestEnv env;
  Login county = env.LogIn("county");
  Reply r = env.Post(county, "/api/network/relief-projects",
                     json{{"region", "520102"}, {"name", "村道"}, {"year", 2024}, {"central_funds_fen", 100},
                          {"labour_paid_fen", 30}, {"local_employed", 3}, {"relocated_employed", 5}}
                         .dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("其中易地搬迁群众人数"), std::string::npos) << r.body;
  r = env.Post(county, "/api/network/brands", json{{"county", "520102"}, {"kind", "明星品牌"}, {"name", "甲"}}.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("品牌类型"), std::string::npos) << r.body;
  r = env.Post(county, "/api/network/brands", json{{"county", "520102"}, {"kind", "skill_brand"}, {"name", "乙"}}.dump());
  ASSERT_EQ(r.status, 201);
  const std::string skill = std::to_string(json::parse(r.body)["brand_id"].get<int64_t>());
  r = env.Post(county, "/api/network/brands/" + skill + "/enterprises", json{{"credit_code", env.in_credit}}.dump());
  EXPECT_EQ(r.status, 400);  // leading enterprises belong to labour brands
  EXPECT_NE(r.body.find("品牌"), std::string::npos) << r.body;
  EXPECT_EQ(ApiNetworkProgrammesCount(env, "SELECT COUNT(*) FROM network_relief_projects"), 0);
  EXPECT_EQ(ApiNetworkProgrammesCount(env, "SELECT COUNT(*) FROM network_brand_enterprises"), 0);

  Login other = env.LogIn("other");
  r = env.Put(other, "/api/network/brands/" + skill, json{{"name", "改名"}}.dump());
  EXPECT_EQ(r.status, 403);
  r = env.Post(other, "/api/network/brands", json{{"county", "520102"}, {"kind", "skill_brand"}, {"name", "丙"}}.dump());
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(env.Get(other, "/api/network/brands?region=520102").status, 403);
  EXPECT_EQ(ApiNetworkProgrammesCount(env, "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'network.brand%' AND result = 'denied'"), 2);
  EXPECT_EQ(ApiNetworkProgrammesCount(env, "SELECT COUNT(*) FROM network_brands"), 1);
}

// Key enterprises (main(十六), A4(六)): the county lists its employer with
// a 人社服务专员 and records contacts; an officer of another county as the
// 专员, a contact before listing: 400 naming the field; other counties 403.
TEST(NetworkProgrammesApiTest, KeyEnterprisesWithTheirServiceOfficerAndContacts) {
  TestEnv env;
  Login county = env.LogIn("county");
  Reply r = env.Post(county, "/api/network/key-enterprises",
                     json{{"credit_code", env.in_credit}, {"kind", "large_industrial"}, {"officer", "other"}}.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("人社服务专员"), std::string::npos) << r.body;
  r = env.Post(county, "/api/network/key-enterprises",
               json{{"credit_code", env.in_credit}, {"kind", "规上工业企业"}, {"officer", "town"}, {"listed_on", "2024-01-10"}}
                   .dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string path = "/api/network/key-enterprises/" + std::to_string(json::parse(r.body)["enterprise_id"].get<int64_t>());
  r = env.Post(county, path + "/contacts", json{{"contacted_on", "2023-12-01"}, {"way", "电话"}}.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("联系日期"), std::string::npos) << r.body;
  r = env.Post(county, path + "/contacts",
               json{{"contacted_on", "2024-03-01"}, {"way", "上门走访"}, {"jobs_collected", 35}, {"officer", "town"}}.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  r = env.Get(county, "/api/network/key-enterprises");
  ASSERT_EQ(r.status, 200) << r.body;
  const json list = json::parse(r.body);
  ASSERT_EQ(list["total"], 1);
  EXPECT_EQ(list["items"][0]["name"], "南明测试公司");
  EXPECT_EQ(list["items"][0]["kind_label"], "规上工业企业");
  EXPECT_EQ(list["items"][0]["officer"], "town");
  EXPECT_EQ(list["items"][0]["last_contact"], "2024-03-01");
  EXPECT_EQ(list["items"][0]["recent_contacts"][0]["jobs_collected"], 35);

  Login other = env.LogIn("other");
  EXPECT_EQ(env.Put(other, path, json{{"officer", "other"}}.dump()).status, 403);
  EXPECT_EQ(env.Post(other, path + "/contacts", json{{"contacted_on", "2024-04-01"}, {"way", "电话"}}.dump()).status, 403);
  EXPECT_EQ(ApiNetworkProgrammesCount(env, "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'network.key.%' AND result = 'denied'"), 2);
  EXPECT_EQ(ApiNetworkProgrammesCount(env, "SELECT COUNT(*) FROM network_key_contacts"), 1);
}

}  // namespace
}  // namespace qjy::server::testing
