// Test support for the store contract tests: every test of a suite derived
// from StoreTest runs once against SQLite (a fresh temp file) and once
// against PostgreSQL (a fresh schema in the database of $QJY_TEST_PG_URL,
// see scripts/with-postgres.sh; skipped with a message when unset).
// Under scripts/with-postgres-shards.sh ($QJY_TEST_PG_SHARDS set too) a
// fixture that calls ShardIfAsked() after its migrations runs its
// PostgreSQL tests on the registry partitioned across the shard servers
// (store/pg_shards.h); the shards' schemas are dropped with the test's.
#ifndef QJY_STORE_STORE_TEST_SUPPORT_H_
#define QJY_STORE_STORE_TEST_SUPPORT_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/pg_shards.h"

namespace qjy::store {
// For gtest and ctest names: "Sqlite" / "Postgres" instead of raw bytes.
inline void PrintTo(Dialect d, std::ostream* os) {
  *os << (d == Dialect::kSqlite ? "Sqlite" : "Postgres");
}
}  // namespace qjy::store

namespace qjy::store::testing {

inline std::string DialectName(const ::testing::TestParamInfo<Dialect>& info) {
  return info.param == Dialect::kSqlite ? "Sqlite" : "Postgres";
}

class StoreTest : public ::testing::TestWithParam<Dialect> {
 protected:
  void SetUp() override {
    if (GetParam() == Dialect::kPostgres) {
      const char* url = std::getenv("QJY_TEST_PG_URL");
      if (url == nullptr || *url == '\0') {
        GTEST_SKIP() << "QJY_TEST_PG_URL is not set: PostgreSQL tests skipped "
                        "(run through scripts/with-postgres.sh)";
      }
      url_ = url;
      static std::atomic<int> counter{0};
      std::random_device rd;
      schema_ = "t_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
                std::to_string(rd() % 100000);
      auto admin = OpenDb(url_);
      ASSERT_TRUE(admin) << admin.error().message;
      ASSERT_TRUE((*admin)->ExecScript("CREATE SCHEMA " + schema_));
    } else {
      char tmpl[] = "/tmp/qjy-store-test.XXXXXX";
      ASSERT_NE(mkdtemp(tmpl), nullptr);
      dir_ = tmpl;
      url_ = dir_ + "/test.db";
    }
    auto db = Open();
    ASSERT_TRUE(db) << db.error().message;
    db_ = std::move(*db);
  }

  void TearDown() override {
    db_.reset();
    if (!schema_.empty()) {
      if (auto admin = OpenDb(url_)) (void)(*admin)->ExecScript("DROP SCHEMA " + schema_ + " CASCADE");
      for (const auto& shard : sharded_on_) {
        if (auto admin = OpenDb(shard)) (void)(*admin)->ExecScript("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
      }
    }
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  // Another connection to the same database (and schema).
  Result<std::unique_ptr<Db>> Open() {
    auto db = OpenDb(url_);
    if (!db) return db;
    if (!schema_.empty()) {
      if (auto r = (*db)->ExecScript("SET search_path TO " + schema_); !r) {
        return std::unexpected(r.error());
      }
    }
    return db;
  }

  bool IsPg() const { return GetParam() == Dialect::kPostgres; }

  // PostgreSQL with $QJY_TEST_PG_SHARDS set: partitions the registry's large
  // tables of this test's schema across those servers. Call once, after the
  // fixture's migrations; a no-op otherwise.
  void ShardIfAsked() {
    if (!IsPg()) return;
    const char* list = std::getenv("QJY_TEST_PG_SHARDS");
    if (list == nullptr || *list == '\0') return;
    sharded_on_ = SplitShardUrls(list);
    auto r = ApplyShardLayout(*db_, sharded_on_);
    ASSERT_TRUE(r) << r.error().message;
  }
  bool Sharded() const { return !sharded_on_.empty(); }

  // Bytes of the SQLite database file and its WAL (empty for PostgreSQL).
  std::string SqliteFileBytes() const {
    std::string all;
    for (const char* suffix : {"", "-wal", "-journal"}) {
      std::ifstream in(url_ + suffix, std::ios::binary);
      all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return all;
  }

  std::string url_, dir_, schema_;
  std::vector<std::string> sharded_on_;  // shard URLs when ShardIfAsked() sharded
  std::unique_ptr<Db> db_;
};

#define QJY_INSTANTIATE_STORE_TEST(suite)                                               \
  INSTANTIATE_TEST_SUITE_P(Dialects, suite,                                             \
                           ::testing::Values(::qjy::store::Dialect::kSqlite, ::qjy::store::Dialect::kPostgres), \
                           ::qjy::store::testing::DialectName)

}  // namespace qjy::store::testing

#endif  // QJY_STORE_STORE_TEST_SUPPORT_H_
