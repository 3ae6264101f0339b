// The one storage interface. Two real implementations: SQLite (embedded
// default, store/sqlite_db.cc) and PostgreSQL 15 via libpq (store/pg_db.cc).
// Repositories (store/registry_store.h) are written once over it in portable
// SQL with `?` placeholders; the PostgreSQL driver rewrites them to $1..$n.
//
// A Db is one connection: not safe for concurrent use (Interrupt() aside);
// open one per thread.
// Driver exceptions and error codes stop here and become Result errors:
// a uniqueness violation is kAlreadyExists, a busy/locked database or a
// serialization failure kConflict, a wrong parameter count or a bad CopyIn
// identifier kInvalidArgument, a full disk kIo recognised by IsNoSpace
// (store/no_space.h), anything else kStore (message: the driver's).
#ifndef QJY_STORE_DB_H_
#define QJY_STORE_DB_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/error.h"
#include "core/vault.h"

namespace qjy::store {

// NULL, INTEGER (BIGINT), TEXT, BLOB (BYTEA). No floating point: money is fen.
using Value = std::variant<std::monostate, int64_t, std::string, Blob>;

struct Row {
  std::vector<Value> cells;
  bool IsNull(size_t i) const { return std::holds_alternative<std::monostate>(cells.at(i)); }
  int64_t Int(size_t i) const;           // 0 for NULL
  std::string Text(size_t i) const;      // "" for NULL
  Blob Bytes(size_t i) const;            // empty for NULL
};

enum class Dialect { kSqlite, kPostgres };

class Db {
 public:
  virtual ~Db() = default;
  virtual Dialect dialect() const = 0;

  // One statement with `?` placeholders. Prepared once per connection and
  // cached by its text. Returns the number of rows changed.
  virtual Result<int64_t> Exec(std::string_view sql, std::span<const Value> params = {}) = 0;
  virtual Result<std::vector<Row>> Query(std::string_view sql,
                                         std::span<const Value> params = {}) = 0;
  // Several statements separated by ';', no parameters (migrations).
  virtual Result<void> ExecScript(std::string_view sql) = 0;

  // Query, its rows handed to `fn` one at a time as they arrive rather than
  // collected: memory bounded by a row, however many the statement returns.
  // `fn` must not use this connection (the statement is still running). An
  // error `fn` returns stops the statement and is returned. PostgreSQL
  // streams (libpq's single-row mode); the default (SQLite) collects the
  // rows with Query first.
  virtual Result<void> QueryEach(std::string_view sql, std::span<const Value> params,
                                 const std::function<Result<void>(const Row&)>& fn) {
    auto rows = Query(sql, params);
    if (!rows) return std::unexpected(rows.error());
    for (const Row& r : *rows) {
      if (auto ok = fn(r); !ok) return ok;
    }
    return {};
  }

  // Transactions do not nest. A statement that fails inside a transaction
  // dooms it (PostgreSQL semantics, mirrored on SQLite): later statements may
  // fail too, and Commit() rolls back and returns an error, so a transaction
  // is written whole or not at all. Rollback() with none open is a no-op.
  virtual Result<void> Begin() = 0;
  virtual Result<void> Commit() = 0;
  virtual Result<void> Rollback() = 0;

  // Appends rows to `table` inside the current transaction: a cached INSERT
  // on SQLite, COPY FROM STDIN on PostgreSQL. Each row has one value per
  // column, in `columns` order.
  virtual Result<void> CopyIn(std::string_view table, std::span<const std::string> columns,
                              std::span<const std::vector<Value>> rows) = 0;

  // Asks the statement running on this connection, if one is, to stop: it
  // then fails (kStore, the driver's message). The one method that may be
  // called from another thread than the connection's user (a server
  // shutting down stops a long read). A no-op when nothing runs; a
  // statement started after it returns runs normally.
  virtual void Interrupt() = 0;
};

// "path/to/file.db" (SQLite, created if missing) or "postgresql://..." /
// "postgres://..." (PostgreSQL).
Result<std::unique_ptr<Db>> OpenDb(std::string_view url);

// RAII transaction: rolls back unless Commit() succeeded.
class Transaction {
 public:
  static Result<Transaction> Begin(Db& db);
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Result<void> Commit();

 private:
  explicit Transaction(Db& db) : db_(&db) {}
  Db* db_;
};

}  // namespace qjy::store

#endif  // QJY_STORE_DB_H_
