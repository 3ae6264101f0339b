// GET /api/monitor/indicators over registrations planted in the test
// database: the counts are the planted ones, per region and scope.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/test_env.h"
#include "services/services_store.h"
#include "store/registry_store.h"
#include "store/separation_store.h"

namespace qjy::server::testing {
namespace {

using nlohmann::json;

void Plant(TestEnv& env, int64_t person, const char* county, const char* on, const char* closed,
           bool hard) {
  services::ServicesStore store(*env.setup_db);
  ASSERT_TRUE(store.Migrate());
  services::Registration r;
  r.person_id = person;
  r.county_code = county;
  r.registered_on = r.found_on = *Date::Parse(on);
  r.region_code = county;
  r.channel = "counter";
  r.officer = "t";
  if (hard) r.flags = static_cast<uint32_t>(services::Flag::kHardToEmploy);
  ASSERT_TRUE(store.AddRegistration(r));
  ASSERT_TRUE(store.CloseRegistration(r.registration_id, *Date::Parse(closed), services::CloseReason::kReemployed, ""));
}

const json& Indicator(const json& body, const std::string& id) {
  for (const auto& i : body["indicators"]) {
    if (i["id"] == id) return i;
  }
  static const json none;
  ADD_FAILURE() << "no indicator " << id << " in " << body.dump();
  return none;
}

TEST(MonitorApiTest, CountsTargetsAndScope) {
  TestEnv env;
  // Nanming (520102): 3 re-employed in 2025 (one hard-to-employ), one in
  // 2024; Honghuagang (520302): 1 in 2025, after June.
  Plant(env, 1001, "520102", "2025-01-02", "2025-02-10", false);
  Plant(env, 1002, "520102", "2025-01-05", "2025-03-01", true);
  Plant(env, 1003, "520102", "2025-03-01", "2025-06-30", false);
  Plant(env, 1004, "520102", "2024-03-01", "2024-05-01", false);
  Plant(env, 1005, "520302", "2025-06-01", "2025-08-01", false);

  // Two hires in Nanming in 2025 (place of work unknown: the person's
  // county), one retirement there in March: 2 − 1 new urban jobs.
  {
    store::RegistryStore registry(*env.setup_db, *env.vault);
    auto tx = store::Transaction::Begin(*env.setup_db);
    ASSERT_TRUE(tx);
    for (const char* start : {"2025-02-01", "2025-04-01"}) {
      registry::Contract k;
      k.person_id = env.in_person;
      k.employer_credit_code = env.in_credit;
      k.start_on = *Date::Parse(start);
      auto ok = registry.UpsertContract(k, "test");
      ASSERT_TRUE(ok) << ok.error().message;
    }
    registry::Separation x;
    x.county_code = "520102";
    x.person_id = env.in_person;
    x.employer_credit_code = env.out_credit;
    x.separated_on = *Date::Parse("2025-03-15");
    x.reason = registry::SeparationReason::kRetired;
    ASSERT_TRUE(store::SeparationStore(*env.setup_db).Put(x));
    ASSERT_TRUE(tx->Commit());
  }

  Reply r = env.Get(env.LogIn("prov"), "/api/monitor/indicators?year=2025&month=6");
  ASSERT_EQ(r.status, 200) << r.body;
  json body = json::parse(r.body);
  const json& re = Indicator(body, "reemployed");
  EXPECT_EQ(re["progress"]["actual"], 3);
  EXPECT_EQ(re["progress"]["target"], 130000);
  EXPECT_EQ(re["progress"]["last_year"], 1);
  EXPECT_EQ(re["progress"]["status"], "red");
  EXPECT_EQ(re["this_year"][1], 1);  // February
  EXPECT_EQ(re["clause"], "正文（二）");
  EXPECT_EQ(Indicator(body, "hard_to_employ_employed")["progress"]["actual"], 1);
  const json& jobs = Indicator(body, "new_urban_jobs");
  EXPECT_EQ(jobs["progress"]["actual"], 1);
  EXPECT_EQ(jobs["this_year"][1], 1);   // February: a hire
  EXPECT_EQ(jobs["this_year"][2], -1);  // March: a retirement
  EXPECT_EQ(re["children"].size(), 9u);  // the prefectures
  int64_t child_targets = 0;
  for (const auto& k : re["children"]) child_targets += k["target"].get<int64_t>();
  EXPECT_EQ(child_targets, 130000);  // allocation adds up to the province target

  // Without a period: the latest month with data not after today.
  json latest = json::parse(env.Get(env.LogIn("prov"), "/api/monitor/indicators").body);
  EXPECT_EQ(latest["data_through"], "2025-08");

  // The county officer sees the county; another county is out of scope.
  Login county = env.LogIn("county");
  json c = json::parse(env.Get(county, "/api/monitor/indicators?year=2025&month=12").body);
  EXPECT_EQ(c["region"], "520102");
  EXPECT_EQ(Indicator(c, "reemployed")["progress"]["actual"], 3);
  EXPECT_EQ(env.Get(county, "/api/monitor/indicators?region=520302").status, 403);
  // A township officer sees the county's counts, with a note.
  json t = json::parse(env.Get(env.LogIn("town"), "/api/monitor/indicators?year=2025&month=12").body);
  EXPECT_EQ(t["region"], "520102");
  EXPECT_FALSE(t["note"].get<std::string>().empty());
  for (const char* user : {"seeker", "employer", "sysadmin"}) {
    EXPECT_EQ(env.Get(env.LogIn(user), "/api/monitor/indicators").status, 403) << user;
  }
  EXPECT_EQ(env.Get(env.LogIn("prov"), "/api/monitor/indicators?month=13").status, 400);
}

// The quarterly report's annex (the PDF needs chromium: CLI and browser
// tests): an XLSX for the county officer's county, scoped, bad input 400.
TEST(MonitorApiTest, ReportAnnexScopedAndValidated) {
  TestEnv env;
  Plant(env, 1001, "520102", "2025-01-02", "2025-05-10", false);
  Login county = env.LogIn("county");
  Reply r = env.Get(county, "/api/monitor/report/annex?quarter=2025Q2");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.substr(0, 2), "PK");  // a zip container
  EXPECT_NE(r.body.find("xl/workbook.xml"), std::string::npos);
  EXPECT_EQ(env.Get(county, "/api/monitor/report/annex?quarter=2025Q2&region=520302").status, 403);
  EXPECT_EQ(env.Get(county, "/api/monitor/report?quarter=2025Q2&region=520302").status, 403);
  Reply bad = env.Get(county, "/api/monitor/report/annex?quarter=2025Q9");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("季度格式有误"), std::string::npos) << bad.body;
  EXPECT_EQ(env.Get(env.LogIn("seeker"), "/api/monitor/report/annex").status, 403);
}

}  // namespace
}  // namespace qjy::server::testing
