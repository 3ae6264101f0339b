// qjy services welfare-holder / welfare-income / welfare-left /
// monitor-ledger / ledger-update: the data the queue's monitoring tasks come
// from (乡村公益性岗位, 附件2（十七）; 防返贫监测台账, 附件2（十四）).
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "cli/services_cmd_env.h"
#include "services/monitoring.h"

namespace qjy::cli::services_cmd {

namespace {

void AddWelfareHolderCommand(CLI::App* services, int& exit_code) {
  auto* cmd = services->add_subcommand(
      "welfare-holder", "登记乡村公益性岗位人员（附件2（十七））/ add a public-welfare-post holder");
  struct Opts {
    std::string db, id, region, officer = "cli", started;
    bool full_time = false;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--id-number", o->id, "身份证号码 / resident ID number")->required();
  cmd->add_option("--region", o->region, "岗位所在区划 / region of the post")->required();
  cmd->add_option("--officer", o->officer, "经办人 / officer");
  cmd->add_option("--started-on", o->started, "上岗日期 / start date")->required();
  cmd->add_flag("--full-time", o->full_time, "全日制岗位（不适用退出规则）/ full-time post");
  OnRun(cmd, o, exit_code, [o](Env& e) -> Result<void> {
    auto person = FindPerson(e, o->id);
    if (!person) return std::unexpected(person.error());
    auto started = ParseDateArg(o->started, "上岗");
    if (!started) return std::unexpected(started.error());
    if (o->region.size() < 6)
      return Fail(ErrorCode::kInvalidArgument, "区划代码须为县级或乡级代码");
    WelfarePostHolder h;
    h.county_code = o->region.substr(0, 6);
    h.person_id = person->person_id;
    h.region_code = o->region;
    h.officer = o->officer;
    h.part_time = !o->full_time;
    h.started_on = *started;
    MonitoringStore m(*e.h.db);
    if (auto ok = m.AddHolder(h); !ok) return std::unexpected(ok.error());
    std::cout << "已登记公益性岗位人员，编号 " << h.holder_id << "\n";
    return {};
  });
}

void AddWelfareIncomeCommand(CLI::App* services, int& exit_code) {
  auto* cmd = services->add_subcommand(
      "welfare-income",
      "录入公益性岗位人员某月灵活就业收入（分）/ a holder's monthly income in fen");
  struct Opts {
    std::string db, month;
    int64_t holder = 0, fen = 0;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--holder-id", o->holder, "岗位人员编号 / holder id")->required();
  cmd->add_option("--month", o->month, "月份 YYYY-MM / month")->required();
  cmd->add_option("--income-fen", o->fen, "月收入（分）/ monthly income in fen")->required();
  OnRun(cmd, o, exit_code, [o](Env& e) -> Result<void> {
    auto month = ParseMonthArg(o->month);
    if (!month) return std::unexpected(month.error());
    if (o->fen < 0) return Fail(ErrorCode::kInvalidArgument, "收入不能为负数");
    MonitoringStore m(*e.h.db);
    auto holders = m.Holders("");
    if (!holders) return std::unexpected(holders.error());
    std::string county;
    for (const auto& h : *holders) {
      if (h.holder_id == o->holder) county = h.county_code;
    }
    if (county.empty()) return Fail(ErrorCode::kNotFound, "没有该公益性岗位人员");
    if (auto ok = m.PutIncome({o->holder, *month, o->fen}, county); !ok)
      return std::unexpected(ok.error());
    std::cout << "已录入 " << o->month << " 收入\n";
    return {};
  });
}

void AddWelfareLeftCommand(CLI::App* services, int& exit_code) {
  auto* cmd =
      services->add_subcommand("welfare-left", "公益性岗位人员退岗 / a holder left the post");
  struct Opts {
    std::string db, on;
    int64_t holder = 0;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--holder-id", o->holder, "岗位人员编号 / holder id")->required();
  cmd->add_option("--on", o->on, "退岗日期 / date left")->required();
  OnRun(cmd, o, exit_code, [o](Env& e) -> Result<void> {
    auto on = ParseDateArg(o->on, "退岗");
    if (!on) return std::unexpected(on.error());
    MonitoringStore m(*e.h.db);
    if (auto ok = m.SetHolderLeft(o->holder, *on); !ok) return std::unexpected(ok.error());
    std::cout << "已记录退岗\n";
    return {};
  });
}

void AddMonitorLedgerCommand(CLI::App* services, int& exit_code) {
  auto* cmd = services->add_subcommand(
      "monitor-ledger",
      "建立防返贫监测就业帮扶台账（按月更新，附件2（十四））/ add a monitoring ledger");
  struct Opts {
    std::string db, region, officer = "cli", started;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--region", o->region, "区划 / region")->required();
  cmd->add_option("--officer", o->officer, "经办人 / officer");
  cmd->add_option("--started-on", o->started, "建立日期 / start date")->required();
  OnRun(cmd, o, exit_code, [o](Env& e) -> Result<void> {
    auto started = ParseDateArg(o->started, "建立");
    if (!started) return std::unexpected(started.error());
    if (o->region.size() < 6)
      return Fail(ErrorCode::kInvalidArgument, "区划代码须为县级或乡级代码");
    MonitoringLedger l{0, o->region.substr(0, 6), o->region, o->officer, *started};
    MonitoringStore m(*e.h.db);
    if (auto ok = m.AddLedger(l); !ok) return std::unexpected(ok.error());
    std::cout << "已建立监测台账，编号 " << l.ledger_id << "\n";
    return {};
  });
}

void AddLedgerUpdateCommand(CLI::App* services, int& exit_code) {
  auto* cmd = services->add_subcommand(
      "ledger-update", "记录监测台账月度更新 / record a monthly update of a monitoring ledger");
  struct Opts {
    std::string db, month, on, officer = "cli";
    int64_t ledger = 0;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--ledger-id", o->ledger, "台账编号 / ledger id")->required();
  cmd->add_option("--month", o->month, "更新的月份 YYYY-MM / month updated")->required();
  cmd->add_option("--on", o->on, "更新日期 / date of the update")->required();
  cmd->add_option("--officer", o->officer, "经办人 / officer");
  OnRun(cmd, o, exit_code, [o](Env& e) -> Result<void> {
    auto month = ParseMonthArg(o->month);
    if (!month) return std::unexpected(month.error());
    auto on = ParseDateArg(o->on, "更新");
    if (!on) return std::unexpected(on.error());
    MonitoringStore m(*e.h.db);
    if (auto ok = m.RecordLedgerUpdate({o->ledger, *month, *on, o->officer}); !ok) {
      return std::unexpected(ok.error());
    }
    std::cout << "已记录 " << o->month << " 台账更新\n";
    return {};
  });
}

}  // namespace

void AddMonitoringCommands(CLI::App* services, int& exit_code) {
  AddWelfareHolderCommand(services, exit_code);
  AddWelfareIncomeCommand(services, exit_code);
  AddWelfareLeftCommand(services, exit_code);
  AddMonitorLedgerCommand(services, exit_code);
  AddLedgerUpdateCommand(services, exit_code);
}

}  // namespace qjy::cli::services_cmd
