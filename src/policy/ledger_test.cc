// The exactly-once contract of the payment ledger, on SQLite and (with
// QJY_TEST_PG_URL) PostgreSQL: retries, ten concurrent approvals, a kill -9
// in the middle of a batch, reversals, reconciliation.
#include "policy/ledger.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "audit/audit_schema.h"
#include "policy/ledger_schema.h"
#include "store/store_test_support.h"

namespace qjy::policy {
namespace {

using store::Dialect;

Decision MakeDecision(int i, int64_t amount = 100000, bool loan = false) {
  Decision d;
  d.rule = loan ? "R14" : "R2";
  d.title = "测试";
  d.date = "2023-10-01";
  d.eligible = true;
  d.loan = loan;
  d.amount_fen = amount;
  d.fund = loan ? Fund::kGuaranteedLoan : Fund::kEmploymentSubsidy;
  d.beneficiary = "E:E1";
  d.person_id = i;
  d.employer_code = "E1";
  d.period = "once";
  d.county_code = "520102";
  d.once_key = d.rule + "|E:E1|" + std::to_string(i) + "|once";
  return d;
}

int64_t Count(store::Db& db, const char* table) {
  auto rows = db.Query(std::string("SELECT COUNT(*) FROM ") + table);
  return rows ? rows->front().Int(0) : -1;
}

class LedgerTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(MigratePolicy(*db_));
    ASSERT_TRUE(audit::MigrateAudit(*db_));
  }
  auth::ManualClock clock_{1'700'000'000};
};

TEST_P(LedgerTest, ProposeOnceApproveOncePayOnce) {
  Ledger ledger(*db_, nullptr, clock_);
  std::vector<Decision> ds = {MakeDecision(1), MakeDecision(2, 50000)};
  ds.push_back(MakeDecision(3));
  ds.back().eligible = false;  // refusals are not listed
  ASSERT_EQ(ledger.Propose(ds, "officer").value(), 2);
  EXPECT_EQ(ledger.Propose(ds, "officer").value(), 0);  // a second sweep adds nothing
  auto first = ledger.Approve(ds[0].once_key, "officer", "idem-1");
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->outcome, PayOutcome::kPaid);
  auto again = ledger.Approve(ds[0].once_key, "officer", "idem-1");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->outcome, PayOutcome::kAlreadyPaid);
  // The same idempotency key for another entitlement is refused.
  auto clash = ledger.Approve(ds[1].once_key, "officer", "idem-1");
  ASSERT_FALSE(clash);
  EXPECT_EQ(clash.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Count(*db_, "policy_payments"), 1);
  auto rep = ledger.Check();
  ASSERT_TRUE(rep);
  EXPECT_TRUE(rep->ok());
  EXPECT_EQ(rep->debit_fen, 100000);
  EXPECT_EQ(rep->credit_fen, 100000);
  EXPECT_EQ(rep->entries, 2);
  // Append-only: no edits.
  EXPECT_FALSE(db_->Exec("UPDATE ledger_entries SET debit_fen = 1"));
  EXPECT_FALSE(db_->Exec("DELETE FROM policy_payments"));
  EXPECT_FALSE(ledger.Approve("R2|E:E1|99|once", "officer"));
}

TEST_P(LedgerTest, LoansAreReferredNotPaid) {
  Ledger ledger(*db_, nullptr, clock_);
  auto d = MakeDecision(1, 10000000, /*loan=*/true);
  ASSERT_TRUE(ledger.Propose({d}, "officer"));
  EXPECT_EQ(ledger.Approve(d.once_key, "officer")->outcome, PayOutcome::kReferred);
  EXPECT_EQ(ledger.Approve(d.once_key, "officer")->outcome, PayOutcome::kAlreadyPaid);
  EXPECT_EQ(Count(*db_, "policy_payments"), 0);
}

TEST_P(LedgerTest, TenConcurrentRetriesPayOnce) {
  Ledger setup(*db_, nullptr, clock_);
  const Decision d = MakeDecision(7);
  ASSERT_TRUE(setup.Propose({d}, "officer"));
  std::atomic<int> paid{0}, already{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 10; ++t) {
    threads.emplace_back([&, t] {
      auto db = Open();
      if (!db) {
        ++failed;
        return;
      }
      Ledger ledger(**db, nullptr, clock_);
      auto r = ledger.Approve(d.once_key, "officer" + std::to_string(t));
      if (!r) {
        ++failed;
      } else if (r->outcome == PayOutcome::kPaid) {
        ++paid;
      } else {
        ++already;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(paid.load(), 1);
  EXPECT_EQ(already.load(), 9);
  EXPECT_EQ(Count(*db_, "policy_payments"), 1);
  EXPECT_EQ(Count(*db_, "ledger_entries"), 2);
  auto rep = setup.Check();
  ASSERT_TRUE(rep);
  EXPECT_TRUE(rep->ok());
}

TEST_P(LedgerTest, KillNineMidBatchThenRerunPaysEachOnce) {
  Ledger setup(*db_, nullptr, clock_);
  std::vector<Decision> ds;
  for (int i = 1; i <= 20; ++i) ds.push_back(MakeDecision(i, 1000 + i));
  ASSERT_EQ(setup.Propose(ds, "officer").value(), 20);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto db = Open();
    if (!db) _exit(3);
    Ledger ledger(**db, nullptr, clock_);
    // Killed inside the 8th payment's transaction, after its ledger entries.
    (void)ledger.ApproveAll({}, "batch", [](int i) {
      if (i == 7) raise(SIGKILL);
    });
    _exit(4);  // not reached
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(WTERMSIG(status), SIGKILL);
  // The seven committed payments survive; the eighth left nothing behind.
  auto db = Open();
  ASSERT_TRUE(db);
  EXPECT_EQ(Count(**db, "policy_payments"), 7);
  EXPECT_EQ(Count(**db, "ledger_entries"), 14);
  Ledger rerun(**db, nullptr, clock_);
  auto r = rerun.ApproveAll({}, "batch");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->size(), 13u);
  EXPECT_EQ(Count(**db, "policy_payments"), 20);
  auto again = rerun.ApproveAll({}, "batch");
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->empty());
  auto rep = rerun.Check();
  ASSERT_TRUE(rep);
  EXPECT_TRUE(rep->ok());
  int64_t expected = 0;
  for (const auto& d : ds) expected += d.amount_fen;
  EXPECT_EQ(rep->paid_fen, expected);
}

TEST_P(LedgerTest, ReversalInsteadOfEdit) {
  audit::AuditLog audit(clock_, audit::SealConfig::Ephemeral());
  Ledger ledger(*db_, &audit, clock_);
  const Decision d = MakeDecision(1);
  ASSERT_TRUE(ledger.Propose({d}, "officer"));
  ASSERT_TRUE(ledger.Approve(d.once_key, "officer"));
  EXPECT_FALSE(ledger.Reverse(d.once_key, "officer", ""));
  ASSERT_TRUE(ledger.Reverse(d.once_key, "officer", "重复申领核查"));
  auto twice = ledger.Reverse(d.once_key, "officer", "再次");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  auto pay_again = ledger.Approve(d.once_key, "officer");
  ASSERT_FALSE(pay_again);
  EXPECT_EQ(pay_again.error().code, ErrorCode::kConflict);
  auto rep = ledger.Check();
  ASSERT_TRUE(rep);
  EXPECT_TRUE(rep->ok());
  EXPECT_EQ(rep->reversed_fen, 100000);
  EXPECT_EQ(rep->entries, 4);
  // Approvals and reversals are audited.
  auto found = audit.Search(*db_, {.action = "policy.reverse"});
  ASSERT_TRUE(found);
  EXPECT_EQ(found->size(), 1u);
  auto approvals = audit.Search(*db_, {.action = "policy.approve"});
  ASSERT_TRUE(approvals);
  EXPECT_EQ(approvals->size(), 2u);
}

TEST_P(LedgerTest, CheckFindsImbalanceAndOrphans) {
  Ledger ledger(*db_, nullptr, clock_);
  ASSERT_TRUE(db_->Exec(
      "INSERT INTO ledger_entries (txn, once_key, account, debit_fen, credit_fen, created_at) "
      "VALUES ('pay:x', 'x', 'a', 5, 0, 't')"));
  auto rep = ledger.Check();
  ASSERT_TRUE(rep);
  EXPECT_FALSE(rep->ok());
  bool imbalance = false, orphan = false;
  for (const auto& p : rep->problems) {
    imbalance |= p.kind == "imbalance";
    orphan |= p.kind == "orphan_entries";
  }
  EXPECT_TRUE(imbalance);
  EXPECT_TRUE(orphan);
}

QJY_INSTANTIATE_STORE_TEST(LedgerTest);

}  // namespace
}  // namespace qjy::policy
