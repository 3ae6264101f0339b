#include "audit/audit_log.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "audit/audit_schema.h"

namespace qjy::audit {
namespace {

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("qjy_audit_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    std::filesystem::remove(path_);
    auto db = store::OpenDb(path_.string());
    ASSERT_TRUE(db.has_value()) << db.error().message;
    db_ = std::move(*db);
    auto m = MigrateAudit(*db_);
    ASSERT_TRUE(m.has_value()) << m.error().message;
  }
  void TearDown() override {
    db_.reset();
    for (auto suffix : {"", "-wal", "-shm", ".audit.key", ".audit-anchor"}) {
      std::filesystem::remove(path_.string() + suffix);
    }
  }
  SealConfig Config() const { return SealConfig::ForDb(path_.string()); }
  void AppendN(AuditLog& log, int n) {
    for (int i = 0; i < n; ++i) {
      AuditEntry e;
      e.actor = "officer" + std::to_string(i);
      e.role = "officer";
      e.region = "520102";
      e.action = i % 2 ? "person.read" : "login";
      e.target = "person:" + std::to_string(100 + i);
      e.result = "ok";
      e.client = "127.0.0.1";
      auto r = log.Append(*db_, e);
      ASSERT_TRUE(r.has_value()) << r.error().message;
      clock_.Advance(60);
    }
  }

  auth::ManualClock clock_{1'700'000'000};  // 2023-11-14
  std::filesystem::path path_;
  std::unique_ptr<store::Db> db_;
};

TEST_F(AuditLogTest, AppendChainsRows) {
  AuditLog log(clock_, Config());
  AppendN(log, 3);
  auto rows = log.Search(*db_, {});
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].seq, 3);  // newest first
  EXPECT_EQ((*rows)[2].prev_hash, "");
  EXPECT_EQ((*rows)[1].prev_hash, (*rows)[2].hash);
  EXPECT_EQ((*rows)[0].prev_hash, (*rows)[1].hash);
  auto key = AuditKey::Open(Config().key_path, false);
  ASSERT_TRUE(key.has_value()) << key.error().message;
  EXPECT_EQ((*rows)[0].hash, MacChainHash(*key, (*rows)[1].hash, (*rows)[0]));
  EXPECT_NE((*rows)[0].hash, LegacyChainHash((*rows)[1].hash, (*rows)[0]));
  auto report = log.Verify(*db_);
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->ok());
  EXPECT_EQ(report->rows_checked, 3);
}

TEST_F(AuditLogTest, SearchFilters) {
  AuditLog log(clock_, Config());
  AppendN(log, 6);
  AuditQuery q;
  q.action = "login";
  EXPECT_EQ(log.Search(*db_, q)->size(), 3u);
  q = {};
  q.actor = "officer4";
  ASSERT_EQ(log.Search(*db_, q)->size(), 1u);
  q = {};
  q.before_seq = 3;
  EXPECT_EQ(log.Search(*db_, q)->size(), 2u);
  q = {};
  q.from = "2023-11-15";
  EXPECT_EQ(log.Search(*db_, q)->size(), 0u);
  q.from = "2023-11-14";
  q.to = "2023-11-14";
  EXPECT_EQ(log.Search(*db_, q)->size(), 6u);
  q.from = "not a date";
  EXPECT_FALSE(log.Search(*db_, q).has_value());
  q = {};
  q.limit = 2;
  EXPECT_EQ(log.Search(*db_, q)->size(), 2u);
}

TEST_F(AuditLogTest, TriggersRefuseUpdateAndRecentDelete) {
  AuditLog log(clock_, Config());
  clock_.Set(4'000'000'000);  // far future: rows are "recent" for the trigger
  AppendN(log, 2);
  EXPECT_FALSE(db_->Exec("UPDATE audit_log SET result = 'denied' WHERE seq = 1").has_value());
  EXPECT_FALSE(db_->Exec("DELETE FROM audit_log WHERE seq = 2").has_value());
  EXPECT_EQ(db_->Query("SELECT COUNT(*) FROM audit_log")->front().Int(0), 2);
}

TEST_F(AuditLogTest, VerifyFindsEditedRowAfterTriggerDropped) {
  AuditLog log(clock_, Config());
  AppendN(log, 5);
  ASSERT_TRUE(db_->ExecScript("DROP TRIGGER audit_log_no_update").has_value());
  ASSERT_TRUE(db_->Exec("UPDATE audit_log SET result = 'denied' WHERE seq = 3").has_value());
  auto report = log.Verify(*db_);
  ASSERT_TRUE(report.has_value());
  ASSERT_FALSE(report->ok());
  EXPECT_EQ(report->problems.front().seq, 3);
}

TEST_F(AuditLogTest, VerifyFindsRowEditedWithRecomputedHash) {
  AuditLog log(clock_, Config());
  AppendN(log, 5);
  auto rows = log.Search(*db_, {});
  AuditEntry forged = (*rows)[2];  // seq 3
  ASSERT_EQ(forged.seq, 3);
  forged.actor = "someone_else";
  forged.hash = LegacyChainHash(forged.prev_hash, forged);  // no key: the old chain
  ASSERT_TRUE(db_->ExecScript("DROP TRIGGER audit_log_no_update").has_value());
  const store::Value p[] = {forged.actor, forged.hash};
  ASSERT_TRUE(db_->Exec("UPDATE audit_log SET actor = ?, hash = ? WHERE seq = 3", p).has_value());
  auto report = log.Verify(*db_);
  ASSERT_TRUE(report.has_value());
  ASSERT_FALSE(report->ok());
  EXPECT_EQ(report->problems[0].seq, 3);  // the forged row itself
}

TEST_F(AuditLogTest, VerifyFindsDeletedRowAfterTriggerDropped) {
  AuditLog log(clock_, Config());
  clock_.Set(4'000'000'000);
  AppendN(log, 5);
  ASSERT_TRUE(db_->ExecScript("DROP TRIGGER audit_log_no_delete").has_value());
  ASSERT_TRUE(db_->Exec("DELETE FROM audit_log WHERE seq = 2").has_value());
  auto report = log.Verify(*db_);
  ASSERT_TRUE(report.has_value());
  ASSERT_EQ(report->problems.size(), 1u);
  EXPECT_EQ(report->problems[0].seq, 2);
  EXPECT_EQ(report->problems[0].what, "第 2 条记录被删除");
  // Deleting the genesis row is found too.
  ASSERT_TRUE(db_->Exec("DELETE FROM audit_log WHERE seq = 1").has_value());
  report = log.Verify(*db_);
  ASSERT_FALSE(report->ok());
}

TEST_F(AuditLogTest, KeyAndAnchorFilesAreCreatedPrivate) {
  AuditLog log(clock_, Config());
  AppendN(log, 1);
  for (const auto& p : {Config().key_path, Config().anchor_path}) {
    auto perms = std::filesystem::status(p).permissions();
    EXPECT_EQ(perms & std::filesystem::perms::all, std::filesystem::perms::owner_read |
                                                        std::filesystem::perms::owner_write)
        << p;
  }
}

TEST_F(AuditLogTest, PurgeWithinRetentionIsRefused) {
  AuditLog log(clock_, Config());
  AppendN(log, 2);
  Date today = *Date::Parse("2024-06-30");
  auto r = log.Purge(*db_, today.AddDays(-kRetentionDays + 1), today, "cli:test");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(db_->Query("SELECT COUNT(*) FROM audit_log")->front().Int(0), 2);
}

TEST_F(AuditLogTest, PurgeOfOldRowsKeepsTheChainVerifiable) {
  AuditLog log(clock_, Config());
  AppendN(log, 4);                 // 2023-11-14
  clock_.Set(1'710'000'000);       // 2024-03-09
  AppendN(log, 2);
  Date today = *Date::Parse("2024-09-10");
  auto r = log.Purge(*db_, *Date::Parse("2024-01-01"), today, "cli:test");
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(*r, 4);
  auto report = log.Verify(*db_);
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->ok()) << report->problems.front().what;
  EXPECT_EQ(report->rows_checked, 3);  // 2 kept + the purge record
}

}  // namespace
}  // namespace qjy::audit
