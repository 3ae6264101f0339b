// A full disk as an officer sees it through HTTP (issue #13 §8): the whole
// in-process server (database, log, uploads) on a small filesystem
// (store/small_disk_test_support.h; skipped where no tmpfs can be mounted,
// e.g. when the process already runs threads: run under ctest, which starts
// one process per test).
//   - a payout approval on a full disk answers 507 with a Chinese message
//     (no server path, no English), pays nothing (ledger balanced), the
//     server keeps answering, and once space is freed the same approval pays
//     every item exactly once;
//   - an upload that the disk cannot hold is refused at once (507); an
//     import that runs out of space midway ends as a failed job with the
//     Chinese reason, stores no partial batch, and the same file uploaded
//     again once space is freed completes.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "audit/audit_log.h"
#include "importer/import.h"
#include "importer/import_test_util.h"
#include "policy/ledger.h"
#include "policy_services/payment_batch.h"
#include "server/test_env.h"
#include "store/small_disk_test_support.h"

namespace qjy::server::testing {
namespace {

using store::testing::SmallDisk;

// What an officer may read: Chinese, no server path, no Latin word (a
// driver's English text), and it says the disk is full.
void ExpectClearChinese(const std::string& message) {
  EXPECT_TRUE(message.starts_with("磁盘空间不足")) << message;
  EXPECT_EQ(message.find("/tmp"), std::string::npos) << message;
  EXPECT_EQ(message.find("qjy-small-disk"), std::string::npos) << message;
  EXPECT_TRUE(std::none_of(message.begin(), message.end(),
                           [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }))
      << "no English: " << message;
}

int64_t Count(store::Db& db, const std::string& sql) {
  auto rows = db.Query(sql);
  if (!rows || rows->empty()) {
    ADD_FAILURE() << sql << ": " << (rows ? "no row" : rows.error().message);
    return -1;
  }
  return rows->front().Int(0);
}

policy::Decision Subsidy(int i, int64_t amount) {
  policy::Decision d;
  d.rule = "R2";
  d.title = "测试";
  d.date = "2023-10-01";
  d.eligible = true;
  d.amount_fen = amount;
  d.fund = policy::Fund::kEmploymentSubsidy;
  d.beneficiary = "P:" + std::to_string(1000 + i);
  d.person_id = 1000 + i;
  d.period = "once";
  d.county_code = "520102";
  d.once_key = d.rule + "|" + d.beneficiary + "|" + std::to_string(i) + "|once";
  return d;
}

TEST(HttpDiskFullTest, PayoutApprovalOnAFullDiskPaysNothingThenPaysOnceAfterSpaceIsFreed) {
  constexpr int kItems = 300;
  constexpr int64_t kAmount = 150000;  // 1,500 元 each
  SmallDisk disk;
  // Before the server starts its threads (the mount namespace is per thread
  // until then).
  if (auto why = disk.Mount(16 << 20); !why.empty()) GTEST_SKIP() << "no small filesystem here: " << why;
  TestEnv env(disk.dir());
  env.AddAccount("approver", auth::Role::kOfficer, "520102", {policy_services::kApproveGrant});
  store::Db& db = *env.setup_db;
  ASSERT_TRUE(policy_services::PaymentBatches::Migrate(db));
  std::vector<policy::Decision> ds;
  for (int i = 0; i < kItems; ++i) ds.push_back(Subsidy(i, kAmount));
  policy::Ledger ledger(db, nullptr, env.clock);
  ASSERT_TRUE(ledger.Propose(ds, "sweep"));
  // 提交审批 by the county officer; the approver approves over HTTP.
  policy_services::PaymentBatches batches(db, nullptr, env.clock);
  policy_services::BatchSelection sel;
  sel.all = true;
  sel.region = "520102";
  auto batch = batches.Submit(sel, "county", "520102");
  ASSERT_TRUE(batch) << batch.error().message;
  ASSERT_EQ(batch->count, kItems);
  const std::string target = "/api/policy/batches/" + std::to_string(batch->batch_id);
  const Login approver = env.LogIn("approver");
  ASSERT_FALSE(approver.cookie.empty());
  ASSERT_EQ(env.Get(approver, target).status, 200);  // warm: schema checked, session cached
  ASSERT_TRUE(db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"));

  ASSERT_LT(disk.Fill(16 << 10), 32 << 10);
  const auto started = std::chrono::steady_clock::now();
  Reply failed = env.Post(approver, target + "/approve", "{}");
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_EQ(failed.status, 507) << failed.body;
  auto fj = nlohmann::json::parse(failed.body);
  EXPECT_EQ(fj["error"], "no_space") << failed.body;
  const std::string message = fj["message"].get<std::string>();
  ExpectClearChinese(message);
  EXPECT_NE(message.find("一笔也未支付"), std::string::npos) << message;
  EXPECT_NE(message.find("重新审批"), std::string::npos) << message;
  EXPECT_LT(took, std::chrono::seconds(2)) << "answered at once, no retry loop";

  // Nothing paid, nothing half-written; the books balance.
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM policy_payments"), 0);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM ledger_entries"), 0);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM policy_entitlements WHERE status = 'proposed'"), kItems);
  auto check = ledger.Check();
  ASSERT_TRUE(check) << check.error().message;
  EXPECT_TRUE(check->ok());
  // The server keeps answering: the batch is still waiting for approval.
  Reply still = env.Get(approver, target);
  ASSERT_EQ(still.status, 200) << still.body;
  EXPECT_EQ(nlohmann::json::parse(still.body)["status"], "submitted") << still.body;
  EXPECT_EQ(env.Get(approver, "/api/me").status, 200);
  EXPECT_EQ(env.Get(approver, "/api/policy/params").status, 200);

  // Space is back: the same approval pays every item once.
  disk.Unfill();
  Reply paid = env.Post(approver, target + "/approve", "{}");
  ASSERT_EQ(paid.status, 200) << paid.body;
  auto pj = nlohmann::json::parse(paid.body);
  EXPECT_EQ(pj["status"], "paid");
  int64_t paid_count = 0;
  for (const auto& r : pj["results"]) paid_count += r["outcome"] == "paid";
  EXPECT_EQ(paid_count, kItems);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM policy_payments"), kItems);
  EXPECT_EQ(Count(db, "SELECT COUNT(DISTINCT once_key) FROM policy_payments"), kItems);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM ledger_entries"), 2 * kItems);
  EXPECT_EQ(Count(db, "SELECT COALESCE(SUM(debit_fen), 0) FROM ledger_entries"), kItems * kAmount);
  auto after = ledger.Check();
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_TRUE(after->ok());
  EXPECT_EQ(env.Post(approver, target + "/approve", "{}").status, 409);  // paid once
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM policy_payments"), kItems);
  // The audit chain and its anchor file (on the same disk) survived it.
  auto verified = audit::AuditLog(env.clock, env.db_path).Verify(db);
  ASSERT_TRUE(verified) << verified.error().message;
  EXPECT_TRUE(verified->ok()) << verified->problems.front().what;
}

std::string PersonsCsv(int rows) {
  std::string csv = importer::testing::kPersonHeader;
  for (int i = 0; i < rows; ++i) {
    // Living in the officer's county too (the row filter's scope).
    std::string row = importer::testing::PersonRow(i);
    row.replace(row.find("贵阳市云岩区"), std::string("贵阳市云岩区").size(), "520102");
    csv += row;
  }
  return csv;
}

std::string Multipart(const std::string& csv) {
  return "--qjyb\r\nContent-Disposition: form-data; name=\"file\"; filename=\"人员.csv\"\r\n"
         "Content-Type: text/csv\r\n\r\n" +
         csv + "\r\n--qjyb--\r\n";
}

nlohmann::json WaitJob(const TestEnv& env, const Login& l, const std::string& job) {
  nlohmann::json status;
  for (int i = 0; i < 500; ++i) {
    status = nlohmann::json::parse(env.Get(l, "/api/import/jobs/" + job).body);
    if (status["state"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return status;
}

TEST(HttpDiskFullTest, ImportOnAFullDiskFailsWholeAndCompletesWhenUploadedAgain) {
  constexpr int kRows = 1500;
  SmallDisk disk;
  if (auto why = disk.Mount(24 << 20); !why.empty()) GTEST_SKIP() << "no small filesystem here: " << why;
  TestEnv env(disk.dir());
  const Login county = env.LogIn("county");
  ASSERT_FALSE(county.cookie.empty());
  store::Db& db = *env.setup_db;
  const int64_t before = Count(db, "SELECT COUNT(*) FROM persons");
  const std::string body = Multipart(PersonsCsv(kRows));
  ASSERT_TRUE(db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"));

  // 1. No room even for the upload: refused at once, nothing started.
  disk.Fill(0);
  Reply refused = env.Post(county, "/api/import/persons", body, "multipart/form-data; boundary=qjyb");
  ASSERT_EQ(refused.status, 507) << refused.body;
  ExpectClearChinese(nlohmann::json::parse(refused.body)["message"].get<std::string>());
  disk.Unfill();

  // 2. Room for the upload, not for the import: the job fails with the
  // reason; the batch it was writing is not kept (one batch of up to
  // ImportOptions::batch_size rows is one transaction).
  ASSERT_TRUE(db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"));
  ASSERT_LT(disk.Fill(static_cast<int64_t>(body.size()) + (128 << 10)),
            static_cast<int64_t>(body.size()) + (256 << 10));
  Reply started = env.Post(county, "/api/import/persons", body, "multipart/form-data; boundary=qjyb");
  ASSERT_EQ(started.status, 202) << started.body;
  auto failed = WaitJob(env, county, nlohmann::json::parse(started.body)["job_id"]);
  ASSERT_EQ(failed["state"], "failed") << failed.dump().substr(0, 2000);
  const std::string message = failed["result"]["message"].get<std::string>();
  ExpectClearChinese(message);
  EXPECT_NE(message.find("重新导入同一文件"), std::string::npos) << message;
  EXPECT_TRUE(failed["rejects_url"].is_null());
  const int64_t stored = Count(db, "SELECT COUNT(*) FROM persons") - before;
  EXPECT_EQ(stored % static_cast<int64_t>(importer::ImportOptions{}.batch_size), 0) << stored;
  EXPECT_LT(stored, kRows);
  EXPECT_EQ(Count(db,
                  "SELECT COUNT(*) FROM persons p WHERE p.person_id > " + std::to_string(env.out_person) +
                      " AND (SELECT COUNT(*) FROM person_groups g WHERE g.person_id = p.person_id) <> 2"),
            0)
      << "every stored person has both its groups";
  EXPECT_EQ(env.Get(county, "/api/me").status, 200) << "the server keeps answering";
  EXPECT_EQ(env.Get(county, "/api/persons/" + std::to_string(env.in_person)).status, 200);

  // 3. Space is back: the same file, uploaded again, completes; each row once.
  disk.Unfill();
  Reply again = env.Post(county, "/api/import/persons", body, "multipart/form-data; boundary=qjyb");
  ASSERT_EQ(again.status, 202) << again.body;
  auto done = WaitJob(env, county, nlohmann::json::parse(again.body)["job_id"]);
  ASSERT_EQ(done["state"], "done") << done.dump().substr(0, 2000);
  EXPECT_EQ(done["result"]["inserted"], kRows - stored) << done.dump().substr(0, 2000);
  EXPECT_EQ(done["result"]["unchanged"], stored);
  EXPECT_EQ(done["result"]["rejected"], 0);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM persons"), before + kRows);
  EXPECT_EQ(Count(db, "SELECT COUNT(DISTINCT id_hash) FROM persons"), before + kRows);
}

}  // namespace
}  // namespace qjy::server::testing
