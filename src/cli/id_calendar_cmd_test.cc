// Tests of `qjy id check` and `qjy calendar ...`: in process through the
// same Add*Commands the binary registers, and, when QJY_BIN names a built
// qjy (scripts/test.sh sets it), end to end through the binary.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <vector>

#include "cli/cmd_test_run.h"
#include "cli/commands.h"

namespace qjy::cli {
namespace {

using testing::CmdRun;

// The id and calendar commands.
CmdRun RunInProcess(const std::string& command_line) {
  return testing::RunCommand(
      [](CLI::App& app, int& exit_code) {
        AddIdCommands(app, exit_code);
        AddCalendarCommands(app, exit_code);
      },
      command_line);
}

std::vector<nlohmann::json> JsonLines(const std::string& out) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

TEST(IdCommandTest, PrintsOneJsonObjectPerValue) {
  CmdRun r = RunInProcess("id check --today 2024-06-01 11010519491231002x 91520000214434146R");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  auto lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["input"], "11010519491231002x");
  EXPECT_EQ(lines[0]["valid"], true);
  EXPECT_EQ(lines[0]["kind"], "resident_id");
  EXPECT_EQ(lines[0]["birth_date"], "1949-12-31");
  EXPECT_EQ(lines[0]["sex"], "女");
  EXPECT_EQ(lines[0]["province"], "北京市");
  EXPECT_EQ(lines[1]["kind"], "credit_code");
  EXPECT_TRUE(lines[1]["birth_date"].is_null());
  EXPECT_NE(r.out.find("贵州省"), std::string::npos);  // not \u-escaped
}

TEST(IdCommandTest, AnyInvalidValueMakesExitCodeOne) {
  CmdRun r = RunInProcess("id check --today 2024-06-01 11010519491231002X 110105194912310021");
  EXPECT_EQ(r.exit_code, 1);
  auto lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1]["valid"], false);
  EXPECT_NE(lines[1]["reason"].get<std::string>().find("校验码"), std::string::npos);
  // Born after the injected today.
  CmdRun future = RunInProcess("id check --today 1949-12-30 11010519491231002X");
  EXPECT_EQ(future.exit_code, 1);
  EXPECT_EQ(RunInProcess("id check --today notadate 11010519491231002X").exit_code, 2);
  EXPECT_EQ(RunInProcess("id check").exit_code, 2);
}

TEST(CalendarCommandTest, AddWorkdaysAndIsWorkday) {
  static const struct {
    const char* command;
    int exit_code;
    const char* out;
  } cases[] = {
      {"calendar add-workdays 2024-02-08 5", 0, "2024-02-21\n"},
      {"calendar add-workdays 2023-09-28 5", 0, "2023-10-11\n"},
      {"calendar add-workdays 2024-02-21 -5", 0, "2024-02-08\n"},
      {"calendar add-workdays 2024-02-08 0", 0, "2024-02-08\n"},
      {"calendar is-workday 2024-02-04", 0, "true\n"},
      {"calendar is-workday 2024-02-12", 0, "false\n"},
      {"calendar working-days 2024-01-31 2024-02-29", 0, "18\n"},
      {"calendar is-workday 2027-03-01", 1, ""},        // not covered
      {"calendar add-workdays 2026-12-29 5", 1, ""},    // runs into 2027
      {"calendar is-workday 2023-02-29", 1, ""},        // no such date
      {"calendar add-workdays 2024-02-08", 2, ""},      // N missing
  };
  for (const auto& c : cases) {
    CmdRun r = RunInProcess(c.command);
    EXPECT_EQ(r.exit_code, c.exit_code) << c.command;
    EXPECT_EQ(r.out, c.out) << c.command;
  }
}

// End to end through the built binary.
CmdRun RunBinary(const std::string& args) {
  const char* bin = std::getenv("QJY_BIN");
  CmdRun run;
  FILE* pipe = ::popen((std::string("'") + bin + "' " + args + " 2>/dev/null").c_str(), "r");
  if (pipe == nullptr) {
    run.exit_code = -1;
    return run;
  }
  char buf[512];
  while (std::fgets(buf, sizeof buf, pipe) != nullptr) run.out += buf;
  int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

TEST(QjyBinaryTest, IdCheckAndCalendar) {
  const char* bin = std::getenv("QJY_BIN");
  if (bin == nullptr || *bin == '\0') GTEST_SKIP() << "QJY_BIN not set";
  CmdRun ok = RunBinary("id check --today 2024-06-01 11010519491231002X 91520000214434146R");
  EXPECT_EQ(ok.exit_code, 0) << ok.out;
  auto lines = JsonLines(ok.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["sex"], "女");
  EXPECT_EQ(lines[1]["kind"], "credit_code");

  CmdRun bad = RunBinary("id check --today 2024-06-01 110105194912310021");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(JsonLines(bad.out).at(0)["valid"], false);

  CmdRun add = RunBinary("calendar add-workdays 2025-01-24 5");
  EXPECT_EQ(add.exit_code, 0);
  EXPECT_EQ(add.out, "2025-02-07\n");
  CmdRun is = RunBinary("calendar is-workday 2026-02-14");
  EXPECT_EQ(is.out, "true\n");
  EXPECT_EQ(RunBinary("calendar is-workday 2027-01-04").exit_code, 1);
}

}  // namespace
}  // namespace qjy::cli
