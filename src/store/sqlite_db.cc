#include "store/sqlite_db.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <unordered_map>

#include "store/no_space.h"
#include "store/sql_ident.h"

namespace qjy::store {
namespace {

struct StmtDeleter {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtDeleter>;

struct DbDeleter {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};

struct SqliteDbStringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

class SqliteDb final : public Db {
 public:
  SqliteDb(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  ~SqliteDb() override {
    stmts_.clear();  // finalize before closing
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  void Interrupt() override { sqlite3_interrupt(db_.get()); }

  Result<int64_t> Exec(std::string_view sql, std::span<const Value> params) override {
    auto stmt = Prepare(sql);
    if (!stmt) return std::unexpected(stmt.error());
    Reset guard{*stmt};
    if (auto b = Bind(*stmt, params); !b) return std::unexpected(b.error());
    for (;;) {
      int rc = sqlite3_step(*stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return Error(rc, sql);
    }
    return sqlite3_changes64(db_.get());
  }

  Result<std::vector<Row>> Query(std::string_view sql, std::span<const Value> params) override {
    auto stmt = Prepare(sql);
    if (!stmt) return std::unexpected(stmt.error());
    Reset guard{*stmt};
    if (auto b = Bind(*stmt, params); !b) return std::unexpected(b.error());
    std::vector<Row> rows;
    const int n = sqlite3_column_count(*stmt);
    for (;;) {
      int rc = sqlite3_step(*stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return Error(rc, sql);
      Row row;
      row.cells.reserve(n);
      for (int i = 0; i < n; ++i) row.cells.push_back(Column(*stmt, i));
      rows.push_back(std::move(row));
    }
    return rows;
  }

  Result<void> ExecScript(std::string_view sql) override {
    std::string text(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      const bool full = DiskFull();
      ErrorCode code = full ? ErrorCode::kIo : MapCode(sqlite3_extended_errcode(db_.get()));
      std::string text = full ? NoSpaceMessage() : "数据库错误：" + msg;
      if (!sqlite3_get_autocommit(db_.get())) Doom(code, text);
      return Fail(code, text);
    }
    return {};
  }

  Result<void> Begin() override {
    failed_in_tx_ = false;
    return Simple("BEGIN IMMEDIATE");
  }
  Result<void> Commit() override {
    if (failed_in_tx_) {
      (void)Rollback();
      // A full disk stays a full disk: the caller tells it apart from a bug.
      if (IsNoSpace(qjy::Error{failed_code_, failed_message_})) return Fail(failed_code_, failed_message_);
      return Fail(ErrorCode::kStore, "事务因先前的错误已中止，已回滚");
    }
    return Simple("COMMIT");
  }
  Result<void> Rollback() override {
    failed_in_tx_ = false;
    if (sqlite3_get_autocommit(db_.get())) return {};  // nothing open
    return Simple("ROLLBACK");
  }

  // Multi-row INSERTs of kRowsPerInsert rows (fewer VDBE runs per row), the
  // remainder one row at a time; both statements cached.
  Result<void> CopyIn(std::string_view table, std::span<const std::string> columns,
                      std::span<const std::vector<Value>> rows) override {
    if (auto c = CheckIdentifiers(table, columns); !c) return c;
    for (const auto& row : rows) {
      if (row.size() != columns.size()) {
        return Fail(ErrorCode::kInvalidArgument, "批量写入的列数不符：" + std::string(table));
      }
    }
    // SQLite allows 32766 parameters per statement.
    const size_t per = std::max<size_t>(1, std::min<size_t>(kRowsPerInsert, 32766 / columns.size()));
    size_t done = 0;
    if (rows.size() >= per && per > 1) {
      auto multi = Prepare(InsertSql(table, columns, per));
      if (!multi) return std::unexpected(multi.error());
      for (; done + per <= rows.size(); done += per) {
        Reset guard{*multi};
        if (auto b = BindRows(*multi, rows.subspan(done, per)); !b) return b;
        int rc = sqlite3_step(*multi);
        if (rc != SQLITE_DONE) return Error(rc, sqlite3_sql(*multi));
      }
    }
    if (done == rows.size()) return {};
    auto single = Prepare(InsertSql(table, columns, 1));
    if (!single) return std::unexpected(single.error());
    for (; done < rows.size(); ++done) {
      Reset guard{*single};
      if (auto b = BindRows(*single, rows.subspan(done, 1)); !b) return b;
      int rc = sqlite3_step(*single);
      if (rc != SQLITE_DONE) return Error(rc, sqlite3_sql(*single));
    }
    return {};
  }

 private:
  static constexpr size_t kRowsPerInsert = 16;

  static std::string InsertSql(std::string_view table, std::span<const std::string> columns,
                               size_t nrows) {
    std::string sql = "INSERT INTO " + std::string(table) + " (";
    std::string one = "(";
    for (size_t i = 0; i < columns.size(); ++i) {
      sql += (i ? "," : "") + columns[i];
      one += i ? ",?" : "?";
    }
    one += ")";
    sql += ") VALUES ";
    for (size_t r = 0; r < nrows; ++r) {
      if (r) sql += ',';
      sql += one;
    }
    return sql;
  }

  Result<void> BindRows(sqlite3_stmt* s, std::span<const std::vector<Value>> rows) {
    int idx = 1;
    for (const auto& row : rows) {
      for (const Value& v : row) {
        if (int rc = BindOne(s, idx++, v); rc != SQLITE_OK) return Error(rc, sqlite3_sql(s));
      }
    }
    return {};
  }

  static int BindOne(sqlite3_stmt* s, int i, const Value& v) {
    if (const auto* x = std::get_if<int64_t>(&v)) return sqlite3_bind_int64(s, i, *x);
    if (const auto* t = std::get_if<std::string>(&v)) {
      return sqlite3_bind_text64(s, i, t->data(), t->size(), SQLITE_STATIC, SQLITE_UTF8);
    }
    if (const auto* b = std::get_if<Blob>(&v)) {
      // A zero-length blob must stay a blob, not NULL: give SQLite a non-null pointer.
      static const uint8_t kEmpty = 0;
      return sqlite3_bind_blob64(s, i, b->empty() ? &kEmpty : b->data(), b->size(),
                                 SQLITE_STATIC);
    }
    return sqlite3_bind_null(s, i);
  }

  // Resets a cached statement and drops its bindings when a call ends.
  struct Reset {
    sqlite3_stmt* s;
    ~Reset() {
      sqlite3_reset(s);
      sqlite3_clear_bindings(s);
    }
  };

  // Whether the connection's last error is a full disk: SQLITE_FULL, or an
  // I/O error whose write failed with ENOSPC/EDQUOT (e.g. growing the WAL
  // index). Such an error is kIo with NoSpaceMessage (store/no_space.h).
  bool DiskFull() const {
    const int sys = sqlite3_system_errno(db_.get());
    const int ext = sqlite3_extended_errcode(db_.get());
    return (ext & 0xff) == SQLITE_FULL ||
           ((ext & 0xff) == SQLITE_IOERR && (sys == ENOSPC || sys == EDQUOT));
  }

  // What an officer reads when the disk is full, naming the database file
  // (the HTTP layer strips server paths, server/client_message.h). The
  // driver's English text ("database or disk is full", "disk I/O error")
  // adds nothing to it and stays out.
  std::string NoSpaceMessage() const {
    return std::string(kNoSpaceText) + "：数据库文件 " + path_ +
           " 所在的磁盘已满，本次写入已撤销，未保存任何部分；请释放磁盘空间后重试";
  }

  void Doom(ErrorCode code, const std::string& message) {
    if (!failed_in_tx_) {
      failed_code_ = code;
      failed_message_ = message;
    }
    failed_in_tx_ = true;
  }

  static ErrorCode MapCode(int extended) {
    switch (extended) {
      case SQLITE_CONSTRAINT_UNIQUE:
      case SQLITE_CONSTRAINT_PRIMARYKEY:
      case SQLITE_CONSTRAINT_ROWID:
        return ErrorCode::kAlreadyExists;
      default:
        break;
    }
    switch (extended & 0xff) {
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        return ErrorCode::kConflict;
      default:
        return ErrorCode::kStore;
    }
  }

  // Also dooms an open transaction, as PostgreSQL does (see db.h).
  std::unexpected<qjy::Error> Error(int rc, std::string_view sql) {
    (void)rc;
    const bool full = DiskFull();
    ErrorCode code = full ? ErrorCode::kIo : MapCode(sqlite3_extended_errcode(db_.get()));
    std::string text;
    if (full) {
      text = NoSpaceMessage();
    } else {
      std::string prefix = code == ErrorCode::kAlreadyExists ? "记录已存在："
                           : code == ErrorCode::kConflict    ? "数据库忙，请重试："
                                                             : "数据库错误：";
      text = prefix + sqlite3_errmsg(db_.get()) + "（" + std::string(sql.substr(0, 80)) + "）";
    }
    if (!sqlite3_get_autocommit(db_.get())) Doom(code, text);
    return Fail(code, std::move(text));
  }

  // BEGIN / COMMIT / ROLLBACK. A COMMIT that fails (e.g. SQLITE_FULL while
  // writing the WAL) leaves the transaction open: Transaction::Commit rolls
  // it back.
  Result<void> Simple(const char* sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_.get(), sql, nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      if (DiskFull()) return Fail(ErrorCode::kIo, NoSpaceMessage());
      return Fail(MapCode(sqlite3_extended_errcode(db_.get())), "数据库错误：" + msg + "（" + sql + "）");
    }
    return {};
  }

  Result<sqlite3_stmt*> Prepare(std::string_view sql) {
    if (auto it = stmts_.find(sql); it != stmts_.end()) return it->second.get();
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &raw, &tail);
    StmtPtr stmt(raw);
    if (rc != SQLITE_OK) return Error(rc, sql);
    if (!stmt) return Fail(ErrorCode::kInvalidArgument, "空的 SQL 语句");
    std::string_view rest(tail, sql.data() + sql.size() - tail);
    if (rest.find_first_not_of(" \t\r\n;") != std::string_view::npos) {
      return Fail(ErrorCode::kInvalidArgument,
                  "Exec/Query 只接受一条语句：" + std::string(sql.substr(0, 80)));
    }
    return stmts_.emplace(std::string(sql), std::move(stmt)).first->second.get();
  }

  Result<void> Bind(sqlite3_stmt* s, std::span<const Value> params) {
    int n = sqlite3_bind_parameter_count(s);
    if (n != static_cast<int>(params.size())) {
      return Fail(ErrorCode::kInvalidArgument,
                  "参数个数不符：需要 " + std::to_string(n) + " 个，给了 " +
                      std::to_string(params.size()) + " 个");
    }
    for (int i = 0; i < n; ++i) {
      if (int rc = BindOne(s, i + 1, params[i]); rc != SQLITE_OK) return Error(rc, sqlite3_sql(s));
    }
    return {};
  }

  static Value Column(sqlite3_stmt* s, int i) {
    switch (sqlite3_column_type(s, i)) {
      case SQLITE_INTEGER:
        return static_cast<int64_t>(sqlite3_column_int64(s, i));
      case SQLITE_FLOAT:
        return static_cast<int64_t>(sqlite3_column_double(s, i));
      case SQLITE_TEXT: {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
        return std::string(p, sqlite3_column_bytes(s, i));
      }
      case SQLITE_BLOB: {
        const auto* p = static_cast<const uint8_t*>(sqlite3_column_blob(s, i));
        int len = sqlite3_column_bytes(s, i);
        return p ? Blob(p, p + len) : Blob{};
      }
      default:
        return std::monostate{};
    }
  }

  std::unique_ptr<sqlite3, DbDeleter> db_;
  std::string path_;           // as opened, for messages
  bool failed_in_tx_ = false;  // a statement failed since Begin()
  ErrorCode failed_code_ = ErrorCode::kStore;  // the first such failure
  std::string failed_message_;
  std::unordered_map<std::string, StmtPtr, SqliteDbStringHash, std::equal_to<>> stmts_;
};

}  // namespace

Result<std::unique_ptr<Db>> OpenSqlite(std::string_view path) {
  sqlite3* raw = nullptr;
  std::string p(path);
  // A new database file is created readable by the server's user only;
  // SQLite gives its -wal and -shm files the same mode.
  if (!p.empty() && p != ":memory:" && !p.starts_with("file:")) {
    int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) ::close(fd);
  }
  int rc = sqlite3_open_v2(p.c_str(), &raw,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    sqlite3_close_v2(raw);
    return Fail(ErrorCode::kIo, "无法打开数据库 " + p + "：" + msg);
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 30000);
  auto db = std::make_unique<SqliteDb>(raw, p);
  // busy_timeout first: switching to WAL needs the lock another process may hold.
  if (auto r = db->ExecScript(
          "PRAGMA journal_mode=WAL;"
          "PRAGMA synchronous=FULL;"
          "PRAGMA foreign_keys=ON;"
          "PRAGMA temp_store=MEMORY;"
          "PRAGMA cache_size=-65536;");
      !r) {
    return std::unexpected(r.error());
  }
  return std::unique_ptr<Db>(std::move(db));
}

}  // namespace qjy::store
