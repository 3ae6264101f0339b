// qjy services gen-history: a deterministic history of registrations and
// services for a generated province (services/history_gen.h).
#ifndef QJY_CLI_SERVICES_HISTORY_CMD_H_
#define QJY_CLI_SERVICES_HISTORY_CMD_H_

#include <CLI/CLI.hpp>

namespace qjy::cli {

void AddServicesHistoryCommand(CLI::App* services, int& exit_code);

}  // namespace qjy::cli

#endif  // QJY_CLI_SERVICES_HISTORY_CMD_H_
