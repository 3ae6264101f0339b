// GET /api/monitor/indicators over registrations planted in the test
// database: the counts are the planted ones, per region and scope.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <thread>

#include "core/mask.h"
#include "server/test_env.h"
#include "services/services_store.h"
#include "store/registry_store.h"
#include "store/separation_store.h"

namespace qjy::server::testing {
namespace {

using nlohmann::json;

void Plant(TestEnv& env, int64_t person, const char* county, const char* on, const char* closed,
           bool hard, const std::string& region = "") {
  services::ServicesStore store(*env.setup_db);
  ASSERT_TRUE(store.Migrate());
  services::Registration r;
  r.person_id = person;
  r.county_code = county;
  r.registered_on = r.found_on = *Date::Parse(on);
  r.region_code = region.empty() ? std::string(county) : region;
  r.channel = "counter";
  r.officer = "t";
  if (hard) r.flags = static_cast<uint32_t>(services::Flag::kHardToEmploy);
  ASSERT_TRUE(store.AddRegistration(r));
  ASSERT_TRUE(store.CloseRegistration(r.registration_id, *Date::Parse(closed), services::CloseReason::kReemployed, ""));
}

const json& ApiMonitorIndicator(const json& body, const std::string& id) {
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
  const json& re = ApiMonitorIndicator(body, "reemployed");
  EXPECT_EQ(re["progress"]["actual"], 3);
  EXPECT_EQ(re["progress"]["target"], 130000);
  EXPECT_EQ(re["progress"]["last_year"], 1);
  EXPECT_EQ(re["progress"]["status"], "red");
  EXPECT_EQ(re["this_year"][1], 1);  // February
  EXPECT_EQ(re["clause"], "正文（二）");
  EXPECT_EQ(ApiMonitorIndicator(body, "hard_to_employ_employed")["progress"]["actual"], 1);
  const json& jobs = ApiMonitorIndicator(body, "new_urban_jobs");
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
  EXPECT_EQ(ApiMonitorIndicator(c, "reemployed")["progress"]["actual"], 3);
  EXPECT_EQ(env.Get(county, "/api/monitor/indicators?region=520302").status, 403);
  // A township officer sees the township (nothing placed there here) and
  // may look at its county's counts; not at another county.
  Login town = env.LogIn("town");
  json t = json::parse(env.Get(town, "/api/monitor/indicators?year=2025&month=12").body);
  EXPECT_EQ(t["region"], env.town_code);
  EXPECT_EQ(ApiMonitorIndicator(t, "reemployed")["progress"]["actual"], 0);
  EXPECT_FALSE(t["township_note"].get<std::string>().empty());
  json tc = json::parse(env.Get(town, "/api/monitor/indicators?year=2025&month=12&region=520102").body);
  EXPECT_EQ(tc["region"], "520102");
  EXPECT_EQ(ApiMonitorIndicator(tc, "reemployed")["progress"]["actual"], 3);
  EXPECT_EQ(env.Get(town, "/api/monitor/indicators?region=520302").status, 403);
  EXPECT_EQ(env.Get(town, "/api/monitor/indicators?region=5201").status, 403);
  for (const char* user : {"seeker", "employer", "sysadmin"}) {
    EXPECT_EQ(env.Get(env.LogIn(user), "/api/monitor/indicators").status, 403) << user;
  }
  EXPECT_EQ(env.Get(env.LogIn("prov"), "/api/monitor/indicators?month=13").status, 400);
}

// The server keeps one snapshot of the facts (monitor_cache.h): a
// registration and its closing as re-employed made through the API make it
// stale; the old figures are served, marked stale with their as-of time,
// until the rebuild; then every indicator equals a recomputation — a
// second server reading the same database from scratch — and the scoping
// is unchanged.
TEST(MonitorApiTest, SnapshotFollowsWritesAndEqualsARebuild) {
  TestEnv env;
  Plant(env, 1001, "520102", "2025-01-02", "2025-02-10", false);
  Plant(env, 1005, "520302", "2025-06-01", "2025-08-01", false);
  const Login prov = env.LogIn("prov");
  const std::string url = "/api/monitor/indicators?year=2025&month=12";
  json before = json::parse(env.Get(prov, url).body);
  ASSERT_TRUE(before.contains("snapshot")) << before.dump();
  EXPECT_FALSE(before["snapshot"]["stale"].get<bool>());
  EXPECT_EQ(ApiMonitorIndicator(before, "reemployed")["progress"]["actual"], 2);
  // Read again: the same snapshot (same as-of), no new read.
  EXPECT_EQ(json::parse(env.Get(prov, url).body)["snapshot"], before["snapshot"]);

  const Login county = env.LogIn("county");
  const std::string person = std::to_string(env.in_person);
  Reply reg = env.Post(county, "/api/services/registrations",
                       R"({"person_id":)" + person + R"(,"on":"2025-04-01","channel":"counter"})");
  ASSERT_LT(reg.status, 300) << reg.body;
  Reply closed = env.Post(county, "/api/services/deregistrations",
                          R"({"person_id":)" + person + R"(,"on":"2025-05-10","reason":"reemployed"})");
  ASSERT_LT(closed.status, 300) << closed.body;

  json after;
  for (int i = 0; i < 500; ++i) {
    after = json::parse(env.Get(prov, url).body);
    if (!after["snapshot"]["stale"].get<bool>()) break;
    // Served meanwhile: the old figures with their as-of time.
    EXPECT_EQ(ApiMonitorIndicator(after, "reemployed")["progress"]["actual"], 2);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_FALSE(after["snapshot"]["stale"].get<bool>());
  EXPECT_EQ(ApiMonitorIndicator(after, "reemployed")["progress"]["actual"], 3);

  // A rebuild from scratch: a second server over the same database.
  ApiOptions options;
  options.web_root = env.dir / "web";
  options.work_dir = env.dir / "uploads2";
  options.log = env.log;
  Api fresh(options, *env.pool, *env.vault, *env.regions, env.clock, ShippedApiContext());
  auto fresh_get = [&](const Login& l, const std::string& target) {
    HttpRequest r;
    r.method = "GET";
    r.target = target;
    r.headers = {{"cookie", l.cookie}};
    return fresh.Handle(r);
  };
  const Login town = env.LogIn("town");
  for (const auto& [who, target] : std::vector<std::pair<Login, std::string>>{
           {prov, url}, {prov, "/api/monitor/indicators?region=5201&year=2025&month=6"},
           {county, url}, {town, url}, {prov, "/api/monitor/indicators?region=520302&year=2025&month=8"}}) {
    json kept = json::parse(env.Get(who, target).body);
    HttpResponse r = fresh_get(who, target);
    ASSERT_EQ(r.status, 200) << r.body;
    json rebuilt = json::parse(r.body);
    ASSERT_TRUE(kept.contains("indicators")) << kept.dump();
    EXPECT_EQ(kept["indicators"], rebuilt["indicators"]) << target;
    EXPECT_EQ(kept["monthly"], rebuilt["monthly"]) << target;
    EXPECT_EQ(kept["data_through"], rebuilt["data_through"]) << target;
  }
  // Scoping unchanged: the county officer may not read another county.
  EXPECT_EQ(env.Get(county, "/api/monitor/indicators?region=520302").status, 403);
  EXPECT_EQ(fresh_get(county, "/api/monitor/indicators?region=520302").status, 403);
}

// Drill-down to the township: events placed in a township (a registration
// made there, a contract whose place of work is there) count for it; the
// rest of the county's is "unplaced". Townships carry no target.
TEST(MonitorApiTest, CountyDrillsDownToItsTownships) {
  TestEnv env;
  Plant(env, 2001, "520102", "2025-01-02", "2025-02-10", false, env.town_code);
  Plant(env, 2002, "520102", "2025-01-05", "2025-03-01", false);
  {
    store::RegistryStore registry(*env.setup_db, *env.vault);
    auto tx = store::Transaction::Begin(*env.setup_db);
    ASSERT_TRUE(tx);
    for (const std::string& place : {env.town_code, std::string()}) {
      registry::Contract k;
      k.person_id = env.in_person;
      k.employer_credit_code = place.empty() ? env.out_credit : env.in_credit;
      k.start_on = *Date::Parse("2025-02-01");
      k.work_region = place;
      auto ok = registry.UpsertContract(k, "test");
      ASSERT_TRUE(ok) << ok.error().message;
    }
    ASSERT_TRUE(tx->Commit());
  }
  json c = json::parse(env.Get(env.LogIn("county"), "/api/monitor/indicators?year=2025&month=6").body);
  ASSERT_EQ(c["level"], 3);
  for (const char* id : {"reemployed", "new_urban_jobs"}) {
    const json& ind = ApiMonitorIndicator(c, id);
    EXPECT_EQ(ind["progress"]["actual"], 2) << id;
    ASSERT_GT(ind["children"].size(), 1u) << id;
    int64_t sum = 0;
    for (const auto& k : ind["children"]) {
      EXPECT_EQ(k["code"].get<std::string>().size(), 9u);
      EXPECT_TRUE(k["target"].is_null());
      EXPECT_EQ(k["status"], "no_target");
      EXPECT_EQ(k["actual"], k["code"] == env.town_code ? 1 : 0) << id << " " << k["code"];
      sum += k["actual"].get<int64_t>();
    }
    EXPECT_EQ(sum, 1) << id;
    EXPECT_EQ(ind["unplaced"], 1) << id;
  }
  // The township itself: its placed events, no target; the county officer
  // may open it.
  json t = json::parse(
      env.Get(env.LogIn("county"), "/api/monitor/indicators?year=2025&month=6&region=" + env.town_code).body);
  EXPECT_EQ(t["level"], 4);
  EXPECT_EQ(t["region"], env.town_code);
  EXPECT_EQ(t["monthly_region"], "520102");
  EXPECT_EQ(t["report_region"], "520102");
  const json& re = ApiMonitorIndicator(t, "reemployed");
  EXPECT_EQ(re["progress"]["actual"], 1);
  EXPECT_TRUE(re["progress"]["target"].is_null());
  EXPECT_TRUE(re["children"].empty());
  EXPECT_EQ(ApiMonitorIndicator(t, "new_urban_jobs")["progress"]["actual"], 1);
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

namespace qjy::server::testing {
namespace {

// GET /api/monitor/warnings: a mass layoff at 南明测试公司 (520102, 12
// insured) in June 2025 — four layoffs of the person of 520102, one of the
// person of 520302 — seen by each reader within scope only.
TEST(MonitorWarningsApiTest, MassLayoffScopedToReaders) {
  TestEnv env;
  {
    auto tx = store::Transaction::Begin(*env.setup_db);
    ASSERT_TRUE(tx);
    store::SeparationStore separations(*env.setup_db);
    auto put = [&](int64_t person, const char* county, const char* on) {
      registry::Separation x;
      x.county_code = county;
      x.person_id = person;
      x.employer_credit_code = env.in_credit;
      x.separated_on = *Date::Parse(on);
      x.reason = registry::SeparationReason::kLayoff;
      auto ok = separations.Put(x);
      ASSERT_TRUE(ok) << ok.error().message;
    };
    for (const char* on : {"2025-06-02", "2025-06-03", "2025-06-04", "2025-06-05"}) put(env.in_person, "520102", on);
    put(env.out_person, "520302", "2025-06-05");
    ASSERT_TRUE(tx->Commit());
  }
  auto layoff = [](const json& body) -> const json* {
    for (const auto& w : body["warnings"]) {
      if (w["kind"] == "mass_layoff") return &w;
    }
    return nullptr;
  };

  Reply r = env.Get(env.LogIn("prov"), "/api/monitor/warnings?month=2025-06");
  ASSERT_EQ(r.status, 200) << r.body;
  json body = json::parse(r.body);
  const json* w = layoff(body);
  ASSERT_NE(w, nullptr) << r.body;
  EXPECT_EQ((*w)["employer"]["name"], "南明测试公司");
  EXPECT_EQ((*w)["region_name"], "南明区");
  EXPECT_EQ((*w)["level"], "red");  // 5 of 12 ≥ 20 %
  EXPECT_NE((*w)["reason"].get<std::string>().find("正文（十九）"), std::string::npos);
  EXPECT_EQ((*w)["persons"].size(), 5u);
  EXPECT_EQ((*w)["persons"][0]["name"], "黔内甲");
  EXPECT_EQ((*w)["persons"][0]["id_number"], MaskIdNumber(env.in_id));
  EXPECT_EQ(r.body.find(env.in_id), std::string::npos) << "ID numbers are masked";
  EXPECT_EQ(body["definitions"].size(), 4u);

  // The county officer: the warning, with only the county's persons.
  Reply county = env.Get(env.LogIn("county"), "/api/monitor/warnings?month=2025-06");
  ASSERT_EQ(county.status, 200) << county.body;
  json cb = json::parse(county.body);
  w = layoff(cb);
  ASSERT_NE(w, nullptr);
  EXPECT_EQ((*w)["persons"].size(), 4u);
  EXPECT_EQ((*w)["persons_total"], 5);
  EXPECT_NE((*w)["persons_note"].get<std::string>().find("1 人不在您的辖区内"), std::string::npos);
  EXPECT_EQ(env.Get(env.LogIn("county"), "/api/monitor/warnings?region=520302&month=2025-06").status, 403);

  // Another county's officer sees no warning of 南明区; the auditor sees it without persons.
  json other = json::parse(env.Get(env.LogIn("other"), "/api/monitor/warnings?month=2025-06").body);
  EXPECT_EQ(other["region"], "520302");
  EXPECT_EQ(layoff(other), nullptr);
  json audit = json::parse(env.Get(env.LogIn("auditor"), "/api/monitor/warnings?month=2025-06").body);
  w = layoff(audit);
  ASSERT_NE(w, nullptr);
  EXPECT_TRUE((*w)["persons"].empty());
  EXPECT_FALSE((*w)["persons_note"].get<std::string>().empty());
  // A township officer: the county's warning, persons of the township only (none here).
  json town = json::parse(env.Get(env.LogIn("town"), "/api/monitor/warnings?month=2025-06").body);
  EXPECT_EQ(town["region"], "520102");
  w = layoff(town);
  ASSERT_NE(w, nullptr);
  EXPECT_TRUE((*w)["persons"].empty());

  // The window (three months to the month) has passed by September.
  json later = json::parse(env.Get(env.LogIn("prov"), "/api/monitor/warnings?month=2025-09").body);
  EXPECT_EQ(layoff(later), nullptr);
  for (const char* user : {"seeker", "employer", "sysadmin"}) {
    EXPECT_EQ(env.Get(env.LogIn(user), "/api/monitor/warnings").status, 403) << user;
  }
  EXPECT_EQ(env.Get(env.LogIn("prov"), "/api/monitor/warnings?month=2025-13").status, 400);
}

// The current month is judged from the kept snapshot's facts of the
// province: once read, a change the server did not see (rows deleted
// behind its back) does not show until the snapshot is rebuilt (here: it
// ages past max_age), and then it does.
TEST(MonitorWarningsApiTest, CurrentMonthIsJudgedFromTheKeptSnapshot) {
  TestEnv env;
  const Date today = Date::InChina(env.clock.Now());
  const Date first = *Date::FromYmd(today.year(), today.month(), 1);
  {
    auto tx = store::Transaction::Begin(*env.setup_db);
    ASSERT_TRUE(tx);
    store::SeparationStore separations(*env.setup_db);
    for (int d = 0; d < 5; ++d) {
      registry::Separation x;
      x.county_code = "520102";
      x.person_id = d < 4 ? env.in_person : env.out_person;
      x.employer_credit_code = env.in_credit;
      x.separated_on = first.AddDays(d < 4 ? d : 0);
      x.reason = registry::SeparationReason::kLayoff;
      ASSERT_TRUE(separations.Put(x));
    }
    ASSERT_TRUE(tx->Commit());
  }
  const auto cookie = env.LogIn("prov");
  auto layoff_count = [](const json& body) {
    int n = 0;
    for (const auto& w : body["warnings"]) n += w["kind"] == "mass_layoff";
    return n;
  };
  // The first request starts the snapshot and reads its own facts; a later
  // one is answered from the snapshot.
  json body;
  for (int i = 0; i < 200; ++i) {
    Reply r = env.Get(cookie, "/api/monitor/warnings");
    ASSERT_EQ(r.status, 200) << r.body;
    body = json::parse(r.body);
    EXPECT_EQ(layoff_count(body), 1) << r.body;
    if (!body["snapshot"].is_null()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_FALSE(body["snapshot"].is_null()) << "never answered from the snapshot";
  EXPECT_FALSE(body["snapshot"]["stale"].get<bool>());
  // A past month still reads its own facts.
  json past = json::parse(env.Get(cookie, "/api/monitor/warnings?month=2025-06").body);
  EXPECT_TRUE(past["snapshot"].is_null());

  ASSERT_TRUE(env.setup_db->Exec("DELETE FROM separations"));
  body = json::parse(env.Get(cookie, "/api/monitor/warnings").body);
  ASSERT_FALSE(body["snapshot"].is_null());
  EXPECT_EQ(layoff_count(body), 1) << "the kept facts, not a read per request";

  env.clock.Advance(601);  // past the snapshot's max_age: rebuilt in the background
  bool gone = false;
  for (int i = 0; i < 200 && !gone; ++i) {
    Reply r = env.Get(env.LogIn("prov"), "/api/monitor/warnings");
    ASSERT_EQ(r.status, 200) << r.body;
    gone = layoff_count(json::parse(r.body)) == 0;
    if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(gone) << "the rebuilt snapshot no longer holds the deleted separations";
}

}  // namespace
}  // namespace qjy::server::testing
