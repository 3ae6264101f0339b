// qjy help [COMMAND]: every command family with its one-line description
// (Chinese / English), or the help of one command. CLI11's own help of a
// parsed app delegates to the selected subcommand, which for `qjy help`
// is `help` itself; the list is therefore written here.
#include <algorithm>
#include <functional>
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/stats_cmd.h"
#include "cli/supervision_cmd.h"

namespace qjy::cli {

std::string CommandList(const CLI::App& app) {
  std::string out = app.get_description();
  if (!out.empty() && out.back() != '\n') out += '\n';
  out +=
      "\n用法 / usage: qjy 命令 [参数…]；qjy 命令 --help 或 qjy help 命令 显示该命令的帮助 / "
      "help of one command\n\n命令 / commands:\n";
  const auto commands = app.get_subcommands(std::function<bool(const CLI::App*)>());
  size_t width = 0;
  for (const CLI::App* c : commands) width = std::max(width, c->get_display_name(true).size());
  for (const CLI::App* c : commands) {
    std::string description = c->get_description();
    // One line: a description written as a Chinese and an English line is
    // joined with " / ".
    while (!description.empty() && description.back() == '\n') description.pop_back();
    for (size_t at = description.find('\n'); at != std::string::npos; at = description.find('\n', at)) {
      description.replace(at, 1, " / ");
    }
    const std::string name = c->get_display_name(true);
    out += "  " + name + std::string(width - name.size() + 2, ' ') + description + "\n";
  }
  return out;
}

void AddHelpCommand(CLI::App& app, int& exit_code) {
  auto* help = app.add_subcommand("help", "显示全部命令，或一个命令的帮助 / list the commands, or help of one");
  auto command = std::make_shared<std::string>();
  help->add_option("command", *command, "命令名 / a command's name");
  help->callback([&app, &exit_code, command] {
    if (command->empty()) {
      std::cout << CommandList(app);
      exit_code = 0;
      return;
    }
    for (const CLI::App* c : app.get_subcommands(std::function<bool(const CLI::App*)>())) {
      if (c->check_name(*command)) {
        std::cout << c->help("qjy");
        exit_code = 0;
        return;
      }
    }
    std::cerr << "错误：没有命令 " << *command << "（qjy help 列出全部命令）\n";
    exit_code = 2;
  });
}

void AddAllCommands(CLI::App& app, int& exit_code) {
  AddIdCommands(app, exit_code);
  AddCalendarCommands(app, exit_code);
  AddDataCommands(app, exit_code);
  AddGenCommands(app, exit_code);
  AddServicesCommands(app, exit_code);
  AddPolicyCommands(app, exit_code);
  AddGigCommands(app, exit_code);
  AddNetworkCommands(app, exit_code);
  AddBenefitsCommands(app, exit_code);
  AddLoansCommands(app, exit_code);
  AddTrainingCommands(app, exit_code);
  AddServeCommands(app, exit_code);
  AddAuditCommands(app, exit_code);
  AddBackupCommands(app, exit_code);
  AddDbCommands(app, exit_code);
  AddMatchCommands(app, exit_code);
  AddReportCommands(app, exit_code);
  AddLinkCommands(app, exit_code);
  AddStatsCommands(app, exit_code);
  AddSupervisionCommands(app, exit_code);
}

}  // namespace qjy::cli
