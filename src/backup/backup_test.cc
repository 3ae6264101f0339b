// Backup while a thread writes, then restore: the restored database holds
// exactly the rows of the manifest, and its audit log verifies.
#include "backup/backup.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "audit/audit_log.h"
#include "audit/audit_schema.h"
#include "auth/clock.h"
#include "store/db.h"

namespace qjy::backup {
namespace {

namespace fs = std::filesystem;

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/qjy-backup-test.XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Creates the schema, then inserts rows and audit rows from a thread
  // until `stop_`; `written_` counts them.
  void StartWriter(const std::string& url, const audit::SealConfig& seal) {
    auto db = store::OpenDb(url);
    ASSERT_TRUE(db) << db.error().message;
    ASSERT_TRUE(audit::MigrateAudit(**db));
    ASSERT_TRUE((*db)->ExecScript("CREATE TABLE load_rows (id BIGINT PRIMARY KEY, note TEXT NOT NULL)"));
    writer_ = std::thread([this, url, seal] {
      auto db = store::OpenDb(url);
      if (!db) return;
      auth::SystemClock clock;
      audit::AuditLog log(clock, seal);
      for (int64_t i = 1; !stop_.load(); ++i) {
        const store::Value p[] = {i, std::string("行 ") + std::to_string(i)};
        if (!(*db)->Exec("INSERT INTO load_rows (id, note) VALUES (?, ?)", p)) break;
        audit::AuditEntry e;
        e.actor = "writer";
        e.action = "load.insert";
        e.target = "load_rows:" + std::to_string(i);
        e.result = "ok";
        if (!log.Append(**db, e)) break;
        written_.store(i);
      }
    });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (written_.load() < 50 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_GE(written_.load(), 50) << "the writer stopped (or was too slow) before 50 rows";
  }
  void StopWriter() {
    stop_ = true;
    if (writer_.joinable()) writer_.join();
  }

  // Backs `b.db` up while the writer goes on, lets it write `after` more
  // rows (at most 30 s), then stops it.
  Result<BackupResult> BackupDuringWrites(const BackupOptions& b, int64_t after) {
    auto backed = Backup(b);
    const int64_t at_backup = written_.load();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (written_.load() < at_backup + after && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (written_.load() < at_backup + after) ADD_FAILURE() << "the writer stopped during the backup";
    StopWriter();
    return backed;
  }

  // A PostgreSQL source `src` (its seal files and keys under dir_), with the
  // writer started.
  BackupOptions StartPostgresSource(const std::string& src) {
    seal_ = {(dir_ / "src.audit.key").string(), (dir_ / "src.anchor").string(), ""};
    StartWriter(src, seal_);
    BackupOptions b;
    b.db = src;
    b.out = dir_ / "backup";
    b.keys_out = dir_ / "keys";
    b.audit_key_file = seal_.key_path;
    b.anchor_file = seal_.anchor_path;
    b.key_file = (dir_ / "src.key").string();
    return b;
  }

  fs::path dir_;
  std::thread writer_;
  std::atomic<bool> stop_{false};
  std::atomic<int64_t> written_{0};
  audit::SealConfig seal_;
};

TEST_F(BackupTest, SqliteBackupDuringWritesRestoresAVerifiableCopy) {
  const std::string src = (dir_ / "live.db").string();
  StartWriter(src, audit::SealConfig::ForDb(src));
  BackupOptions b;
  b.db = src;
  b.out = dir_ / "backup";
  b.keys_out = dir_ / "keys";
  auto backed = BackupDuringWrites(b, 50);
  ASSERT_TRUE(backed) << backed.error().message;
  const auto& m = backed->manifest;
  EXPECT_GE(m.rows.at("load_rows"), 50);
  EXPECT_LT(m.rows.at("load_rows"), written_.load());  // the writer went on afterwards
  EXPECT_EQ(m.rows.at("audit_log"), m.audit_last_seq);
  // The rows and the audit log of one snapshot: every row is audited.
  EXPECT_TRUE(m.rows.at("load_rows") == m.rows.at("audit_log") ||
              m.rows.at("load_rows") == m.rows.at("audit_log") + 1);
  // No key in the backup directory.
  for (const auto& f : fs::directory_iterator(b.out)) {
    EXPECT_EQ(f.path().string().find(".key"), std::string::npos) << f.path();
  }
  EXPECT_TRUE(fs::exists(b.keys_out / "audit.key"));

  const std::string dst = (dir_ / "restored.db").string();
  RestoreOptions r;
  r.from = b.out;
  r.db = dst;
  r.keys_from = b.keys_out;
  auto restored = Restore(r);
  ASSERT_TRUE(restored) << restored.error().message;
  EXPECT_EQ(restored->rows, m.rows);
  auth::SystemClock clock;
  audit::AuditLog restored_log(clock, audit::SealConfig::ForDb(dst));
  auto report = restored_log.Verify(**store::OpenDb(dst));
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->ok()) << report->problems.front().what;
  EXPECT_EQ(report->rows_checked, m.audit_last_seq);
  EXPECT_EQ(report->anchored_seq, m.audit_last_seq);
  // The live database, which went on, verifies too.
  audit::AuditLog live_log(clock, audit::SealConfig::ForDb(src));
  auto live = live_log.Verify(**store::OpenDb(src));
  ASSERT_TRUE(live);
  EXPECT_TRUE(live->ok());
  EXPECT_GT(live->rows_checked, m.audit_last_seq);

  // A second restore onto it is refused without --force.
  auto again = Restore(r);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
}

TEST_F(BackupTest, KeysInsideTheBackupDirectoryAreRefused) {
  const std::string src = (dir_ / "live.db").string();
  ASSERT_TRUE(store::OpenDb(src));
  BackupOptions b;
  b.db = src;
  b.out = dir_ / "backup";
  b.keys_out = dir_ / "backup" / "keys";
  auto r = Backup(b);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  b.keys_out.clear();
  auto ok = Backup(b);
  ASSERT_TRUE(ok) << ok.error().message;
  bool warned = false;
  for (const auto& w : ok->warnings) warned |= w.find("密钥文件没有写入备份") != std::string::npos;
  EXPECT_TRUE(warned);
}

// PostgreSQL: pg_dump of a live database in a fresh database of the test
// server (scripts/with-postgres.sh), pg_restore into another.
TEST_F(BackupTest, PostgresBackupDuringWritesRestoresAVerifiableCopy) {
  const char* base = std::getenv("QJY_TEST_PG_URL");
  if (base == nullptr || *base == '\0') GTEST_SKIP() << "QJY_TEST_PG_URL is not set";
  const std::string url = base;
  const std::string root = url.substr(0, url.rfind('/') + 1);
  const std::string tag = std::to_string(getpid());
  const std::string src_name = "qjy_bk_src_" + tag, dst_name = "qjy_bk_dst_" + tag;
  auto admin = store::OpenDb(url);
  ASSERT_TRUE(admin);
  ASSERT_TRUE((*admin)->ExecScript("CREATE DATABASE " + src_name));
  ASSERT_TRUE((*admin)->ExecScript("CREATE DATABASE " + dst_name));
  const std::string src = root + src_name, dst = root + dst_name;
  BackupOptions b = StartPostgresSource(src);
  auto backed = BackupDuringWrites(b, 20);
  ASSERT_TRUE(backed) << backed.error().message;
  const auto& m = backed->manifest;
  EXPECT_LT(m.rows.at("load_rows"), written_.load());
  EXPECT_EQ(m.rows.at("audit_log"), m.audit_last_seq);

  RestoreOptions r;
  r.from = b.out;
  r.db = dst;
  r.keys_from = b.keys_out;
  r.audit_key_file = (dir_ / "dst" / "src.audit.key").string();
  r.anchor_file = (dir_ / "dst.anchor").string();
  r.key_file = (dir_ / "dst" / "src.key").string();
  auto restored = Restore(r);
  ASSERT_TRUE(restored) << restored.error().message;
  EXPECT_EQ(restored->rows, m.rows);
  auth::SystemClock clock;
  audit::AuditLog log(clock, audit::SealConfig{r.audit_key_file, r.anchor_file, ""});
  auto db = store::OpenDb(dst);
  ASSERT_TRUE(db);
  auto report = log.Verify(**db);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->ok()) << report->problems.front().what;
  EXPECT_EQ(report->rows_checked, m.audit_last_seq);
  db->reset();
  (void)(*admin)->ExecScript("DROP DATABASE " + src_name + " WITH (FORCE)");
  (void)(*admin)->ExecScript("DROP DATABASE " + dst_name + " WITH (FORCE)");
}

// PostgreSQL physical backup: pg_basebackup of the test server while a
// thread writes, extracted into a new data directory as README tells the
// operator, started as a second server on another port; the restored
// database holds at least the manifest's rows, every row audited, and its
// audit log verifies against the copied anchor.
TEST_F(BackupTest, PostgresBasebackupDuringWritesStartsAsAVerifiableServer) {
  const char* base = std::getenv("QJY_TEST_PG_URL");
  if (base == nullptr || *base == '\0') GTEST_SKIP() << "QJY_TEST_PG_URL is not set";
  const fs::path bin = "/usr/lib/postgresql/15/bin";
  if (!fs::exists(bin / "pg_ctl")) GTEST_SKIP() << "no " << bin / "pg_ctl";
  const std::string url = base;
  const std::string root = url.substr(0, url.rfind('/') + 1);
  const std::string src_name = "qjy_bb_src_" + std::to_string(getpid());
  auto admin = store::OpenDb(url);
  ASSERT_TRUE(admin);
  ASSERT_TRUE((*admin)->ExecScript("CREATE DATABASE " + src_name));
  const std::string src = root + src_name;
  BackupOptions b = StartPostgresSource(src);
  b.method = "basebackup";
  auto backed = BackupDuringWrites(b, 20);
  (void)(*admin)->ExecScript("DROP DATABASE " + src_name + " WITH (FORCE)");
  ASSERT_TRUE(backed) << backed.error().message;
  const auto& m = backed->manifest;
  EXPECT_EQ(m.kind, "postgres-basebackup");
  EXPECT_GE(m.rows.at("load_rows"), 50);
  EXPECT_EQ(m.rows.at("audit_log"), m.audit_last_seq);
  ASSERT_TRUE(fs::exists(b.out / "pgdata" / "base.tar.gz"));
  ASSERT_TRUE(fs::exists(b.out / "pgdata" / "pg_wal.tar.gz"));
  // qjy restore does not pretend to restore it; it says how.
  RestoreOptions r;
  r.from = b.out;
  r.db = (dir_ / "x.db").string();
  auto refused = Restore(r);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("base.tar.gz"), std::string::npos);

  // The operator's restore: extract into an empty data directory, start.
  const fs::path data = dir_ / "data";
  const fs::path sock = dir_ / "sock";
  fs::create_directories(data / "pg_wal");
  fs::create_directories(sock);
  fs::permissions(data, fs::perms::owner_all);
  fs::permissions(dir_, fs::perms::owner_all | fs::perms::others_exec | fs::perms::group_exec);
  const std::string as = getuid() == 0 ? "runuser -u postgres -- " : "";
  const std::string tar = "tar -xzf " + (b.out / "pgdata" / "base.tar.gz").string() + " -C " + data.string() +
                          " && tar -xzf " + (b.out / "pgdata" / "pg_wal.tar.gz").string() + " -C " +
                          (data / "pg_wal").string();
  ASSERT_EQ(std::system(tar.c_str()), 0) << tar;
  const std::string verify = (bin / "pg_verifybackup").string() + " -q -m " +
                             (b.out / "pgdata" / "backup_manifest").string() + " " + data.string();
  EXPECT_EQ(std::system(verify.c_str()), 0) << verify;
  if (getuid() == 0) {
    ASSERT_EQ(std::system(("chown -R postgres: " + data.string() + " " + sock.string()).c_str()), 0);
  }
  const std::string ctl = as + (bin / "pg_ctl").string() + " -D " + data.string();
  int port = 0;
  for (int attempt = 0; attempt < 4 && port == 0; ++attempt) {  // a port another server holds fails fast
    const int candidate = 20000 + static_cast<int>((getpid() * 7 + attempt * 7919) % 40000);
    const std::string start = ctl + " -l " + (sock / "server.log").string() +
                              " -w -t 60 -o \"-c listen_addresses=127.0.0.1 -p " + std::to_string(candidate) +
                              " -k " + sock.string() + "\" start >/dev/null";
    if (std::system(start.c_str()) == 0) port = candidate;
  }
  ASSERT_NE(port, 0) << std::ifstream(sock / "server.log").rdbuf();
  struct Stop {
    std::string cmd;
    ~Stop() { (void)std::system(cmd.c_str()); }
  } stop{ctl + " -m fast -w stop >/dev/null"};

  const std::string restored = "postgresql://postgres@127.0.0.1:" + std::to_string(port) + "/" + src_name;
  auto rows = CountRows(restored);
  ASSERT_TRUE(rows) << rows.error().message;
  // At the end of the copy: at least what the manifest saw, and one snapshot
  // of the writer (every row audited, the audit row after its row).
  EXPECT_GE(rows->at("load_rows"), m.rows.at("load_rows"));
  EXPECT_GE(rows->at("audit_log"), m.audit_last_seq);
  EXPECT_LE(rows->at("load_rows"), written_.load());
  EXPECT_TRUE(rows->at("load_rows") == rows->at("audit_log") ||
              rows->at("load_rows") == rows->at("audit_log") + 1)
      << rows->at("load_rows") << " vs " << rows->at("audit_log");
  auth::SystemClock clock;
  audit::AuditLog log(clock, audit::SealConfig{(b.keys_out / "audit.key").string(),
                                               (b.out / "audit.anchor").string(), ""});
  auto db = store::OpenDb(restored);
  ASSERT_TRUE(db);
  auto report = log.Verify(**db);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->ok()) << report->problems.front().what;
  EXPECT_EQ(report->rows_checked, rows->at("audit_log"));
  EXPECT_LE(report->anchored_seq, m.audit_last_seq);
}

}  // namespace
}  // namespace qjy::backup
