// qjy policy params propose|approve|reject|list: changes to policy
// parameters from the command line (issue #14), as a named, authenticated
// account (cli/signer.h). The rules are the web's, taken from the same
// handler (server/api_param_changes.h): a province-level officer proposes;
// another holding "approve_params", never the proposer, approves or
// rejects; every step is audited (client "cli").
#ifndef QJY_CLI_PARAM_CHANGES_CMD_H_
#define QJY_CLI_PARAM_CHANGES_CMD_H_

#include <CLI/CLI.hpp>

namespace qjy::cli {

// Adds the four subcommands under `params_cmd` (qjy policy params).
void AddParamChangeCommands(CLI::App* params_cmd, int& exit_code);

}  // namespace qjy::cli

#endif  // QJY_CLI_PARAM_CHANGES_CMD_H_
