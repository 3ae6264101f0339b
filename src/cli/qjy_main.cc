// qjy: the one command-line entry point of 黔就业. Kept tiny: every
// subcommand lives in its own file under src/cli (see commands.h).
#include <clocale>
#include <iostream>

#include "cli/commands.h"
#include "cli/supervision_cmd.h"
#include "core/install_paths.h"
#include "core/refdata.h"

#ifndef QJY_VERSION
#define QJY_VERSION "dev"
#endif

int main(int argc, char** argv) {
  std::setlocale(LC_ALL, "C.UTF-8");
  CLI::App app{
      "黔就业 Qianjiuye —— 贵州省就业公共服务平台命令行工具\n"
      "Employment public-service platform of Guizhou: command-line tool"};
  app.set_help_all_flag("--help-all", "显示全部子命令的帮助 / help for every subcommand");
  app.require_subcommand(1);
  int exit_code = 0;
  auto* help = app.add_subcommand("help", "显示帮助 / show this help");
  help->callback([&] { std::cout << app.help(); });
  auto* version = app.add_subcommand("version", "显示版本与数据目录 / version and where the shipped files are read from");
  version->callback([] {
    std::cout << "黔就业 Qianjiuye " << QJY_VERSION << "\n"
              << "数据目录：" << qjy::ShippedRoot().string() << "\n"
              << "参考数据：" << qjy::RefdataDir() << "\n";
  });

  qjy::cli::AddIdCommands(app, exit_code);
  qjy::cli::AddCalendarCommands(app, exit_code);
  qjy::cli::AddDataCommands(app, exit_code);
  qjy::cli::AddGenCommands(app, exit_code);
  qjy::cli::AddServicesCommands(app, exit_code);
  qjy::cli::AddPolicyCommands(app, exit_code);
  qjy::cli::AddGigCommands(app, exit_code);
  qjy::cli::AddNetworkCommands(app, exit_code);
  qjy::cli::AddBenefitsCommands(app, exit_code);
  qjy::cli::AddLoansCommands(app, exit_code);
  qjy::cli::AddTrainingCommands(app, exit_code);
  qjy::cli::AddServeCommands(app, exit_code);
  qjy::cli::AddAuditCommands(app, exit_code);
  qjy::cli::AddBackupCommands(app, exit_code);
  qjy::cli::AddMatchCommands(app, exit_code);
  qjy::cli::AddReportCommands(app, exit_code);
  qjy::cli::AddLinkCommands(app, exit_code);
  qjy::cli::AddSupervisionCommands(app, exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return exit_code;
}
