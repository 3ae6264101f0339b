// The Db contract, run against SQLite and PostgreSQL.
#include "store/db.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <limits>
#include <optional>
#include <thread>

#include "store/migrations.h"
#include "store/store_test_support.h"

namespace qjy::store {
namespace {

using testing::StoreTest;

class DbTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(db_->ExecScript(ExpandDialect(
        "CREATE TABLE t (id {id}, i {int}, s TEXT, b {blob});"
        "CREATE UNIQUE INDEX t_s ON t (s)",
        db_->dialect())));
  }
  int64_t Count() {
    auto r = db_->Query("SELECT COUNT(*) FROM t");
    EXPECT_TRUE(r) << r.error().message;
    return r ? r->at(0).Int(0) : -1;
  }
};

TEST_P(DbTest, ValuesRoundTrip) {
  Blob all_bytes;
  for (int i = 0; i < 256; ++i) all_bytes.push_back(static_cast<uint8_t>(i));
  struct Case {
    Value i, s, b;
  } cases[] = {
      {std::monostate{}, std::monostate{}, std::monostate{}},
      {std::numeric_limits<int64_t>::max(), std::string("黔就业 «quotes» \"x\" \\ \t\n"),
       all_bytes},
      {std::numeric_limits<int64_t>::min(), std::string(""), Blob{}},
      {int64_t{0}, std::string("O'Brien; DROP TABLE t;--"), Blob{0, 0, 0}},
  };
  for (const auto& c : cases) {
    const Value p[] = {c.i, c.s, c.b};
    ASSERT_TRUE(db_->Exec("INSERT INTO t (i, s, b) VALUES (?, ?, ?)", p));
  }
  auto rows = db_->Query("SELECT i, s, b FROM t ORDER BY id");
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->size(), std::size(cases));
  for (size_t k = 0; k < std::size(cases); ++k) {
    EXPECT_EQ((*rows)[k].cells[0], cases[k].i) << k;
    EXPECT_EQ((*rows)[k].cells[1], cases[k].s) << k;
    EXPECT_EQ((*rows)[k].cells[2], cases[k].b) << k;
  }
  EXPECT_TRUE((*rows)[0].IsNull(2));
  EXPECT_EQ((*rows)[0].Int(0), 0);
  EXPECT_EQ((*rows)[0].Text(1), "");
}

TEST_P(DbTest, ExecReturnsChangedRowsAndReturning) {
  for (int k = 0; k < 3; ++k) {
    const Value p[] = {int64_t{k}, "s" + std::to_string(k)};
    auto r = db_->Query("INSERT INTO t (i, s) VALUES (?, ?) RETURNING id", p);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_GT(r->at(0).Int(0), 0);
  }
  const Value p[] = {int64_t{1}};
  auto changed = db_->Exec("UPDATE t SET i = i + 10 WHERE i >= ?", p);
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_EQ(*changed, 2);
}

TEST_P(DbTest, QuestionMarkInsideLiteralIsNotAParameter) {
  const Value p[] = {std::string("real")};
  auto r = db_->Query("SELECT '?', 'it''s ?', ? /* ? */ -- ?\n", p);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->at(0).Text(0), "?");
  EXPECT_EQ(r->at(0).Text(1), "it's ?");
  EXPECT_EQ(r->at(0).Text(2), "real");
  const Value q[] = {int64_t{7}};
  ASSERT_TRUE(db_->Exec("INSERT INTO t (s, i) VALUES ('a?b', ?)", q));
  auto back = db_->Query("SELECT s, i FROM t");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->at(0).Text(0), "a?b");
  EXPECT_EQ(back->at(0).Int(1), 7);
}

TEST_P(DbTest, MetacharactersAreData) {
  const std::string evil = "O'Brien; DROP TABLE t;--";
  const Value p[] = {evil};
  ASSERT_TRUE(db_->Exec("INSERT INTO t (s) VALUES (?)", p));
  auto r = db_->Query("SELECT s FROM t WHERE s = ?", p);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ(r->at(0).Text(0), evil);
  EXPECT_EQ(Count(), 1);
}

TEST_P(DbTest, ErrorMapping) {
  const Value p[] = {std::string("dup")};
  ASSERT_TRUE(db_->Exec("INSERT INTO t (s) VALUES (?)", p));
  auto dup = db_->Exec("INSERT INTO t (s) VALUES (?)", p);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists) << dup.error().message;
  EXPECT_NE(dup.error().message.find("已存在"), std::string::npos);

  auto syntax = db_->Query("SELEC nonsense");
  ASSERT_FALSE(syntax);
  EXPECT_EQ(syntax.error().code, ErrorCode::kStore);
  EXPECT_FALSE(syntax.error().message.empty());

  auto missing = db_->Query("SELECT x FROM no_such_table");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kStore);
  EXPECT_NE(missing.error().message.find("no_such_table"), std::string::npos);

  auto count = db_->Exec("INSERT INTO t (s, i) VALUES (?, ?)", p);
  ASSERT_FALSE(count);
  EXPECT_EQ(count.error().code, ErrorCode::kInvalidArgument);

  const std::string cols[] = {"s; DROP TABLE t"};
  const std::vector<Value> row = {std::string("x")};
  auto bad = db_->CopyIn("t", cols, std::span(&row, 1));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Count(), 1);
}

TEST_P(DbTest, RollbackAndRaiiDiscardEverything) {
  ASSERT_TRUE(db_->Begin());
  const Value a[] = {std::string("a")};
  ASSERT_TRUE(db_->Exec("INSERT INTO t (s) VALUES (?)", a));
  ASSERT_TRUE(db_->Rollback());
  EXPECT_EQ(Count(), 0);
  {
    auto tx = Transaction::Begin(*db_);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(db_->Exec("INSERT INTO t (s) VALUES (?)", a));
  }  // not committed
  EXPECT_EQ(Count(), 0);
  EXPECT_TRUE(db_->Rollback());  // none open: no-op
}

TEST_P(DbTest, CommitIsVisibleToAnotherConnectionOnlyAfterCommit) {
  auto other = Open();
  ASSERT_TRUE(other) << other.error().message;
  auto tx = Transaction::Begin(*db_);
  ASSERT_TRUE(tx);
  const Value a[] = {std::string("a")};
  ASSERT_TRUE(db_->Exec("INSERT INTO t (s) VALUES (?)", a));
  auto before = (*other)->Query("SELECT COUNT(*) FROM t");
  ASSERT_TRUE(before) << before.error().message;
  EXPECT_EQ(before->at(0).Int(0), 0);
  ASSERT_TRUE(tx->Commit());
  auto after = (*other)->Query("SELECT COUNT(*) FROM t");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->at(0).Int(0), 1);
}

// Interrupt() from another thread stops a statement that would run for
// minutes (a server stopping a long read at shutdown), and the connection
// serves the next statement; with nothing running it changes nothing.
TEST_P(DbTest, InterruptStopsARunningStatementFromAnotherThread) {
  const std::string slow = IsPg() ? "SELECT pg_sleep(300)"
                                  : "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c"
                                    " WHERE x < 100000000000) SELECT COUNT(*) FROM c";
  std::optional<Result<std::vector<Row>>> result;
  std::atomic<bool> done{false};
  const auto start = std::chrono::steady_clock::now();
  std::thread runner([&] {
    result = db_->Query(slow);
    done = true;
  });
  // Until it stops: a call before the statement has begun is a no-op.
  while (!done && std::chrono::steady_clock::now() - start < std::chrono::seconds(60)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    db_->Interrupt();
  }
  runner.join();
  ASSERT_TRUE(result.has_value());
  EXPECT_FALSE(*result) << "the statement ran to its end";
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(60));
  auto next = db_->Query("SELECT 1");
  ASSERT_TRUE(next) << next.error().message;
  EXPECT_EQ(next->at(0).Int(0), 1);
  db_->Interrupt();  // nothing runs
  auto after = db_->Query("SELECT 2");
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_EQ(after->at(0).Int(0), 2);
}

TEST_P(DbTest, FailedStatementDoomsTheTransaction) {
  const Value a[] = {std::string("a")}, b[] = {std::string("b")};
  ASSERT_TRUE(db_->Exec("INSERT INTO t (s) VALUES (?)", a));
  auto tx = Transaction::Begin(*db_);
  ASSERT_TRUE(tx);
  ASSERT_TRUE(db_->Exec("INSERT INTO t (s) VALUES (?)", b));
  auto dup = db_->Exec("INSERT INTO t (s) VALUES (?)", a);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);
  auto commit = tx->Commit();
  EXPECT_FALSE(commit);
  EXPECT_EQ(Count(), 1);  // "b" was not half-written
  // The connection is usable afterwards.
  ASSERT_TRUE(db_->Exec("INSERT INTO t (s) VALUES (?)", b));
  EXPECT_EQ(Count(), 2);
}

TEST_P(DbTest, ExecScriptRunsSeveralStatements) {
  ASSERT_TRUE(db_->ExecScript("INSERT INTO t (s) VALUES ('x;y'); INSERT INTO t (s) VALUES ('z');"));
  EXPECT_EQ(Count(), 2);
  auto bad = db_->ExecScript("INSERT INTO t (s) VALUES ('w'); BROKEN;");
  EXPECT_FALSE(bad);
}

TEST_P(DbTest, CopyInEscapesEverything) {
  std::vector<std::vector<Value>> rows;
  for (int k = 0; k < 2500; ++k) {
    Blob b = {static_cast<uint8_t>(k), 0, '\\', '\n', '\t', 0xff};
    Value s = k % 7 == 0 ? Value{std::monostate{}}
                         : Value{"行" + std::to_string(k) + "\t\\N\n\r'\"\\x00;--"};
    rows.push_back({int64_t{k + 1}, int64_t{k} * 1000000007, s, b});
  }
  const std::string cols[] = {"id", "i", "s", "b"};
  ASSERT_TRUE(db_->Begin());
  auto r = db_->CopyIn("t", cols, rows);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_TRUE(db_->Commit());
  auto back = db_->Query("SELECT id, i, s, b FROM t ORDER BY id");
  ASSERT_TRUE(back);
  ASSERT_EQ(back->size(), rows.size());
  for (size_t k = 0; k < rows.size(); ++k) {
    for (size_t c = 0; c < 4; ++c) ASSERT_EQ((*back)[k].cells[c], rows[k][c]) << k << "," << c;
  }
}

TEST_P(DbTest, CopyInClashIsAlreadyExists) {
  const std::string cols[] = {"s"};
  std::vector<std::vector<Value>> rows = {{std::string("same")}, {std::string("same")}};
  ASSERT_TRUE(db_->Begin());
  auto r = db_->CopyIn("t", cols, rows);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kAlreadyExists) << r.error().message;
  ASSERT_TRUE(db_->Rollback());
  EXPECT_EQ(Count(), 0);
}

TEST_P(DbTest, CopyInIsFast) {
  constexpr int kRows = 100000;
  std::vector<std::vector<Value>> rows;
  rows.reserve(kRows);
  for (int k = 0; k < kRows; ++k) rows.push_back({int64_t{k}, "row" + std::to_string(k)});
  const std::string cols[] = {"i", "s"};
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(db_->Begin());
  ASSERT_TRUE(db_->CopyIn("t", cols, rows));
  ASSERT_TRUE(db_->Commit());
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(Count(), kRows);
  std::printf("CopyIn: %d rows (1 unique index) in %.3f s = %.0f rows/s\n", kRows, secs,
              kRows / secs);
}

// QueryEach hands over the rows Query returns, in order; an error of the
// callback stops the statement and is returned, and the connection serves
// the next statement; a failing statement's error is returned.
TEST_P(DbTest, QueryEachStreamsTheRowsAndStopsOnTheCallersError) {
  ASSERT_TRUE(db_->Begin());
  for (int i = 0; i < 3000; ++i) {
    const Value p[] = {int64_t{i}, "s" + std::to_string(i), Blob{uint8_t(i % 256)}};
    ASSERT_TRUE(db_->Exec("INSERT INTO t (i, s, b) VALUES (?, ?, ?)", p));
  }
  ASSERT_TRUE(db_->Commit());
  const Value gt[] = {int64_t{99}};
  auto all = db_->Query("SELECT i, s, b FROM t WHERE i > ? ORDER BY i", gt);
  ASSERT_TRUE(all) << all.error().message;
  std::vector<Row> seen;
  auto each = db_->QueryEach("SELECT i, s, b FROM t WHERE i > ? ORDER BY i", gt, [&](const Row& r) -> Result<void> {
    seen.push_back(r);
    return {};
  });
  ASSERT_TRUE(each) << each.error().message;
  ASSERT_EQ(seen.size(), 2900u);
  for (size_t k = 0; k < seen.size(); ++k) ASSERT_EQ(seen[k].cells, (*all)[k].cells) << k;

  int n = 0;
  auto stopped = db_->QueryEach("SELECT i FROM t ORDER BY i", {}, [&](const Row&) -> Result<void> {
    if (++n == 10) return Fail(ErrorCode::kInvalidArgument, "enough");
    return {};
  });
  ASSERT_FALSE(stopped);
  EXPECT_EQ(stopped.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(stopped.error().message, "enough");
  EXPECT_EQ(n, 10);
  EXPECT_EQ(Count(), 3000);  // the connection answers again

  auto bad = db_->QueryEach("SELECT nope FROM t", {}, [](const Row&) -> Result<void> { return {}; });
  ASSERT_FALSE(bad);
  EXPECT_EQ(Count(), 3000);
}

QJY_INSTANTIATE_STORE_TEST(DbTest);

}  // namespace
}  // namespace qjy::store
