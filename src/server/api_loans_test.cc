// Loans over HTTP: a county officer sees the loans of the county with the
// subsidy paid, not another county's; the borrower sees their own loan
// (我的贷款) with each month's subsidy and the history; others are refused.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "loans/loan_schema.h"
#include "loans/loan_store.h"
#include "loans/subsidy.h"
#include "policy/policy_dir.h"
#include "server/test_env.h"

namespace qjy::server::testing {
namespace {

using nlohmann::json;

void SeedLoan(const std::string& db_path, int64_t person_id, const std::string& county, const std::string& no) {
  auto db = store::OpenDb(db_path);
  ASSERT_TRUE(db);
  ASSERT_TRUE(loans::MigrateLoans(**db));
  const std::string key = "R14|P:" + std::to_string(person_id);
  ASSERT_TRUE((*db)->Exec(
      "INSERT INTO policy_entitlements (once_key, rule, title, beneficiary, person_id, employer_code, period, fund, "
      "county_code, amount_fen, loan, decided_on, explanation, status, created_at) VALUES (?, 'R14', '个人创业担保贷款', "
      "'借款人', ?, '', '2023', 'guaranteed_loan', ?, 10000000, 1, '2023-07-01', '{}', 'approved', 'x')",
      std::vector<store::Value>{key, person_id, county}));
  auto params = policy::ParameterSet::LoadDir(policy::DefaultParamsDir());
  ASSERT_TRUE(params);
  auth::SystemClock clock;
  loans::LoanStore store(**db, *params, nullptr, clock);
  loans::LoanInput in;
  in.entitlement_key = key;
  in.loan_no = no;
  in.amount_fen = 10000000;
  in.term_months = 24;
  in.bank = "贵阳银行";
  in.guarantee_fund = "担保基金";
  in.applied_on = *Date::Parse("2023-08-25");
  auto l = store.Create(in, "officer");
  ASSERT_TRUE(l) << l.error().message;
  auto tx = store::Transaction::Begin(**db);
  ASSERT_TRUE(tx);
  ASSERT_TRUE(store.DisburseInTransaction(*l, *Date::Parse("2023-09-01"), 10000000, 500, "bank"));
  ASSERT_TRUE(tx->Commit());
  auto run = loans::RunSubsidies(store, *Date::Parse("2023-11-01"), county, "officer");
  ASSERT_TRUE(run);
  ASSERT_EQ(run->months_paid, 2);
}

TEST(LoansApiTest, OfficerSeesTheCountysLoansAndTheBorrowerTheirOwn) {
  TestEnv env;
  SeedLoan(env.db_path, env.in_person, "520102", "DK-IN");
  SeedLoan(env.db_path, env.out_person, "520302", "DK-OUT");

  Login county = env.LogIn("county");
  Reply r = env.Get(county, "/api/loans");
  ASSERT_EQ(r.status, 200) << r.body;
  json list = json::parse(r.body);
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["loan_no"], "DK-IN");
  EXPECT_EQ(list["items"][0]["status_name"], "已放款");
  EXPECT_EQ(list["items"][0]["subsidy_months"], 2);
  EXPECT_EQ(list["items"][0]["subsidy_fen"], 2 * 25417);
  EXPECT_EQ(list["items"][0]["counter_guarantee_waived"], true);
  EXPECT_EQ(env.Get(county, "/api/loans?region=520302").status, 403);

  Login prov = env.LogIn("prov");
  r = env.Get(prov, "/api/loans");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body)["items"].size(), 2u);

  Login seeker = env.LogIn("seeker");
  r = env.Get(seeker, "/api/me/loans");
  ASSERT_EQ(r.status, 200) << r.body;
  json mine = json::parse(r.body);
  ASSERT_EQ(mine["items"].size(), 1u);
  EXPECT_EQ(mine["items"][0]["loan_no"], "DK-IN");
  ASSERT_EQ(mine["items"][0]["subsidies"].size(), 2u);
  EXPECT_EQ(mine["items"][0]["subsidies"][1]["from"], "2023-10-01");
  EXPECT_EQ(mine["items"][0]["history"].size(), 2u);  // created, disbursed
  EXPECT_EQ(env.Get(county, "/api/me/loans").status, 403);
}

}  // namespace
}  // namespace qjy::server::testing
