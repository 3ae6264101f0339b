// `qjy import persons` on a full disk (issue #13 §8), in process through
// AddDataCommands, with the database, its key and the input on a small
// tmpfs (store/small_disk_test_support.h; skipped where none can be
// mounted): exit status 1, a JSON error that says in Chinese that the disk
// is full and names the database file, whole batches stored; the same
// command once space is freed completes the import, each row once.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/cmd_test_run.h"
#include "cli/commands.h"
#include "core/id_number.h"
#include "store/db.h"
#include "store/small_disk_test_support.h"

namespace qjy::cli {
namespace {

std::string PersonId(int i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "5201021985%02d%02d%03d", 1 + (i / 900) % 12, 1 + (i / 10800) % 28,
                i % 900 + 1);
  return std::string(buf) + ResidentIdCheckChar(buf).value();
}

int64_t Persons(const std::string& db) {
  auto opened = store::OpenDb(db);
  if (!opened) {
    ADD_FAILURE() << opened.error().message;
    return -1;
  }
  auto rows = (*opened)->Query("SELECT COUNT(*) FROM persons");
  return rows ? rows->front().Int(0) : -1;
}

TEST(ImportDiskFullCmdTest, FailsClearlyAndTheSameCommandCompletesOnceSpaceIsFreed) {
  constexpr int kRows = 4000;
  store::testing::SmallDisk disk;
  if (auto why = disk.Mount(8 << 20); !why.empty()) GTEST_SKIP() << "no small filesystem here: " << why;
  const std::string db = disk.Path("qjy.db");
  const std::string header =
      "身份证号,姓名,民族,手机号,户籍地,常住地,工作地,参保地,文化程度,毕业(离校)日期,技能,职业资格证书,人员类别\n";
  auto row = [](int i) {
    return PersonId(i) + ",张三,汉族,138" + std::to_string(10000000 + i) +
           ",520102,贵阳市云岩区,,,本科,2012-07-01,焊接,,高校毕业生@2012-07-01~\n";
  };
  const std::string first = disk.Path("首批.csv");
  std::ofstream(first, std::ios::binary) << header << row(kRows);
  const std::string file = disk.Path("台账.csv");
  {
    std::ofstream out(file, std::ios::binary);
    out << header;
    for (int i = 0; i < kRows; ++i) out << row(i);
  }
  auto qjy = [&](const std::string& path) {
    return testing::RunCommand(AddDataCommands, "import persons '" + path + "' --db '" + db +
                                                    "' --today 2025-06-30 --batch 250 -q");
  };
  // The database (and its key file) exist before the disk fills up.
  auto created = qjy(first);
  ASSERT_EQ(created.exit_code, 0) << created.out << created.err;
  {
    auto opened = store::OpenDb(db);
    ASSERT_TRUE(opened);
    ASSERT_TRUE((*opened)->Exec("PRAGMA wal_checkpoint(TRUNCATE)"));
  }
  disk.Fill(600 << 10);

  auto full = qjy(file);
  EXPECT_EQ(full.exit_code, 1) << full.out << full.err;
  nlohmann::json j = nlohmann::json::parse(full.out, nullptr, false);
  ASSERT_TRUE(j.is_object() && j.contains("error")) << full.out;
  const std::string message = j["error"].get<std::string>();
  EXPECT_TRUE(message.starts_with("磁盘空间不足")) << message;
  EXPECT_NE(message.find(db), std::string::npos) << message;
  EXPECT_NE(message.find("重新导入同一文件"), std::string::npos) << message;
  const int64_t stored = Persons(db) - 1;
  EXPECT_GE(stored, 0);
  EXPECT_LT(stored, kRows);
  EXPECT_EQ(stored % 250, 0) << "a whole number of batches";

  disk.Unfill();
  auto again = qjy(file);
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  nlohmann::json r = nlohmann::json::parse(again.out);
  EXPECT_EQ(r["inserted"], kRows - stored);
  EXPECT_EQ(r["unchanged"], stored);
  EXPECT_EQ(r["rejected"], 0);
  EXPECT_EQ(Persons(db), kRows + 1);
}

}  // namespace
}  // namespace qjy::cli
