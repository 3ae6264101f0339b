#include "backup/backup.h"

#include <fcntl.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <iterator>
#include <thread>

#include <nlohmann/json.hpp>

#include "audit/anchor.h"
#include "core/vault.h"
#include "store/db.h"

extern char** environ;

namespace qjy::backup {
namespace {

namespace fs = std::filesystem;

constexpr char kSqliteFile[] = "qjy.db";
constexpr char kPgFile[] = "qjy.pgdump";
constexpr char kPgBase[] = "pgdata";  // pg_basebackup -Ft output: base.tar.gz, pg_wal.tar.gz
constexpr char kManifest[] = "manifest.json";
constexpr char kAnchor[] = "audit.anchor";
// Names of the key files in the keys directory, whatever their names at the
// source: a restore under another database name finds them.
constexpr char kIdentityKey[] = "identity.key";
constexpr char kAuditKey[] = "audit.key";

bool IsPostgres(std::string_view db) {
  return db.starts_with("postgres://") || db.starts_with("postgresql://");
}

std::string NowIso() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The URL without its password, for the manifest and messages.
std::string Redacted(const std::string& url) {
  auto scheme = url.find("://");
  auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + ":***" + url.substr(at);
}

// One table-copy of a SQLite database through the online backup API.
Result<void> SqliteCopy(const std::string& from, const std::string& to) {
  sqlite3* src = nullptr;
  sqlite3* dst = nullptr;
  auto close = [&] {
    sqlite3_close(src);
    sqlite3_close(dst);
  };
  if (sqlite3_open_v2(from.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    close();
    return Fail(ErrorCode::kIo, "无法打开数据库：" + from);
  }
  sqlite3_busy_timeout(src, 30000);
  mode_t old = umask(077);
  int rc = sqlite3_open_v2(to.c_str(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  umask(old);
  if (rc != SQLITE_OK) {
    close();
    return Fail(ErrorCode::kIo, "无法创建备份文件：" + to);
  }
  sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
  if (b == nullptr) {
    std::string msg = sqlite3_errmsg(dst);
    close();
    return Fail(ErrorCode::kStore, "备份失败：" + msg);
  }
  // -1: all pages in one step, i.e. one read transaction: a consistent
  // snapshot even while other connections write (they are not blocked in
  // WAL mode). BUSY/LOCKED only while a writer holds a lock we need: retry.
  for (int tries = 0;; ++tries) {
    rc = sqlite3_backup_step(b, -1);
    if (rc == SQLITE_DONE) break;
    if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && tries < 600) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    break;
  }
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) {
    std::string msg = sqlite3_errmsg(dst);
    close();
    return Fail(ErrorCode::kStore, "备份失败：" + msg);
  }
  close();
  ::chmod(to.c_str(), 0600);
  return {};
}

Result<void> Run(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) {
    return Fail(ErrorCode::kIo, "无法运行 " + args[0] + "（请安装 postgresql-client）");
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Fail(ErrorCode::kIo, args[0] + " 失败（退出码 " +
                                    std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                                    "）");
  }
  return {};
}

Result<std::map<std::string, int64_t>> CountIn(store::Db& db) {
  auto tables = db.Query(db.dialect() == store::Dialect::kSqlite
                             ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                               "LIKE 'sqlite_%' ORDER BY name"
                             : "SELECT tablename FROM pg_tables WHERE schemaname = "
                               "current_schema() ORDER BY tablename");
  if (!tables) return std::unexpected(tables.error());
  std::map<std::string, int64_t> out;
  for (const auto& t : *tables) {
    const std::string name = t.Text(0);
    auto n = db.Query("SELECT COUNT(*) FROM \"" + name + "\"");
    if (!n) return std::unexpected(n.error());
    out[name] = n->front().Int(0);
  }
  return out;
}

Result<int64_t> AuditLastSeq(store::Db& db, const std::map<std::string, int64_t>& rows) {
  if (!rows.contains("audit_log")) return int64_t{0};
  auto r = db.Query("SELECT COALESCE(MAX(seq), 0) FROM audit_log");
  if (!r) return std::unexpected(r.error());
  return r->front().Int(0);
}

// The manifest's row counts and newest audit row, read in the caller's
// snapshot (one transaction, or a copy no one writes).
Result<void> CountInto(store::Db& db, Manifest& m) {
  auto rows = CountIn(db);
  if (!rows) return std::unexpected(rows.error());
  m.rows = *rows;
  auto last = AuditLastSeq(db, m.rows);
  if (!last) return std::unexpected(last.error());
  m.audit_last_seq = *last;
  return {};
}

// The anchor's checkpoints up to `last_seq`, read under a shared flock so
// that no writer is between its commit and its checkpoint.
Result<int64_t> CopyAnchor(const std::string& anchor, int64_t last_seq, const fs::path& to) {
  int fd = ::open(anchor.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return int64_t{-1};
  ::flock(fd, LOCK_SH);
  std::string data;
  char buf[65536];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) data.append(buf, static_cast<size_t>(n));
  ::close(fd);
  mode_t old = umask(077);
  std::ofstream out(to, std::ios::binary | std::ios::trunc);
  umask(old);
  int64_t lines = 0;
  size_t pos = 0;
  while (pos < data.size()) {
    size_t end = data.find('\n', pos);
    if (end == std::string::npos) break;  // a line being written: not ours
    std::string line = data.substr(pos, end - pos);
    pos = end + 1;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_object() && j.contains("last_seq") && j["last_seq"].is_number_integer() &&
        j["last_seq"].get<int64_t>() > last_seq) {
      break;  // checkpoints are in order: the rest is newer than the snapshot
    }
    out << line << "\n";
    ++lines;
  }
  if (!out) return Fail(ErrorCode::kIo, "无法写入：" + to.string());
  return lines;
}

bool Inside(const fs::path& a, const fs::path& b) {  // a == b or a under b
  auto ca = fs::weakly_canonical(a), cb = fs::weakly_canonical(b);
  auto [ia, ib] = std::mismatch(ca.begin(), ca.end(), cb.begin(), cb.end());
  return ib == cb.end();
}

Result<void> CopyPrivate(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  if (to.has_parent_path()) fs::create_directories(to.parent_path(), ec);
  fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
  if (ec) return Fail(ErrorCode::kIo, "无法复制 " + from.string() + " 到 " + to.string());
  fs::permissions(to, fs::perms::owner_read | fs::perms::owner_write, ec);
  return {};
}

nlohmann::json ToJson(const Manifest& m) {
  return {{"kind", m.kind}, {"source", m.source}, {"at", m.at}, {"rows", m.rows},
          {"audit_last_seq", m.audit_last_seq}};
}

Result<Manifest> ReadManifest(const fs::path& dir) {
  std::ifstream in(dir / kManifest);
  if (!in) return Fail(ErrorCode::kNotFound, "不是备份目录（没有 manifest.json）：" + dir.string());
  auto j = nlohmann::json::parse(in, nullptr, false);
  Manifest m;
  try {
    m.kind = j.at("kind").get<std::string>();
    m.source = j.at("source").get<std::string>();
    m.at = j.at("at").get<std::string>();
    m.rows = j.at("rows").get<std::map<std::string, int64_t>>();
    m.audit_last_seq = j.at("audit_last_seq").get<int64_t>();
  } catch (const nlohmann::json::exception&) {
    return Fail(ErrorCode::kInvalidArgument, "备份清单 manifest.json 已损坏：" + dir.string());
  }
  return m;
}

std::string KeyPath(const std::string& given, const std::string& db) {
  return given.empty() ? DefaultKeyPath(db) : given;
}
std::string AuditKeyPath(const std::string& given, const std::string& db) {
  return given.empty() ? audit::DefaultAuditKeyPath(db) : given;
}

}  // namespace

Result<std::map<std::string, int64_t>> CountRows(const std::string& url) {
  auto db = store::OpenDb(url);
  if (!db) return std::unexpected(db.error());
  return CountIn(**db);
}

Result<BackupResult> Backup(const BackupOptions& o) {
  std::error_code ec;
  const bool basebackup = o.method == "basebackup";
  if (!o.method.empty() && o.method != "dump" && !basebackup) {
    return Fail(ErrorCode::kInvalidArgument, "未知的备份方式：" + o.method + "（可选 dump 或 basebackup）");
  }
  if (basebackup && !IsPostgres(o.db)) {
    return Fail(ErrorCode::kInvalidArgument, "basebackup 方式只适用于 PostgreSQL：" + o.db);
  }
  if (fs::exists(o.out, ec) && !fs::is_empty(o.out, ec)) {
    return Fail(ErrorCode::kAlreadyExists, "备份目录不是空的：" + o.out.string());
  }
  if (!o.keys_out.empty() && (Inside(o.keys_out, o.out) || Inside(o.out, o.keys_out))) {
    return Fail(ErrorCode::kInvalidArgument,
                "密钥目录须与备份目录分开（不能相同或互相包含）：" + o.keys_out.string());
  }
  fs::create_directories(o.out, ec);
  if (ec) return Fail(ErrorCode::kIo, "无法创建备份目录：" + o.out.string());
  fs::permissions(o.out, fs::perms::owner_all, ec);

  BackupResult result;
  Manifest& m = result.manifest;
  m.at = NowIso();
  if (basebackup) {
    m.kind = "postgres-basebackup";
    m.source = Redacted(o.db);
    {
      // Counts and audit head of one snapshot, taken before the copy starts:
      // the restored server (at the end of the copy) holds at least these
      // audit rows, so the anchor copied below never claims a missing row.
      auto db = store::OpenDb(o.db);
      if (!db) return std::unexpected(db.error());
      if (auto r = (*db)->ExecScript("BEGIN ISOLATION LEVEL REPEATABLE READ"); !r) {
        return std::unexpected(r.error());
      }
      if (auto r = CountInto(**db, m); !r) return std::unexpected(r.error());
      (void)(*db)->ExecScript("COMMIT");
    }
    // A replication connection: the server needs wal_level replica (the
    // default) and a `replication` line in pg_hba.conf for this user.
    if (auto r = Run({"pg_basebackup", "--dbname=" + o.db, "--pgdata=" + (o.out / kPgBase).string(),
                      "--format=tar", "--gzip", "--wal-method=stream", "--checkpoint=fast",
                      "--no-password"});
        !r) {
      return Fail(r.error().code, r.error().message +
                                      "（需要复制权限：pg_hba.conf 中的 replication 行，及 wal_level=replica）");
    }
  } else if (IsPostgres(o.db)) {
    m.kind = "postgres";
    m.source = Redacted(o.db);
    auto db = store::OpenDb(o.db);
    if (!db) return std::unexpected(db.error());
    // Counts and dump see the same snapshot.
    if (auto r = (*db)->ExecScript("BEGIN ISOLATION LEVEL REPEATABLE READ"); !r) {
      return std::unexpected(r.error());
    }
    auto snap = (*db)->Query("SELECT pg_export_snapshot()");
    if (!snap) return std::unexpected(snap.error());
    if (auto r = CountInto(**db, m); !r) return std::unexpected(r.error());
    auto dumped = Run({"pg_dump", "--format=custom", "--no-owner",
                       "--snapshot=" + snap->front().Text(0),
                       "--file=" + (o.out / kPgFile).string(), "--dbname=" + o.db});
    (void)(*db)->ExecScript("COMMIT");
    if (!dumped) return std::unexpected(dumped.error());
    fs::permissions(o.out / kPgFile, fs::perms::owner_read | fs::perms::owner_write, ec);
  } else {
    m.kind = "sqlite";
    m.source = o.db;
    if (!fs::exists(o.db, ec)) return Fail(ErrorCode::kNotFound, "数据库不存在：" + o.db);
    if (auto r = SqliteCopy(o.db, (o.out / kSqliteFile).string()); !r) {
      return std::unexpected(r.error());
    }
    auto copy = store::OpenDb((o.out / kSqliteFile).string());
    if (!copy) return std::unexpected(copy.error());
    if (auto r = CountInto(**copy, m); !r) return std::unexpected(r.error());
  }

  const std::string anchor = o.anchor_file.empty() ? audit::DefaultAnchorPath(o.db) : o.anchor_file;
  auto lines = CopyAnchor(anchor, m.audit_last_seq, o.out / kAnchor);
  if (!lines) return std::unexpected(lines.error());
  if (*lines < 0 && m.audit_last_seq > 0) {
    result.warnings.push_back("审计锚定文件不存在：" + anchor + "；恢复后的审计记录将无法完整校验");
  }

  const std::string key = KeyPath(o.key_file, o.db);
  const std::string audit_key = AuditKeyPath(o.audit_key_file, o.db);
  if (o.keys_out.empty()) {
    result.warnings.push_back("密钥文件没有写入备份：" + key + "、" + audit_key +
                              " 须另行备份，并与数据库备份分开保管（没有身份密钥，身份号码无法解密；"
                              "没有审计密钥，审计记录无法校验）");
  } else {
    fs::create_directories(o.keys_out, ec);
    fs::permissions(o.keys_out, fs::perms::owner_all, ec);
    for (const auto& [k, name] : {std::pair{key, kIdentityKey}, std::pair{audit_key, kAuditKey}}) {
      if (!fs::exists(k, ec)) {
        result.warnings.push_back("密钥文件不存在，未复制：" + k);
        continue;
      }
      if (auto r = CopyPrivate(k, o.keys_out / name); !r) {
        return std::unexpected(r.error());
      }
    }
    result.warnings.push_back("密钥文件已复制到 " + o.keys_out.string() +
                              "：请与数据库备份分开保管（不同的介质或保管人）");
  }

  std::ofstream out(o.out / kManifest, std::ios::trunc);
  out << ToJson(m).dump(2) << "\n";
  if (!out) return Fail(ErrorCode::kIo, "无法写入备份清单：" + (o.out / kManifest).string());
  return result;
}

Result<RestoreResult> Restore(const RestoreOptions& o) {
  auto manifest = ReadManifest(o.from);
  if (!manifest) return std::unexpected(manifest.error());
  RestoreResult result;
  result.manifest = *manifest;
  std::error_code ec;
  const bool pg = IsPostgres(o.db);
  if (manifest->kind == "postgres-basebackup") {
    return Fail(ErrorCode::kInvalidArgument,
                "这是 PostgreSQL 物理备份（pg_basebackup）：请按 README“备份与恢复”一节停止服务器，"
                "将 " + (o.from / kPgBase).string() + " 中的 base.tar.gz 解压到空的数据目录、"
                "pg_wal.tar.gz 解压到其中的 pg_wal，再启动服务器");
  }
  if (pg != (manifest->kind == "postgres")) {
    return Fail(ErrorCode::kInvalidArgument, "备份类型（" + manifest->kind + "）与目标数据库不符：" +
                                                 (pg ? Redacted(o.db) : o.db));
  }
  if (pg) {
    auto r = Run({"pg_restore", "--no-owner", "--exit-on-error", "--dbname=" + o.db,
                  (o.from / kPgFile).string()});
    if (!r) return Fail(r.error().code, r.error().message + "（目标须是空数据库）");
  } else {
    if (fs::exists(o.db, ec)) {
      if (!o.force) {
        return Fail(ErrorCode::kAlreadyExists, "目标数据库已存在：" + o.db + "（确需覆盖请加 --force）");
      }
      for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(o.db + suffix, ec);
    }
    if (auto r = SqliteCopy((o.from / kSqliteFile).string(), o.db); !r) {
      return std::unexpected(r.error());
    }
  }

  const std::string anchor = o.anchor_file.empty() ? audit::DefaultAnchorPath(o.db) : o.anchor_file;
  if (fs::exists(o.from / kAnchor, ec)) {
    if (fs::exists(anchor, ec)) {
      const std::string aside = anchor + ".before-restore-" + NowIso();
      fs::rename(anchor, aside, ec);
      if (ec) return Fail(ErrorCode::kIo, "无法移开原有的锚定文件：" + anchor);
      result.warnings.push_back("原有的审计锚定文件已移到 " + aside +
                                "（它记录了备份之后的审计记录，请保留）");
    }
    if (auto r = CopyPrivate(o.from / kAnchor, anchor); !r) return std::unexpected(r.error());
  }

  const std::string key = KeyPath(o.key_file, o.db);
  const std::string audit_key = AuditKeyPath(o.audit_key_file, o.db);
  for (const auto& [k, name] : {std::pair{key, kIdentityKey}, std::pair{audit_key, kAuditKey}}) {
    const fs::path src = o.keys_from.empty() ? fs::path() : o.keys_from / name;
    if (!src.empty() && fs::exists(src, ec)) {
      if (fs::exists(k, ec)) {
        std::ifstream a(src, std::ios::binary), b(k, std::ios::binary);
        std::string x((std::istreambuf_iterator<char>(a)), {}), y((std::istreambuf_iterator<char>(b)), {});
        if (x != y) {
          return Fail(ErrorCode::kAlreadyExists,
                      "目标位置已有另一个密钥文件：" + k + "（不会覆盖；请先确认再移开）");
        }
        continue;
      }
      if (auto r = CopyPrivate(src, k); !r) return std::unexpected(r.error());
    } else if (!fs::exists(k, ec)) {
      result.warnings.push_back("密钥文件缺失：" + k + "——请从密钥备份放回（权限 0600），否则" +
                                (k == key ? "身份号码无法解密" : "审计记录无法校验"));
    }
  }

  auto rows = CountRows(o.db);
  if (!rows) return std::unexpected(rows.error());
  result.rows = *rows;
  if (result.rows != manifest->rows) {
    result.warnings.push_back("恢复后的行数与备份清单不符：请检查");
  }
  return result;
}

}  // namespace qjy::backup
