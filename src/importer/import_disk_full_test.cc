// A full disk during an import (issue #13 §8), on a real small filesystem
// (store/small_disk_test_support.h; skipped where no tmpfs can be mounted):
// the database, the input and its rejects file all live on it. The import
// stops with a Chinese error that says the disk is full and names the
// database file, stores a whole number of batches (each one transaction)
// and no rejects file; once space is freed the same file imports again and
// every row is stored exactly once.
#include <filesystem>
#include <set>

#include <gtest/gtest.h>

#include "importer/import.h"
#include "importer/import_test_util.h"
#include "importer/rejects_writer.h"
#include "store/no_space.h"
#include "store/small_disk_test_support.h"

namespace qjy::importer {
namespace {

using namespace testing;  // NOLINT

int64_t Scalar(store::Db& db, const std::string& sql) {
  auto rows = db.Query(sql);
  if (!rows || rows->empty()) {
    ADD_FAILURE() << sql << ": " << (rows ? "no row" : rows.error().message);
    return -1;
  }
  return rows->front().Int(0);
}

std::string Text(store::Db& db, const std::string& sql) {
  auto rows = db.Query(sql);
  return rows && !rows->empty() ? rows->front().Text(0) : "";
}

std::set<std::string> FilesIn(const std::string& dir) {
  std::set<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) out.insert(e.path().filename().string());
  return out;
}

TEST(ImportDiskFullTest, StopsWithAClearErrorAtABatchBoundaryAndResumesOnceSpaceIsFreed) {
  constexpr int kRows = 4000;
  constexpr size_t kBatch = 250;
  store::testing::SmallDisk disk;
  // Room for the whole import once the filler is gone (persons, their
  // search rows, the WAL); the filler leaves room for a few batches only.
  if (auto why = disk.Mount(16 << 20); !why.empty()) GTEST_SKIP() << "no small filesystem here: " << why;
  Regions();

  const std::string csv = disk.Path("人员.csv");
  const std::string db = disk.Path("registry.db");
  {
    // Two bad rows (wrong check digit, missing name) so that a rejects file
    // is due; the rest valid.
    std::string text = kPersonHeader;
    for (int i = 0; i < kRows; ++i) {
      if (i == 7) {
        std::string bad = PersonRow(i);
        bad[17] = bad[17] == '1' ? '2' : '1';
        text += bad;
      } else if (i == 1500) {
        text += PersonRow(i, "");
      } else {
        text += PersonRow(i);
      }
    }
    WriteFile(csv, text);
    TestRegistry migrate(db);
    ASSERT_TRUE(migrate.db->Exec("PRAGMA wal_checkpoint(TRUNCATE)"));
  }
  const int64_t valid = kRows - 2;

  // Leave room for a few batches, not for the file.
  const int64_t left = disk.Fill(600 << 10);
  ASSERT_LT(left, 700 << 10);
  int batches_committed = 0;
  {
    TestRegistry reg(db);
    ImportOptions options = TestOptions();
    options.batch_size = kBatch;
    options.after_batch = [&](int64_t) { ++batches_committed; };
    auto r = Import(Entity::kPersons, csv, *reg.registry, *reg.db, options);
    ASSERT_FALSE(r) << "the import fit on the small disk: " << r->ToJson().dump();
    EXPECT_TRUE(store::IsNoSpace(r.error())) << r.error().message;
    EXPECT_TRUE(r.error().message.starts_with("磁盘空间不足")) << r.error().message;
    EXPECT_NE(r.error().message.find(db), std::string::npos) << "names the database file: " << r.error().message;
    EXPECT_NE(r.error().message.find("重新导入同一文件"), std::string::npos) << r.error().message;
    EXPECT_EQ(r.error().message.find("保存失败"), std::string::npos) << "no row-by-row rejects";
    std::cout << "disk full after " << batches_committed << " batches of " << kBatch << ": " << r.error().message
              << "\n";
  }
  // Nothing partial: no rejects file (nor its temporary), and the stored
  // persons are whole batches, each with its groups.
  EXPECT_EQ(FilesIn(disk.dir()).count("人员.rejects.csv"), 0u);
  EXPECT_EQ(FilesIn(disk.dir()).count("人员.rejects.csv.tmp"), 0u);
  int64_t stored = 0;
  {
    auto opened = store::OpenDb(db);  // read without migrating (no space to rebuild indexes)
    ASSERT_TRUE(opened) << opened.error().message;
    stored = Scalar(**opened, "SELECT COUNT(*) FROM persons");
    EXPECT_EQ(Text(**opened, "PRAGMA integrity_check"), "ok");
    EXPECT_EQ(Scalar(**opened,
                     "SELECT COUNT(*) FROM persons p WHERE (SELECT COUNT(*) FROM person_groups g "
                     "WHERE g.person_id = p.person_id) <> 2"),
              0);
  }
  EXPECT_LT(stored, valid);
  // A batch holds kBatch valid rows (rows rejected on reading never enter
  // one): what is stored is the batches reported committed, no more.
  EXPECT_EQ(stored % static_cast<int64_t>(kBatch), 0) << stored << " persons is not a batch boundary";
  EXPECT_EQ(stored, static_cast<int64_t>(kBatch) * batches_committed);

  // Space is back: the same file completes the import, each row once.
  disk.Unfill();
  {
    TestRegistry reg(db);  // its Migrate() rebuilds indexes the import left dropped
    ImportOptions options = TestOptions();
    options.batch_size = kBatch;
    auto r = Import(Entity::kPersons, csv, *reg.registry, *reg.db, options);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->rows, kRows);
    EXPECT_EQ(r->inserted, valid - stored);
    EXPECT_EQ(r->unchanged, stored);
    EXPECT_EQ(r->rejected, 2);
    EXPECT_EQ(Scalar(*reg.db, "SELECT COUNT(*) FROM persons"), valid);
    EXPECT_EQ(Scalar(*reg.db, "SELECT COUNT(DISTINCT id_hash) FROM persons"), valid);
    EXPECT_EQ(Scalar(*reg.db, "SELECT COUNT(*) FROM person_groups"), 2 * valid);
    EXPECT_EQ(Text(*reg.db, "PRAGMA integrity_check"), "ok");
    EXPECT_EQ(FilesIn(disk.dir()).count("人员.rejects.csv"), 1u);
    // And once more: nothing new.
    auto again = Import(Entity::kPersons, csv, *reg.registry, *reg.db, options);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->inserted, 0);
    EXPECT_EQ(again->unchanged, valid);
    EXPECT_EQ(Scalar(*reg.db, "SELECT COUNT(*) FROM persons"), valid);
  }
}

// The rejects file is written whole or not at all: on a full disk its
// writer fails with the disk-full error and leaves neither the file nor a
// temporary.
TEST(ImportDiskFullTest, RejectsFileIsWholeOrAbsent) {
  store::testing::SmallDisk disk;
  if (auto why = disk.Mount(1 << 20); !why.empty()) GTEST_SKIP() << "no small filesystem here: " << why;
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 20000; ++i) rows.push_back({PersonId(i), "张三", "第 " + std::to_string(i) + " 行有误"});
  disk.Fill(16 << 10);
  const std::string path = disk.Path("人员.rejects.csv");
  const std::vector<std::string> header = {"身份证号", "姓名", "错误原因"};
  auto w = WriteCsvFile(path, header, rows);
  ASSERT_FALSE(w);
  EXPECT_TRUE(store::IsNoSpace(w.error())) << w.error().message;
  EXPECT_NE(w.error().message.find(path), std::string::npos) << w.error().message;
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  disk.Unfill();
  ASSERT_TRUE(WriteCsvFile(path, header, rows));
  EXPECT_GT(std::filesystem::file_size(path), 100000u);
}

}  // namespace
}  // namespace qjy::importer
