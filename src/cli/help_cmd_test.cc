// qjy help lists every command family with its description on one line;
// qjy help COMMAND shows that command's help.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "cli/cmd_test_run.h"
#include "cli/commands.h"

namespace qjy::cli {
namespace {

using testing::CmdRun;

void AddEverything(CLI::App& app, int& exit_code) {
  AddHelpCommand(app, exit_code);
  AddAllCommands(app, exit_code);
}

CmdRun HelpCmdQjy(const std::string& command_line) { return testing::RunCommand(AddEverything, command_line); }

// The line of `text` that starts with "  " + name + " ", or "".
std::string LineOf(const std::string& text, const std::string& name) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("  " + name + " ") || line.starts_with("  " + name + ",")) return line;
  }
  return {};
}

TEST(HelpCmdTest, ListsEveryCommandFamilyWithItsDescription) {
  const CmdRun run = HelpCmdQjy("help");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  CLI::App app{"qjy"};
  int unused = 0;
  AddEverything(app, unused);
  const auto commands = app.get_subcommands(std::function<bool(const CLI::App*)>());
  ASSERT_GT(commands.size(), 20u);
  for (const CLI::App* c : commands) {
    const std::string line = LineOf(run.out, c->get_name());
    ASSERT_FALSE(line.empty()) << c->get_name() << " missing from:\n" << run.out;
    // The description's first line (Chinese) is on the command's line.
    const std::string desc = c->get_description();
    EXPECT_NE(line.find(desc.substr(0, desc.find('\n'))), std::string::npos) << line;
  }
  // A family named in the README, with Chinese and English on its one line.
  EXPECT_NE(LineOf(run.out, "policy").find("政策引擎"), std::string::npos);
  EXPECT_NE(LineOf(run.out, "policy").find("policy engine"), std::string::npos);
  const std::string import = LineOf(run.out, "import");
  EXPECT_NE(import.find("导入经办人员"), std::string::npos) << import;
  EXPECT_NE(import.find(" / Import an officer"), std::string::npos) << import;
  EXPECT_NE(LineOf(run.out, "services").find("service"), std::string::npos);  // with its alias
  EXPECT_EQ(run.out.find("Usage: qjy help"), std::string::npos);  // not the help of `help` itself
}

TEST(HelpCmdTest, HelpOfOneCommandAndAnUnknownOne) {
  CmdRun run = HelpCmdQjy("help policy");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("qjy policy"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("sweep"), std::string::npos) << run.out;
  run = HelpCmdQjy("help nosuch");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("没有命令 nosuch"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace qjy::cli
