// The service network's quality over HTTP (issue #15): a county officer
// rates an HR agency (附件4（二）) and the coverage counts it only once
// rated 优质, an unrated agency shown as unknown; enters an institution's
// annual evaluation (正文（十三）) and sees the county's missing count fall;
// bad input is a 400 naming the field with nothing stored; an officer of
// another county is refused (403, audited).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "server/test_env.h"

namespace qjy::server::testing {
namespace {

using nlohmann::json;

const json& ApiNetworkQualityDuty(const json& report, const std::string& id) {
  for (const auto& d : report["duties"]) {
    if (d["id"] == id) return d;
  }
  ADD_FAILURE() << "no duty " << id;
  return report;
}

int64_t Count(TestEnv& env, const char* sql) {
  auto r = env.setup_db->Query(sql);
  return r && !r->empty() ? r->front().Int(0) : -1;
}

TEST(NetworkQualityApiTest, AnAgencyCountsOnceRatedQualityAndUnratedIsUnknown) {
  TestEnv env;
  Login county = env.LogIn("county");
  Reply r = env.Post(county, "/api/network/sites",
                     json{{"kind", "hr_agency"}, {"tier", "county"}, {"region", "520102"}, {"name", "测试人力资源公司"},
                          {"opened_on", "2023-01-01"}}
                         .dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const int64_t agency = json::parse(r.body)["site_id"].get<int64_t>();
  const std::string rate = "/api/network/sites/" + std::to_string(agency) + "/ratings";

  r = env.Get(county, "/api/network/coverage?region=520102");
  ASSERT_EQ(r.status, 200) << r.body;
  json hr = ApiNetworkQualityDuty(json::parse(r.body), "hr_agency_county");
  EXPECT_EQ(hr["covered"], 0);
  EXPECT_EQ(hr["unrated"], 1);
  ASSERT_EQ(hr["gaps"].size(), 1u);
  EXPECT_NE(hr["gaps"][0]["detail"].get<std::string>().find("未评级 1 个（评级未知）"), std::string::npos) << hr;
  r = env.Get(county, "/api/network/agency-ratings");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["items"][0]["current_label"], "未评级");

  // Bad input names the field; nothing stored.
  r = env.Post(county, rate, json{{"grade", "五星"}, {"rated_on", "2023-10-01"}, {"rated_by", "市人社局"}}.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("评级：「五星」"), std::string::npos) << r.body;
  r = env.Post(county, rate, json{{"grade", "优质"}, {"rated_on", "2023-10-32"}, {"rated_by", "市人社局"}}.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("评级日期"), std::string::npos) << r.body;
  r = env.Post(county, rate, json{{"grade", "优质"}, {"rated_on", "2023-10-01"}}.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("评定单位"), std::string::npos) << r.body;
  // Another county's officer is refused.
  Login other = env.LogIn("other");
  r = env.Post(other, rate, json{{"grade", "优质"}, {"rated_on", "2023-10-01"}, {"rated_by", "市人社局"}}.dump());
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(Count(env, "SELECT COUNT(*) FROM network_agency_ratings"), 0);
  EXPECT_EQ(Count(env, "SELECT COUNT(*) FROM audit_log WHERE action = 'network.agency.rate' AND result = 'denied'"), 1);

  r = env.Post(county, rate, json{{"grade", "优质"}, {"rated_on", "2023-10-01"}, {"rated_by", "贵阳市人社局"}}.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json::parse(r.body)["grade_label"], "优质");
  EXPECT_EQ(Count(env, "SELECT COUNT(*) FROM changes WHERE entity = 'agency_rating'"), 1);
  r = env.Get(county, "/api/network/coverage?region=520102");
  hr = ApiNetworkQualityDuty(json::parse(r.body), "hr_agency_county");
  EXPECT_EQ(hr["covered"], 1);
  EXPECT_EQ(hr["covered_by_deadline"], 1);  // rated before 2023-12-31
  EXPECT_EQ(hr["unrated"], 0);
}

// 附件4（二）: an agency rated 优质 whose 人力资源服务许可证 has lapsed is
// not counted, the gap says why; a renewed licence counts it again.
TEST(NetworkQualityApiTest, ALapsedLicenceStopsAnAgencyCountingAsQuality) {
  TestEnv env;
  Login county = env.LogIn("county");
  const Date today = Date::InChina(env.clock.Now());
  Reply r = env.Post(county, "/api/network/sites",
                     json{{"kind", "hr_agency"}, {"tier", "county"}, {"region", "520102"}, {"name", "测试人力资源公司"},
                          {"opened_on", "2023-01-01"}}
                         .dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const int64_t agency = json::parse(r.body)["site_id"].get<int64_t>();
  const std::string base = "/api/network/sites/" + std::to_string(agency);
  r = env.Post(county, base + "/ratings", json{{"grade", "优质"}, {"rated_on", "2023-10-01"}, {"rated_by", "贵阳市人社局"}}.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const json lapsed = {{"licence_no", "（黔）人服证字〔2023〕第0001号"},
                       {"issuer", "贵阳市人力资源和社会保障局"},
                       {"valid_from", "2023-01-01"},
                       {"valid_to", today.AddDays(-1).ToString()},
                       {"scope", {"job_fair", "开展网络招聘"}}};

  // Bad input names the field; nothing stored; another county refused.
  json bad = lapsed;
  bad["scope"] = {"劳务派遣"};
  r = env.Post(county, base + "/licences", bad.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("经营范围：「劳务派遣」"), std::string::npos) << r.body;
  bad = lapsed;
  bad["valid_to"] = "2022-12-31";
  r = env.Post(county, base + "/licences", bad.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("有效期止"), std::string::npos) << r.body;
  bad = lapsed;
  bad.erase("issuer");
  r = env.Post(county, base + "/licences", bad.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("发证机关"), std::string::npos) << r.body;
  EXPECT_EQ(env.Post(env.LogIn("other"), base + "/licences", lapsed.dump()).status, 403);
  EXPECT_EQ(Count(env, "SELECT COUNT(*) FROM network_agency_licences"), 0);
  EXPECT_EQ(Count(env, "SELECT COUNT(*) FROM audit_log WHERE action = 'network.agency.licence' AND result = 'denied'"), 1);

  r = env.Post(county, base + "/licences", lapsed.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Count(env, "SELECT COUNT(*) FROM audit_log WHERE action = 'network.agency.licence' AND result = 'ok'"), 1);
  r = env.Get(county, "/api/network/coverage?region=520102");
  ASSERT_EQ(r.status, 200) << r.body;
  json hr = ApiNetworkQualityDuty(json::parse(r.body), "hr_agency_county");
  EXPECT_EQ(hr["covered"], 0);
  EXPECT_EQ(hr["covered_by_deadline"], 1);  // licensed and 优质 on 2023-12-31
  EXPECT_EQ(hr["unlicensed"], 1);
  ASSERT_EQ(hr["gaps"].size(), 1u);
  EXPECT_NE(hr["gaps"][0]["detail"].get<std::string>().find("人力资源服务许可证已过有效期 1 个（不计入）"), std::string::npos)
      << hr;
  r = env.Get(county, "/api/network/agency-ratings");
  ASSERT_EQ(r.status, 200) << r.body;
  json list = json::parse(r.body);
  EXPECT_EQ(list["items"][0]["licence_state"], "已过有效期");
  EXPECT_EQ(list["items"][0]["counted"], false);
  EXPECT_EQ(list["items"][0]["licences"][0]["scope_labels"], (json{"组织开展现场招聘会", "开展网络招聘"}));
  EXPECT_EQ(list["summary"]["lapsed"], 1);
  EXPECT_EQ(list["scope_scheme"]["clause"], "第十八条");

  json renewed = lapsed;
  renewed["licence_no"] = "（黔）人服证字〔2025〕第0002号";
  renewed["valid_from"] = today.ToString();
  renewed.erase("valid_to");  // 长期有效
  ASSERT_EQ(env.Post(county, base + "/licences", renewed.dump()).status, 201);
  r = env.Get(county, "/api/network/coverage?region=520102");
  hr = ApiNetworkQualityDuty(json::parse(r.body), "hr_agency_county");
  EXPECT_EQ(hr["covered"], 1);
  EXPECT_EQ(hr["unlicensed"], 0);
  r = env.Get(county, "/api/network/agency-ratings");
  EXPECT_EQ(json::parse(r.body)["items"][0]["licence_state"], "有效");
}

TEST(NetworkQualityApiTest, AnEvaluationIsEnteredAndTheCountyCountsIt) {
  TestEnv env;
  Login county = env.LogIn("county");
  Reply r = env.Post(county, "/api/network/sites",
                     json{{"kind", "employment_office"}, {"tier", "township"}, {"region", env.town_code},
                          {"name", "测试街道就业服务站"}, {"opened_on", "2023-03-01"}}
                         .dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const int64_t office = json::parse(r.body)["site_id"].get<int64_t>();
  const std::string path = "/api/network/sites/" + std::to_string(office) + "/evaluations";
  const int year = Date::InChina(env.clock.Now()).year() - 1;

  r = env.Get(county, "/api/network/evaluations?year=" + std::to_string(year));
  ASSERT_EQ(r.status, 200) << r.body;
  json list = json::parse(r.body);
  EXPECT_EQ(list["due"], 1);
  EXPECT_EQ(list["missing"], 1);
  EXPECT_EQ(list["scheme"]["clause"], "正文（十三）");
  ASSERT_EQ(list["places"].size(), 1u);
  EXPECT_EQ(list["places"][0]["code"], env.town_code);
  EXPECT_EQ(env.Get(county, "/api/network/evaluations?year=1999").status, 400);

  json scores = {{"equal", 12}, {"smart", 11}, {"precise", 12}, {"diverse", 12}, {"standard", 12}};  // 59
  json body = {{"year", year}, {"scores", scores}, {"evaluated_on", std::to_string(year + 1) + "-01-15"},
               {"evaluator", "南明区人社局"}};
  json over = body;
  over["scores"]["smart"] = 21;
  r = env.Post(county, path, over.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("评分「智慧化」"), std::string::npos) << r.body;
  json text = body;
  text["scores"]["smart"] = "十";
  r = env.Post(county, path, text.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("评分"), std::string::npos) << r.body;
  EXPECT_EQ(env.Post(env.LogIn("other"), path, body.dump()).status, 403);
  EXPECT_EQ(Count(env, "SELECT COUNT(*) FROM network_evaluations"), 0);

  r = env.Post(county, path, body.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json::parse(r.body)["total"], 59);
  EXPECT_EQ(json::parse(r.body)["result_label"], "不合格");
  body["scores"]["smart"] = 20;  // corrected: 68
  r = env.Post(county, path, body.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json::parse(r.body)["result_label"], "合格");
  EXPECT_EQ(Count(env, "SELECT COUNT(*) FROM network_evaluations"), 1);
  EXPECT_EQ(Count(env, "SELECT COUNT(*) FROM changes WHERE entity = 'evaluation'"), 2);
  EXPECT_EQ(Count(env, "SELECT COUNT(*) FROM audit_log WHERE action = 'network.evaluation.record' AND result = 'ok'"), 2);

  r = env.Get(county, "/api/network/evaluations?year=" + std::to_string(year));
  list = json::parse(r.body);
  EXPECT_EQ(list["evaluated"], 1);
  EXPECT_EQ(list["missing"], 0);
  EXPECT_EQ(list["items"][0]["evaluation"]["total"], 68);
}

}  // namespace
}  // namespace qjy::server::testing
