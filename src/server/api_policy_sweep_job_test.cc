// POST /api/policy/sweep as a background job and GET /api/policy/sweep/{id}
// (api_policy_sweep_job.cc): started by an officer in scope (202), watched
// by its starter and the officers of its region, listed for them, ending with the sweep's summary and every county of
// it written, audited.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "server/shared_env_test_util.h"

namespace qjy::server::testing {
namespace {

TEST(PolicySweepJobTest, StartWatchAndFinish) {
  auto& env = Env();
  const Login county = env.LogIn("county");
  Reply start = env.Post(county, "/api/policy/sweep", R"({"date":"2023-09-01"})");
  ASSERT_EQ(start.status, 202) << start.body;
  const std::string id = nlohmann::json::parse(start.body)["job_id"];
  ASSERT_FALSE(id.empty());
  // Officers whose region covers the sweep's see it; others do not.
  EXPECT_EQ(env.Get(As("prov"), "/api/policy/sweep/" + id).status, 200);
  EXPECT_EQ(env.Get(As("other"), "/api/policy/sweep/" + id).status, 404);
  EXPECT_EQ(env.Get(As("town"), "/api/policy/sweep/" + id).status, 404);
  EXPECT_EQ(env.Get(county, "/api/policy/sweep/nosuchjob").status, 404);

  nlohmann::json job;
  for (int i = 0; i < 12000; ++i) {
    Reply r = env.Get(county, "/api/policy/sweep/" + id);
    ASSERT_EQ(r.status, 200) << r.body;
    job = nlohmann::json::parse(r.body);
    if (job["state"] != "running") break;
    EXPECT_FALSE(job["stage_text"].get<std::string>().empty()) << r.body;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(job["state"], "done") << job.dump();
  EXPECT_EQ(job["counties_done"], job["counties_total"]) << job.dump();
  const auto& result = job["result"];
  for (const char* key : {"entitlements", "added", "revisited", "withdrawn", "reproposed", "supervision"}) {
    EXPECT_TRUE(result.contains(key)) << key << " " << job.dump();
  }
  // One county (the officer's) is swept, in one pass, and holds whatever
  // was found.
  EXPECT_EQ(result["passes"], 1) << job.dump();
  EXPECT_EQ(job["counties_total"], 1) << job.dump();
  EXPECT_EQ(result["counties_written"], result["entitlements"].get<int64_t>() > 0 ? 1 : 0) << job.dump();
  EXPECT_EQ(env.Get(county, "/api/policy/entitlements").status, 200);
  // The start is audited with its region.
  auto rows = env.setup_db->Query(
      "SELECT COUNT(*) FROM audit_log WHERE action = 'policy.sweep' AND target = 'region:520102'"
      " AND result = 'ok'");
  ASSERT_TRUE(rows) << rows.error().message;
  EXPECT_GE(rows->front().Int(0), 1);
}

// Waits for the sweep `id` to end as `who` sees it; its final view.
nlohmann::json WaitFor(TestEnv& env, const Login& who, const std::string& id) {
  nlohmann::json job;
  for (int i = 0; i < 12000; ++i) {
    Reply r = env.Get(who, "/api/policy/sweep/" + id);
    EXPECT_EQ(r.status, 200) << r.body;
    job = nlohmann::json::parse(r.body);
    if (job["state"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return job;
}

// After a reload the page finds the region's sweep: GET /api/policy/sweep
// lists the sweeps of exactly the region asked (default the caller's), to
// the starter and to the other officers of that region, with who started it.
TEST(PolicySweepJobTest, TheRegionsOfficersFindItsRunningOrRecentSweep) {
  auto& env = Env();
  env.AddAccount("county2", auth::Role::kOfficer, "520102");
  const Login colleague = env.LogIn("county2");
  Reply start = env.Post(As("county"), "/api/policy/sweep", R"({"date":"2023-09-02"})");
  ASSERT_EQ(start.status, 202) << start.body;
  const std::string id = nlohmann::json::parse(start.body)["job_id"];

  Reply list = env.Get(colleague, "/api/policy/sweep");
  ASSERT_EQ(list.status, 200) << list.body;
  nlohmann::json items = nlohmann::json::parse(list.body)["items"];
  ASSERT_FALSE(items.empty()) << list.body;
  EXPECT_EQ(items[0]["job_id"], id) << "latest first";
  EXPECT_EQ(items[0]["region"], "520102");
  EXPECT_EQ(items[0]["date"], "2023-09-02");
  EXPECT_EQ(items[0]["started_by"], "county");
  EXPECT_EQ(items[0]["mine"], false);
  EXPECT_FALSE(items[0]["progress_text"].get<std::string>().empty());
  const nlohmann::json seen = WaitFor(env, colleague, id);
  EXPECT_EQ(seen["state"], "done") << seen.dump();

  list = env.Get(As("county"), "/api/policy/sweep?region=520102");
  ASSERT_EQ(list.status, 200);
  items = nlohmann::json::parse(list.body)["items"];
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items[0]["job_id"], id);
  EXPECT_EQ(items[0]["mine"], true);
  EXPECT_EQ(items[0]["state"], "done");
  EXPECT_NE(items[0]["progress_text"].get<std::string>().find("已完成"), std::string::npos) << items[0].dump();
  // The prefecture's own list holds its own sweeps only; another county's
  // officer may not list this county's; a seeker lists nothing.
  list = env.Get(As("pref"), "/api/policy/sweep");
  ASSERT_EQ(list.status, 200);
  for (const auto& j : nlohmann::json::parse(list.body)["items"]) EXPECT_EQ(j["region"], "5201");
  EXPECT_EQ(env.Get(As("other"), "/api/policy/sweep?region=520102").status, 403);
  EXPECT_EQ(env.Get(As("seeker"), "/api/policy/sweep").status, 403);
}

// A township's sweep says what it covers and how it ended, never a bare 0/0.
TEST(PolicySweepJobTest, ATownshipSweepExplainsItsOneStep) {
  auto& env = Env();
  const Login& town = As("town");
  Reply start = env.Post(town, "/api/policy/sweep", R"({"date":"2023-09-03"})");
  ASSERT_EQ(start.status, 202) << start.body;
  const nlohmann::json job = WaitFor(env, town, nlohmann::json::parse(start.body)["job_id"]);
  ASSERT_EQ(job["state"], "done") << job.dump();
  EXPECT_NE(job["scope_note"].get<std::string>().find("只评估本乡镇（街道）的人员和单位"), std::string::npos)
      << job.dump();
  const std::string text = job["progress_text"];
  EXPECT_TRUE(text == "已完成：没有找到享受资格，无需写入待审核清单" ||
              text == "已完成：已一步写入所属县（市、区）的待审核清单")
      << text;
  EXPECT_EQ(text.find("0 / 0"), std::string::npos);
  // A county's sweep has no such note.
  EXPECT_EQ(env.Get(As("county"), "/api/policy/sweep").status, 200);
}

TEST(PolicySweepJobTest, RefusedOutsideScopeOrWithABadDate) {
  auto& env = Env();
  EXPECT_EQ(env.Post(As("county"), "/api/policy/sweep", R"({"date":"2023-09-01","region":"5203"})").status, 403);
  EXPECT_EQ(env.Post(As("pref"), "/api/policy/sweep", R"({"date":"2023-09-01","region":"52"})").status, 403);
  Reply bad = env.Post(As("county"), "/api/policy/sweep", R"({"date":"2023-13-01"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("日期"), std::string::npos) << bad.body;
  EXPECT_EQ(env.Post(As("seeker"), "/api/policy/sweep", R"({"date":"2023-09-01"})").status, 403);
}

}  // namespace
}  // namespace qjy::server::testing
