#include "store/pg_db.h"

#include <libpq-fe.h>

#include <charconv>
#include <cstring>
#include <string>
#include <unordered_map>

#include "store/no_space.h"
#include "store/pg_placeholders.h"
#include "store/sql_ident.h"

namespace qjy::store {
namespace {

// Type OIDs from pg_type.h (server headers are not a client dependency).
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

struct ConnDeleter {
  void operator()(PGconn* c) const { PQfinish(c); }
};

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// bytea in text output ("\x0a1b..."), the default bytea_output = hex.
Blob DecodeBytea(const char* p, int len) {
  Blob out;
  if (len >= 2 && p[0] == '\\' && p[1] == 'x') {
    out.reserve((len - 2) / 2);
    for (int i = 2; i + 1 < len; i += 2) {
      out.push_back(static_cast<uint8_t>(HexDigit(p[i]) * 16 + HexDigit(p[i + 1])));
    }
    return out;
  }
  // Legacy escape format: let libpq decode it.
  size_t n = 0;
  unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(p), &n);
  if (raw != nullptr) {
    out.assign(raw, raw + n);
    PQfreemem(raw);
  }
  return out;
}

void AppendCopyText(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
}

void AppendCopyBytea(std::string& out, const Blob& b) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\\\x";  // COPY text unescapes "\\" to "\", leaving bytea's "\x..." hex form
  for (uint8_t x : b) {
    out += kHex[x >> 4];
    out += kHex[x & 15];
  }
}

class PgDb final : public Db {
 public:
  explicit PgDb(PGconn* conn) : conn_(conn) {}

  Dialect dialect() const override { return Dialect::kPostgres; }

  // A cancel request on a connection of its own (libpq's PQcancel, safe from
  // another thread); the backend answers the running statement with an error.
  void Interrupt() override {
    PGcancel* cancel = PQgetCancel(conn_.get());
    if (cancel == nullptr) return;
    char error[256];
    (void)PQcancel(cancel, error, sizeof error);
    PQfreeCancel(cancel);
  }

  Result<int64_t> Exec(std::string_view sql, std::span<const Value> params) override {
    auto res = Run(sql, params);
    if (!res) return std::unexpected(res.error());
    const char* n = PQcmdTuples(res->get());
    int64_t changed = 0;
    if (n != nullptr) std::from_chars(n, n + std::strlen(n), changed);
    return changed;
  }

  Result<std::vector<Row>> Query(std::string_view sql, std::span<const Value> params) override {
    auto res = Run(sql, params);
    if (!res) return std::unexpected(res.error());
    PGresult* r = res->get();
    const int nrows = PQntuples(r), ncols = PQnfields(r);
    std::vector<Oid> types(ncols);
    for (int c = 0; c < ncols; ++c) types[c] = PQftype(r, c);
    std::vector<Row> rows(nrows);
    for (int i = 0; i < nrows; ++i) {
      rows[i].cells.reserve(ncols);
      for (int c = 0; c < ncols; ++c) rows[i].cells.push_back(Cell(r, i, c, types[c]));
    }
    return rows;
  }

  Result<void> QueryEach(std::string_view sql, std::span<const Value> params,
                         const std::function<Result<void>(const Row&)>& fn) override {
    auto prep = Prepare(sql);
    if (!prep) return std::unexpected(prep.error());
    const Prepared& p = **prep;
    if (p.params != static_cast<int>(params.size())) {
      return Fail(ErrorCode::kInvalidArgument, "参数个数不符：需要 " + std::to_string(p.params) + " 个，给了 " +
                                                   std::to_string(params.size()) + " 个");
    }
    Bound b = Bind(params);
    if (PQsendQueryPrepared(conn_.get(), p.name.c_str(), static_cast<int>(params.size()), b.values.data(),
                            b.lengths.data(), b.formats.data(), 0) != 1 ||
        PQsetSingleRowMode(conn_.get()) != 1) {
      Drain();
      return Fail(ErrorCode::kStore, std::string("查询无法发送：") + PQerrorMessage(conn_.get()));
    }
    Result<void> out;
    std::vector<Oid> types;
    bool stopped = false;
    for (;;) {
      PgResult r(PQgetResult(conn_.get()));
      if (!r) break;
      const ExecStatusType st = PQresultStatus(r.get());
      if (st == PGRES_SINGLE_TUPLE) {
        if (stopped) continue;  // draining after fn's error
        const int ncols = PQnfields(r.get());
        if (types.empty()) {
          for (int c = 0; c < ncols; ++c) types.push_back(PQftype(r.get(), c));
        }
        Row row;
        row.cells.reserve(ncols);
        for (int c = 0; c < ncols; ++c) row.cells.push_back(Cell(r.get(), 0, c, types[c]));
        if (auto ok = fn(row); !ok) {
          out = std::move(ok);
          stopped = true;
          Interrupt();  // the rest is not wanted; what arrives is drained
        }
      } else if (st != PGRES_TUPLES_OK && !stopped) {
        if (auto c = Check(r.get(), sql); !c && out) out = std::unexpected(c.error());
      }
    }
    return out;
  }

  Result<void> ExecScript(std::string_view sql) override {
    PgResult r(PQexec(conn_.get(), std::string(sql).c_str()));
    return Check(r.get(), sql);
  }

  Result<void> Begin() override { return ExecScript("BEGIN"); }

  Result<void> Commit() override {
    PgResult r(PQexec(conn_.get(), "COMMIT"));
    if (auto c = Check(r.get(), "COMMIT"); !c) return c;
    // COMMIT of a transaction aborted by an earlier error "succeeds" as ROLLBACK.
    if (std::strcmp(PQcmdStatus(r.get()), "ROLLBACK") == 0) {
      return Fail(ErrorCode::kStore, "事务因先前的错误已中止，已回滚");
    }
    return {};
  }

  Result<void> Rollback() override {
    if (PQtransactionStatus(conn_.get()) == PQTRANS_IDLE) return {};
    return ExecScript("ROLLBACK");
  }

  Result<void> CopyIn(std::string_view table, std::span<const std::string> columns,
                      std::span<const std::vector<Value>> rows) override {
    if (auto c = CheckIdentifiers(table, columns); !c) return c;
    std::string sql = "COPY " + std::string(table) + " (";
    for (size_t i = 0; i < columns.size(); ++i) sql += (i ? "," : "") + columns[i];
    sql += ") FROM STDIN";
    PgResult start(PQexec(conn_.get(), sql.c_str()));
    if (PQresultStatus(start.get()) != PGRES_COPY_IN) return Check(start.get(), sql);

    constexpr size_t kChunk = 1 << 20;
    std::string buf;
    buf.reserve(kChunk + 4096);
    std::string failure;
    auto flush = [&]() {
      if (buf.empty() || !failure.empty()) return;
      if (PQputCopyData(conn_.get(), buf.data(), static_cast<int>(buf.size())) != 1) {
        failure = PQerrorMessage(conn_.get());
      }
      buf.clear();
    };
    for (const auto& row : rows) {
      if (row.size() != columns.size()) {
        failure = "批量写入的列数不符：" + std::string(table);
        break;
      }
      for (size_t c = 0; c < row.size(); ++c) {
        if (c) buf += '\t';
        const Value& v = row[c];
        if (const auto* x = std::get_if<int64_t>(&v)) {
          buf += std::to_string(*x);
        } else if (const auto* t = std::get_if<std::string>(&v)) {
          AppendCopyText(buf, *t);
        } else if (const auto* b = std::get_if<Blob>(&v)) {
          AppendCopyBytea(buf, *b);
        } else {
          buf += "\\N";
        }
      }
      buf += '\n';
      if (buf.size() >= kChunk) flush();
      if (!failure.empty()) break;
    }
    flush();
    PQputCopyEnd(conn_.get(), failure.empty() ? nullptr : failure.c_str());
    Result<void> out;
    while (PGresult* raw = PQgetResult(conn_.get())) {
      PgResult r(raw);
      if (out) out = Check(r.get(), sql);
    }
    if (out && !failure.empty()) return Fail(ErrorCode::kStore, "COPY 失败：" + failure);
    return out;
  }

 private:
  struct Prepared {
    std::string name;
    int params = 0;
  };

  // Parameters in libpq's form; `values` point into `params` and `ints`.
  struct Bound {
    std::vector<std::string> ints;
    std::vector<const char*> values;
    std::vector<int> lengths, formats;
  };
  static Bound Bind(std::span<const Value> params) {
    const size_t n = params.size();
    Bound b{std::vector<std::string>(n), std::vector<const char*>(n, nullptr), std::vector<int>(n, 0),
            std::vector<int>(n, 0)};
    for (size_t i = 0; i < n; ++i) {
      const Value& v = params[i];
      if (const auto* x = std::get_if<int64_t>(&v)) {
        b.ints[i] = std::to_string(*x);
        b.values[i] = b.ints[i].c_str();
      } else if (const auto* t = std::get_if<std::string>(&v)) {
        // Text params are NUL-terminated by libpq's contract; std::string is.
        b.values[i] = t->c_str();
      } else if (const auto* bl = std::get_if<Blob>(&v)) {
        static const char kEmpty = 0;
        b.values[i] = bl->empty() ? &kEmpty : reinterpret_cast<const char*>(bl->data());
        b.lengths[i] = static_cast<int>(bl->size());
        b.formats[i] = 1;
      }
    }
    return b;
  }

  // Reads and drops every result still pending on the connection.
  void Drain() {
    while (PGresult* r = PQgetResult(conn_.get())) PQclear(r);
  }

  Result<PgResult> Run(std::string_view sql, std::span<const Value> params) {
    auto prep = Prepare(sql);
    if (!prep) return std::unexpected(prep.error());
    const Prepared& p = **prep;
    if (p.params != static_cast<int>(params.size())) {
      return Fail(ErrorCode::kInvalidArgument,
                  "参数个数不符：需要 " + std::to_string(p.params) + " 个，给了 " +
                      std::to_string(params.size()) + " 个");
    }
    const size_t n = params.size();
    Bound b = Bind(params);
    PgResult r(PQexecPrepared(conn_.get(), p.name.c_str(), static_cast<int>(n), b.values.data(),
                              b.lengths.data(), b.formats.data(), 0));
    if (auto c = Check(r.get(), sql); !c) return std::unexpected(c.error());
    return r;
  }

  Result<const Prepared*> Prepare(std::string_view sql) {
    if (auto it = prepared_.find(sql); it != prepared_.end()) return &it->second;
    RewrittenSql rw = RewritePlaceholders(sql);
    Prepared p{"qjy_" + std::to_string(prepared_.size() + 1), rw.params};
    PgResult r(PQprepare(conn_.get(), p.name.c_str(), rw.sql.c_str(), 0, nullptr));
    if (auto c = Check(r.get(), sql); !c) return std::unexpected(c.error());
    return &prepared_.emplace(std::string(sql), std::move(p)).first->second;
  }

  Result<void> Check(PGresult* r, std::string_view sql) const {
    ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) return {};
    std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(conn_.get());
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    std::string_view code = state ? state : "";
    std::string head(sql.substr(0, 80));
    if (code == "23505") return Fail(ErrorCode::kAlreadyExists, "记录已存在：" + msg);
    if (code == "53100") {
      // disk_full (policy_services/pg_disk_full_test.cc). Officers read this
      // message: the server's English text (a relation file name) stays out
      // of it; the PostgreSQL server log has it.
      return Fail(ErrorCode::kIo, std::string(kNoSpaceText) +
                  "：数据库服务器的磁盘已满，本次写入已撤销，未保存任何部分；请释放磁盘空间后重试");
    }
    if (code == "40001" || code == "40P01") {
      return Fail(ErrorCode::kConflict, "并发冲突，请重试：" + msg);
    }
    return Fail(ErrorCode::kStore, "数据库错误：" + msg + "（" + head + "）");
  }

  static Value Cell(PGresult* r, int row, int col, Oid type) {
    if (PQgetisnull(r, row, col)) return std::monostate{};
    const char* p = PQgetvalue(r, row, col);
    const int len = PQgetlength(r, row, col);
    switch (type) {
      case kInt2Oid:
      case kInt4Oid:
      case kInt8Oid:
      case kOidOid: {
        int64_t n = 0;
        std::from_chars(p, p + len, n);
        return n;
      }
      case kBoolOid:
        return static_cast<int64_t>(len > 0 && p[0] == 't' ? 1 : 0);
      case kByteaOid:
        return DecodeBytea(p, len);
      default:
        return std::string(p, len);
    }
  }

  std::unique_ptr<PGconn, ConnDeleter> conn_;
  std::unordered_map<std::string, Prepared, StringHash, std::equal_to<>> prepared_;
};

void IgnoreNotice(void*, const char*) {}

}  // namespace

Result<std::unique_ptr<Db>> OpenPostgres(std::string_view url) {
  std::string u(url);
  PGconn* raw = PQconnectdb(u.c_str());
  if (raw == nullptr || PQstatus(raw) != CONNECTION_OK) {
    std::string msg = raw ? PQerrorMessage(raw) : "内存不足";
    PQfinish(raw);
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    return Fail(ErrorCode::kIo, "无法连接 PostgreSQL：" + msg);
  }
  PQsetNoticeProcessor(raw, IgnoreNotice, nullptr);
  auto db = std::make_unique<PgDb>(raw);
  // Partitionwise aggregation: on a registry across shard servers
  // (pg_shards.h) a GROUP BY of the partition key (county_code) or a
  // COUNT is computed by each shard, rather than every row pulled to the
  // coordinator (PersonsPerCounty: one row per county from each shard).
  // No effect on tables that are not partitioned.
  if (auto r = db->ExecScript("SET client_encoding = 'UTF8'; SET bytea_output = 'hex';"
                              " SET enable_partitionwise_aggregate = on");
      !r) {
    return std::unexpected(r.error());
  }
  return std::unique_ptr<Db>(std::move(db));
}

}  // namespace qjy::store
