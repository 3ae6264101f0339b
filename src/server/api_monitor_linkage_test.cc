// GET /api/monitor/linkage over linkage results planted in Nanming
// (520102) and Honghuagang (520302): the counts are the planted ones,
// unknown facts are null, scoped to the caller's region; an officer closing
// a follow-up through the API moves the in-time share at once and marks the
// monitoring snapshot stale.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "linkage/link_store.h"
#include "server/api_monitor.h"
#include "server/test_env.h"

namespace qjy::server::testing {
namespace {

using nlohmann::json;

void Record(TestEnv& env, const char* county, int64_t cluster, const char* status, int64_t insured,
            const char* created) {
  const std::vector<store::Value> p = {std::string(county), int64_t{1}, std::string("广东省人社厅"), int64_t{1},
                                       std::string("某"), std::string("1990-01-01"), std::string("男"),
                                       std::string(county), std::string(""), insured, std::string(status), cluster,
                                       std::string(created)};
  ASSERT_TRUE(env.setup_db->Exec("INSERT INTO linkage_records (county_code, batch_id, source, row_no, name,"
                                 " birth_date, sex, division_code, employer, insured_months, status, cluster_id,"
                                 " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                 p));
}

int64_t Followup(TestEnv& env, const char* county, int64_t person, const char* start, const char* closed_on) {
  const std::vector<store::Value> p = {std::string(county), person, person, int64_t{1}, std::string("浙江省人社厅"),
                                       std::string("已返乡未就业"), std::string(""), std::string(start),
                                       std::string(start), std::string(*closed_on ? "declined" : ""),
                                       std::string(closed_on)};
  EXPECT_TRUE(env.setup_db->Exec("INSERT INTO linkage_followups (county_code, person_id, cluster_id, record_id,"
                                 " partner, status, employer, start_on, created_at, outcome, closed_on)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                 p));
  const std::vector<store::Value> k = {person};
  return env.setup_db->Query("SELECT followup_id FROM linkage_followups WHERE person_id = ?", k)->at(0).Int(0);
}

void Flag(TestEnv& env, const char* county, const char* kind, int64_t person, bool closed) {
  const std::vector<store::Value> p = {std::string(county), std::string(kind), person, person, int64_t{1},
                                       std::string("全国防止返贫监测系统"), std::string("未就业"),
                                       std::string("2026-11"), std::string("2026-11-10T00:00:00Z"),
                                       std::string(closed ? "已核实" : "")};
  ASSERT_TRUE(env.setup_db->Exec("INSERT INTO linkage_flags (county_code, kind, person_id, cluster_id, record_id,"
                                 " partner, status, month, created_at, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                 p));
}

const json& Indicator(const json& body, const std::string& id) {
  for (const auto& i : body["indicators"]) {
    if (i["id"] == id) return i;
  }
  static const json none;
  ADD_FAILURE() << "no indicator " << id << " in " << body.dump();
  return none;
}

const json& Measure(const json& ind, const std::string& code) {
  for (const auto& m : ind["measures"]) {
    if (m["code"] == code) return m;
  }
  static const json none;
  ADD_FAILURE() << "no measure " << code << " in " << ind.dump();
  return none;
}

TEST(MonitorLinkageApiTest, CountsUnknownsScopeAndAClosedFollowup) {
  TestEnv env;
  ASSERT_TRUE(linkage::LinkStore(*env.setup_db, *env.vault).Migrate());
  // Nanming, November 2026: 3 persons (cluster 1's latest record says
  // returned and unemployed), 2 employed, 1 insured (cluster 3 gives no
  // insured months).
  Record(env, "520102", 1, "在岗", 24, "2026-11-05T02:00:00Z");
  Record(env, "520102", 3, "在岗", -1, "2026-11-06T02:00:00Z");
  Record(env, "520102", 4, "在职", 6, "2026-11-07T02:00:00Z");
  Record(env, "520102", 1, "已返乡未就业", 0, "2026-11-20T02:00:00Z");
  // Honghuagang (遵义市): one person, no status, no insured months.
  Record(env, "520302", 7, "", -1, "2026-11-08T02:00:00Z");
  // Follow-ups from Monday 2026-11-02, due 2026-11-09: in time, late, open.
  Followup(env, "520102", 101, "2026-11-02", "2026-11-06");
  Followup(env, "520102", 102, "2026-11-02", "2026-11-12");
  const int64_t open_id = Followup(env, "520102", 103, "2026-11-02", "");
  Followup(env, "520302", 104, "2026-11-02", "");
  Flag(env, "520102", "poverty_unemployed", 201, true);
  Flag(env, "520102", "poverty_unemployed", 202, false);
  Flag(env, "520302", "benefit_employed", 203, false);

  const Login prov = env.LogIn("prov");
  Reply r = env.Get(prov, "/api/monitor/linkage?year=2026&month=11");
  ASSERT_EQ(r.status, 200) << r.body;
  json p = json::parse(r.body);
  ASSERT_EQ(p["indicators"].size(), 4u);
  const json& out = Indicator(p, "linkage_outbound_workers");
  EXPECT_EQ(out["clause"], "附件4（五）、附件2（一）");
  EXPECT_EQ(Measure(out, "workers")["value"], 4);
  EXPECT_EQ(Measure(out, "employed")["value"], 2);  // Honghuagang's unknown adds nothing
  EXPECT_EQ(Measure(out, "workers")["months"][10], 4);
  EXPECT_TRUE(Measure(out, "workers")["months"][9].is_null());  // October: no comparison
  EXPECT_EQ(out["children"].size(), 9u);  // the prefectures
  EXPECT_EQ(Indicator(p, "linkage_benefit_employed")["measures"][0]["value"], 1);
  EXPECT_EQ(Indicator(p, "linkage_poverty_unemployed")["clause"], "附件4（九）");
  EXPECT_EQ(Indicator(p, "linkage_benefit_employed")["clause"], "附件3（四）");

  // The county officer: Nanming only.
  const Login county = env.LogIn("county");
  json c = json::parse(env.Get(county, "/api/monitor/linkage?year=2026&month=11").body);
  EXPECT_EQ(c["region"], "520102");
  const json& co = Indicator(c, "linkage_outbound_workers");
  EXPECT_EQ(Measure(co, "workers")["value"], 3);
  EXPECT_EQ(Measure(co, "employed")["value"], 2);
  EXPECT_EQ(Measure(co, "unemployed")["value"], 1);
  EXPECT_EQ(Measure(co, "returned")["value"], 1);
  EXPECT_EQ(Measure(co, "insured")["value"], 1);
  const json& served = Indicator(c, "linkage_return_served");
  EXPECT_EQ(Measure(served, "due")["value"], 3);
  EXPECT_EQ(Measure(served, "done_in_time")["value"], 1);
  EXPECT_EQ(served["share_bp"], 3333);
  EXPECT_EQ(served["status"], "red");
  EXPECT_TRUE(served["share"]["assumed"].get<bool>());
  const json& poverty = Indicator(c, "linkage_poverty_unemployed");
  EXPECT_EQ(Measure(poverty, "poverty_flags")["value"], 2);
  EXPECT_EQ(Measure(poverty, "poverty_closed")["value"], 1);
  EXPECT_EQ(poverty["share_bp"], 5000);
  EXPECT_EQ(Measure(Indicator(c, "linkage_benefit_employed"), "benefit_flags")["value"], 0);

  // The other county: unknown statuses are null, not 0.
  json o = json::parse(env.Get(env.LogIn("other"), "/api/monitor/linkage?year=2026&month=11").body);
  const json& oo = Indicator(o, "linkage_outbound_workers");
  EXPECT_EQ(Measure(oo, "workers")["value"], 1);
  EXPECT_TRUE(Measure(oo, "employed")["value"].is_null());
  EXPECT_TRUE(Measure(oo, "insured")["value"].is_null());
  // A month without any comparison: every measure unknown, no status.
  json oct = json::parse(env.Get(county, "/api/monitor/linkage?year=2026&month=10").body);
  EXPECT_TRUE(Measure(Indicator(oct, "linkage_outbound_workers"), "workers")["value"].is_null());
  EXPECT_TRUE(Indicator(oct, "linkage_return_served")["share_bp"].is_null());
  EXPECT_EQ(Indicator(oct, "linkage_return_served")["status"], "no_target");

  // Scope: another county is refused; a township officer reads its county.
  EXPECT_EQ(env.Get(county, "/api/monitor/linkage?region=520302").status, 403);
  json t = json::parse(env.Get(env.LogIn("town"), "/api/monitor/linkage?year=2026&month=11").body);
  EXPECT_EQ(t["region"], "520102");
  EXPECT_FALSE(t["note"].get<std::string>().empty());
  EXPECT_EQ(Measure(Indicator(t, "linkage_outbound_workers"), "workers")["value"], 3);
  EXPECT_EQ(env.Get(env.LogIn("seeker"), "/api/monitor/linkage").status, 403);
  EXPECT_EQ(env.Get(env.LogIn("auditor"), "/api/monitor/linkage?year=2026&month=11").status, 200);
  EXPECT_EQ(env.Get(county, "/api/monitor/linkage?year=2026&month=13").status, 400);

  // The officer closes the open follow-up after contact within its
  // deadline: the in-time share moves at once (2 of 3).
  Reply closed = env.Post(county, "/api/linkage/followups/" + std::to_string(open_id),
                          R"({"outcome": "declined", "note": "电话联系本人，暂不找工作", "contacted_on": "2026-11-05"})");
  ASSERT_EQ(closed.status, 200) << closed.body;
  json after = json::parse(env.Get(county, "/api/monitor/linkage?year=2026&month=11").body);
  EXPECT_EQ(Indicator(after, "linkage_return_served")["share_bp"], 6667);
  // Linkage writes mark the monitoring snapshot stale.
  EXPECT_TRUE(WritesMonitorFacts("POST", "/api/linkage/review/{review_id}"));
  EXPECT_TRUE(WritesMonitorFacts("POST", "/api/linkage/followups/{followup_id}"));
  EXPECT_TRUE(WritesMonitorFacts("POST", "/api/linkage/flags/{flag_id}"));
  EXPECT_FALSE(WritesMonitorFacts("GET", "/api/linkage/summary"));
}

}  // namespace
}  // namespace qjy::server::testing
