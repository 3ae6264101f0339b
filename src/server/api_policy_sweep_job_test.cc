// POST /api/policy/sweep as a background job and GET /api/policy/sweep/{id}
// (api_policy_sweep_job.cc): started by an officer in scope (202), watched
// by its starter only, ending with the sweep's summary and every county of
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
  // Nobody else sees it, not even an officer above.
  EXPECT_EQ(env.Get(As("prov"), "/api/policy/sweep/" + id).status, 404);
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
  // One county (the officer's) holds whatever was found.
  EXPECT_EQ(job["counties_total"], result["entitlements"].get<int64_t>() > 0 ? 1 : 0) << job.dump();
  EXPECT_EQ(env.Get(county, "/api/policy/entitlements").status, 200);
  // The start is audited with its region.
  auto rows = env.setup_db->Query(
      "SELECT COUNT(*) FROM audit_log WHERE action = 'policy.sweep' AND target = 'region:520102'"
      " AND result = 'ok'");
  ASSERT_TRUE(rows) << rows.error().message;
  EXPECT_GE(rows->front().Int(0), 1);
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
