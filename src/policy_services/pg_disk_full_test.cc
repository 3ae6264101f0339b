// A full disk under the PostgreSQL server (issue #13 §8): a throwaway
// cluster whose data directory sits on a small filesystem
// (store/small_postgres_test_support.h; skipped, with the reason, where no
// tmpfs can be mounted or no PostgreSQL 15 server started). An import and a
// payout approval both fail with the Chinese disk-full error (SQLSTATE 53100
// mapped by store/pg_db.cc, no English server text), keep nothing partial,
// and complete once space is freed — the server itself carries on throughout.
// Runs only under scripts/with-postgres.sh (QJY_TEST_PG_URL set), like the
// other PostgreSQL tests, though it starts its own cluster: about 3 s on an
// idle machine, most of it initdb.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "auth/clock.h"
#include "importer/import.h"
#include "importer/import_test_util.h"
#include "policy/ledger.h"
#include "policy_services/payment_batch.h"
#include "store/no_space.h"
#include "store/small_postgres_test_support.h"

namespace qjy::policy_services {
namespace {

int64_t PgDiskFullCount(store::Db& db, const std::string& sql) {
  auto rows = db.Query(sql);
  if (!rows || rows->empty()) {
    ADD_FAILURE() << sql << ": " << (rows ? "no row" : rows.error().message);
    return -1;
  }
  return rows->front().Int(0);
}

policy::Decision PgDiskFullSubsidy(int i, int64_t amount) {
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

void ExpectClearChinese(const std::string& message) {
  EXPECT_TRUE(store::IsNoSpace({ErrorCode::kIo, message})) << message;
  EXPECT_NE(message.find("数据库服务器的磁盘已满"), std::string::npos) << message;
  EXPECT_TRUE(std::none_of(message.begin(), message.end(),
                           [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }))
      << "no English server text: " << message;
}

TEST(PgDiskFullTest, ImportAndPayoutFailWholeOnAFullServerDiskAndCompleteOnceSpaceIsFreed) {
  using namespace importer::testing;  // NOLINT
  constexpr int kRows = 1200;
  constexpr size_t kBatch = 200;
  constexpr int kItems = 200;
  constexpr int64_t kAmount = 150000;
  // Like the other PostgreSQL tests, only where PostgreSQL testing is on
  // (scripts/with-postgres.sh): initdb alone takes 1.5 s on an idle core.
  if (std::getenv("QJY_TEST_PG_URL") == nullptr) {
    GTEST_SKIP() << "QJY_TEST_PG_URL is not set: PostgreSQL tests skipped (run under scripts/with-postgres.sh)";
  }
  store::testing::SmallDisk disk;
  if (auto why = disk.Mount(48 << 20); !why.empty()) GTEST_SKIP() << "no small filesystem here: " << why;
  store::testing::SmallPostgres pg;
  if (auto why = pg.Start(disk); !why.empty()) GTEST_SKIP() << "no PostgreSQL server here: " << why;
  Regions();
  TempDir files;  // the CSV and its rejects on the ordinary disk: only the server's is full
  const std::string csv = files / "人员.csv";
  {
    std::string text = kPersonHeader;
    for (int i = 0; i < kRows; ++i) text += PersonRow(i);
    WriteFile(csv, text);
  }
  auth::ManualClock clock{1'700'000'000};
  TestRegistry reg(pg.url());
  ASSERT_TRUE(reg.db) << pg.Log();
  store::Db& db = *reg.db;
  ASSERT_TRUE(PaymentBatches::Migrate(db));
  std::vector<policy::Decision> ds;
  for (int i = 0; i < kItems; ++i) ds.push_back(PgDiskFullSubsidy(i, kAmount));
  policy::Ledger ledger(db, nullptr, clock);
  ASSERT_TRUE(ledger.Propose(ds, "sweep"));
  PaymentBatches batches(db, nullptr, clock);
  BatchSelection sel;
  sel.all = true;
  sel.region = "520102";
  auto batch = batches.Submit(sel, "reviewer", "5201");
  ASSERT_TRUE(batch) << batch.error().message;
  const std::string kIndexes = "SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'persons'";
  const int64_t indexes = PgDiskFullCount(db, kIndexes);
  ASSERT_TRUE(db.Exec("CHECKPOINT"));

  // The import: a few batches may fit, then the server's disk is full.
  ASSERT_LT(disk.Fill(256 << 10), 300 << 10);
  int batches_committed = 0;
  {
    importer::ImportOptions options = TestOptions();
    options.batch_size = kBatch;
    options.after_batch = [&](int64_t) { ++batches_committed; };
    auto r = importer::Import(importer::Entity::kPersons, csv, *reg.registry, db, options);
    ASSERT_FALSE(r) << "the import fit on the small disk: " << r->ToJson().dump();
    ExpectClearChinese(r.error().message);
    EXPECT_NE(r.error().message.find("重新导入同一文件"), std::string::npos) << r.error().message;
  }
  const int64_t stored = PgDiskFullCount(db, "SELECT COUNT(*) FROM persons");
  EXPECT_EQ(stored, static_cast<int64_t>(kBatch) * batches_committed) << "whole batches only";
  EXPECT_LT(stored, kRows);
  EXPECT_EQ(PgDiskFullCount(db,
                  "SELECT COUNT(*) FROM persons p WHERE (SELECT COUNT(*) FROM person_groups g "
                  "WHERE g.person_id = p.person_id) <> 2"),
            0);

  // The payout on the same full disk: nothing paid, the books balance.
  disk.Fill(0);
  auto failed = batches.Approve(batch->batch_id, "approver", "5201", /*single_officer_max_fen=*/0);
  ASSERT_FALSE(failed) << "the approval fit on the full disk";
  ExpectClearChinese(failed.error().message);
  EXPECT_NE(failed.error().message.find("一笔也未支付"), std::string::npos) << failed.error().message;
  EXPECT_EQ(PgDiskFullCount(db, "SELECT COUNT(*) FROM policy_payments"), 0);
  EXPECT_EQ(PgDiskFullCount(db, "SELECT COUNT(*) FROM ledger_entries"), 0);
  EXPECT_EQ(PgDiskFullCount(db, "SELECT COUNT(*) FROM policy_entitlements WHERE status = 'proposed'"), kItems);
  auto check = ledger.Check();
  ASSERT_TRUE(check) << check.error().message;
  EXPECT_TRUE(check->ok());

  // Space is back: the same connection, the same file and the same approval
  // complete; nothing twice.
  disk.Unfill();
  {
    importer::ImportOptions options = TestOptions();
    options.batch_size = kBatch;
    auto r = importer::Import(importer::Entity::kPersons, csv, *reg.registry, db, options);
    ASSERT_TRUE(r) << r.error().message << "\n" << pg.Log();
    EXPECT_EQ(r->inserted, kRows - stored);
    EXPECT_EQ(r->unchanged, stored);
    EXPECT_EQ(PgDiskFullCount(db, "SELECT COUNT(*) FROM persons"), kRows);
    EXPECT_EQ(PgDiskFullCount(db, "SELECT COUNT(*) FROM person_groups"), 2 * kRows);
    EXPECT_EQ(PgDiskFullCount(db, kIndexes), indexes) << "indexes the stopped import dropped are rebuilt";
  }
  auto paid = batches.Approve(batch->batch_id, "approver", "5201", 0);
  ASSERT_TRUE(paid) << paid.error().message;
  EXPECT_EQ(paid->batch.status, "paid");
  EXPECT_EQ(PgDiskFullCount(db, "SELECT COUNT(*) FROM policy_payments"), kItems);
  EXPECT_EQ(PgDiskFullCount(db, "SELECT COUNT(*) FROM ledger_entries"), 2 * kItems);
  EXPECT_EQ(PgDiskFullCount(db, "SELECT COALESCE(SUM(debit_fen), 0) FROM ledger_entries"), kItems * kAmount);
  auto after = ledger.Check();
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_TRUE(after->ok());
  EXPECT_EQ(batches.Approve(batch->batch_id, "approver", "5201", 0).error().code, ErrorCode::kConflict);
}

}  // namespace
}  // namespace qjy::policy_services
