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

#include <filesystem>
#include <fstream>

#include "cli/cmd_test_run.h"
#include "cli/commands.h"
#include "cli/registry_handle.h"
#include "core/calendar.h"
#include "core/refdata.h"

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
      {"calendar is-workday 2027-03-01", 0, "true\n"},    // not covered: weekends only (note on stderr)
      {"calendar add-workdays 2026-12-29 5", 0, "2027-01-05\n"},  // runs into 2027, provisional
      {"calendar is-workday 2023-02-29", 1, ""},        // no such date
      {"calendar add-workdays 2024-02-08", 2, ""},      // N missing
  };
  for (const auto& c : cases) {
    CmdRun r = RunInProcess(c.command);
    EXPECT_EQ(r.exit_code, c.exit_code) << c.command;
    EXPECT_EQ(r.out, c.out) << c.command;
  }
}

// qjy calendar load: a notice file into a database, then the working-day
// commands with --db use it; a broken file is refused naming file and line.
TEST(CalendarCommandTest, LoadANoticeAndCountWithIt) {
  auto shipped = WorkCalendar::Load(RefdataDir());
  ASSERT_TRUE(shipped);
  if (shipped->Covers(2027)) GTEST_SKIP() << "the shipped calendar covers 2027 already";
  char tmpl[] = "/tmp/qjy-cal-cmd.XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const std::string dir = tmpl, db = dir + "/t.db", good = dir + "/n2027.yaml", bad = dir + "/bad.yaml";
  std::ofstream(good) << "year: 2027\ntitle: 测试通知\ndocument: 测试〔2026〕3号\npublished_on: 2026-11-20\n"
                         "holidays:\n  - name: 元旦\n    off: [2027-01-01, 2027-01-03]\n";
  std::ofstream(bad) << "year: 2027\ntitle: 测试通知\ndocument: 测试〔2026〕3号\npublished_on: 2026-11-20\n"
                        "holidays:\n  - name: 元旦\n    off: [2027-01-01, 2027-01-03]\n    work: [2027-01-08]\n";
  {
    auto h = OpenRegistry(db);
    ASSERT_TRUE(h) << h.error().message;
  }
  // Before: 1 Jan 2027 counts as a weekday, with the note.
  CmdRun before = RunInProcess("calendar add-workdays 2026-12-28 5 --db " + db);
  EXPECT_EQ(before.exit_code, 0);
  EXPECT_EQ(before.out, "2027-01-04\n");
  EXPECT_NE(before.err.find("2027 年节假日安排尚未公布，暂按周末计算"), std::string::npos) << before.err;

  CmdRun refused = RunInProcess("calendar load " + bad + " --db " + db);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find(bad + " 第 8 行"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("星期五"), std::string::npos) << refused.err;

  CmdRun load = RunInProcess("calendar load " + good + " --db " + db + " --today 2026-12-29");
  EXPECT_EQ(load.exit_code, 0) << load.err;
  EXPECT_NE(load.out.find("已载入 2027 年节假日安排"), std::string::npos) << load.out;
  {
    // Audited: one row for the load (the refused file wrote nothing), naming
    // the document; the chain verifies.
    auto h = OpenRegistry(db);
    ASSERT_TRUE(h);
    auto rows = h->db->Query("SELECT result, target, detail FROM audit_log WHERE action = 'calendar.load'");
    ASSERT_TRUE(rows);
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ((*rows)[0].Text(0), "ok");
    EXPECT_EQ((*rows)[0].Text(1), "calendar:2027");
    EXPECT_NE((*rows)[0].Text(2).find("测试〔2026〕3号"), std::string::npos) << (*rows)[0].Text(2);
  }
  CmdRun verify = testing::RunCommand(AddAuditCommands, "audit verify --db " + db);
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;

  CmdRun after = RunInProcess("calendar add-workdays 2026-12-28 5 --db " + db);
  EXPECT_EQ(after.out, "2027-01-05\n");
  EXPECT_EQ(after.err, "");
  CmdRun status = RunInProcess("calendar status --db " + db);
  EXPECT_NE(status.out.find("已载入：2027 年 测试通知"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("2028 年节假日安排尚未公布"), std::string::npos) << status.out;
  // Without --db only the shipped calendar counts.
  EXPECT_EQ(RunInProcess("calendar add-workdays 2026-12-28 5").out, "2027-01-04\n");
  std::filesystem::remove_all(dir);
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
  CmdRun next_year = RunBinary("calendar is-workday 2027-01-04");
  EXPECT_EQ(next_year.exit_code, 0);
  EXPECT_EQ(next_year.out, "true\n");
}

}  // namespace
}  // namespace qjy::cli
