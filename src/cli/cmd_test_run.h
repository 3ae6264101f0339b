// Test helper for the command tests of src/cli: runs one command line in
// process on a fresh CLI::App holding the commands that `add` registers,
// capturing what it writes to std::cout and std::cerr. Header only, for
// *_test.cc files.
#ifndef QJY_CLI_CMD_TEST_RUN_H_
#define QJY_CLI_CMD_TEST_RUN_H_

#include <CLI/CLI.hpp>

#include <iostream>
#include <sstream>
#include <string>

namespace qjy::cli::testing {

struct CmdRun {
  int exit_code = 0;
  std::string out, err;
};

// `add(app, exit_code)` registers commands (e.g. AddMatchCommands). A parse
// error gives exit code 2 (0 for --help), as the qjy binary does.
template <class Add>
CmdRun RunCommand(Add add, const std::string& command_line) {
  CLI::App app{"qjy"};
  app.require_subcommand(1);
  CmdRun run;
  add(app, run.exit_code);
  std::ostringstream out, err;
  std::streambuf* old_out = std::cout.rdbuf(out.rdbuf());
  std::streambuf* old_err = std::cerr.rdbuf(err.rdbuf());
  try {
    app.parse(command_line, false);
  } catch (const CLI::ParseError& e) {
    run.exit_code = e.get_exit_code() == 0 ? 0 : 2;
  }
  std::cout.rdbuf(old_out);
  std::cerr.rdbuf(old_err);
  run.out = out.str();
  run.err = err.str();
  return run;
}

}  // namespace qjy::cli::testing

#endif  // QJY_CLI_CMD_TEST_RUN_H_
