// The month-end indicators of GET /api/monitor/indicators ("monthly") and
// POST /api/monitor/surveyed-rate over facts planted in the test database:
// the registered unemployment rate from an open registration and the
// spells in force, the surveyed rate entered (and corrected) beside it,
// monitoring objects employed against the same month a year earlier.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/test_env.h"
#include "services/services_store.h"
#include "store/registry_store.h"

namespace qjy::server::testing {
namespace {

using nlohmann::json;

const json& Monthly(const json& body, const std::string& id) {
  for (const auto& i : body["monthly"]) {
    if (i["id"] == id) return i;
  }
  static const json none;
  ADD_FAILURE() << "no monthly indicator " << id << " in " << body.dump();
  return none;
}

void PlantFacts(TestEnv& env) {
  // An open registration in Nanming since January 2025 (person 1001).
  services::ServicesStore services(*env.setup_db);
  ASSERT_TRUE(services.Migrate());
  services::Registration r;
  r.person_id = 1001;
  r.county_code = "520102";
  r.registered_on = r.found_on = *Date::Parse("2025-01-02");
  r.region_code = "520102";
  r.channel = "counter";
  r.officer = "t";
  ASSERT_TRUE(services.AddRegistration(r));

  store::RegistryStore registry(*env.setup_db, *env.vault);
  // Both test persons are monitoring objects since 2024.
  for (const std::string& id : {env.in_id, env.out_id}) {
    auto p = registry.FindPersonByIdNumber(id);
    ASSERT_TRUE(p && *p);
    registry::Person person = **p;
    person.groups.push_back({registry::Group::kMonitoringObject, *Date::Parse("2024-01-01"), std::nullopt});
    ASSERT_TRUE(registry.UpsertPerson(person, "test"));
  }
  auto contract = [&](int64_t person, const std::string& credit, const char* from, const char* to,
                      const char* where) {
    registry::Contract k;
    k.person_id = person;
    k.employer_credit_code = credit;
    k.start_on = *Date::Parse(from);
    if (*to) k.end_on = *Date::Parse(to);
    k.work_region = where;
    auto ok = registry.UpsertContract(k, "test");
    ASSERT_TRUE(ok) << ok.error().message;
  };
  // The Nanming person: employed in Nanming in 2024 and again from February 2025.
  contract(env.in_person, env.in_credit, "2024-03-01", "2024-12-31", "520102");
  contract(env.in_person, env.in_credit, "2025-02-01", "", "");
  // The Zunyi person: outbound work in Shenzhen during 2024 only.
  contract(env.out_person, env.out_credit, "2024-01-01", "2024-12-31", "440300");
}

TEST(MonitorRatesApiTest, RegisteredRateBesideTheSurveyedOneAndMonitoringObjects) {
  TestEnv env;
  PlantFacts(env);
  Login prov = env.LogIn("prov");

  // The province officer enters June's surveyed rate, then corrects it.
  Reply r = env.Post(prov, "/api/monitor/surveyed-rate",
                     json{{"region", "52"}, {"month", "2025-06"}, {"rate_bp", 540},
                          {"source", "国家统计局贵州调查总队 2025 年 7 月发布"}}.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json::parse(r.body)["rate_bp"], 540);
  r = env.Post(prov, "/api/monitor/surveyed-rate",
               json{{"region", "52"}, {"month", "2025-06"}, {"rate_bp", 520},
                    {"source", "国家统计局贵州调查总队修订"}, {"note", "更正"}}.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  // Guiyang's prefecture officer enters Guiyang's, not the province's nor Zunyi's.
  Login pref = env.LogIn("pref");
  r = env.Post(pref, "/api/monitor/surveyed-rate",
               json{{"region", "5201"}, {"month", "2025-06"}, {"rate_bp", 610}, {"source", "贵阳调查队"}}.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  for (const char* region : {"52", "5203"}) {
    EXPECT_EQ(env.Post(pref, "/api/monitor/surveyed-rate",
                       json{{"region", region}, {"month", "2025-06"}, {"rate_bp", 500}, {"source", "x"}}.dump())
                  .status,
              403)
        << region;
  }
  // Counties do not enter it; bad input is 400 and writes nothing.
  EXPECT_EQ(env.Post(env.LogIn("county"), "/api/monitor/surveyed-rate",
                     json{{"region", "5201"}, {"month", "2025-06"}, {"rate_bp", 500}, {"source", "x"}}.dump())
                .status,
            403);
  const json bad[] = {
      {{"region", "52"}, {"month", "2099-01"}, {"rate_bp", 500}, {"source", "x"}},      // future
      {{"region", "52"}, {"month", "2025-6"}, {"rate_bp", 500}, {"source", "x"}},       // format
      {{"region", "52"}, {"month", "2025-06"}, {"rate_bp", 500}},                       // no source
      {{"region", "52"}, {"month", "2025-06"}, {"rate_bp", 10001}, {"source", "x"}},    // > 100 %
      {{"region", "52"}, {"month", "2025-06"}, {"rate_bp", "5.3"}, {"source", "x"}},    // not an integer
      {{"region", "520102"}, {"month", "2025-06"}, {"rate_bp", 500}, {"source", "x"}},  // a county
  };
  for (const auto& b : bad) EXPECT_EQ(env.Post(prov, "/api/monitor/surveyed-rate", b.dump()).status, 400) << b;
  auto count = [&](const char* sql) {
    auto rows = env.setup_db->Query(sql);
    return rows && !rows->empty() ? rows->front().Int(0) : -1;
  };
  EXPECT_EQ(count("SELECT COUNT(*) FROM monitor_surveyed_rates"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'monitor.surveyed_rate' AND result = 'ok'"), 3);
  EXPECT_GE(count("SELECT COUNT(*) FROM audit_log WHERE action = 'monitor.surveyed_rate' AND result = 'denied'"), 3);

  r = env.Get(prov, "/api/monitor/indicators?year=2025&month=6");
  ASSERT_EQ(r.status, 200) << r.body;
  json body = json::parse(r.body);
  const json& rate = Monthly(body, "registered_unemployment_rate");
  // June 2025: 1 registered unemployed; employed in Guizhou: the Nanming
  // person (the Shenzhen spell is outside Guizhou and over) → 1 ÷ 2.
  EXPECT_EQ(rate["numerator"], 1);
  EXPECT_EQ(rate["denominator"], 2);
  EXPECT_EQ(rate["value"], 5000);
  EXPECT_EQ(rate["status"], "red");
  EXPECT_EQ(rate["status_label"], "明显高于目标");
  EXPECT_EQ(rate["target_bp"], 550);
  EXPECT_EQ(rate["last_year_value"], 0);  // June 2024: nobody registered, one employed
  EXPECT_EQ(rate["this_year"][0], 10000);  // January: registered, nobody employed yet
  EXPECT_TRUE(rate["this_year"][6].is_null());
  EXPECT_EQ(rate["children"].size(), 9u);
  // The surveyed rate beside it: the correction is in force, history kept.
  const json& s = rate["surveyed"];
  EXPECT_EQ(s["value"], 520);
  EXPECT_EQ(s["status"], "green");
  EXPECT_EQ(s["entry"]["note"], "更正");
  EXPECT_EQ(s["history"].size(), 2u);
  EXPECT_EQ(s["history"][1]["rate_bp"], 540);
  EXPECT_EQ(s["this_year"][5], 520);
  EXPECT_EQ(s["may_enter"].size(), 10u);  // the province and its 9 prefectures

  // Monitoring objects employed: June 2025 one (Nanming), June 2024 two
  // (Nanming, and the Zunyi person working in Shenzhen): 50 % → red.
  const json& mo = Monthly(body, "monitoring_objects_employed");
  EXPECT_EQ(mo["value"], 1);
  EXPECT_EQ(mo["last_year_value"], 2);
  EXPECT_EQ(mo["status"], "red");
  EXPECT_NE(mo["reason"].get<std::string>().find("50.0%"), std::string::npos) << mo["reason"];

  // The county officer: the county's registered rate, Guiyang's surveyed one.
  json c = json::parse(env.Get(env.LogIn("county"), "/api/monitor/indicators?year=2025&month=6").body);
  const json& cr = Monthly(c, "registered_unemployment_rate");
  EXPECT_EQ(cr["value"], 5000);
  EXPECT_EQ(cr["surveyed"]["region"], "5201");
  EXPECT_EQ(cr["surveyed"]["value"], 610);
  EXPECT_EQ(cr["surveyed"]["status"], "red");
  EXPECT_FALSE(cr["surveyed"]["note"].get<std::string>().empty());
  EXPECT_TRUE(cr["surveyed"]["may_enter"].empty());
  // Zunyi's county officer: no registration there, the Shenzhen worker's
  // monitoring-object count of 2024 only.
  json o = json::parse(env.Get(env.LogIn("other"), "/api/monitor/indicators?year=2025&month=6").body);
  EXPECT_TRUE(Monthly(o, "registered_unemployment_rate")["value"].is_null());
  EXPECT_EQ(Monthly(o, "monitoring_objects_employed")["last_year_value"], 1);
  EXPECT_TRUE(Monthly(o, "registered_unemployment_rate")["surveyed"]["value"].is_null());
}

}  // namespace
}  // namespace qjy::server::testing
