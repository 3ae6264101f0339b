// Payment batches on SQLite and (with QJY_TEST_PG_URL) PostgreSQL: totals
// per fund with loans apart, the two-person rule and its threshold
// parameter, scope, exactly-once payment and the audit trail.
#include "policy_services/payment_batch.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "audit/audit_schema.h"
#include "policy/policy_dir.h"
#include "store/store_test_support.h"

namespace qjy::policy_services {
namespace {

using store::Dialect;

policy::Decision MakeDecision(int i, int64_t amount, bool loan = false, const char* county = "520102") {
  policy::Decision d;
  d.rule = loan ? "R15" : "R2";
  d.title = "测试";
  d.date = "2023-10-01";
  d.eligible = true;
  d.loan = loan;
  d.amount_fen = amount;
  d.fund = loan ? policy::Fund::kGuaranteedLoan : policy::Fund::kEmploymentSubsidy;
  d.beneficiary = "P:" + std::to_string(i);
  d.person_id = i;
  d.period = "once";
  d.county_code = county;
  d.once_key = d.rule + "|P:" + std::to_string(i) + "|" + std::to_string(i) + "|once";
  return d;
}

int64_t Count(store::Db& db, const std::string& sql) {
  auto rows = db.Query(sql);
  return rows ? rows->front().Int(0) : -1;
}

class PaymentBatchTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(PaymentBatches::Migrate(*db_));
    ASSERT_TRUE(PaymentBatches::Migrate(*db_));  // idempotent
    ASSERT_TRUE(audit::MigrateAudit(*db_));
    policy::Ledger ledger(*db_, nullptr, clock_);
    ASSERT_TRUE(ledger.Propose({MakeDecision(1, 100000), MakeDecision(2, 50000),
                                MakeDecision(3, 300000000, /*loan=*/true), MakeDecision(4, 70000, false, "520303")},
                               "sweep"));
  }
  auth::ManualClock clock_{1'700'000'000};
};

TEST_P(PaymentBatchTest, TotalsPerFundLoansApart) {
  PaymentBatches batches(*db_, nullptr, clock_);
  auto b = batches.Submit({.all = true, .region = "520102"}, "reviewer", "5201");
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ(b->status, "submitted");
  EXPECT_EQ(b->count, 3);
  EXPECT_EQ(b->subsidy_count, 2);
  EXPECT_EQ(b->subsidy_fen, 150000);
  EXPECT_EQ(b->loan_count, 1);
  EXPECT_EQ(b->loan_fen, 300000000);
  ASSERT_EQ(b->funds.size(), 2u);
  EXPECT_EQ(b->funds[0].fund_label, "就业补助资金");
  EXPECT_FALSE(b->funds[0].loan);
  EXPECT_EQ(b->funds[0].amount_fen, 150000);
  EXPECT_TRUE(b->funds[1].loan);
  // An entitlement is frozen into one batch only.
  auto again = batches.Submit({.all = true, .region = "520102"}, "reviewer", "5201");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kInvalidArgument);
  // Out of scope: another prefecture's entitlement or region.
  auto other = batches.Submit({.once_keys = {"R2|P:4|4|once"}}, "reviewer", "5201");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kPermissionDenied);
  EXPECT_FALSE(batches.Submit({.all = true, .region = "52"}, "reviewer", "5201"));
  auto in = batches.BatchesOf({"R2|P:1|1|once", "R2|P:4|4|once"});
  ASSERT_TRUE(in);
  EXPECT_EQ(*in, (std::map<std::string, int64_t>{{"R2|P:1|1|once", b->batch_id}}));
  auto items = batches.Items(b->batch_id);
  ASSERT_TRUE(items);
  EXPECT_EQ(items->size(), 3u);
  // Invisible outside its scope.
  EXPECT_FALSE(batches.Get(b->batch_id, "5203").value().has_value());
}

TEST_P(PaymentBatchTest, TwoPersonRulePaysOnceAndAudits) {
  audit::AuditLog audit(clock_, url_);
  PaymentBatches batches(*db_, &audit, clock_);
  auto b = batches.Submit({.once_keys = {"R2|P:1|1|once", "R2|P:2|2|once"}}, "reviewer", "");
  ASSERT_TRUE(b) << b.error().message;
  // The submitter may not approve a batch above the threshold.
  auto self = batches.Approve(b->batch_id, "reviewer", "", 149999);
  ASSERT_FALSE(self);
  EXPECT_EQ(self.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(self.error().message.find("两人审批"), std::string::npos);
  EXPECT_EQ(Count(*db_, "SELECT COUNT(*) FROM policy_payments"), 0);
  // Another officer may; each entitlement is paid once.
  auto ok = batches.Approve(b->batch_id, "approver", "", 0);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->batch.status, "paid");
  EXPECT_EQ(ok->batch.approved_by, "approver");
  ASSERT_EQ(ok->results.size(), 2u);
  EXPECT_EQ(ok->results[0].outcome, policy::PayOutcome::kPaid);
  auto twice = batches.Approve(b->batch_id, "approver", "", 0);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Count(*db_, "SELECT COUNT(*) FROM policy_payments"), 2);
  EXPECT_EQ(Count(*db_, "SELECT COUNT(*) FROM audit_log WHERE action = 'policy.batch_submit'"), 1);
  EXPECT_EQ(Count(*db_, "SELECT COUNT(*) FROM audit_log WHERE action = 'policy.batch_approve' AND result = 'denied'"), 1);
  EXPECT_EQ(Count(*db_, "SELECT COUNT(*) FROM audit_log WHERE action = 'policy.batch_approve' AND result = 'ok'"), 1);
  policy::Ledger ledger(*db_, nullptr, clock_);
  EXPECT_TRUE(ledger.Check().value().ok());
}

TEST_P(PaymentBatchTest, WhoProposedMayNotApprove) {
  PaymentBatches batches(*db_, nullptr, clock_);
  ASSERT_TRUE(batches.RecordProposers({MakeDecision(1, 100000)}, "sweeper"));
  ASSERT_TRUE(batches.RecordProposers({MakeDecision(1, 100000), MakeDecision(2, 50000)}, "late"));
  auto b = batches.Submit({.once_keys = {"R2|P:1|1|once", "R2|P:2|2|once"}}, "reviewer", "");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->proposed_by, (std::vector<std::string>{"late", "sweeper"}));  // the first proposer of each key
  auto denied = batches.Approve(b->batch_id, "sweeper", "", 0);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(denied.error().message.find("查找提出"), std::string::npos);
  EXPECT_FALSE(batches.Approve(b->batch_id, "late", "", 0));
  EXPECT_TRUE(batches.Approve(b->batch_id, "approver", "", 0));
}

TEST_P(PaymentBatchTest, AtOrBelowThresholdOneOfficerMayDoBoth) {
  PaymentBatches batches(*db_, nullptr, clock_);
  auto b = batches.Submit({.once_keys = {"R2|P:2|2|once"}}, "reviewer", "");
  ASSERT_TRUE(b);
  auto ok = batches.Approve(b->batch_id, "reviewer", "", 50000);  // exactly the threshold
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->results.at(0).outcome, policy::PayOutcome::kPaid);
}

TEST_P(PaymentBatchTest, LoansAreReferredNotPaid) {
  PaymentBatches batches(*db_, nullptr, clock_);
  auto b = batches.Submit({.once_keys = {"R15|P:3|3|once"}}, "reviewer", "");
  ASSERT_TRUE(b);
  // The loan counts towards the two-person threshold.
  EXPECT_FALSE(batches.Approve(b->batch_id, "reviewer", "", 150000));
  auto ok = batches.Approve(b->batch_id, "approver", "", 0);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->results.at(0).outcome, policy::PayOutcome::kReferred);
  EXPECT_EQ(Count(*db_, "SELECT COUNT(*) FROM policy_payments"), 0);
}

TEST_P(PaymentBatchTest, TwoApproversRacingPayOnce) {
  PaymentBatches setup(*db_, nullptr, clock_);
  auto b = setup.Submit({.all = true, .region = "52"}, "reviewer", "");
  ASSERT_TRUE(b);
  std::atomic<int> won{0}, lost{0};
  std::vector<std::thread> ts;
  for (int i = 0; i < 2; ++i) {
    ts.emplace_back([&, i] {
      auto db = Open();
      if (!db) return;
      PaymentBatches mine(**db, nullptr, clock_);
      auto r = mine.Approve(b->batch_id, "approver" + std::to_string(i), "", 0);
      (r ? won : lost)++;
    });
  }
  for (auto& t : ts) t.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(lost.load(), 1);
  EXPECT_EQ(Count(*db_, "SELECT COUNT(*) FROM policy_payments"), 3);
}

TEST(SingleOfficerMax, ReadFromTheDatedParameter) {
  auto params = policy::ParameterSet::LoadDir(policy::DefaultParamsDir());
  ASSERT_TRUE(params) << params.error().message;
  auto v = SingleOfficerMaxFen(*params, *Date::Parse("2026-12-03"));
  ASSERT_TRUE(v) << v.error().message;
  EXPECT_EQ(*v, 0);
  EXPECT_FALSE(SingleOfficerMaxFen(*params, *Date::Parse("2023-01-01")));  // before the scheme
  ASSERT_TRUE(params->ReplaceYaml(
      "payment.single_officer_max:\n  description: x\n  unit: fen\n  reference: main(二十一)\n"
      "  values: {2023-06-15: 0, 2027-01-01: 500000}\n",
      "drill"));
  EXPECT_EQ(SingleOfficerMaxFen(*params, *Date::Parse("2027-01-01")).value(), 500000);
}

// A re-check as the rules engine would answer it after the facts or the
// rules changed: key 1 is no longer granted, key 2 is granted with another
// amount, the rest are unchanged. Counts the calls.
struct FakeRecheck {
  int calls = 0;
  Recheck Fn() {
    return [this](const policy::Entitlement& e) -> Result<policy::Decision> {
      ++calls;
      policy::Decision d = MakeDecision(static_cast<int>(e.person_id), e.amount_fen, e.loan, e.county_code.c_str());
      d.once_key = e.once_key;
      if (e.person_id == 1) {
        d.eligible = false;
        d.amount_fen = 0;
        d.conditions.push_back({"si_months", "A1(一)", "缴纳社会保险", "未知：缺少社会保险缴费月份", false, "补录", true});
      }
      if (e.person_id == 2) d.amount_fen = 40000;
      return d;
    };
  }
};

TEST_P(PaymentBatchTest, SubmitLeavesOutWhatTodaysRulesNoLongerGrant) {
  audit::AuditLog audit(clock_, url_);
  PaymentBatches batches(*db_, &audit, clock_);
  FakeRecheck fake;
  auto b = batches.Submit({.all = true, .region = "520102"}, "reviewer", "5201", fake.Fn());
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ(fake.calls, 3);
  // Only the loan (key 3) is frozen; 1 withdrawn, 2 re-proposed with 400元.
  EXPECT_EQ(b->count, 1);
  EXPECT_EQ(b->subsidy_count, 0);
  EXPECT_EQ(b->loan_count, 1);
  ASSERT_EQ(b->recheck.changed.size(), 2u);
  EXPECT_EQ(b->recheck.Withdrawn(), 1);
  EXPECT_EQ(b->recheck.Reproposed(), 1);
  const std::string notice = b->recheck.Notice();
  EXPECT_NE(notice.find("已撤回 1 项"), std::string::npos) << notice;
  // Each policy by its title with its count; no rule code or entitlement key.
  EXPECT_NE(notice.find("（测试 1 项）"), std::string::npos) << notice;
  EXPECT_EQ(notice.find("R2"), std::string::npos) << notice;
  EXPECT_EQ(notice.find("P:1"), std::string::npos) << notice;
  EXPECT_NE(notice.find("缺少社会保险缴费月份"), std::string::npos) << notice;
  EXPECT_NE(notice.find("金额由 500.00元 变为 400.00元"), std::string::npos) << notice;

  policy::Ledger ledger(*db_, nullptr, clock_);
  auto one = ledger.Find("R2|P:1|1|once").value();
  ASSERT_TRUE(one);
  EXPECT_EQ(one->status, "withdrawn");
  EXPECT_NE(one->explanation_json.find("缺少社会保险缴费月份"), std::string::npos) << one->explanation_json;
  EXPECT_EQ(one->decided_by, "reviewer");
  auto two = ledger.Find("R2|P:2|2|once").value();
  ASSERT_TRUE(two);
  EXPECT_EQ(two->status, "proposed");
  EXPECT_EQ(two->amount_fen, 40000);
  EXPECT_EQ(Count(*db_, "SELECT COUNT(*) FROM audit_log WHERE action = 'policy.withdraw'"), 1);
  EXPECT_EQ(Count(*db_, "SELECT COUNT(*) FROM audit_log WHERE action = 'policy.repropose'"), 1);
  EXPECT_EQ(Count(*db_, "SELECT COUNT(*) FROM audit_log WHERE action = 'policy.batch_recheck'"), 1);

  // A withdrawn entitlement is never paid, by a batch or by itself.
  auto paid = ledger.Approve("R2|P:1|1|once", "approver");
  ASSERT_FALSE(paid);
  EXPECT_EQ(paid.error().code, ErrorCode::kConflict);
  EXPECT_NE(paid.error().message.find("已撤回"), std::string::npos);
  EXPECT_TRUE(batches.Approve(b->batch_id, "approver", "5201", 0));
  EXPECT_EQ(Count(*db_, "SELECT COUNT(*) FROM policy_payments WHERE once_key = 'R2|P:1|1|once'"), 0);

  // The re-proposed one goes into the next batch at its new amount; the
  // withdrawn one is left out and the submitter told.
  FakeRecheck again;
  auto next = batches.Submit({.once_keys = {"R2|P:1|1|once", "R2|P:2|2|once"}}, "reviewer", "5201", again.Fn());
  ASSERT_TRUE(next) << next.error().message;
  EXPECT_EQ(again.calls, 1);  // the withdrawn one is not proposed any more
  EXPECT_EQ(next->count, 1);
  EXPECT_EQ(next->subsidy_fen, 40000);
  EXPECT_TRUE(next->recheck.changed.empty());
}

TEST_P(PaymentBatchTest, NothingLeftAfterRecheckNamesTheWithdrawn) {
  PaymentBatches batches(*db_, nullptr, clock_);
  FakeRecheck fake;
  auto b = batches.Submit({.once_keys = {"R2|P:1|1|once"}}, "reviewer", "", fake.Fn());
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(b.error().message.find("未生成批次：已撤回 1 项"), std::string::npos) << b.error().message;
  EXPECT_EQ(Count(*db_, "SELECT COUNT(*) FROM policy_payment_batches"), 0);
  EXPECT_EQ(Count(*db_, "SELECT COUNT(*) FROM policy_entitlements WHERE status = 'withdrawn'"), 1);
}

// Fund supervision held what was selected (keys, or all of a region):
// nothing to submit names them through the note, not "nothing proposed".
TEST_P(PaymentBatchTest, NothingLeftNamesWhatSupervisionStopped) {
  ASSERT_TRUE(db_->Exec("UPDATE policy_entitlements SET status = 'held' WHERE once_key IN ('R2|P:1|1|once', "
                        "'R2|P:4|4|once')"));
  PaymentBatches batches(*db_, nullptr, clock_);
  auto plain = batches.Submit({.once_keys = {"R2|P:1|1|once"}}, "reviewer", "");
  ASSERT_FALSE(plain);
  EXPECT_EQ(plain.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(plain.error().message, "未生成批次：1 笔被资金监管暂停支付，待资金监管人员核查");
  std::vector<std::string> seen;
  auto note = [&](const std::vector<policy::Entitlement>& stopped) -> Result<std::string> {
    for (const auto& e : stopped) seen.push_back(e.once_key + ":" + e.status);
    return std::to_string(stopped.size()) + " 笔被交叉核查暂扣：测试核查";
  };
  auto all = batches.Submit({.all = true, .region = "520303"}, "reviewer", "", {}, note);
  ASSERT_FALSE(all);
  EXPECT_EQ(all.error().message, "未生成批次：1 笔被交叉核查暂扣：测试核查");
  EXPECT_EQ(seen, std::vector<std::string>{"R2|P:4|4|once:held"});
  // A proposed key beside the held one: a batch of the proposed one alone.
  auto mixed = batches.Submit({.once_keys = {"R2|P:1|1|once", "R2|P:2|2|once"}}, "reviewer", "", {}, note);
  ASSERT_TRUE(mixed) << mixed.error().message;
  EXPECT_EQ(mixed->count, 1);
  EXPECT_EQ(Count(*db_, "SELECT COUNT(*) FROM policy_payment_batches"), 1);
}

TEST_P(PaymentBatchTest, SweepRevisitsProposalsNotInABatch) {
  PaymentBatches batches(*db_, nullptr, clock_);
  // Key 2 is frozen in a batch: its batch decides, the revisit leaves it.
  ASSERT_TRUE(batches.Submit({.once_keys = {"R2|P:2|2|once"}}, "reviewer", ""));
  FakeRecheck fake;
  // The sweep just decided key 4 again on its own date with the same amount.
  policy::Decision fresh = MakeDecision(4, 70000, false, "520303");
  auto sum = batches.Revisit("52", fake.Fn(), "sweeper", {fresh});
  ASSERT_TRUE(sum) << sum.error().message;
  EXPECT_EQ(fake.calls, 2);  // keys 1 and 3
  EXPECT_EQ(sum->checked, 2);
  ASSERT_EQ(sum->changed.size(), 1u);
  EXPECT_EQ(sum->changed[0].once_key, "R2|P:1|1|once");
  EXPECT_TRUE(sum->changed[0].withdrawn);
  policy::Ledger ledger(*db_, nullptr, clock_);
  EXPECT_EQ(ledger.Find("R2|P:1|1|once").value()->status, "withdrawn");
  EXPECT_EQ(ledger.Find("R2|P:2|2|once").value()->status, "proposed");
  EXPECT_EQ(ledger.Find("R2|P:2|2|once").value()->amount_fen, 50000);  // unchanged inside its batch
}

QJY_INSTANTIATE_STORE_TEST(PaymentBatchTest);

}  // namespace
}  // namespace qjy::policy_services
