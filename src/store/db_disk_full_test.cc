// The SQLite driver on a full disk (store/no_space.h), on a real small
// tmpfs (store/small_disk_test_support.h; skipped where none can be
// mounted): the failing write and the transaction it dooms are told apart
// from other errors (IsNoSpace), the message is Chinese and names the
// database file, nothing of the transaction is kept, and the same write
// succeeds once space is freed.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/db.h"
#include "store/no_space.h"
#include "store/small_disk_test_support.h"

namespace qjy::store {
namespace {

int64_t Count(Db& db) {
  auto rows = db.Query("SELECT COUNT(*) FROM t");
  return rows ? rows->front().Int(0) : -1;
}

TEST(SqliteDiskFullTest, FullDiskIsNoSpaceNamesTheFileAndKeepsNothing) {
  testing::SmallDisk disk;
  if (auto why = disk.Mount(2 << 20); !why.empty()) GTEST_SKIP() << "no small filesystem here: " << why;
  const std::string path = disk.Path("t.db");
  auto opened = OpenDb(path);
  ASSERT_TRUE(opened) << opened.error().message;
  Db& db = **opened;
  ASSERT_TRUE(db.ExecScript("CREATE TABLE t (id INTEGER PRIMARY KEY, data BLOB NOT NULL)"));
  ASSERT_TRUE(db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"));
  disk.Fill(64 << 10);

  // 40 rows of 16 KiB in one transaction: more than the space left.
  const Blob chunk(16 << 10, 0x5a);
  auto write_all = [&]() -> Result<void> {
    auto tx = Transaction::Begin(db);
    if (!tx) return std::unexpected(tx.error());
    for (int64_t i = 1; i <= 40; ++i) {
      auto r = db.Exec("INSERT INTO t (id, data) VALUES (?, ?)", std::vector<Value>{i, chunk});
      if (!r) return std::unexpected(r.error());
    }
    return tx->Commit();
  };
  auto failed = write_all();
  ASSERT_FALSE(failed) << "40 x 16 KiB fit in 64 KiB";
  EXPECT_TRUE(IsNoSpace(failed.error())) << ErrorCodeName(failed.error().code) << " " << failed.error().message;
  EXPECT_TRUE(failed.error().message.starts_with("磁盘空间不足")) << failed.error().message;
  EXPECT_NE(failed.error().message.find(path), std::string::npos) << failed.error().message;
  EXPECT_EQ(Count(db), 0) << "nothing of the transaction is kept";

  // Other errors are not mistaken for a full disk.
  auto bad = db.Exec("INSERT INTO missing_table VALUES (1)");
  ASSERT_FALSE(bad);
  EXPECT_FALSE(IsNoSpace(bad.error())) << bad.error().message;

  disk.Unfill();
  auto ok = write_all();
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(Count(db), 40);
}

}  // namespace
}  // namespace qjy::store
