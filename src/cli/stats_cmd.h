// qjy stats rebuild|check (stats_cmd.cc): the region counters of the
// officers' home pages (store/region_counts.h).
#ifndef QJY_CLI_STATS_CMD_H_
#define QJY_CLI_STATS_CMD_H_

#include <CLI/CLI.hpp>

namespace qjy::cli {

// Registers `qjy stats` on `app` (exit codes as commands.h says).
void AddStatsCommands(CLI::App& app, int& exit_code);

}  // namespace qjy::cli

#endif  // QJY_CLI_STATS_CMD_H_
