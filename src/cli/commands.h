// Subcommands of the `qjy` binary. Each Add*Commands registers its
// subcommands on `app`; their callbacks write the process exit code to
// `exit_code` (0 ok, 1 the command failed, 2 bad usage). Help texts are
// Chinese first, then English.
#ifndef QJY_CLI_COMMANDS_H_
#define QJY_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

#include <string>

namespace qjy::cli {

void AddIdCommands(CLI::App& app, int& exit_code);        // qjy id check
void AddCalendarCommands(CLI::App& app, int& exit_code);  // qjy calendar ...
void AddDataCommands(CLI::App& app, int& exit_code);      // qjy import/export/template
void AddGenCommands(CLI::App& app, int& exit_code);       // qjy gen, qjy summary
void AddServicesCommands(CLI::App& app, int& exit_code);  // qjy register/deregister/assess/classify/services
void AddPolicyCommands(CLI::App& app, int& exit_code);    // qjy policy ..., qjy ledger check

void AddNetworkCommands(CLI::App& app, int& exit_code);   // qjy network ...
void AddNetworkBaseCommands(CLI::App& net, int& exit_code);  // qjy network add-base|edit-base|bases
void AddNetworkStationCommands(CLI::App& net, int& exit_code);  // qjy network station-work|station-months
void AddNetworkLicenceCommands(CLI::App& net, int& exit_code);  // qjy network licence|licences|community-*
void AddBenefitsCommands(CLI::App& app, int& exit_code);  // qjy benefits ...
void AddLoansCommands(CLI::App& app, int& exit_code);     // qjy loans ...
void AddTrainingCommands(CLI::App& app, int& exit_code);  // qjy training ...
void AddGigCommands(CLI::App& app, int& exit_code);       // qjy gig ..., qjy ads ...
void AddServeCommands(CLI::App& app, int& exit_code);    // qjy serve, accounts, demo-accounts
void AddAuditCommands(CLI::App& app, int& exit_code);    // qjy audit verify/seal/purge
void AddBackupCommands(CLI::App& app, int& exit_code);   // qjy backup, qjy restore
void AddMatchCommands(CLI::App& app, int& exit_code);    // qjy match batch
void AddReportCommands(CLI::App& app, int& exit_code);   // qjy report quarterly
void AddLinkCommands(CLI::App& app, int& exit_code);     // qjy link import/run/review
void AddDbCommands(CLI::App& app, int& exit_code);       // qjy db shard

// qjy help [COMMAND] (help_cmd.cc): every command registered on `app` with
// its description on one line, or the help of one command.
void AddHelpCommand(CLI::App& app, int& exit_code);
// What `qjy help` prints: the app's description, usage, and one line per
// command family (name and aliases, then the description, a Chinese and an
// English line joined with " / "), in the order they were registered.
std::string CommandList(const CLI::App& app);
// Every command family above, in the order `qjy help` lists them.
void AddAllCommands(CLI::App& app, int& exit_code);

}  // namespace qjy::cli

#endif  // QJY_CLI_COMMANDS_H_
