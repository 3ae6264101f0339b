#include "loans/loan_store.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "loans/loan_check.h"
#include "loans/loan_test_support.h"
#include "loans/subsidy.h"
#include "policy/ledger.h"

namespace qjy::loans {
namespace {

using store::Dialect;
using testing::D;

class LoanStoreTest : public testing::LoanTest {
 protected:
  policy::LedgerReport PolicyCheck() {
    policy::Ledger ledger(*db_, nullptr, clock_);
    auto r = ledger.Check();
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? *r : policy::LedgerReport{};
  }
  LoanLedgerReport LoanCheck() {
    auto r = CheckLoanLedger(*db_);
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? *r : LoanLedgerReport{};
  }
};

// A3(七): "10万元及以下" waives the counter-guarantee, 10万 itself included.
TEST_P(LoanStoreTest, CounterGuaranteeWaivedAtOneHundredThousandYuanNotAbove) {
  auto at = loans_->Create(Input(Entitlement("R14", 1), 10000000), "officer");
  ASSERT_TRUE(at) << at.error().message;
  EXPECT_TRUE(at->counter_guarantee_waived);
  EXPECT_EQ(at->status, "approved");
  EXPECT_EQ(at->kind, "person");
  EXPECT_EQ(at->county_code, "520102");
  EXPECT_EQ(at->borrower, "张三");

  const std::string key2 = Entitlement("R14", 2);
  auto above = loans_->Create(Input(key2, 10000001), "officer");
  ASSERT_FALSE(above);
  EXPECT_EQ(above.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(above.error().message.find("反担保"), std::string::npos) << above.error().message;
  EXPECT_NE(above.error().message.find("附件3（七）"), std::string::npos) << above.error().message;

  auto with_cg = loans_->Create(Input(key2, 10000001, "房产抵押"), "officer");
  ASSERT_TRUE(with_cg) << with_cg.error().message;
  EXPECT_FALSE(with_cg->counter_guarantee_waived);
  EXPECT_EQ(with_cg->counter_guarantee, "房产抵押");

  // A counter-guarantee offered at or below the limit is not needed: waived.
  auto below = loans_->Create(Input(Entitlement("R14", 3), 9999999, "房产抵押"), "officer");
  ASSERT_TRUE(below);
  EXPECT_TRUE(below->counter_guarantee_waived);
  EXPECT_EQ(below->counter_guarantee, "");
}

TEST_P(LoanStoreTest, LimitsTermsAndEntitlementState) {
  const int64_t person_max = params_->ValueAt("loans.person_max", D("2023-08-25")).value();
  auto over = loans_->Create(Input(Entitlement("R14", 1), person_max + 1, "保证人"), "officer");
  ASSERT_FALSE(over);
  EXPECT_NE(over.error().message.find("超过上限"), std::string::npos);

  const std::string firm = Entitlement("R15", 2, "520302");
  auto firm_no_cg = loans_->Create(Input(firm, 300000000), "officer");
  ASSERT_FALSE(firm_no_cg);
  EXPECT_NE(firm_no_cg.error().message.find("反担保"), std::string::npos);
  auto firm_over = loans_->Create(Input(firm, 300000001, "应收账款质押"), "officer");
  ASSERT_FALSE(firm_over);
  EXPECT_NE(firm_over.error().message.find("附件3（十）"), std::string::npos);
  auto firm_long = loans_->Create(Input(firm, 300000000, "应收账款质押", 25), "officer");
  ASSERT_FALSE(firm_long);  // firms at most 24 months
  auto firm_ok = loans_->Create(Input(firm, 300000000, "应收账款质押", 24), "officer");
  ASSERT_TRUE(firm_ok) << firm_ok.error().message;
  EXPECT_EQ(firm_ok->kind, "firm");
  EXPECT_EQ(firm_ok->loan_no.substr(0, 8), "DK520302");

  auto again = loans_->Create(Input(firm, 1000000, "应收账款质押"), "officer");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);

  auto proposed = loans_->Create(Input(Entitlement("R14", 3, "520102", "proposed"), 1000000), "officer");
  ASSERT_FALSE(proposed);
  EXPECT_EQ(proposed.error().code, ErrorCode::kConflict);
  auto missing = loans_->Create(Input("R14|nobody", 1000000), "officer");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loans"), 1);
}

// main(五): extension up to one year, "政策实施期限截至2023年12月31日".
TEST_P(LoanStoreTest, ExtensionAppliedOnLastDayAllowedDayAfterRefused) {
  Loan a = Disbursed(Entitlement("R14", 1), 10000000, "2023-09-01", 500);
  Loan b = Disbursed(Entitlement("R14", 2), 10000000, "2023-09-01", 500);
  ASSERT_EQ(a.maturity_on, D("2025-09-01"));

  auto ok = loans_->Extend(a.loan_no, D("2023-12-31"), 12, "2023年洪灾致经营场所受损", "officer");
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->status, "extended");
  EXPECT_EQ(ok->maturity_on, D("2026-09-01"));
  EXPECT_EQ(ok->extended_months, 12);

  auto late = loans_->Extend(b.loan_no, D("2024-01-01"), 6, "洪灾", "officer");
  ASSERT_FALSE(late);
  EXPECT_NE(late.error().message.find("2023-12-31"), std::string::npos) << late.error().message;
  EXPECT_NE(late.error().message.find("正文（五）"), std::string::npos) << late.error().message;
  EXPECT_EQ((*loans_->Find(b.loan_no))->status, "disbursed");

  auto too_long = loans_->Extend(b.loan_no, D("2023-12-01"), 13, "洪灾", "officer");
  ASSERT_FALSE(too_long);
  EXPECT_NE(too_long.error().message.find("12"), std::string::npos);
  auto no_reason = loans_->Extend(b.loan_no, D("2023-12-01"), 6, "", "officer");
  ASSERT_FALSE(no_reason);
  auto twice = loans_->Extend(a.loan_no, D("2023-12-31"), 1, "再次", "officer");
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().message.find("已展期"), std::string::npos);

  // The deadline is the parameter's, not the code's.
  ASSERT_TRUE(params_->ReplaceYaml(R"(r14.extension_valid_until:
  description: 展期政策实施期限（含当日）
  unit: date
  reference: main(五)
  values:
    2023-06-15: 2024-06-30
)", "drill.yaml"));
  auto drill = loans_->Extend(b.loan_no, D("2024-01-01"), 6, "洪灾", "officer");
  ASSERT_TRUE(drill) << drill.error().message;
  EXPECT_EQ(drill->maturity_on, D("2026-03-01"));
}

// 10万 at 5.00 % disbursed 2023-09-01 (LPR 3.45 %): the borrower bears
// LPR − 1.50 = 1.95 %, the subsidy is 3.05 % a year of the balance.
TEST_P(LoanStoreTest, MonthlySubsidyPostedOnceWithRepaymentsAndOverdue) {
  Loan l = Disbursed(Entitlement("R14", 1), 10000000, "2023-09-01", 500);
  ASSERT_EQ(l.lpr_bp, 345);
  const int64_t full = 25417;  // 100000 × 3.05 % / 12 = 254.1667 yuan, rounded half up to the fen
  ASSERT_EQ(MonthlySubsidyFen(10000000, 500, 345, 150, 10000), full);

  auto run = RunSubsidies(*loans_, D("2023-12-01"), "52", "officer");
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run->loans, 1);
  EXPECT_EQ(run->months_paid, 3);  // months ending 10-01, 11-01, 12-01
  EXPECT_EQ(run->paid_fen, 3 * (full));

  auto rerun = RunSubsidies(*loans_, D("2023-12-01"), "52", "officer");
  ASSERT_TRUE(rerun);
  EXPECT_EQ(rerun->months_paid, 0);
  EXPECT_EQ(rerun->paid_fen, 0);
  EXPECT_EQ(rerun->months_already, 3);

  // Half repaid on 2023-12-01: month 4 (12-01..01-01) on 5万.
  auto tx = store::Transaction::Begin(*db_);
  ASSERT_TRUE(tx);
  ASSERT_TRUE(loans_->RepayInTransaction(l, "R-1", D("2023-12-01"), 5000000, "test", "bank"));
  ASSERT_TRUE(tx->Commit());
  EXPECT_EQ((*loans_->Find(l.loan_no))->status, "repaying");
  // Overdue from 2024-01-15: month 5 ends 02-01, after it: no subsidy.
  auto tx2 = store::Transaction::Begin(*db_);
  ASSERT_TRUE(tx2);
  ASSERT_TRUE(loans_->MarkOverdueInTransaction(**loans_->Find(l.loan_no), D("2024-01-15"), "bank"));
  ASSERT_TRUE(tx2->Commit());
  auto next = RunSubsidies(*loans_, D("2024-03-01"), "", "officer");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->months_paid, 1);
  EXPECT_EQ(next->paid_fen, MonthlySubsidyFen(5000000, 500, 345, 150, 10000));
  EXPECT_EQ(next->months_unsubsidised, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loan_postings WHERE kind = 'subsidy'"), 4);

  auto pc = PolicyCheck();
  EXPECT_TRUE(pc.ok()) << (pc.problems.empty() ? "" : pc.problems[0].what);
  EXPECT_EQ(pc.debit_fen, 3 * (full) + next->paid_fen);
  auto lc = LoanCheck();
  EXPECT_TRUE(lc.ok()) << (lc.problems.empty() ? "" : lc.problems[0].what);
  EXPECT_EQ(lc.subsidy_months, 4);
  EXPECT_EQ(lc.subsidy_fen, pc.debit_fen);
}

TEST_P(LoanStoreTest, SubsidyRunInterruptedMidwayPaysNoMonthTwice) {
  Disbursed(Entitlement("R14", 1), 6000000, "2024-01-10", 450);
  Disbursed(Entitlement("R14", 2), 8000000, "2024-01-10", 450);
  // The third posting's transaction dies (as a crash would): rolled back.
  EXPECT_THROW((void)RunSubsidies(*loans_, D("2024-05-10"), "", "officer",
                                  [](int i) {
                                    if (i == 2) throw std::runtime_error("killed");
                                  }),
               std::runtime_error);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loan_postings"), 2);
  auto resumed = RunSubsidies(*loans_, D("2024-05-10"), "", "officer");
  ASSERT_TRUE(resumed) << resumed.error().message;
  EXPECT_EQ(resumed->months_already, 2);
  EXPECT_EQ(resumed->months_paid, 6);  // 4 months each, 8 in all
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loan_postings"), 8);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM ledger_entries"), 16);
  EXPECT_TRUE(LoanCheck().ok());
  EXPECT_TRUE(PolicyCheck().ok());
}

TEST_P(LoanStoreTest, CompensationSharesTheRiskAndWriteOffFollowsOnce) {
  Loan l = Disbursed(Entitlement("R14", 1), 10000000, "2023-09-01", 500);
  auto tx = store::Transaction::Begin(*db_);
  ASSERT_TRUE(tx);
  ASSERT_TRUE(loans_->RepayInTransaction(l, "R-1", D("2023-10-01"), 2500000, "test", "bank"));
  ASSERT_TRUE(loans_->MarkOverdueInTransaction(l, D("2024-01-15"), "bank"));
  ASSERT_TRUE(tx->Commit());

  auto early = loans_->Compensate(l.loan_no, D("2024-04-13"), "officer");  // day 89
  ASSERT_FALSE(early);
  EXPECT_NE(early.error().message.find("2024-04-14"), std::string::npos) << early.error().message;
  auto comp = loans_->Compensate(l.loan_no, D("2024-04-14"), "officer");
  ASSERT_TRUE(comp) << comp.error().message;
  const int64_t share = params_->ValueAt("loans.fund_share_bp", D("2024-04-14")).value();
  EXPECT_EQ(comp->base_fen, 7500000);
  EXPECT_EQ(comp->amount_fen, 7500000 * share / 10000);
  Loan after = **loans_->Find(l.loan_no);
  EXPECT_EQ(after.status, "compensated");
  EXPECT_EQ(after.compensated_fen + after.bank_loss_fen, 7500000);
  EXPECT_FALSE(loans_->Compensate(l.loan_no, D("2024-04-15"), "officer"));

  EXPECT_FALSE(loans_->WriteOff(l.loan_no, D("2025-04-13"), "officer"));
  auto wo = loans_->WriteOff(l.loan_no, D("2025-04-14"), "officer");
  ASSERT_TRUE(wo) << wo.error().message;
  EXPECT_EQ(wo->amount_fen, after.compensated_fen);
  EXPECT_FALSE(loans_->WriteOff(l.loan_no, D("2025-04-15"), "officer"));
  EXPECT_EQ((*loans_->Find(l.loan_no))->status, "written_off");

  auto lc = LoanCheck();
  EXPECT_TRUE(lc.ok()) << (lc.problems.empty() ? "" : lc.problems[0].what);
  EXPECT_EQ(lc.compensations, 1);
  EXPECT_EQ(lc.write_offs, 1);
  EXPECT_EQ(lc.compensation_fen, after.compensated_fen);
  EXPECT_TRUE(PolicyCheck().ok());
  // The receivable is cleared by the write-off.
  auto recv = db_->Query("SELECT SUM(debit_fen) - SUM(credit_fen) FROM ledger_entries WHERE account = ?",
                         std::vector<store::Value>{std::string(kCompReceivable)});
  ASSERT_TRUE(recv);
  EXPECT_EQ(recv->at(0).Int(0), 0);
  auto events = loans_->Events(**loans_->Find(l.loan_no));
  ASSERT_TRUE(events);
  EXPECT_EQ(events->size(), 6u);  // created, disbursed, repaid, overdue, compensated, written_off
}

TEST_P(LoanStoreTest, CheckFindsLoanEntriesWithoutPostingAndPostingsWithoutEntries) {
  Disbursed(Entitlement("R14", 1), 6000000, "2024-01-10", 450);
  ASSERT_TRUE(RunSubsidies(*loans_, D("2024-03-10"), "", "officer"));
  ASSERT_TRUE(LoanCheck().ok());
  // Two balanced entries for no posting: the subsidy ledger check leaves
  // "loan:" transactions alone, the loans check flags them.
  for (auto [d, c] : {std::pair<int64_t, int64_t>{100, 0}, {0, 100}}) {
    ASSERT_TRUE(db_->Exec(
        "INSERT INTO ledger_entries (txn, once_key, account, debit_fen, credit_fen, created_at) VALUES "
        "('loan:forged', 'forged', 'x', ?, ?, '2024-01-01')",
        std::vector<store::Value>{d, c}));
  }
  EXPECT_TRUE(PolicyCheck().ok());
  auto lc = LoanCheck();
  ASSERT_EQ(lc.problems.size(), 1u);
  EXPECT_EQ(lc.problems[0].kind, "orphan_entries");
  EXPECT_NE(lc.problems[0].what.find("loan:forged"), std::string::npos);
  // A posting whose entries are missing.
  ASSERT_TRUE(db_->Exec(
      "INSERT INTO loan_postings (county_code, loan_id, kind, month_no, once_key, period_from, period_to, base_fen, "
      "rate_bp, amount_fen, actor, created_at) VALUES ('520102', 1, 'subsidy', 99, 'k99', '2024-01-01', "
      "'2024-02-01', 1, 1, 5, 'x', 'x')"));
  lc = LoanCheck();
  ASSERT_EQ(lc.problems.size(), 2u);
  EXPECT_EQ(lc.problems[1].kind, "missing_entries");
}

QJY_INSTANTIATE_STORE_TEST(LoanStoreTest);

}  // namespace
}  // namespace qjy::loans
