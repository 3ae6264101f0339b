// 失业保险金 over HTTP: a county officer decides an application from the
// stored months, runs a month (paid once), a contract starting the next
// month stops the claim at the run (核查比对), ID numbers stay masked, and a
// bad stop reason is a 400 naming the field.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "registry/contribution.h"
#include "server/test_env.h"

namespace qjy::server::testing {
namespace {

using nlohmann::json;

TEST(BenefitsApiTest, ApplyRunCrossCheckAndStop) {
  TestEnv env;
  for (int i = 1; i <= 24; ++i) {
    ASSERT_TRUE(env.setup_db->Exec(
        "INSERT INTO contributions (county_code, person_id, employer_credit_code, month, kinds, base_fen, created_at, "
        "updated_at) VALUES ('520102', ?, ?, ?, 15, 400000, 'x', 'x')",
        std::vector<store::Value>{env.in_person, env.in_credit,
                                  registry::MonthText(registry::MonthIndex(2025, 3) - i)}));
  }
  // The contract of those months ran out on 2025-02-28 (非因本人意愿).
  ASSERT_TRUE(env.setup_db->Exec(
      "INSERT INTO contracts (county_code, person_id, employer_credit_code, start_on, end_on, social_insurance_months, "
      "flexible, new_form, work_region, created_at, updated_at) VALUES ('520102', ?, ?, '2023-03-01', '2025-02-28', 24, "
      "0, 0, '520102', 'x', 'x')",
      std::vector<store::Value>{env.in_person, env.in_credit}));
  Login county = env.LogIn("county");
  Reply r = env.Post(county, "/api/benefits/claims",
                     json{{"person_id", env.in_person}, {"applied_on", "2025-03-04"}}.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  json claim = json::parse(r.body);
  EXPECT_TRUE(claim["granted"].get<bool>());
  EXPECT_EQ(claim["contribution_months"], 24);
  EXPECT_EQ(claim["duration_months"], 12);
  EXPECT_EQ(r.body.find(env.in_id), std::string::npos);  // masked
  const std::string id = std::to_string(claim["claim_id"].get<int64_t>());

  r = env.Post(county, "/api/benefits/claims", json{{"person_id", env.in_person}, {"applied_on", "2025-03-05"}}.dump());
  EXPECT_EQ(r.status, 409) << r.body;
  r = env.Post(county, "/api/benefits/claims", json{{"person_id", env.in_person}, {"applied_on", "三月"}}.dump());
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.body.find("applied_on"), std::string::npos) << r.body;

  r = env.Post(county, "/api/benefits/runs", R"({"month":"2025-03"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["paid"], 1);
  EXPECT_EQ(json::parse(r.body)["paid_fen"], claim["monthly_fen"]);
  r = env.Post(county, "/api/benefits/runs", R"({"month":"2025-03"})");
  EXPECT_EQ(json::parse(r.body)["paid"], 0);

  // A contract from 2025-04-15: April is not paid, the claim is stopped and flagged.
  ASSERT_TRUE(env.setup_db->Exec(
      "INSERT INTO contracts (county_code, person_id, employer_credit_code, start_on, end_on, social_insurance_months, "
      "flexible, new_form, work_region, created_at, updated_at) VALUES ('520102', ?, ?, '2025-04-15', NULL, 0, 0, 0, "
      "'520102', 'x', 'x')",
      std::vector<store::Value>{env.in_person, env.in_credit}));
  r = env.Post(county, "/api/benefits/runs", R"({"month":"2025-04"})");
  ASSERT_EQ(r.status, 200) << r.body;
  json run = json::parse(r.body);
  EXPECT_EQ(run["paid"], 0);
  EXPECT_EQ(run["stopped"], 1);
  ASSERT_EQ(run["stopped_items"].size(), 1u);
  EXPECT_NE(run["stopped_items"][0]["finding"].get<std::string>().find("2025-04-15"), std::string::npos);

  r = env.Get(county, "/api/benefits/claims?status=stopped");
  ASSERT_EQ(r.status, 200) << r.body;
  json list = json::parse(r.body);
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["stop_reason"], "再就业");
  EXPECT_EQ(list["items"][0]["months_paid"], 1);
  EXPECT_EQ(r.body.find(env.in_id), std::string::npos);

  r = env.Post(county, "/api/benefits/claims/" + id + "/stop", R"({"reason":"旅游","month":"2025-05"})");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.body.find("reason"), std::string::npos) << r.body;
  r = env.Post(county, "/api/benefits/claims/" + id + "/stop", R"({"reason":"迁出","month":"2025-05"})");
  EXPECT_EQ(r.status, 409) << r.body;  // already stopped
}

}  // namespace
}  // namespace qjy::server::testing
