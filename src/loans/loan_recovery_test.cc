// An application approved and disbursed by the officer's single entries,
// then after compensation: recovery back to the fund exactly once per
// receipt, partial write-off leaving the rest owed, and the ledger check
// balancing at every step (SQLite and PostgreSQL).
#include <gtest/gtest.h>

#include "loans/loan_check.h"
#include "loans/loan_schema.h"
#include "loans/loan_store.h"
#include "loans/loan_test_support.h"
#include "policy/ledger.h"
#include "policy/ledger_schema.h"
#include "store/migrations.h"

namespace qjy::loans {
namespace {

using testing::D;

class LoanRecoveryTest : public testing::LoanTest {
 protected:
  void ExpectBalanced() {
    auto lc = CheckLoanLedger(*db_);
    ASSERT_TRUE(lc) << lc.error().message;
    EXPECT_TRUE(lc->ok()) << (lc->problems.empty() ? "" : lc->problems[0].what);
    policy::Ledger ledger(*db_, nullptr, clock_);
    auto pc = ledger.Check();
    ASSERT_TRUE(pc) << pc.error().message;
    EXPECT_TRUE(pc->ok());
  }
  // Debit minus credit of one account in the ledger.
  int64_t Net(const char* account) {
    auto r = db_->Query("SELECT COALESCE(SUM(debit_fen) - SUM(credit_fen), 0) FROM ledger_entries WHERE account = ?",
                        std::vector<store::Value>{std::string(account)});
    return r ? r->at(0).Int(0) : -1;
  }
  Loan Reload(const Loan& l) { return **loans_->FindById(l.loan_id); }

  // Applied, approved, disbursed 8万 on 2023-09-01, 2万 repaid, overdue from
  // 2024-01-15, compensated on 2024-04-14 (the fund's share of 6万).
  Loan Compensated(int64_t person) {
    LoanInput in = Input(Entitlement("R14", person), 8000000);
    in.pending = true;
    auto applied = loans_->Create(in, "officer");
    EXPECT_TRUE(applied) << applied.error().message;
    EXPECT_EQ(applied->status, "applied");
    auto approved = loans_->Approve(*applied, D("2023-08-28"), "officer");
    EXPECT_TRUE(approved) << approved.error().message;
    auto disbursed = loans_->Disburse(*approved, D("2023-09-01"), 8000000, 500, "officer");
    EXPECT_TRUE(disbursed) << disbursed.error().message;
    auto repaid = loans_->Repay(*disbursed, "R-1", D("2023-10-01"), 2000000, "officer");
    EXPECT_TRUE(repaid) << repaid.error().message;
    auto tx = store::Transaction::Begin(*db_);
    EXPECT_TRUE(tx);
    EXPECT_TRUE(loans_->MarkOverdueInTransaction(*repaid, D("2024-01-15"), "bank"));
    EXPECT_TRUE(tx->Commit());
    auto comp = loans_->Compensate(Reload(*repaid), D("2024-04-14"), "officer");
    EXPECT_TRUE(comp) << comp.error().message;
    return Reload(*repaid);
  }
};

TEST_P(LoanRecoveryTest, ApplicationIsApprovedBeforeTheBankMayDisburse) {
  LoanInput in = Input(Entitlement("R14", 1), 5000000);
  in.pending = true;
  auto l = loans_->Create(in, "officer");
  ASSERT_TRUE(l) << l.error().message;
  EXPECT_EQ(StatusName(l->status), "已受理待审批");
  auto early = loans_->Disburse(*l, D("2023-09-01"), 5000000, 500, "officer");
  ASSERT_FALSE(early);
  EXPECT_NE(early.error().message.find("已受理待审批"), std::string::npos) << early.error().message;
  auto before = loans_->Approve(*l, D("2023-08-24"), "officer");  // applied 08-25
  ASSERT_FALSE(before);
  EXPECT_EQ(before.error().code, ErrorCode::kInvalidArgument);
  auto ok = loans_->Approve(*l, D("2023-08-25"), "officer");
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->status, "approved");
  EXPECT_EQ(loans_->Approve(*ok, D("2023-08-26"), "officer").error().code, ErrorCode::kConflict);

  // Single entries check as a bank row does; a repeated entry is a no-op.
  auto over = loans_->Disburse(*ok, D("2023-09-01"), 5000001, 500, "officer");
  ASSERT_FALSE(over);
  EXPECT_NE(over.error().message.find("放款金额："), std::string::npos) << over.error().message;
  auto d = loans_->Disburse(*ok, D("2023-09-01"), 5000000, 500, "officer");
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d->balance_fen(), 5000000);
  ASSERT_TRUE(loans_->Disburse(*d, D("2023-09-01"), 5000000, 500, "officer"));
  auto r = loans_->Repay(*d, "B-1", D("2023-10-01"), 1000000, "officer");
  ASSERT_TRUE(r) << r.error().message;
  auto again = loans_->Repay(*r, "B-1", D("2023-10-01"), 1000000, "officer");
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->balance_fen(), 4000000);
  auto other = loans_->Repay(*r, "B-1", D("2023-10-02"), 1000000, "officer");
  ASSERT_FALSE(other);
  EXPECT_NE(other.error().message.find("银行流水号："), std::string::npos) << other.error().message;
  auto big = loans_->Repay(*r, "B-2", D("2023-11-01"), 4000001, "officer");
  ASSERT_FALSE(big);
  EXPECT_NE(big.error().message.find("大于贷款余额 40,000.00"), std::string::npos) << big.error().message;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loan_repayments"), 1);
  auto events = loans_->Events(*r);
  ASSERT_TRUE(events);
  EXPECT_EQ(events->size(), 4u);  // created, approved, disbursed, repaid
}

TEST_P(LoanRecoveryTest, RecoveryGoesBackToTheFundOncePerReceipt) {
  Loan l = Compensated(1);
  ASSERT_EQ(l.status, "compensated");
  const int64_t comp = l.compensated_fen;
  ASSERT_GT(comp, 0);
  EXPECT_EQ(l.receivable_fen(), comp);
  EXPECT_EQ(Net(kCompReceivable), comp);
  EXPECT_EQ(Net(kFundBank), -comp);

  auto early = loans_->Recover(l, "HK-1", D("2024-04-13"), 100000, "officer");
  ASSERT_FALSE(early);
  EXPECT_NE(early.error().message.find("早于代偿日期"), std::string::npos);
  auto first = loans_->Recover(l, "HK-1", D("2024-06-01"), 1000000, "officer");
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->kind, "recovery");
  // The same receipt again (a retry) posts nothing; other values conflict.
  auto retry = loans_->Recover(Reload(l), "HK-1", D("2024-06-01"), 1000000, "officer");
  ASSERT_TRUE(retry) << retry.error().message;
  auto clash = loans_->Recover(Reload(l), "HK-1", D("2024-06-02"), 1000000, "officer");
  ASSERT_FALSE(clash);
  EXPECT_EQ(clash.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loan_postings WHERE kind = 'recovery'"), 1);
  EXPECT_EQ(Reload(l).recovered_fen, 1000000);
  EXPECT_EQ(Net(kCompReceivable), comp - 1000000);
  ExpectBalanced();

  // More than is owed is refused; exactly the rest clears it.
  auto too_much = loans_->Recover(Reload(l), "HK-2", D("2024-07-01"), comp - 1000000 + 1, "officer");
  ASSERT_FALSE(too_much);
  EXPECT_NE(too_much.error().message.find("大于担保基金尚未收回的代偿款"), std::string::npos);
  auto rest = loans_->Recover(Reload(l), "HK-2", D("2024-07-01"), comp - 1000000, "officer");
  ASSERT_TRUE(rest) << rest.error().message;
  Loan done = Reload(l);
  EXPECT_EQ(done.status, "recovered");
  EXPECT_EQ(StatusName(done.status), "已追偿结清");
  EXPECT_EQ(done.receivable_fen(), 0);
  EXPECT_EQ(Net(kCompReceivable), 0);
  EXPECT_EQ(Net(kFundBank), 0);  // what the fund paid came back
  EXPECT_FALSE(loans_->Recover(done, "HK-3", D("2024-08-01"), 1, "officer"));
  EXPECT_FALSE(loans_->WriteOff(done, D("2025-04-14"), "officer"));
  ExpectBalanced();
}

TEST_P(LoanRecoveryTest, PartialWriteOffLeavesTheRestOwed) {
  Loan l = Compensated(1);
  const int64_t comp = l.compensated_fen;
  ASSERT_TRUE(loans_->Recover(l, "HK-1", D("2024-06-01"), 500000, "officer"));
  l = Reload(l);
  EXPECT_FALSE(loans_->WriteOff(l, D("2025-04-13"), "officer", 100000));  // before 12 months
  auto over = loans_->WriteOff(l, D("2025-04-14"), "officer", comp - 500000 + 1);
  ASSERT_FALSE(over);
  EXPECT_NE(over.error().message.find("大于尚未收回的代偿款"), std::string::npos);

  auto part = loans_->WriteOff(l, D("2025-04-14"), "officer", 2000000);
  ASSERT_TRUE(part) << part.error().message;
  l = Reload(l);
  EXPECT_EQ(l.status, "compensated");  // the rest is still owed
  EXPECT_EQ(l.written_off_fen, 2000000);
  EXPECT_EQ(l.receivable_fen(), comp - 500000 - 2000000);
  EXPECT_EQ(Net(kCompReceivable), l.receivable_fen());
  EXPECT_EQ(Net(kWriteOffExpense), 2000000);
  ExpectBalanced();

  // Recovery goes on against the rest; then the rest is written off.
  ASSERT_TRUE(loans_->Recover(l, "HK-2", D("2025-05-01"), 100000, "officer"));
  l = Reload(l);
  auto last = loans_->WriteOff(l, D("2025-06-01"), "officer");  // 0: all that is owed
  ASSERT_TRUE(last) << last.error().message;
  EXPECT_EQ(last->amount_fen, comp - 500000 - 2000000 - 100000);
  EXPECT_EQ(last->month_no, 1);
  l = Reload(l);
  EXPECT_EQ(l.status, "written_off");
  EXPECT_EQ(l.recovered_fen + l.written_off_fen, comp);
  EXPECT_EQ(Net(kCompReceivable), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loan_postings WHERE kind = 'write_off'"), 2);
  EXPECT_FALSE(loans_->WriteOff(l, D("2025-06-02"), "officer"));
  ExpectBalanced();

  // A loan whose columns disagree with its postings is flagged.
  ASSERT_TRUE(db_->Exec("UPDATE loans SET written_off_fen = written_off_fen + 1"));
  auto lc = CheckLoanLedger(*db_);
  ASSERT_TRUE(lc);
  ASSERT_FALSE(lc->ok());
  EXPECT_NE(lc->problems[0].what.find("核销金额与核销记账不符"), std::string::npos) << lc->problems[0].what;
}

// Migration 1101 on a database whose loans predate it: a loan written off
// whole holds its compensated amount as written off, others nothing.
class LoanMigrationTest : public store::testing::StoreTest {};

TEST_P(LoanMigrationTest, WrittenOffLoansKeepTheirAmountAfter1101) {
  ASSERT_TRUE(policy::MigratePolicy(*db_));
  ASSERT_TRUE(store::ApplyMigrations(*db_, LoanMigrations().first(1)));
  for (const char* status : {"written_off", "compensated"}) {
    ASSERT_TRUE(db_->Exec(
        "INSERT INTO loans (county_code, loan_no, entitlement_key, rule, kind, person_id, employer_code, borrower, "
        "amount_fen, term_months, bank, guarantee_fund, counter_guarantee, counter_guarantee_waived, applied_on, status, "
        "compensated_fen, created_by, created_at) VALUES ('520102', ?, ?, 'R14', 'person', 1, '', '张三', 100, 12, 'b', "
        "'f', '', 1, '2023-08-25', ?, 80, 'x', 'x')",
        std::vector<store::Value>{std::string("DK-") + status, std::string("R14|") + status, std::string(status)}));
  }
  ASSERT_TRUE(MigrateLoans(*db_));
  auto rows = db_->Query("SELECT status, written_off_fen, recovered_fen FROM loans ORDER BY loan_no DESC");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ(rows->at(0).Text(0), "written_off");
  EXPECT_EQ(rows->at(0).Int(1), 80);
  EXPECT_EQ(rows->at(1).Int(1), 0);
  EXPECT_EQ(rows->at(1).Int(2), 0);
}

QJY_INSTANTIATE_STORE_TEST(LoanRecoveryTest);
QJY_INSTANTIATE_STORE_TEST(LoanMigrationTest);

}  // namespace
}  // namespace qjy::loans
