// qjy: the one command-line entry point of 黔就业. Kept tiny: every
// subcommand lives in its own file under src/cli (see commands.h).
#include <clocale>
#include <iostream>

#include "cli/commands.h"
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
  qjy::cli::AddHelpCommand(app, exit_code);
  auto* version = app.add_subcommand("version", "显示版本与数据目录 / version and where the shipped files are read from");
  version->callback([] {
    std::cout << "黔就业 Qianjiuye " << QJY_VERSION << "\n"
              << "数据目录：" << qjy::ShippedRoot().string() << "\n"
              << "参考数据：" << qjy::RefdataDir() << "\n";
  });
  qjy::cli::AddAllCommands(app, exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return exit_code;
}
