// The /api/policy routes as served by Api: who may call which, and that a
// subject outside the caller's scope is not evaluated.
#include <gtest/gtest.h>

#include "server/shared_env_test_util.h"
#include "server/sweep_test_util.h"

namespace qjy::server::testing {
namespace {

TEST(PolicyRoutesTest, ParametersAreReadableByEveryLoggedInUser) {
  auto& env = Env();
  for (const char* user : {"county", "employer", "seeker", "auditor"}) {
    Reply r = env.Get(As(user), "/api/policy/params");
    ASSERT_EQ(r.status, 200) << user << " " << r.body;
    EXPECT_NE(r.body.find("\"reference\":\"main(七)\""), std::string::npos) << "parameters cite their clauses";
  }
  EXPECT_EQ(env.Send("GET", "/api/policy/params").status, 401);
}

TEST(PolicyRoutesTest, EvaluationIsScoped) {
  auto& env = Env();
  const std::string in = "/api/policy/eval?date=2023-09-01&person=" + std::to_string(env.in_person);
  const std::string out = "/api/policy/eval?date=2023-09-01&person=" + std::to_string(env.out_person);
  Reply ok = env.Get(As("county"), in);
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto j = nlohmann::json::parse(ok.body);
  EXPECT_FALSE(j["decisions"].empty());
  EXPECT_EQ(env.Get(As("county"), out).status, 404);
  EXPECT_EQ(env.Get(As("other"), out).status, 200);
  EXPECT_EQ(env.Get(As("seeker"), in).status, 200);   // the seeker's own record
  EXPECT_EQ(env.Get(As("seeker"), out).status, 404);
  EXPECT_EQ(env.Get(As("employer"), "/api/policy/eval?date=2023-09-01&employer=" + env.in_credit).status,
            200);
  EXPECT_EQ(env.Get(As("employer"), "/api/policy/eval?date=2023-09-01&employer=" + env.out_credit).status,
            404);
}

TEST(PolicyRoutesTest, SweepAndApprovalAreForOfficersOnly) {
  auto& env = Env();
  for (const char* user : {"employer", "seeker", "auditor", "sysadmin"}) {
    EXPECT_EQ(env.Post(As(user), "/api/policy/sweep", R"({"date":"2023-09-01"})").status, 403)
        << user;
    EXPECT_EQ(env.Get(As(user), "/api/policy/entitlements").status, 403) << user;
    EXPECT_EQ(env.Get(As(user), "/api/policy/entitlements/1/replay").status, 403) << user;
    EXPECT_EQ(env.Post(As(user), "/api/policy/batches", R"({"all":true})").status, 403) << user;
    EXPECT_EQ(env.Get(As(user), "/api/policy/batches").status, 403) << user;
    EXPECT_EQ(env.Post(As(user), "/api/policy/batches/1/approve", "{}").status, 403) << user;
  }
  Reply sweep = SweepAndWait(env, As("county"), R"({"date":"2023-09-01"})");
  EXPECT_EQ(sweep.status, 200) << sweep.body;
  EXPECT_EQ(nlohmann::json::parse(sweep.body)["state"], "done") << sweep.body;
  EXPECT_EQ(env.Get(As("county"), "/api/policy/entitlements").status, 200);
}

}  // namespace
}  // namespace qjy::server::testing
