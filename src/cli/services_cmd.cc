// qjy register / deregister / assess / classify / services ... (alias
// `service`): unemployment registration and tiered services of
// 黔府发〔2023〕12号 annexes 3 and 4 (src/services), for officers and tests.
// One registration function per command family (services_*_cmd.cc).
#include "cli/commands.h"
#include "cli/services_cmd_env.h"
#include "cli/services_history_cmd.h"

namespace qjy::cli {

void AddServicesCommands(CLI::App& app, int& exit_code) {
  services_cmd::AddRegisterCommand(app, exit_code);
  services_cmd::AddDeregisterCommand(app, exit_code);
  services_cmd::AddAssessCommand(app, exit_code);
  services_cmd::AddClassifyCommand(app, exit_code);
  auto* services = app.add_subcommand(
      "services",
      "就业服务：待办队列、台账、达标率、服务记录 / services: queues, ledger, compliance, records");
  services->alias("service");
  AddServicesHistoryCommand(services, exit_code);
  services->require_subcommand(1);
  services_cmd::AddQueueCommands(services, exit_code);
  services_cmd::AddRecordCommands(services, exit_code);
  services_cmd::AddMonitoringCommands(services, exit_code);
}

}  // namespace qjy::cli
