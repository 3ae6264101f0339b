// Tests of qjy import on officers' sheets, in process through
// AddDataCommands on a temp SQLite database. Before issue 13 §2 was fixed,
// a footer typed into the ID column aborted the whole process (exit 134:
// an uncaught nlohmann type_error from the result's JSON); here that would
// abort the test binary.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/cmd_test_run.h"
#include "cli/commands.h"
#include "core/id_number.h"

namespace qjy::cli {
namespace {

using testing::CmdRun;

CmdRun DataCmdQjy(const std::string& command_line) {
  return testing::RunCommand(AddDataCommands, command_line);
}

std::string Id(const std::string& first17) {
  return first17 + ResidentIdCheckChar(first17).value();
}

class DataCmdTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/qjy-data-cmd.XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  std::string dir_;
};

constexpr const char* kHeader =
    "身份证号,姓名,民族,手机号,户籍地,常住地,工作地,参保地,文化程度,毕业(离校)日期,技能,"
    "职业资格证书,人员类别\n";

TEST_F(DataCmdTest, FooterInIdColumnGivesAResultNotAnAbort) {
  const std::string file =
      Write("台账.csv", std::string(kHeader) + Id("52010219900101123") +
                            ",甲,汉族,,520102,,,,本科,,,,\n" + "填表人：张三,,,,,,,,,,,,\n" +
                            Id("52010219910202234") + ",乙,汉族,,520102,,,,本科,,,,\n");
  CmdRun run = DataCmdQjy("import persons '" + file + "' --db '" + dir_ + "/t.db' --today 2025-06-30 -q");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  nlohmann::json j = nlohmann::json::parse(run.out);
  EXPECT_EQ(j["inserted"], 2);
  EXPECT_EQ(j["rejected"], 1);
  ASSERT_FALSE(j["errors"].empty());
  for (const auto& e : j["errors"]) EXPECT_EQ(e["row"], 3) << e.dump();  // ID, 姓名, 户籍地
  EXPECT_EQ(j["errors"][0]["column"], "身份证号");
  EXPECT_EQ(j["errors"][0]["value"], "填**");
  EXPECT_FALSE(j["errors"][0]["reason"].get<std::string>().empty());
}

// The same footer as the last line is the sheet's signature block: ignored.
TEST_F(DataCmdTest, FooterAfterTheTableIsIgnoredAndCounted) {
  const std::string file =
      Write("台账.csv", "七星关区劳动力台账（2025年6月）\n" + std::string(kHeader) +
                            Id("52010219900101123") + ",甲,汉族,,520102,,,,本科,,,,\n" +
                            "\n填表人：张三  审核人：李四\n");
  CmdRun run = DataCmdQjy("import persons '" + file + "' --db '" + dir_ + "/t.db' --today 2025-06-30 -q");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  nlohmann::json j = nlohmann::json::parse(run.out);
  EXPECT_EQ(j["inserted"], 1);
  EXPECT_EQ(j["rejected"], 0);
  EXPECT_EQ(j["header_row"], 2);
  EXPECT_EQ(j["tail_rows_ignored"], 1);
}

// A file the importer refuses is exit 1 with a Chinese message and the file.
TEST_F(DataCmdTest, RefusedFileIsExitOneWithMessage) {
  const std::string file = Write("空.csv", "甲,乙\n1,2\n");
  CmdRun run = DataCmdQjy("import persons '" + file + "' --db '" + dir_ + "/t.db' -q");
  EXPECT_EQ(run.exit_code, 1);
  nlohmann::json j = nlohmann::json::parse(run.out);
  EXPECT_NE(j["error"].get<std::string>().find("缺少必填列"), std::string::npos) << run.out;
  EXPECT_NE(j["file"].get<std::string>().find("空.csv"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace qjy::cli
