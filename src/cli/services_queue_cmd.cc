// qjy services queue / compliance / ledger / status / record / hire: the
// officers' queue, on-time shares, the XLSX ledger and delivered services.
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "cli/services_cmd_env.h"
#include "core/clause_display.h"
#include "core/mask.h"
#include "services/ledger.h"
#include "services/monitoring.h"

namespace qjy::cli::services_cmd {

namespace {

void AddQueueCommand(CLI::App* services, int& exit_code) {
  auto* cmd = services->add_subcommand(
      "queue", "经办人待办：已逾期、今日到期、2个工作日内到期 / officer's queue");
  struct Opts {
    std::string db, region, as_of, officer;
    bool all = false;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--region", o->region, "区划代码前缀 / region code")->required();
  cmd->add_option("--as-of", o->as_of, "日期 / as of date")->required();
  cmd->add_option("--officer", o->officer, "只看该经办人 / only this officer");
  cmd->add_flag("--all", o->all, "也列出其他待办 / include items not yet due soon");
  OnRun(cmd, o, exit_code, [o](Env& e) -> Result<void> {
    auto at = LoadCaseloadAt(e, o->region, o->as_of);
    if (!at) return std::unexpected(at.error());
    auto q = ObligationQueue(at->load, e.ctx->engine(), e.ctx->workdays(), at->as_of, o->officer);
    if (!q) return std::unexpected(q.error());
    MonitoringStore monitoring(*e.h.db);
    auto m = MonitoringQueue(monitoring, e.ctx->params(), e.ctx->calendar(), e.ctx->workdays(),
                             o->region, at->as_of, o->officer);
    if (!m) return std::unexpected(m.error());
    q->insert(q->end(), m->begin(), m->end());
    SortQueue(*q);
    std::vector<WorkItem> shown;
    for (auto& w : *q) {
      if (o->all || w.bucket != Bucket::kLater) shown.push_back(w);
    }
    std::cout << "截至 " << at->as_of.ToString() << " 区划 " << o->region << " 待办 "
              << shown.size() << " 项\n";
    PrintQueue(shown);
    return {};
  });
}

void AddComplianceCommand(CLI::App* services, int& exit_code) {
  auto* cmd =
      services->add_subcommand("compliance", "按时服务达标率（按乡镇或经办人）/ share met on time");
  struct Opts {
    std::string db, region, as_of, by = "township";
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--region", o->region, "区划代码前缀 / region code")->required();
  cmd->add_option("--as-of", o->as_of, "日期 / as of date")->required();
  cmd->add_option("--by", o->by, "分组 township|county|officer（乡镇/县/经办人）/ group by");
  OnRun(cmd, o, exit_code, [o](Env& e) -> Result<void> {
    auto at = LoadCaseloadAt(e, o->region, o->as_of);
    if (!at) return std::unexpected(at.error());
    GroupBy by = o->by == "officer"  ? GroupBy::kOfficer
                 : o->by == "county" ? GroupBy::kCounty
                                     : GroupBy::kTownship;
    auto rows = Compliance(at->load, e.ctx->engine(), at->as_of, by);
    if (!rows) return std::unexpected(rows.error());
    std::cout << (by == GroupBy::kOfficer  ? "经办人"
                  : by == GroupBy::kCounty ? "县（市、区）"
                                           : "乡镇")
              << "\t按时完成\t逾期完成\t已逾期\t待办\t按时率\n";
    for (const auto& r : *rows) {
      std::ostringstream share;
      share << std::fixed << std::setprecision(1) << 100.0 * r.OnTimeShare() << "%";
      std::cout << (r.key.empty() ? "合计" : r.key) << "\t" << r.met_on_time << "\t" << r.met_late
                << "\t" << r.overdue << "\t" << r.due << "\t" << share.str() << "\n";
    }
    return {};
  });
}

void AddLedgerCommand(CLI::App* services, int& exit_code) {
  auto* cmd =
      services->add_subcommand("ledger", "导出失业人员台账 XLSX / export the ledger to XLSX");
  struct Opts {
    std::string db, region, as_of, out;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--region", o->region, "区划代码前缀 / region code")->required();
  cmd->add_option("--as-of", o->as_of, "日期 / as of date")->required();
  cmd->add_option("--out", o->out, "输出文件 .xlsx / output file")->required();
  OnRun(cmd, o, exit_code, [o](Env& e) -> Result<void> {
    auto at = LoadCaseloadAt(e, o->region, o->as_of);
    if (!at) return std::unexpected(at.error());
    store::RegistryStore& reg = *e.h.registry;
    auto stats = WriteLedger(o->out, at->load, e.ctx->engine(), at->as_of, [&reg](int64_t pid) {
      PersonLabel l;
      if (auto p = reg.GetPerson(pid); p && *p) {
        l.name = (*p)->name;
        l.id_masked = MaskIdNumber((*p)->id_number);
      }
      return l;
    });
    if (!stats) return std::unexpected(stats.error());
    std::cout << "已导出台账 " << o->out << "：" << stats->registrations << " 条登记，"
              << stats->obligations << " 项服务事项\n";
    return {};
  });
}

void AddStatusCommand(CLI::App* services, int& exit_code) {
  auto* cmd = services->add_subcommand(
      "status", "某人的分级分类与服务事项状态 / a person's level, category and obligations");
  struct Opts {
    std::string db, id, as_of;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--id-number", o->id, "身份证号码 / resident ID number")->required();
  cmd->add_option("--as-of", o->as_of, "日期 / as of date")->required();
  OnRun(cmd, o, exit_code, [o](Env& e) -> Result<void> {
    auto as_of = ParseDateArg(o->as_of, "统计");
    if (!as_of) return std::unexpected(as_of.error());
    auto person = FindPerson(e, o->id);
    if (!person) return std::unexpected(person.error());
    auto regs = e.store->RegistrationsOfPerson(person->person_id);
    if (!regs) return std::unexpected(regs.error());
    if (regs->empty()) return Fail(ErrorCode::kNotFound, "该人员没有失业登记");
    auto assess = e.store->AssessmentsOf(regs->back().registration_id);
    if (!assess) return std::unexpected(assess.error());
    auto recs = e.store->RecordsOfPerson(person->person_id);
    if (!recs) return std::unexpected(recs.error());
    Caseload load(*regs, *assess, *recs);
    size_t i = load.size() - 1;
    const Registration& r = load.registration(i);
    PersonClassification cls = ClassifyOne(load, i, *as_of);
    std::cout << person->name << "（" << MaskIdNumber(person->id_number) << "）登记编号 "
              << r.registration_id << "\n"
              << "等级：" << LevelLabel(cls.level) << " —— " << cls.level_reason << "\n"
              << "类别：" << CategoryLabel(cls.category.category) << " —— " << cls.category.reason
              << "\n";
    std::vector<Obligation> obs;
    if (auto ok = e.ctx->engine().Evaluate(r.Facts(), load.RecordFacts(i), *as_of, obs); !ok) {
      return std::unexpected(ok.error());
    }
    for (const auto& ob : obs) {
      std::cout << "  " << ObligationStatusLabel(ob.status) << "\t" << ob.package->name << "（"
                << ob.package->clause << "）起算 " << ob.start.ToString() << " 期限 "
                << ob.deadline.ToString();
      if (ob.met_on) std::cout << " 完成 " << ob.met_on->ToString();
      std::string missing = MissingText(ob);
      if (!ob.met_on && !missing.empty()) std::cout << " " << missing;
      std::cout << "\n";
    }
    return {};
  });
}

void AddRecordCommand(CLI::App* services, int& exit_code) {
  auto* cmd = services->add_subcommand("record", "记录已提供的服务 / record a delivered service");
  struct Opts {
    std::string db, id, kind, on, officer = "cli", outcome;
    int64_t job = 0;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--id-number", o->id, "身份证号码 / resident ID number")->required();
  cmd->add_option(
         "--kind", o->kind,
         "policy_briefing|career_guidance|job_recommendation|training_offer|internship_offer|"
         "civil_affairs_referral|follow_up_visit|individual_plan")
      ->required();
  cmd->add_option("--on", o->on, "服务日期 / date")->required();
  cmd->add_option("--officer", o->officer, "经办人 / officer");
  cmd->add_option("--job-id", o->job, "推荐的岗位编号 / recommended job id");
  cmd->add_option("--outcome", o->outcome, "结果 / outcome");
  OnRun(cmd, o, exit_code, [o](Env& e) -> Result<void> {
    auto kind = ParseServiceKind(o->kind);
    if (!kind) return std::unexpected(kind.error());
    auto reg = OpenRegistrationFor(e, o->id, *kind == ServiceKind::kFollowUpVisit);
    if (!reg) return std::unexpected(reg.error());
    ServiceRecord r;
    r.registration_id = reg->registration_id;
    r.kind = *kind;
    auto on = ParseDateArg(o->on, "服务");
    if (!on) return std::unexpected(on.error());
    r.delivered_on = *on;
    r.officer = o->officer;
    r.outcome = o->outcome;
    r.job_id = o->job;
    if (auto ok = e.store->AddRecord(r); !ok) return std::unexpected(ok.error());
    std::cout << "已记录服务编号 " << r.record_id << "：" << ServiceKindLabel(r.kind) << " "
              << r.delivered_on.ToString() << "\n";
    return {};
  });
}

void AddHireCommand(CLI::App* services, int& exit_code) {
  auto* cmd =
      services->add_subcommand("hire", "岗位推荐关联录用 / link a recommendation to a hire");
  struct Opts {
    std::string db, on;
    int64_t record = 0;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--record-id", o->record, "服务记录编号 / record id")->required();
  cmd->add_option("--on", o->on, "录用日期 / hire date")->required();
  OnRun(cmd, o, exit_code, [o](Env& e) -> Result<void> {
    auto on = ParseDateArg(o->on, "录用");
    if (!on) return std::unexpected(on.error());
    if (auto ok = e.store->LinkHire(o->record, *on); !ok) return std::unexpected(ok.error());
    std::cout << "已关联录用\n";
    return {};
  });
}

}  // namespace

void AddQueueCommands(CLI::App* services, int& exit_code) {
  AddQueueCommand(services, exit_code);
  AddComplianceCommand(services, exit_code);
  AddLedgerCommand(services, exit_code);
  AddStatusCommand(services, exit_code);
}

void AddRecordCommands(CLI::App* services, int& exit_code) {
  AddRecordCommand(services, exit_code);
  AddHireCommand(services, exit_code);
}

}  // namespace qjy::cli::services_cmd
