// Loans over HTTP: a county officer sees the loans of the county with the
// subsidy paid, not another county's; the borrower sees their own loan
// (我的贷款) with each month's subsidy and the history; others are refused.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <set>

#include "loans/loan_check.h"
#include "loans/loan_schema.h"
#include "loans/loan_store.h"
#include "loans/subsidy.h"
#include "policy/ledger.h"
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

void SeedEntitlement(const std::string& db_path, const std::string& key, int64_t person_id, const std::string& county) {
  auto db = store::OpenDb(db_path);
  ASSERT_TRUE(db);
  ASSERT_TRUE(loans::MigrateLoans(**db));
  ASSERT_TRUE((*db)->Exec(
      "INSERT INTO policy_entitlements (once_key, rule, title, beneficiary, person_id, employer_code, period, fund, "
      "county_code, amount_fen, loan, decided_on, explanation, status, created_at) VALUES (?, 'R14', '个人创业担保贷款', "
      "'借款人', ?, '', '2023', 'guaranteed_loan', ?, 10000000, 1, '2023-07-01', '{}', 'approved', 'x')",
      std::vector<store::Value>{key, person_id, county}));
}

std::string Multipart(const std::string& kind, const std::string& name, const std::string& content) {
  return "--B0undary\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n" + kind +
         "\r\n--B0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name +
         "\"\r\nContent-Type: text/csv\r\n\r\n" + content + "\r\n--B0undary--\r\n";
}
constexpr char kMultipart[] = "multipart/form-data; boundary=B0undary";

json LoanOf(TestEnv& env, const Login& who, int64_t loan_id) {
  Reply r = env.Get(who, "/api/loans");
  EXPECT_EQ(r.status, 200) << r.body;
  const json list = json::parse(r.body);  // bound: no range-for over a temporary's member (GCC 12)
  for (const auto& l : list["items"]) {
    if (l["loan_id"] == loan_id) return l;
  }
  ADD_FAILURE() << "loan " << loan_id << " not listed";
  return json();
}

// The whole life over HTTP, by the county officer, with Zunyi's officer and
// the others refused at every step, and the ledger balanced at the end.
TEST(LoansApiTest, OfficerRunsTheLoanThroughHttpInScopeOnly) {
  TestEnv env;
  SeedEntitlement(env.db_path, "R14|in", env.in_person, "520102");
  SeedEntitlement(env.db_path, "R14|out", env.out_person, "520302");
  Login county = env.LogIn("county"), other = env.LogIn("other"), seeker = env.LogIn("seeker"),
        auditor = env.LogIn("auditor");

  Reply r = env.Get(county, "/api/loans");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(json::parse(r.body)["candidates"].size(), 1u);
  EXPECT_EQ(json::parse(r.body)["candidates"][0]["entitlement_key"], "R14|in");

  json apply = {{"entitlement_key", "R14|in"}, {"amount_fen", 10000000}, {"term_months", 24},
                {"bank", "贵阳银行"}, {"guarantee_fund", "南明区担保基金"}, {"on", "2023-08-25"}};
  EXPECT_EQ(env.Post(county, "/api/loans", json{{"entitlement_key", "R14|out"}, {"amount_fen", 100}, {"term_months", 12},
                                                 {"bank", "b"}, {"guarantee_fund", "f"}, {"on", "2023-08-25"}}.dump())
                .status,
            403);
  EXPECT_EQ(env.Post(seeker, "/api/loans", apply.dump()).status, 403);
  EXPECT_EQ(env.Post(county, "/api/loans", R"({"entitlement_key":"R14|in","amount_fen":"十万"})").status, 400);
  r = env.Post(county, "/api/loans", apply.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const json applied = json::parse(r.body)["loan"];
  EXPECT_EQ(applied["status_name"], "已受理待审批");
  const int64_t id = applied["loan_id"];
  const std::string base = "/api/loans/" + std::to_string(id);
  EXPECT_EQ(env.Post(county, "/api/loans", apply.dump()).status, 409);  // one loan per entitlement

  // Zunyi's officer, the seeker and the auditor cannot touch it.
  for (const Login* who : {&other, &seeker, &auditor}) {
    EXPECT_EQ(env.Post(*who, base + "/approve", R"({"on":"2023-08-26"})").status, 403);
  }
  EXPECT_EQ(env.Post(county, "/api/loans/999999/approve", R"({"on":"2023-08-26"})").status, 404);
  r = env.Post(county, base + "/approve", R"({"on":"2023-08-26"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["loan"]["status_name"], "已审批待放款");

  r = env.Post(county, base + "/disburse", R"({"on":"2023-09-01","amount_fen":10000001,"rate_bp":500})");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("放款金额"), std::string::npos) << r.body;
  EXPECT_EQ(env.Post(other, base + "/disburse", R"({"on":"2023-09-01","amount_fen":10000000,"rate_bp":500})").status,
            403);
  r = env.Post(county, base + "/disburse", R"({"on":"2023-09-01","amount_fen":10000000,"rate_bp":500})");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string loan_no = json::parse(r.body)["loan"]["loan_no"];

  // The bank's repayment file: one bad row, nothing written; fixed, applied;
  // again, unchanged.
  const std::string header = "贷款编号,银行流水号,还款日期,还款本金（元）\n";
  const std::string bad = header + loan_no + ",R-1,2023-10-01,10000\n" + loan_no + ",R-2,2023-08-01,10000\n";
  r = env.Post(county, "/api/loans/bank-files", Multipart("还款", "还款.csv", bad), kMultipart);
  ASSERT_EQ(r.status, 400) << r.body;
  const json errors = json::parse(r.body)["row_errors"];
  ASSERT_GE(errors.size(), 1u);
  EXPECT_EQ(errors[0], "文件 还款.csv 第 3 行 字段 还款日期：还款日期 2023-08-01 早于放款日期 2023-09-01") << r.body;
  EXPECT_EQ(LoanOf(env, county, id)["balance_fen"], 10000000);
  const std::string good = header + loan_no + ",R-1,2023-10-01,10000\n" + loan_no + ",R-2,2023-11-01,10000.00\n";
  // Zunyi's officer uploading the file: the rows are outside the region.
  r = env.Post(other, "/api/loans/bank-files", Multipart("还款", "还款.csv", good), kMultipart);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("不属于本辖区"), std::string::npos) << r.body;
  EXPECT_EQ(env.Post(seeker, "/api/loans/bank-files", Multipart("还款", "还款.csv", good), kMultipart).status, 403);
  r = env.Post(county, "/api/loans/bank-files", Multipart("还款", "还款.csv", good), kMultipart);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["applied"], 2);
  r = env.Post(county, "/api/loans/bank-files", Multipart("还款", "还款.csv", good), kMultipart);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["applied"], 0);
  EXPECT_EQ(json::parse(r.body)["unchanged"], 2);
  EXPECT_EQ(LoanOf(env, county, id)["balance_fen"], 8000000);

  // Extension: applied on 2023-12-31 yes, 2024-01-01 no (正文（五）).
  r = env.Post(county, base + "/extension", R"({"on":"2024-01-01","months":6,"reason":"洪灾"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("2023-12-31"), std::string::npos) << r.body;
  EXPECT_EQ(env.Post(other, base + "/extension", R"({"on":"2023-12-31","months":6,"reason":"洪灾"})").status, 403);
  r = env.Post(county, base + "/extension", R"({"on":"2023-12-31","months":6,"reason":"洪灾"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["loan"]["status_name"], "已展期");

  // Overdue from the bank's file, then compensation after 90 days.
  r = env.Post(county, "/api/loans/bank-files",
               Multipart("逾期", "逾期.csv", "贷款编号,逾期起始日期\n" + loan_no + ",2024-08-01\n"), kMultipart);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(env.Post(county, base + "/compensation", R"({"on":"2024-10-29"})").status, 400);
  EXPECT_EQ(env.Post(other, base + "/compensation", R"({"on":"2024-10-30"})").status, 403);
  r = env.Post(county, base + "/compensation", R"({"on":"2024-10-30"})");
  ASSERT_EQ(r.status, 200) << r.body;
  const int64_t comp = json::parse(r.body)["loan"]["compensated_fen"];
  EXPECT_EQ(comp, 6400000);  // 80 % of 8万

  // Recovery once per receipt; a partial write-off leaves the rest owed.
  EXPECT_EQ(env.Post(other, base + "/recoveries", R"({"ref":"HK-1","on":"2024-12-01","amount_fen":1000000})").status,
            403);
  for (int i = 0; i < 2; ++i) {
    r = env.Post(county, base + "/recoveries", R"({"ref":"HK-1","on":"2024-12-01","amount_fen":1000000})");
    ASSERT_EQ(r.status, 200) << r.body;
  }
  EXPECT_EQ(json::parse(r.body)["loan"]["recovered_fen"], 1000000);
  EXPECT_EQ(env.Post(county, base + "/write-off", R"({"on":"2025-10-29","amount_fen":2000000})").status, 400);
  EXPECT_EQ(env.Post(other, base + "/write-off", R"({"on":"2025-10-30","amount_fen":2000000})").status, 403);
  r = env.Post(county, base + "/write-off", R"({"on":"2025-10-30","amount_fen":2000000})");
  ASSERT_EQ(r.status, 200) << r.body;
  const json after = json::parse(r.body)["loan"];
  EXPECT_EQ(after["status_name"], "已代偿");
  EXPECT_EQ(after["receivable_fen"], comp - 1000000 - 2000000);

  {
    auto db = store::OpenDb(env.db_path);
    ASSERT_TRUE(db);
    auto lc = loans::CheckLoanLedger(**db);
    ASSERT_TRUE(lc) << lc.error().message;
    EXPECT_TRUE(lc->ok()) << (lc->problems.empty() ? "" : lc->problems[0].what);
    EXPECT_EQ(lc->recoveries, 1);
    EXPECT_EQ(lc->write_offs, 1);
    auth::SystemClock clock;
    policy::Ledger ledger(**db, nullptr, clock);
    auto pc = ledger.Check();
    ASSERT_TRUE(pc);
    EXPECT_TRUE(pc->ok());
  }
  // Audited: the refusals and the writes.
  r = env.Get(auditor, "/api/audit?action=loans.approve&limit=50");
  ASSERT_EQ(r.status, 200) << r.body;
  std::set<std::string> results;
  const json audit = json::parse(r.body);
  for (const auto& e : audit["items"]) results.insert(e["result"].get<std::string>());
  EXPECT_TRUE(results.contains("ok") && results.contains("denied")) << r.body;
  r = env.Get(auditor, "/api/audit?action=loans.bank_file&limit=50");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("rejected"), std::string::npos) << r.body;
}

}  // namespace
}  // namespace qjy::server::testing
