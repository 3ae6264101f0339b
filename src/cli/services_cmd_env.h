// Shared pieces of the `qjy register/deregister/assess/classify/services`
// commands (services_*_cmd.cc): the services environment opened from --db,
// the Chinese error printing, and lookups by ID number. Internal to src/cli.
#ifndef QJY_CLI_SERVICES_CMD_ENV_H_
#define QJY_CLI_SERVICES_CMD_ENV_H_

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/cmd_support.h"
#include "cli/registry_handle.h"
#include "services/caseload.h"
#include "services/context.h"
#include "services/services_store.h"
#include "services/worklist.h"

namespace qjy::cli::services_cmd {

using namespace qjy::services;

// A registry opened from --db with the services tables migrated and the
// shipped calendar (with this database's holiday notices) loaded.
struct Env {
  RegistryHandle h;
  std::unique_ptr<ServicesStore> store;
  std::unique_ptr<ServicesContext> ctx;
};
Result<Env> OpenEnv(const std::string& db);

// Adds the required --db option to `cmd` and, when the command runs, opens
// the services environment and calls `body(env)`; errors are printed by Run.
template <class Opts, class Body>
void OnRun(CLI::App* cmd, const std::shared_ptr<Opts>& o, int& exit_code, Body body) {
  cmd->add_option("--db", o->db, "数据库（SQLite 路径或 postgresql:// URL）/ database")->required();
  cmd->callback([o, &exit_code, body] {
    Run(exit_code, [&]() -> Result<void> {
      auto e = OpenEnv(o->db);
      if (!e) return std::unexpected(e.error());
      return body(*e);
    });
  });
}

// A date argument; `what` names it in the error ("登记" → "登记日期无效：…").
Result<Date> ParseDateArg(const std::string& text, const char* what);
// A month argument YYYY-MM as its first day.
Result<Date> ParseMonthArg(const std::string& text);

// The caseload of `region` (a code prefix; empty = all) and the parsed date.
struct CaseloadAt {
  Date as_of;
  Caseload load;
};
Result<CaseloadAt> LoadCaseloadAt(Env& e, const std::string& region, const std::string& as_of_text);

// The person with this ID number (kNotFound, masked number in the message).
Result<registry::Person> FindPerson(Env& e, const std::string& id_number);
// The person's open registration; with `allow_closed`, the latest one closed
// as re-employed (follow-up visits).
Result<Registration> OpenRegistrationFor(Env& e, const std::string& id_number, bool allow_closed);

// Prints work items grouped by bucket.
void PrintQueue(const std::vector<WorkItem>& items);

// The command families (services_registration_cmd.cc, services_queue_cmd.cc,
// services_monitoring_cmd.cc).
void AddRegisterCommand(CLI::App& app, int& exit_code);
void AddDeregisterCommand(CLI::App& app, int& exit_code);
void AddAssessCommand(CLI::App& app, int& exit_code);
void AddClassifyCommand(CLI::App& app, int& exit_code);
void AddQueueCommands(CLI::App* services, int& exit_code);   // queue, compliance, ledger, status
void AddRecordCommands(CLI::App* services, int& exit_code);  // record, hire
void AddMonitoringCommands(CLI::App* services,
                           int& exit_code);  // welfare-*, monitor-ledger, ledger-update

}  // namespace qjy::cli::services_cmd

#endif  // QJY_CLI_SERVICES_CMD_ENV_H_
