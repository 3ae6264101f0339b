// qjy supervision officers import|list (src/cli/supervision_cmd.cc), declared
// apart from commands.h so that adding it rebuilds only the binary's main.
#ifndef QJY_CLI_SUPERVISION_CMD_H_
#define QJY_CLI_SUPERVISION_CMD_H_

#include <CLI/CLI.hpp>

namespace qjy::cli {

void AddSupervisionCommands(CLI::App& app, int& exit_code);  // qjy supervision officers ...

}  // namespace qjy::cli

#endif  // QJY_CLI_SUPERVISION_CMD_H_
