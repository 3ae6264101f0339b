// Test fixture of the loans tests: a fresh database (SQLite and PostgreSQL,
// store/store_test_support.h) with the policy and loan tables, the shipped
// parameters, and approved R14/R15 entitlements written as the review list
// holds them after an officer's approval (policy/ledger.h).
#ifndef QJY_LOANS_LOAN_TEST_SUPPORT_H_
#define QJY_LOANS_LOAN_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "auth/clock.h"
#include "loans/loan_store.h"
#include "policy/policy_dir.h"
#include "store/store_test_support.h"
#include "core/date_test_support.h"

namespace qjy::loans::testing {

using ::qjy::test_support::D;

class LoanTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    auto p = policy::ParameterSet::LoadDir(policy::DefaultParamsDir());
    ASSERT_TRUE(p) << p.error().message;
    params_ = std::make_unique<policy::ParameterSet>(std::move(*p));
    loans_ = std::make_unique<LoanStore>(*db_, *params_, nullptr, clock_);
    auto m = loans_->Migrate();
    ASSERT_TRUE(m) << m.error().message;
  }

  // An R14 (person) or R15 (firm) entitlement in `status` for `county`.
  std::string Entitlement(const std::string& rule, int64_t person_id, const std::string& county = "520102",
                          const std::string& status = "approved") {
    const std::string key = rule + "|P:" + std::to_string(person_id) + "|" + std::to_string(person_id) + "|2023";
    auto r = db_->Exec(
        "INSERT INTO policy_entitlements (once_key, rule, title, beneficiary, person_id, employer_code, period, fund, "
        "county_code, amount_fen, loan, decided_on, explanation, status, created_at) VALUES (?, ?, ?, ?, ?, ?, '2023', "
        "'guaranteed_loan', ?, ?, 1, '2023-07-01', '{}', ?, '2023-07-01T00:00:00Z')",
        std::vector<store::Value>{key, rule, std::string(rule == "R14" ? "个人创业担保贷款" : "小微企业创业担保贷款"),
                                  std::string(rule == "R14" ? "张三" : "某某小微企业"), person_id,
                                  std::string(rule == "R14" ? "" : "91520102MA6DKXXXXX"), county,
                                  int64_t{rule == "R14" ? 10000000 : 300000000}, status});
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return key;
  }

  LoanInput Input(const std::string& key, int64_t amount_fen, const std::string& cg = "", int term = 24) {
    LoanInput in;
    in.entitlement_key = key;
    in.amount_fen = amount_fen;
    in.term_months = term;
    in.bank = "贵阳农村商业银行";
    in.guarantee_fund = "贵阳市创业担保贷款担保基金";
    in.counter_guarantee = cg;
    in.applied_on = D("2023-08-25");
    return in;
  }

  // Opens and disburses a loan (not through a file).
  Loan Disbursed(const std::string& key, int64_t amount_fen, const char* on, int64_t rate_bp, int term = 24) {
    auto l = loans_->Create(Input(key, amount_fen, "", term), "officer");
    EXPECT_TRUE(l) << (l ? "" : l.error().message);
    if (!l) return {};
    EXPECT_EQ(loans_->DisbursementProblem(*l, D(on), amount_fen, rate_bp), "");
    auto tx = store::Transaction::Begin(*db_);
    EXPECT_TRUE(tx);
    auto r = loans_->DisburseInTransaction(*l, D(on), amount_fen, rate_bp, "bank");
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    EXPECT_TRUE(tx->Commit());
    return **loans_->Find(l->loan_no);
  }

  int64_t Count(const std::string& sql) {
    auto r = db_->Query(sql);
    return r ? r->at(0).Int(0) : -1;
  }

  auth::ManualClock clock_{1764720000};
  std::unique_ptr<policy::ParameterSet> params_;
  std::unique_ptr<LoanStore> loans_;
};

}  // namespace qjy::loans::testing

#endif  // QJY_LOANS_LOAN_TEST_SUPPORT_H_
