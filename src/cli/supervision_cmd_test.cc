// qjy supervision officers import|list: a file with a bad row registers
// nothing and names the row and field in Chinese; a good file stores the
// officers' ID numbers and phones as keyed hashes only, printed masked.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "auth/account.h"
#include "auth/auth_schema.h"
#include "cli/cmd_test_run.h"
#include "cli/supervision_cmd.h"
#include "cli/registry_handle.h"
#include "core/id_number.h"

namespace qjy::cli {
namespace {

namespace fs = std::filesystem;

testing::CmdRun Sup(const std::string& line) { return testing::RunCommand(AddSupervisionCommands, line); }

std::string SupervisionCmdId(const std::string& first17) { return first17 + *ResidentIdCheckChar(first17); }

class SupervisionCmdTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("qjy-sup-cmd-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "s.db").string();
    auto h = OpenRegistry(db_);
    ASSERT_TRUE(h) << h.error().message;
    ASSERT_TRUE(auth::MigrateAuth(*h->db));
    auth::AccountStore accounts(*h->db, auth::HashCost::kMinimumForTests);
    auth::NewAccount a;
    a.username = "clerk1";
    a.role = auth::Role::kOfficer;
    a.region_code = "520102";
    a.password = "Correct-Horse-Battery-9";
    ASSERT_TRUE(accounts.Create(a, 1718409600));
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  int64_t Rows() {
    auto h = OpenRegistry(db_);
    auto r = h->db->Query("SELECT COUNT(*) FROM supervision_officer_hashes");
    return r && !r->empty() ? r->front().Int(0) : -1;
  }
  fs::path dir_;
  std::string db_;
};

TEST_F(SupervisionCmdTest, ImportAllOrNothingThenMasked) {
  const std::string id = SupervisionCmdId("52010219900101123");
  const std::string bad = Write("bad.csv", "账号,身份证号,手机号\nclerk1," + id + ",13800001234\nghost,,12345\n");
  auto r = Sup("supervision officers import --db " + db_ + " " + bad);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("第3行"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("手机号"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("未登记任何经办人员"), std::string::npos) << r.err;
  EXPECT_EQ(Rows(), 0);

  const std::string good = Write("good.csv", "账号,身份证号,手机号\nclerk1," + id + ",13800001234\n");
  r = Sup("supervision officers import --db " + db_ + " " + good);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("已登记 1 名"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(id), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("13800001234"), std::string::npos) << r.out;
  EXPECT_EQ(Rows(), 2);
  auto list = Sup("supervision officers list --db " + db_);
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("clerk1"), std::string::npos);
  EXPECT_NE(list.out.find("共 1 名"), std::string::npos);
  // The hash is the registry's keyed index of the number.
  auto h = OpenRegistry(db_);
  auto rows = h->db->Query("SELECT hash FROM supervision_officer_hashes WHERE kind = 'id_number'");
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->front().Bytes(0), h->vault->Index(id));
}

}  // namespace
}  // namespace qjy::cli
