#include "store/pg_shards.h"

#include <libpq-fe.h>

#include <algorithm>
#include <array>
#include <memory>

#include "store/employment_schema.h"
#include "store/migrations.h"
#include "store/registry_schema.h"

namespace qjy::store {
namespace {

constexpr std::array<std::string_view, 9> kSharded = {
    "persons", "person_certificates", "person_groups", "person_search", "person_payment_facts",
    "contracts", "changes", "contributions", "separations"};

// The histories, tens of rows per person (36 months of contributions per
// contract): PostgreSQL 15's postgres_fdw analyzes a foreign table by
// reading all of it from the shard, too much to repeat daily at province
// scale, so their partitions ask the shard for estimates at planning time
// instead (use_remote_estimate; the shard's autovacuum keeps its own
// statistics). AnalyzePartitioned analyzes the others.
constexpr std::array<std::string_view, 2> kRemoteEstimated = {"changes", "contributions"};

// Tables whose foreign keys would point off the shard (see the header).
constexpr std::array<std::string_view, 2> kDropForeignKeysOnShard = {"person_search", "contracts"};

// Serialises concurrent layouts on one coordinator (CREATE SERVER IF NOT
// EXISTS is not safe against a concurrent creator).
constexpr int64_t kShardLockKey = 0x716a7973686172;  // "qjyshar"

std::string Lit(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string Ident(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

struct ShardTarget {
  std::string url, host, port, dbname, user, password, server;
};

Result<ShardTarget> ParseShard(const std::string& url) {
  if (!url.starts_with("postgresql://") && !url.starts_with("postgres://")) {
    return Fail(ErrorCode::kInvalidArgument, "分片地址必须是 postgresql:// 地址：" + url);
  }
  char* err = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> opts(PQconninfoParse(url.c_str(), &err),
                                                                     &PQconninfoFree);
  if (!opts) {
    std::string msg = err ? err : "";
    if (err) PQfreemem(err);
    return Fail(ErrorCode::kInvalidArgument, "分片地址无法解析：" + url + " " + msg);
  }
  ShardTarget t;
  t.url = url;
  for (auto* o = opts.get(); o->keyword != nullptr; ++o) {
    if (o->val == nullptr) continue;
    const std::string_view k = o->keyword;
    if (k == "host" || k == "hostaddr") {
      if (t.host.empty()) t.host = o->val;
    } else if (k == "port") {
      t.port = o->val;
    } else if (k == "dbname") {
      t.dbname = o->val;
    } else if (k == "user") {
      t.user = o->val;
    } else if (k == "password") {
      t.password = o->val;
    }
  }
  if (t.host.empty()) t.host = "localhost";
  if (t.port.empty()) t.port = "5432";
  if (t.dbname.empty()) t.dbname = t.user.empty() ? "postgres" : t.user;
  std::string name = "qjy_shard_" + t.host + "_" + t.port + "_" + t.dbname;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  if (name.size() > 63) name = name.substr(0, 50) + "_" + std::to_string(std::hash<std::string>{}(name) % 1000000000);
  t.server = name;
  return t;
}

Result<std::string> CurrentSchema(Db& db) {
  auto r = db.Query("SELECT current_schema()");
  if (!r) return std::unexpected(r.error());
  if (r->empty() || r->front().IsNull(0)) return Fail(ErrorCode::kStore, "无法确定当前模式 (current_schema)");
  return r->front().Text(0);
}

// The shard's real tables: the registry migrations in the schema of the
// coordinator's name, then the foreign keys that would point off the shard
// dropped.
Result<void> PrepareShard(const ShardTarget& shard, const std::string& schema) {
  auto db = OpenDb(shard.url);
  if (!db) return std::unexpected(db.error());
  Db& d = **db;
  QJY_TRY(d.ExecScript("CREATE SCHEMA IF NOT EXISTS " + Ident(schema) + "; SET search_path TO " + Ident(schema)));
  QJY_TRY(ApplyMigrations(d, RegistryMigrations()));
  QJY_TRY(ApplyMigrations(d, EmploymentMigrations()));
  for (std::string_view table : kDropForeignKeysOnShard) {
    auto fks = d.Query(
        "SELECT conname FROM pg_constraint WHERE contype = 'f' AND conrelid = "
        "(SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = current_schema() AND c.relname = ?)",
        std::array<Value, 1>{std::string(table)});
    if (!fks) return std::unexpected(fks.error());
    for (const auto& r : *fks) {
      QJY_TRY(d.ExecScript("ALTER TABLE " + Ident(table) + " DROP CONSTRAINT " + Ident(r.Text(0))));
    }
  }
  return {};
}

Result<void> EnsureServer(Db& db, const ShardTarget& s) {
  QJY_TRY(db.ExecScript("CREATE SERVER IF NOT EXISTS " + Ident(s.server) +
                        " FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host " + Lit(s.host) + ", port " +
                        Lit(s.port) + ", dbname " + Lit(s.dbname) +
                        // Scan the shards concurrently (Append over foreign
                        // partitions), fetch in large pages, insert in batches.
                        ", async_capable 'true', fetch_size '10000', batch_size '1000')"));
  std::string opts;
  if (!s.user.empty()) opts += "user " + Lit(s.user);
  if (!s.password.empty()) opts += std::string(opts.empty() ? "" : ", ") + "password " + Lit(s.password);
  QJY_TRY(db.ExecScript("CREATE USER MAPPING IF NOT EXISTS FOR CURRENT_USER SERVER " + Ident(s.server) +
                        (opts.empty() ? std::string() : " OPTIONS (" + opts + ")")));
  return {};
}

// One table: rename, partitioned twin with foreign partitions, copy, drop.
Result<int64_t> PartitionTable(Db& db, std::string_view table, std::span<const ShardTarget> shards,
                               const std::string& schema) {
  const std::string t(table), old = t + "__unsharded";
  // The table's own triggers (e.g. the fund-supervision counters of
  // migrations 1502 and 1504 on persons and person_payment_facts), as
  // written while it still has its name, re-created on the partitioned
  // table once its rows are copied (before would count them twice);
  // PostgreSQL clones a partitioned table's row triggers to every
  // partition, the foreign ones included.
  auto triggers = db.Query(
      "SELECT pg_get_triggerdef(g.oid) FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid"
      " JOIN pg_namespace n ON n.oid = c.relnamespace"
      " WHERE n.nspname = current_schema() AND c.relname = ? AND NOT g.tgisinternal ORDER BY g.tgname",
      std::array<Value, 1>{t});
  if (!triggers) return std::unexpected(triggers.error());
  QJY_TRY(db.ExecScript("ALTER TABLE " + Ident(t) + " RENAME TO " + Ident(old)));
  QJY_TRY(db.ExecScript("CREATE TABLE " + Ident(t) + " (LIKE " + Ident(old) +
                        " INCLUDING DEFAULTS INCLUDING IDENTITY) PARTITION BY HASH (county_code)"));
  for (size_t i = 0; i < shards.size(); ++i) {
    QJY_TRY(db.ExecScript("CREATE FOREIGN TABLE " + Ident(t + "__s" + std::to_string(i)) + " PARTITION OF " +
                          Ident(t) + " FOR VALUES WITH (MODULUS " + std::to_string(shards.size()) +
                          ", REMAINDER " + std::to_string(i) + ") SERVER " + Ident(shards[i].server) +
                          " OPTIONS (schema_name " + Lit(schema) + ", table_name " + Lit(t) + ")"));
  }
  for (size_t i = 0; i < shards.size(); ++i) {
    // The UPDATE of a foreign partition runs on the shard, which does not
    // know the partition bound: a new county_code would stay on the old
    // shard, misplaced. Refused here instead (see the header).
    QJY_TRY(db.ExecScript("CREATE TRIGGER qjy_keep_county BEFORE UPDATE OF county_code ON " +
                          Ident(t + "__s" + std::to_string(i)) +
                          " FOR EACH ROW WHEN (NEW.county_code IS DISTINCT FROM OLD.county_code)"
                          " EXECUTE FUNCTION qjy_shard_keep_county()"));
  }
  auto moved = db.Exec("INSERT INTO " + Ident(t) + " SELECT * FROM " + Ident(old));
  if (!moved) return std::unexpected(moved.error());
  QJY_TRY(db.ExecScript("DROP TABLE " + Ident(old) + " CASCADE"));
  for (const auto& r : *triggers) QJY_TRY(db.ExecScript(r.Text(0)));
  // The identity column, if any, continues after the moved rows.
  auto ident = db.Query(
      "SELECT a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
      " JOIN pg_namespace n ON n.oid = c.relnamespace"
      " WHERE n.nspname = current_schema() AND c.relname = ? AND a.attidentity <> ''",
      std::array<Value, 1>{t});
  if (!ident) return std::unexpected(ident.error());
  for (const auto& r : *ident) {
    const std::string c = r.Text(0);
    auto s = db.Query("SELECT setval(pg_get_serial_sequence(" + Lit(Ident(t)) + ", " + Lit(c) +
                      "), (SELECT COALESCE(MAX(" + Ident(c) + "), 0) + 1 FROM " + Ident(t) + "), false)");
    if (!s) return std::unexpected(s.error());
  }
  return *moved;
}

}  // namespace

std::span<const std::string_view> ShardedTables() { return kSharded; }

std::vector<std::string> SplitShardUrls(std::string_view list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find(',', start);
    if (end == std::string_view::npos) end = list.size();
    std::string_view part = list.substr(start, end - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) out.emplace_back(part);
    start = end + 1;
  }
  return out;
}

Result<std::vector<std::string>> PartitionedTables(Db& db) {
  if (db.dialect() != Dialect::kPostgres) return std::vector<std::string>{};
  auto r = db.Query(
      "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
      " WHERE n.nspname = current_schema() AND c.relkind = 'p' ORDER BY c.relname");
  if (!r) return std::unexpected(r.error());
  std::vector<std::string> out;
  for (const auto& row : *r) out.push_back(row.Text(0));
  return out;
}

Result<std::vector<std::string>> AnalyzePartitioned(Db& db) {
  auto parted = PartitionedTables(db);
  if (!parted) return std::unexpected(parted.error());
  std::vector<std::string> analyzed;
  for (const auto& t : *parted) {
    if (std::find(kRemoteEstimated.begin(), kRemoteEstimated.end(), t) == kRemoteEstimated.end()) {
      QJY_TRY(db.ExecScript("ANALYZE " + Ident(t)));
      analyzed.push_back(t);
      continue;
    }
    // Its foreign partitions without the option yet (laid out before it).
    auto parts = db.Query(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
        " JOIN pg_foreign_table ft ON ft.ftrelid = c.oid"
        " WHERE i.inhparent = to_regclass(?) AND NOT EXISTS (SELECT 1 FROM pg_options_to_table(ft.ftoptions)"
        " WHERE option_name = 'use_remote_estimate')",
        std::array<Value, 1>{Ident(t)});
    if (!parts) return std::unexpected(parts.error());
    for (const auto& r : *parts) {
      QJY_TRY(db.ExecScript("ALTER FOREIGN TABLE " + Ident(r.Text(0)) + " OPTIONS (ADD use_remote_estimate 'true')"));
    }
  }
  return analyzed;
}

Result<std::map<std::string, std::string>> ShardOfCounties(Db& db, std::span<const std::string> counties) {
  std::map<std::string, std::string> out;
  auto parted = PartitionedTables(db);
  if (!parted) return std::unexpected(parted.error());
  if (std::find(parted->begin(), parted->end(), "persons") == parted->end()) return out;
  // The partitions of persons with their server and HASH bound.
  auto parts = db.Query(
      "SELECT s.srvname, (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'modulus (\\d+)'))[1]::int,"
      " (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'remainder (\\d+)'))[1]::int"
      " FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
      " JOIN pg_foreign_table ft ON ft.ftrelid = c.oid JOIN pg_foreign_server s ON s.oid = ft.ftserver"
      " WHERE i.inhparent = to_regclass('persons') ORDER BY 3");
  if (!parts) return std::unexpected(parts.error());
  for (const auto& county : counties) {
    for (const auto& p : *parts) {
      auto hit = db.Query("SELECT CASE WHEN satisfies_hash_partition(to_regclass('persons'), CAST(? AS INT), CAST(? AS INT),"
                          " CAST(? AS TEXT)) THEN 1 ELSE 0 END",
                          std::array<Value, 3>{p.Int(1), p.Int(2), county});
      if (!hit) return std::unexpected(hit.error());
      if (!hit->empty() && hit->front().Int(0) != 0) {
        out[county] = p.Text(0);
        break;
      }
    }
  }
  return out;
}

Result<std::vector<ShardCounties>> CountiesPerShard(Db& db) {
  std::vector<ShardCounties> out;
  auto parted = PartitionedTables(db);
  if (!parted) return std::unexpected(parted.error());
  if (std::find(parted->begin(), parted->end(), "persons") == parted->end()) return out;
  // Per partition: its name, server, the server's and the user mapping's
  // connection options, and the remote schema (EnsureServer, the foreign
  // table's schema_name).
  auto opt = [](const char* options, const char* name) {
    return std::string("(SELECT option_value FROM pg_options_to_table(") + options + ") WHERE option_name = '" +
           name + "')";
  };
  auto parts = db.Query(
      "SELECT c.relname, s.srvname, " + opt("s.srvoptions", "host") + ", " + opt("s.srvoptions", "port") + ", " +
      opt("s.srvoptions", "dbname") + ", " + opt("um.umoptions", "user") + ", " + opt("um.umoptions", "password") +
      ", " + opt("ft.ftoptions", "schema_name") +
      " FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
      " JOIN pg_foreign_table ft ON ft.ftrelid = c.oid JOIN pg_foreign_server s ON s.oid = ft.ftserver"
      " LEFT JOIN pg_user_mappings um ON um.srvid = s.oid AND um.usename = current_user"
      " WHERE i.inhparent = to_regclass('persons')"
      " ORDER BY (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'remainder (\\d+)'))[1]::int");
  if (!parts) return std::unexpected(parts.error());
  auto quote = [](const std::string& v) {
    std::string q = "'";
    for (char ch : v) {
      if (ch == '\'' || ch == '\\') q += '\\';
      q += ch;
    }
    return q + "'";
  };
  for (const auto& p : *parts) {
    auto codes = db.Query("SELECT DISTINCT county_code FROM " + Ident(p.Text(0)) + " ORDER BY 1");
    if (!codes) return std::unexpected(codes.error());
    ShardCounties sc{.shard = p.Text(1), .conninfo = {}, .schema = p.IsNull(7) ? "public" : p.Text(7), .counties = {}};
    const char* keys[] = {"host", "port", "dbname", "user", "password"};
    for (int k = 0; k < 5; ++k) {
      if (p.IsNull(2 + k)) continue;
      sc.conninfo += std::string(sc.conninfo.empty() ? "" : " ") + keys[k] + "=" + quote(p.Text(2 + k));
    }
    for (const auto& r : *codes) sc.counties.push_back(r.Text(0));
    out.push_back(std::move(sc));
  }
  return out;
}

Result<ShardLayoutReport> ApplyShardLayout(Db& coordinator, std::span<const std::string> shard_urls) {
  if (coordinator.dialect() != Dialect::kPostgres) {
    return Fail(ErrorCode::kInvalidArgument, "分片只适用于 PostgreSQL 数据库");
  }
  if (shard_urls.empty()) return Fail(ErrorCode::kInvalidArgument, "分片地址 (--shards) 不能为空");
  std::vector<ShardTarget> shards;
  for (const auto& url : shard_urls) {
    auto t = ParseShard(url);
    if (!t) return std::unexpected(t.error());
    for (const auto& other : shards) {
      if (other.server == t->server) return Fail(ErrorCode::kInvalidArgument, "分片地址重复：" + url);
    }
    shards.push_back(std::move(*t));
  }
  auto schema = CurrentSchema(coordinator);
  if (!schema) return std::unexpected(schema.error());

  auto already = PartitionedTables(coordinator);
  if (!already) return std::unexpected(already.error());
  if (std::find(already->begin(), already->end(), "persons") != already->end()) {
    auto n = coordinator.Query(
        "SELECT COUNT(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhparent"
        " JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = current_schema() AND c.relname = 'persons'");
    if (!n) return std::unexpected(n.error());
    if (!n->empty() && n->front().Int(0) == static_cast<int64_t>(shards.size())) return ShardLayoutReport{};
    return Fail(ErrorCode::kInvalidArgument, "数据库已按另一分片数分片，不支持重新分片");
  }
  auto present = coordinator.Query(
      "SELECT COUNT(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
      " WHERE n.nspname = current_schema() AND c.relname = 'persons'");
  if (!present) return std::unexpected(present.error());
  if (present->empty() || present->front().Int(0) == 0) {
    return Fail(ErrorCode::kInvalidArgument, "数据库尚未建表：先执行迁移（qjy db migrate）再分片");
  }

  for (const auto& s : shards) {
    if (auto r = PrepareShard(s, *schema); !r) {
      return Fail(r.error().code, "分片 " + s.host + ":" + s.port + "/" + s.dbname + " 准备失败：" + r.error().message);
    }
  }

  ShardLayoutReport report;
  report.shards = static_cast<int>(shards.size());
  QJY_TRY(coordinator.Begin());
  auto body = [&]() -> Result<void> {
    auto lock = coordinator.Query("SELECT pg_advisory_xact_lock(" + std::to_string(kShardLockKey) + ")");
    if (!lock) return std::unexpected(lock.error());
    // In public, not the current schema: an extension created in one
    // deployment's schema would go (CASCADE: with every foreign server and
    // partition of every schema) when that schema is dropped.
    QJY_TRY(coordinator.ExecScript("CREATE EXTENSION IF NOT EXISTS postgres_fdw SCHEMA public"));
    for (const auto& s : shards) QJY_TRY(EnsureServer(coordinator, s));
    QJY_TRY(coordinator.ExecScript(
        "CREATE OR REPLACE FUNCTION qjy_shard_keep_county() RETURNS trigger LANGUAGE plpgsql AS $f$"
        " BEGIN RAISE EXCEPTION '分片数据库不支持更改记录所属县（% 改为 %）：请删除后在新县重新登记',"
        " OLD.county_code, NEW.county_code USING ERRCODE = 'check_violation'; END $f$"));
    // A person's certificates and groups carry the person's county, the
    // key they are partitioned by: rows a moved person left with the old
    // county (written before 6432dfb) would land on the old county's shard,
    // where a county-bounded read of the person (PersonsOfCounties) would
    // not find them. Repaired here, on the still unsharded tables: after
    // the layout a county cannot change.
    for (const char* child : {"person_certificates", "person_groups"}) {
      QJY_TRY(coordinator.ExecScript(std::string("UPDATE ") + child + " c SET county_code = p.county_code" +
                                     " FROM persons p WHERE p.person_id = c.person_id" +
                                     " AND c.county_code <> p.county_code"));
    }
    for (std::string_view table : kSharded) {
      auto moved = PartitionTable(coordinator, table, shards, *schema);
      if (!moved) return std::unexpected(moved.error());
      report.rows_moved += *moved;
      report.tables.emplace_back(table);
    }
    return {};
  };
  if (auto r = body(); !r) {
    (void)coordinator.Rollback();
    return std::unexpected(r.error());
  }
  QJY_TRY(coordinator.Commit());
  if (report.rows_moved > 0) {
    auto analyzed = AnalyzePartitioned(coordinator);
    if (!analyzed) return std::unexpected(analyzed.error());
  }
  return report;
}

}  // namespace qjy::store
