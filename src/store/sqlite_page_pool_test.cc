// The page-cache pool (store/sqlite_page_pool.h). SQLite takes the setting
// only before its first use, so each case runs in a fresh process (a
// "threadsafe" death test re-runs this binary with only that case): the
// other tests of the binary have used SQLite already.
#include "store/sqlite_page_pool.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "store/db.h"

namespace qjy::store {
namespace {

// Fills a table enough to need a few hundred cache pages.
bool FillAndRead(const std::string& path) {
  auto db = OpenDb(path);
  if (!db) return false;
  if (!(*db)->ExecScript("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")) return false;
  if (!(*db)->Begin()) return false;
  for (int i = 0; i < 5000; ++i) {
    const Value p[] = {int64_t{i}, std::string(300, static_cast<char>('a' + i % 26))};
    if (!(*db)->Exec("INSERT INTO t (id, body) VALUES (?, ?)", p)) return false;
  }
  if (!(*db)->Commit()) return false;
  auto rows = (*db)->Query("SELECT COUNT(*), SUM(LENGTH(body)) FROM t");
  return rows && rows->at(0).Int(0) == 5000;
}

std::string TempDb() {
  return (std::filesystem::temp_directory_path() / ("qjy-page-pool-" + std::to_string(getpid()) + ".db")).string();
}

TEST(SqlitePagePoolDeathTest, PagesComeFromThePoolReservedBeforeFirstUse) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        PagePoolResult r = ReserveSqlitePagePool(4 * 1024 * 1024);
        if (!r.reserved || r.pages < 900 || r.slot_bytes < 4096) std::_Exit(2);
        if (!FillAndRead(TempDb())) std::_Exit(3);
        PagePoolUse u = SqlitePagePoolUse();
        std::filesystem::remove(TempDb());
        // The pages were cached in the pool, and none had to come from the heap.
        if (u.high_water < 100) std::_Exit(4);
        if (u.overflow_bytes != 0) std::_Exit(5);
        // Once per process: a second call gives the first result.
        if (ReserveSqlitePagePool(1024).pages != r.pages) std::_Exit(6);
        std::_Exit(0);
      },
      ::testing::ExitedWithCode(0), "");
}

TEST(SqlitePagePoolDeathTest, TooLateChangesNothingAndSaysWhy) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        if (!FillAndRead(TempDb())) std::_Exit(3);  // SQLite in use before the call
        PagePoolResult r = ReserveSqlitePagePool(4 * 1024 * 1024);
        std::filesystem::remove(TempDb());
        if (r.reserved) std::_Exit(2);
        if (r.note.find("已在使用") == std::string::npos) std::_Exit(4);
        if (SqlitePagePoolUse().high_water != 0) std::_Exit(5);
        std::_Exit(0);
      },
      ::testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace qjy::store
