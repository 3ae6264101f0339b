// Tests of qjy backup / qjy restore on SQLite (issue #13 §7): the warning
// about the key files, restore refused onto an existing database without
// --force, exit code 1 when the restored rows differ from the manifest, and
// a round trip whose row counts equal the manifest's.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "backup/backup.h"
#include "cli/cmd_test_run.h"
#include "cli/commands.h"
#include "store/db.h"

namespace qjy::cli {
namespace {

namespace fs = std::filesystem;
using testing::CmdRun;

CmdRun Qjy(const std::string& command_line) { return testing::RunCommand(AddBackupCommands, command_line); }

class BackupCmdTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/qjy-backup-cmd.XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    db_ = dir_ + "/live.db";
    auto db = store::OpenDb(db_);
    ASSERT_TRUE(db) << db.error().message;
    ASSERT_TRUE((*db)->ExecScript("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"));
    for (int i = 1; i <= 30; ++i) {
      const store::Value p[] = {int64_t{i}, std::string("人员") + std::to_string(i)};
      ASSERT_TRUE((*db)->Exec("INSERT INTO people (id, name) VALUES (?, ?)", p));
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  CmdRun BackupTo(const std::string& out) {
    return Qjy("backup --db " + db_ + " --out " + out + " --anchor-file " + dir_ + "/live.anchor");
  }
  std::string Restore(const std::string& from, const std::string& db, bool force = false) {
    return "restore --from " + from + " --db " + db + " --anchor-file " + dir_ + "/restored.anchor" +
           (force ? " --force" : "");
  }

  std::string dir_, db_;
};

TEST_F(BackupCmdTest, BackupWarnsThatTheKeysAreNotInTheBackup) {
  auto run = BackupTo(dir_ + "/bk");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("people\t30"), std::string::npos) << run.out;
  EXPECT_NE(run.err.find("密钥文件没有写入备份"), std::string::npos) << run.err;
  EXPECT_TRUE(fs::exists(dir_ + "/bk/manifest.json"));
  for (const auto& f : fs::directory_iterator(dir_ + "/bk")) {
    EXPECT_EQ(f.path().string().find(".key"), std::string::npos) << f.path();
  }
  // A second backup into the same (now non-empty) directory is refused.
  auto again = BackupTo(dir_ + "/bk");
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("备份目录不是空的"), std::string::npos) << again.err;
}

TEST_F(BackupCmdTest, RoundTripRestoresTheSameRowCounts) {
  ASSERT_EQ(BackupTo(dir_ + "/bk").exit_code, 0);
  const std::string target = dir_ + "/restored.db";
  auto run = Qjy(Restore(dir_ + "/bk", target));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("people\t30"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("qjy audit verify"), std::string::npos) << run.out;
  auto live = backup::CountRows(db_);
  auto restored = backup::CountRows(target);
  ASSERT_TRUE(live && restored);
  EXPECT_EQ(*restored, *live);
  EXPECT_EQ(restored->at("people"), 30);
}

TEST_F(BackupCmdTest, RestoreOntoAnExistingDatabaseNeedsForce) {
  ASSERT_EQ(BackupTo(dir_ + "/bk").exit_code, 0);
  // The live database went on after the backup.
  {
    auto db = store::OpenDb(db_);
    ASSERT_TRUE(db);
    ASSERT_TRUE((*db)->ExecScript("DELETE FROM people WHERE id > 10"));
  }
  auto refused = Qjy(Restore(dir_ + "/bk", db_));
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("目标数据库已存在"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("--force"), std::string::npos) << refused.err;
  auto untouched = backup::CountRows(db_);
  ASSERT_TRUE(untouched);
  EXPECT_EQ(untouched->at("people"), 10) << "a refused restore leaves the database as it was";

  auto forced = Qjy(Restore(dir_ + "/bk", db_, /*force=*/true));
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  auto back = backup::CountRows(db_);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->at("people"), 30);
}

TEST_F(BackupCmdTest, RestoreExitsOneWhenTheManifestCountsDiffer) {
  ASSERT_EQ(BackupTo(dir_ + "/bk").exit_code, 0);
  const std::string manifest = dir_ + "/bk/manifest.json";
  nlohmann::json j;
  {
    std::ifstream in(manifest);
    j = nlohmann::json::parse(in);
  }
  ASSERT_EQ(j["rows"]["people"].get<int64_t>(), 30);
  j["rows"]["people"] = 31;
  std::ofstream(manifest, std::ios::trunc) << j.dump(2) << "\n";

  auto run = Qjy(Restore(dir_ + "/bk", dir_ + "/restored.db"));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("恢复后的行数与备份清单不符"), std::string::npos) << run.err;
  EXPECT_NE(run.out.find("people\t30"), std::string::npos) << "the counted rows are shown: " << run.out;

  // A manifest that is not a manifest: a clear error, exit 1.
  std::ofstream(manifest, std::ios::trunc) << "{\"kind\": \"sqlite\"}\n";
  auto broken = Qjy(Restore(dir_ + "/bk", dir_ + "/other.db"));
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_NE(broken.err.find("manifest.json 已损坏"), std::string::npos) << broken.err;
}

TEST_F(BackupCmdTest, BasebackupIsForPostgresOnly) {
  auto run = Qjy("backup --db " + db_ + " --out " + dir_ + "/bk --method basebackup");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("只适用于 PostgreSQL"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(dir_ + "/bk")) << "nothing written";
  EXPECT_EQ(Qjy("backup --db " + db_ + " --out " + dir_ + "/bk --method rsync").exit_code, 2);
}

TEST_F(BackupCmdTest, MissingRequiredOptionIsUsageError) {
  EXPECT_EQ(Qjy("backup --db " + db_).exit_code, 2);
  EXPECT_EQ(Qjy("restore --db " + db_).exit_code, 2);
}

}  // namespace
}  // namespace qjy::cli
