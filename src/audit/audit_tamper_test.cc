// The attacks of issue 13 §3, performed with write access to the database
// (triggers dropped by SQL), on SQLite and on PostgreSQL: each must make
// Verify() fail and name the first bad row.
#include <gtest/gtest.h>

#include <syslog.h>

#include <filesystem>
#include <fstream>

#include "audit/audit_log.h"
#include "audit/audit_schema.h"
#include "auth/token.h"
#include "store/store_test_support.h"

namespace qjy::audit {
namespace {

using store::Dialect;
using store::Value;

class AuditTamperTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    char tmpl[] = "/tmp/qjy-audit-tamper.XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    files_ = tmpl;
    config_ = {files_ + "/audit.key", files_ + "/audit-anchor", files_ + "/audit-anchor.copy"};
    auto m = MigrateAudit(*db_);
    ASSERT_TRUE(m) << m.error().message;
  }
  void TearDown() override {
    if (!files_.empty()) std::filesystem::remove_all(files_);
    StoreTest::TearDown();
  }

  // Rows 1..n; row `reveal_at` is a person.reveal.
  void AppendN(AuditLog& log, int n, int reveal_at = 0) {
    for (int i = 1; i <= n; ++i) {
      AuditEntry e;
      e.actor = "officer" + std::to_string(i);
      e.role = "officer";
      e.region = "520102";
      e.action = i == reveal_at ? "person.reveal" : "person.read";
      e.target = "person:" + std::to_string(100 + i);
      e.result = "ok";
      e.client = "127.0.0.1";
      e.detail = i == reveal_at ? "reason: 核查身份" : "";
      auto r = log.Append(*db_, e);
      ASSERT_TRUE(r) << r.error().message;
      clock_.Advance(60);
    }
  }

  void DropTriggers() {
    if (IsPg()) {
      ASSERT_TRUE(db_->ExecScript("DROP TRIGGER audit_log_guard ON audit_log; "
                                  "DROP TRIGGER audit_log_no_truncate ON audit_log"));
    } else {
      ASSERT_TRUE(db_->ExecScript("DROP TRIGGER audit_log_no_update; "
                                  "DROP TRIGGER audit_log_no_delete"));
    }
  }

  std::vector<AuditEntry> Rows() {
    std::vector<AuditEntry> out;
    auto rows = db_->Query(
        "SELECT seq, at, actor, role, region, action, target, result, client, detail, prev_hash, "
        "hash FROM audit_log ORDER BY seq");
    EXPECT_TRUE(rows);
    for (const auto& r : *rows) {
      AuditEntry e;
      e.seq = r.Int(0);
      e.at = r.Text(1);
      e.actor = r.Text(2);
      e.role = r.Text(3);
      e.region = r.Text(4);
      e.action = r.Text(5);
      e.target = r.Text(6);
      e.result = r.Text(7);
      e.client = r.Text(8);
      e.detail = r.Text(9);
      e.prev_hash = r.Text(10);
      e.hash = r.Text(11);
      out.push_back(e);
    }
    return out;
  }

  // The attacker's tool: rewrites prev_hash/hash of every row from `from`
  // on as a plain SHA-256 chain, as the old verifier expected.
  void RecomputeSha256Chain(int64_t from) {
    std::string prev;
    for (auto& e : Rows()) {
      if (e.seq >= from) {
        e.prev_hash = prev;
        e.hash = LegacyChainHash(prev, e);
        const Value p[] = {e.prev_hash, e.hash, e.seq};
        ASSERT_TRUE(db_->Exec("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", p));
      }
      prev = e.hash;
    }
  }

  VerifyReport Verify(std::span<const std::string> extra = {}) {
    AuditLog verifier(clock_, config_);  // a fresh process, as `qjy audit verify`
    auto r = verifier.Verify(*db_, extra);
    EXPECT_TRUE(r) << r.error().message;
    return r.value_or(VerifyReport{});
  }

  auth::ManualClock clock_{1'700'000'000};  // 2023-11-14
  std::string files_;
  SealConfig config_;
};

TEST_P(AuditTamperTest, UntouchedLogVerifies) {
  AuditLog log(clock_, config_);
  AppendN(log, 10, 4);
  auto report = Verify();
  EXPECT_TRUE(report.ok()) << report.problems.front().what;
  EXPECT_EQ(report.rows_checked, 10);
  EXPECT_EQ(report.anchored_seq, 10);
  EXPECT_EQ(report.unanchored_rows, 0);
  // One checkpoint per append, after the genesis one.
  EXPECT_EQ(report.checkpoints, 2 * 11);  // the primary file and its copy
}

TEST_P(AuditTamperTest, EditedRevealWithRecomputedSha256ChainIsFound) {
  AuditLog log(clock_, config_);
  AppendN(log, 10, 4);
  DropTriggers();
  ASSERT_TRUE(db_->Exec(
      "UPDATE audit_log SET actor = 'someone_else', detail = '' WHERE seq = 4"));
  RecomputeSha256Chain(4);
  auto report = Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problems.front().seq, 4);
  EXPECT_NE(report.problems.front().what.find("第 4 条"), std::string::npos)
      << report.problems.front().what;
  EXPECT_NE(report.problems.front().what.find("签名不符"), std::string::npos);
}

TEST_P(AuditTamperTest, DeletedNewestRowsAreFound) {
  AuditLog log(clock_, config_);
  AppendN(log, 10, 4);
  DropTriggers();
  ASSERT_TRUE(db_->Exec("DELETE FROM audit_log WHERE seq > 7"));
  auto report = Verify();
  ASSERT_FALSE(report.ok());
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(report.problems[0].seq, 8);
  EXPECT_NE(report.problems[0].what.find("第 8～10 条记录缺失"), std::string::npos)
      << report.problems[0].what;
}

TEST_P(AuditTamperTest, DeletedOldestRowsWithForgedPurgeAreFound) {
  AuditLog log(clock_, config_);
  AppendN(log, 10, 4);
  DropTriggers();
  auto rows = Rows();
  ASSERT_TRUE(db_->Exec("DELETE FROM audit_log WHERE seq <= 3"));
  // The forged purge row, as the old Purge() wrote it, chained by SHA-256.
  AuditEntry f;
  f.seq = 11;
  f.at = "2023-11-14T00:20:00Z";
  f.actor = "cli";
  f.role = "cli";
  f.action = "audit.purge";
  f.target = "audit_log";
  f.result = "ok";
  f.detail = R"({"anchor_hash":")" + rows[2].hash + R"(","anchor_seq":3,"before":"2023-11-14","deleted":3})";
  f.prev_hash = rows.back().hash;
  f.hash = LegacyChainHash(f.prev_hash, f);
  const Value p[] = {f.seq,    f.at,     f.actor,  f.role,   f.region,    f.action,
                     f.target, f.result, f.client, f.detail, f.prev_hash, f.hash};
  ASSERT_TRUE(db_->Exec(
      "INSERT INTO audit_log (seq, at, actor, role, region, action, target, result, client, "
      "detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      p));
  auto report = Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problems.front().seq, 1);
  EXPECT_NE(report.problems.front().what.find("第 1～3 条记录缺失"), std::string::npos)
      << report.problems.front().what;
  bool forged_purge_named = false;
  for (const auto& pr : report.problems) {
    if (pr.seq == 11 && pr.what.find("伪造的清理") != std::string::npos) forged_purge_named = true;
  }
  EXPECT_TRUE(forged_purge_named);
}

TEST_P(AuditTamperTest, LegitimatePurgeVerifiesAndLaterOldestDeletionIsFound) {
  AuditLog log(clock_, config_);
  AppendN(log, 4);                 // 2023-11-14
  clock_.Set(1'710'000'000);       // 2024-03-09
  AppendN(log, 3);
  auto n = log.Purge(*db_, *Date::Parse("2024-01-01"), *Date::Parse("2024-09-10"), "cli:test");
  ASSERT_TRUE(n) << n.error().message;
  EXPECT_EQ(*n, 4);
  auto report = Verify();
  EXPECT_TRUE(report.ok()) << report.problems.front().what;
  EXPECT_EQ(report.rows_checked, 4);  // 3 kept + the purge row
  DropTriggers();
  ASSERT_TRUE(db_->Exec("DELETE FROM audit_log WHERE seq = 5"));
  report = Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problems.front().seq, 5);
}

TEST_P(AuditTamperTest, TruncatedDatabaseAndAnchorFileAreFoundThroughTheCopy) {
  AuditLog log(clock_, config_);
  AppendN(log, 10);
  DropTriggers();
  ASSERT_TRUE(db_->Exec("DELETE FROM audit_log WHERE seq > 6"));
  // Cut the primary anchor file back to the checkpoint of row 6.
  std::vector<std::string> lines;
  {
    std::ifstream in(config_.anchor_path);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
  }
  ASSERT_EQ(lines.size(), 11u);
  {
    std::ofstream out(config_.anchor_path, std::ios::trunc);
    for (size_t i = 0; i < 7; ++i) out << lines[i] << "\n";
  }
  SealConfig no_copy = config_;
  no_copy.anchor_copy.clear();
  AuditLog primary_only(clock_, no_copy);
  auto blind = primary_only.Verify(*db_);
  ASSERT_TRUE(blind);
  EXPECT_TRUE(blind->ok());  // the primary file alone cannot tell
  auto report = Verify();    // with the copy
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problems.front().seq, 7);
  // A syslog extract handed to verify works the same way.
  const std::string extract = files_ + "/syslog-extract";
  {
    std::ofstream out(extract);
    out << "Dec  2 17:00:00 host qjy-audit[42]: qjy-audit-anchor " << lines[10] << "\n"
        << "Dec  2 17:00:01 host sshd[7]: unrelated line\n";
  }
  const std::string extra[] = {extract};
  auto with_extract = primary_only.Verify(*db_, extra);
  ASSERT_TRUE(with_extract);
  ASSERT_FALSE(with_extract->ok());
  EXPECT_EQ(with_extract->problems.front().seq, 7);
}

// The PostgreSQL default copy: every checkpoint also goes to syslog, as
// "qjy-audit-anchor <line>" at the configured facility. What the syslog
// daemon keeps (here captured) finds a truncation of the database and of
// both anchor files together.
TEST_P(AuditTamperTest, SyslogCopyCarriesEveryCheckpointAndFindsTruncation) {
  std::vector<std::pair<int, std::string>> sent;
  config_.anchor_copy = "syslog:local3";
  config_.syslog = [&](int priority, const std::string& message) { sent.emplace_back(priority, message); };
  AuditLog log(clock_, config_);
  AppendN(log, 8);
  std::vector<std::string> lines;
  {
    std::ifstream in(config_.anchor_path);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
  }
  ASSERT_EQ(lines.size(), 9u);  // the genesis checkpoint and one per row
  ASSERT_EQ(sent.size(), lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(sent[i].first, LOG_LOCAL3 | LOG_NOTICE);
    EXPECT_EQ(sent[i].second, "qjy-audit-anchor " + lines[i]);
  }
  EXPECT_FALSE(std::filesystem::exists(files_ + "/audit-anchor.copy"));  // no file copy
  // The attacker removes rows 6..8 and cuts the primary file to match.
  DropTriggers();
  ASSERT_TRUE(db_->Exec("DELETE FROM audit_log WHERE seq > 5"));
  {
    std::ofstream out(config_.anchor_path, std::ios::trunc);
    for (size_t i = 0; i < 6; ++i) out << lines[i] << "\n";
  }
  EXPECT_TRUE(Verify().ok());  // the host's files alone cannot tell
  const std::string extract = files_ + "/authpriv.log";
  {
    std::ofstream out(extract);
    for (const auto& [priority, message] : sent) out << "Dec  2 17:00:00 host qjy[42]: " << message << "\n";
  }
  const std::string extra[] = {extract};
  auto report = Verify(extra);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problems.front().seq, 6);
}

TEST_P(AuditTamperTest, ForgedCheckpointLineIsFound) {
  AuditLog log(clock_, config_);
  AppendN(log, 3);
  std::ofstream(config_.anchor_path, std::ios::app)
      << R"({"at":"2023-11-14T00:00:00Z","first_seq":3,"first_prev":"","head":"","kind":"purge","last_seq":3,"mac":"00","rows":1,"v":1})"
      << "\n";
  auto report = Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.problems.front().what.find("第 5 行"), std::string::npos)
      << report.problems.front().what;
}

TEST_P(AuditTamperTest, MissingAnchorFileStopsAppends) {
  AuditLog log(clock_, config_);
  AppendN(log, 3);
  std::filesystem::remove(config_.anchor_path);
  AuditLog restarted(clock_, config_);
  AuditEntry e;
  e.actor = "x";
  auto r = restarted.Append(*db_, e);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(db_->Query("SELECT COUNT(*) FROM audit_log")->front().Int(0), 3);
  // The copy still vouches for the rows; the primary file alone does not.
  EXPECT_TRUE(Verify().ok());
  SealConfig no_copy = config_;
  no_copy.anchor_copy.clear();
  auto report = AuditLog(clock_, no_copy).Verify(*db_);
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->ok());
}

TEST_P(AuditTamperTest, MissingKeyIsAnErrorNotAPass) {
  AuditLog log(clock_, config_);
  AppendN(log, 2);
  std::filesystem::remove(config_.key_path);
  AuditLog verifier(clock_, config_);
  auto r = verifier.Verify(*db_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
  // The anchor file is there: a lost key, not an unsealed older database.
  EXPECT_EQ(r.error().message.find("qjy audit seal"), std::string::npos) << r.error().message;
}

// A database written before the keyed chain: rows chained by plain SHA-256.
TEST_P(AuditTamperTest, Sha256ChainOfAnOlderDatabaseIsSealedOnUpgrade) {
  std::string prev;
  for (int64_t seq = 1; seq <= 5; ++seq) {
    AuditEntry e;
    e.seq = seq;
    e.at = "2023-11-14T00:0" + std::to_string(seq) + ":00Z";
    e.actor = "old" + std::to_string(seq);
    e.action = "login";
    e.prev_hash = prev;
    e.hash = LegacyChainHash(prev, e);
    const Value p[] = {e.seq,    e.at,     e.actor,  e.role,   e.region,    e.action,
                       e.target, e.result, e.client, e.detail, e.prev_hash, e.hash};
    ASSERT_TRUE(db_->Exec(
        "INSERT INTO audit_log (seq, at, actor, role, region, action, target, result, client, "
        "detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        p));
    prev = e.hash;
  }
  ASSERT_FALSE(std::filesystem::exists(config_.key_path));
  // Before the seal: not verified, and the message says how to seal.
  {
    auto unsealed = AuditLog(clock_, config_).Verify(*db_);
    ASSERT_FALSE(unsealed);
    EXPECT_EQ(unsealed.error().code, ErrorCode::kNotFound);
    EXPECT_NE(unsealed.error().message.find("qjy audit seal"), std::string::npos) << unsealed.error().message;
    EXPECT_FALSE(std::filesystem::exists(config_.key_path));  // verify never creates the key
  }
  AuditLog log(clock_, config_);
  AppendN(log, 3);  // creates the key and seals rows 1..5 first
  auto report = Verify();
  EXPECT_TRUE(report.ok()) << report.problems.front().what;
  EXPECT_EQ(report.legacy_seq, 5);
  EXPECT_EQ(report.rows_checked, 8);
  // An old row edited after the upgrade, SHA-256 chain recomputed: the
  // sealed head no longer matches.
  DropTriggers();
  ASSERT_TRUE(db_->Exec("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2"));
  RecomputeSha256Chain(2);
  report = Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problems.front().seq, 5);  // the sealed end is the first provable break
}

QJY_INSTANTIATE_STORE_TEST(AuditTamperTest);

}  // namespace
}  // namespace qjy::audit
