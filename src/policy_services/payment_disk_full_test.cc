// A full disk while a payment batch is approved (issue #13 §8), on a real
// small filesystem (store/small_disk_test_support.h; skipped where no tmpfs
// can be mounted): the approval fails with a Chinese disk-full error, pays
// nothing (no payment, no ledger entry, batch still "submitted"), and once
// space is freed the same approval pays every entitlement exactly once.
#include <gtest/gtest.h>

#include "auth/clock.h"
#include "policy/ledger.h"
#include "policy_services/payment_batch.h"
#include "store/no_space.h"
#include "store/small_disk_test_support.h"

namespace qjy::policy_services {
namespace {

policy::Decision Subsidy(int i, int64_t amount) {
  policy::Decision d;
  d.rule = "R2";
  d.title = "测试";
  d.date = "2023-10-01";
  d.eligible = true;
  d.amount_fen = amount;
  d.fund = policy::Fund::kEmploymentSubsidy;
  d.beneficiary = "P:" + std::to_string(i);
  d.person_id = i;
  d.period = "once";
  d.county_code = "520102";
  d.once_key = d.rule + "|P:" + std::to_string(i) + "|" + std::to_string(i) + "|once";
  return d;
}

int64_t PaymentDiskFullCount(store::Db& db, const std::string& sql) {
  auto rows = db.Query(sql);
  if (!rows || rows->empty()) {
    ADD_FAILURE() << sql << ": " << (rows ? "no row" : rows.error().message);
    return -1;
  }
  return rows->front().Int(0);
}

std::string Status(store::Db& db, int64_t batch_id) {
  auto rows = db.Query("SELECT status FROM policy_payment_batches WHERE batch_id = ?",
                       std::vector<store::Value>{batch_id});
  return rows && !rows->empty() ? rows->front().Text(0) : "";
}

TEST(PaymentDiskFullTest, ApprovalOnAFullDiskPaysNothingAndPaysOnceAfterSpaceIsFreed) {
  constexpr int kItems = 600;
  constexpr int64_t kAmount = 150000;  // 1,500 元 each
  store::testing::SmallDisk disk;
  if (auto why = disk.Mount(4 << 20); !why.empty()) GTEST_SKIP() << "no small filesystem here: " << why;
  const std::string path = disk.Path("qjy.db");
  auth::ManualClock clock{1'700'000'000};
  auto opened = store::OpenDb(path);
  ASSERT_TRUE(opened) << opened.error().message;
  store::Db& db = **opened;
  ASSERT_TRUE(PaymentBatches::Migrate(db));
  std::vector<policy::Decision> ds;
  for (int i = 0; i < kItems; ++i) ds.push_back(Subsidy(i, kAmount));
  policy::Ledger ledger(db, nullptr, clock);
  ASSERT_TRUE(ledger.Propose(ds, "sweep"));
  PaymentBatches batches(db, nullptr, clock);
  auto batch = batches.Submit({.all = true, .region = "520102"}, "reviewer", "5201");
  ASSERT_TRUE(batch) << batch.error().message;
  ASSERT_EQ(batch->count, kItems);
  ASSERT_TRUE(db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"));

  const int64_t left = disk.Fill(16 << 10);
  ASSERT_LT(left, 64 << 10);
  auto failed = batches.Approve(batch->batch_id, "approver", "5201", /*single_officer_max_fen=*/0);
  ASSERT_FALSE(failed) << "the approval fit on the full disk";
  EXPECT_TRUE(store::IsNoSpace(failed.error())) << failed.error().message;
  EXPECT_TRUE(failed.error().message.starts_with("磁盘空间不足")) << failed.error().message;
  EXPECT_NE(failed.error().message.find(path), std::string::npos) << failed.error().message;
  EXPECT_NE(failed.error().message.find("一笔也未支付"), std::string::npos) << failed.error().message;
  // Nothing paid: no payment, no ledger entry, every entitlement still
  // proposed, the batch still waiting for approval.
  EXPECT_EQ(PaymentDiskFullCount(db, "SELECT COUNT(*) FROM policy_payments"), 0);
  EXPECT_EQ(PaymentDiskFullCount(db, "SELECT COUNT(*) FROM ledger_entries"), 0);
  EXPECT_EQ(PaymentDiskFullCount(db, "SELECT COUNT(*) FROM policy_entitlements WHERE status = 'proposed'"), kItems);
  EXPECT_EQ(Status(db, batch->batch_id), "submitted");
  {
    // A second connection (another process would see the same) agrees.
    auto other = store::OpenDb(path);
    ASSERT_TRUE(other) << other.error().message;
    EXPECT_EQ(PaymentDiskFullCount(**other, "SELECT COUNT(*) FROM policy_payments"), 0);
    EXPECT_EQ(Status(**other, batch->batch_id), "submitted");
  }

  disk.Unfill();
  auto paid = batches.Approve(batch->batch_id, "approver", "5201", 0);
  ASSERT_TRUE(paid) << paid.error().message;
  int64_t paid_count = 0, paid_fen = 0;
  for (const auto& r : paid->results) {
    if (r.outcome == policy::PayOutcome::kPaid) {
      ++paid_count;
      paid_fen += r.amount_fen;
    }
  }
  EXPECT_EQ(paid_count, kItems);
  EXPECT_EQ(paid_fen, kItems * kAmount);
  EXPECT_EQ(paid->batch.status, "paid");
  EXPECT_EQ(PaymentDiskFullCount(db, "SELECT COUNT(*) FROM policy_payments"), kItems);
  EXPECT_EQ(PaymentDiskFullCount(db, "SELECT COUNT(DISTINCT once_key) FROM policy_payments"), kItems);
  EXPECT_EQ(PaymentDiskFullCount(db, "SELECT COUNT(*) FROM ledger_entries"), 2 * kItems);
  EXPECT_EQ(PaymentDiskFullCount(db, "SELECT COALESCE(SUM(debit_fen), 0) FROM ledger_entries"), kItems * kAmount);
  auto check = ledger.Check();
  ASSERT_TRUE(check) << check.error().message;
  EXPECT_TRUE(check->ok());
  // Approving again pays nothing more.
  auto again = batches.Approve(batch->batch_id, "approver", "5201", 0);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(PaymentDiskFullCount(db, "SELECT COUNT(*) FROM policy_payments"), kItems);
}

}  // namespace
}  // namespace qjy::policy_services
