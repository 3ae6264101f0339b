// qjy register / deregister / assess / classify / services ... (alias
// `service`): unemployment registration and tiered services of
// 黔府发〔2023〕12号 annexes 3 and 4 (src/services), for officers and tests.
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "audit/audit_schema.h"
#include "auth/clock.h"
#include "core/clause_display.h"
#include "cli/commands.h"
#include "cli/services_history_cmd.h"
#include "cli/registry_handle.h"
#include "core/mask.h"
#include "services/caseload.h"
#include "services/calendar_update.h"
#include "services/employment_facts.h"
#include "services/context.h"
#include "services/ledger.h"
#include "services/monitoring.h"
#include "services/services_store.h"
#include "services/worklist.h"

namespace qjy::cli {
namespace {

using namespace qjy::services;

struct Env {
  RegistryHandle h;
  std::unique_ptr<ServicesStore> store;
  std::unique_ptr<ServicesContext> ctx;
};

Result<Env> OpenEnv(const std::string& db) {
  Env e;
  auto h = OpenRegistry(db);
  if (!h) return std::unexpected(h.error());
  e.h = std::move(*h);
  e.store = std::make_unique<ServicesStore>(*e.h.db);
  if (auto m = e.store->Migrate(); !m) return std::unexpected(m.error());
  // The shipped calendar with the holiday notices loaded into this database.
  auto ctx = LoadDefaultContextFor(*e.h.db);
  if (!ctx) return std::unexpected(ctx.error());
  e.ctx = std::move(*ctx);
  return e;
}

// Runs `body`; prints an error in Chinese and sets exit code 1 on failure.
template <class Body>
void Run(int& exit_code, Body body) {
  Result<void> r = body();
  if (!r) {
    std::cerr << "错误：" << r.error().message << "\n";
    exit_code = 1;
    return;
  }
  exit_code = 0;
}

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

// The caseload of `region` (a code prefix; empty = all) and the parsed date.
struct CaseloadAt {
  Date as_of;
  Caseload load;
};

Result<Date> ParseDateArg(const std::string& text, const char* what);

Result<CaseloadAt> LoadCaseloadAt(Env& e, const std::string& region, const std::string& as_of_text) {
  auto as_of = ParseDateArg(as_of_text, "统计");
  if (!as_of) return std::unexpected(as_of.error());
  auto load = Caseload::Load(*e.store, region);
  if (!load) return std::unexpected(load.error());
  return CaseloadAt{*as_of, std::move(*load)};
}

Result<Date> ParseDateArg(const std::string& text, const char* what) {
  auto d = Date::Parse(text);
  if (!d) return Fail(ErrorCode::kInvalidArgument, std::string(what) + "日期无效：" + text);
  return d;
}

Result<registry::Person> FindPerson(Env& e, const std::string& id_number) {
  auto p = e.h.registry->FindPersonByIdNumber(id_number);
  if (!p) return std::unexpected(p.error());
  if (!*p) return Fail(ErrorCode::kNotFound, "劳动力库中没有该身份证号码的人员：" + MaskIdNumber(id_number));
  return **p;
}

Result<Registration> OpenRegistrationFor(Env& e, const std::string& id_number, bool allow_closed) {
  auto person = FindPerson(e, id_number);
  if (!person) return std::unexpected(person.error());
  auto regs = e.store->RegistrationsOfPerson(person->person_id);
  if (!regs) return std::unexpected(regs.error());
  if (regs->empty()) return Fail(ErrorCode::kNotFound, "该人员没有失业登记");
  if (allow_closed) {  // follow-up visits: the latest registration closed as re-employed
    for (auto it = regs->rbegin(); it != regs->rend(); ++it) {
      if (it->close_reason == CloseReason::kReemployed) return *it;
    }
    return Fail(ErrorCode::kNotFound, "该人员没有因实现就业而注销的登记，无需跟踪回访");
  }
  const Registration& last = regs->back();
  if (last.closed_on) {
    return Fail(ErrorCode::kInvalidArgument, "该人员的失业登记已于 " + last.closed_on->ToString() + " 注销");
  }
  return last;
}

void PrintQueue(const std::vector<WorkItem>& items) {
  Bucket current = Bucket::kLater;
  bool first = true;
  for (const auto& w : items) {
    if (first || w.bucket != current) {
      std::cout << "【" << BucketLabel(w.bucket) << "】\n";
      current = w.bucket;
      first = false;
    }
    std::cout << "  期限 " << w.deadline.ToString() << "  " << w.title << "（" << DisplayClause(w.clause) << "）";
    if (w.registration_id) std::cout << "  登记编号 " << w.registration_id;
    std::cout << "  经办人 " << w.officer << "  " << w.region_code;
    if (!w.detail.empty()) std::cout << "  " << w.detail;
    std::cout << "\n";
  }
  if (items.empty()) std::cout << "（无待办事项）\n";
}

}  // namespace

void AddServicesCommands(CLI::App& app, int& exit_code) {
  // --- qjy register
  {
    auto* cmd = app.add_subcommand(
        "register",
        "办理失业登记（超过法定劳动年龄的办理求职登记，A3(一)）\n"
        "Register a person as unemployed (job-seeking past the statutory working age, A3(一))");
    struct Opts {
      std::string db, id, on, found, place = "hukou", region, channel = "counter", officer = "cli",
                                    served = "registered", flags, override_reason;
    };
    auto o = std::make_shared<Opts>();
    cmd->add_option("--id-number", o->id, "身份证号码 / resident ID number")->required();
    cmd->add_option("--on", o->on, "登记日期 YYYY-MM-DD / registration date")->required();
    cmd->add_option("--found-on", o->found, "发现失业日期（默认同登记日期，A4(三)）/ day found unemployed");
    cmd->add_option("--place", o->place,
                    "登记地类型 hukou|residence|work|insured|online（户籍地/常住地/就业地/参保地/线上）/ place kind");
    cmd->add_option("--region", o->region, "登记地区划代码（县或乡镇）/ region code of the registering office")
        ->required();
    cmd->add_option("--channel", o->channel, "渠道 counter|online|outreach|app / channel");
    cmd->add_option("--officer", o->officer, "经办人 / officer");
    cmd->add_option("--served-as", o->served,
                    "服务对象类别 registered|graduate|subsidy_recipient|migrant_living_subsidy（A3(二)）");
    cmd->add_option("--flags", o->flags, "附加标记，如 living_difficulty（生活困难）/ extra flags");
    cmd->add_option("--override-reason", o->override_reason,
                    "登记库显示该人员登记日在就业时，经办人确认其失业的书面理由（记入审计日志）/ "
                    "written reason to register a person the registry shows employed (audited)");
    OnRun(cmd, o, exit_code, [o](Env& e) -> Result<void> {
      auto person = FindPerson(e, o->id);
      if (!person) return std::unexpected(person.error());
      RegistrationRequest req;
      auto on = ParseDateArg(o->on, "登记");
      if (!on) return std::unexpected(on.error());
      req.on = *on;
      if (!o->found.empty()) {
        auto f = ParseDateArg(o->found, "发现失业");
        if (!f) return std::unexpected(f.error());
        req.found_on = *f;
      }
      auto place = ParsePlaceKind(o->place);
      if (!place) return std::unexpected(place.error());
      req.place = *place;
      req.region_code = o->region;
      req.channel = o->channel;
      req.officer = o->officer;
      auto served = ParseServedAs(o->served);
      if (!served) return std::unexpected(served.error());
      req.served_as = *served;
      auto flags = FlagsFromText(o->flags);
      if (!flags) return std::unexpected(flags.error());
      req.extra_flags = *flags;
      // The person's employment facts: the status on the registration date.
      if (auto facts = LoadEmploymentFacts(*e.h.db, *e.h.registry, person->person_id, req); !facts) {
        return std::unexpected(facts.error());
      }
      req.override_reason = o->override_reason;
      auto reg = BuildRegistration(*person, req, e.ctx->params());
      if (!reg) return std::unexpected(reg.error());
      if (auto ok = e.store->AddRegistration(*reg); !ok) return std::unexpected(ok.error());
      if (!reg->override_reason.empty()) {
        // Registered against the registry's employment facts: audited.
        if (auto m = audit::MigrateAudit(*e.h.db); !m) return std::unexpected(m.error());
        auth::SystemClock clock;
        audit::AuditLog log(clock, o->db);
        audit::AuditEntry entry;
        entry.actor = "cli:" + o->officer;
        entry.role = "officer";
        entry.action = "services.register.override";
        entry.target = "person:" + std::to_string(person->person_id);
        entry.result = "ok";
        entry.client = "cli";
        entry.detail = nlohmann::json{{"registration_id", reg->registration_id},
                                      {"on", reg->registered_on.ToString()},
                                      {"employment", reg->employment.reason},
                                      {"override_reason", reg->override_reason}}
                           .dump();
        if (auto a = log.Append(*e.h.db, entry); !a) return std::unexpected(a.error());
      }
      std::cout << RegistrationKindLabel(reg->kind) << "成功：登记编号 " << reg->registration_id
                << "，" << person->name << "（" << MaskIdNumber(person->id_number) << "），"
                << PlaceKindLabel(reg->place) << " " << reg->region_code << "，"
                << reg->registered_on.ToString();
      if (reg->flags) std::cout << "，标记 " << FlagsToText(reg->flags);
      std::cout << "，档案建议类别 " << CategoryLabel(reg->suggested_category) << "\n";
      std::cout << "登记日就业状态：" << EmploymentStateLabel(reg->employment.state) << "（"
                << reg->employment.reason << "）\n";
      if (!reg->override_reason.empty()) std::cout << "经办人书面理由（已记入审计日志）：" << reg->override_reason << "\n";
      for (const auto& n : reg->notes) std::cout << "注意：" << n << "\n";
      return {};
    });
  }
  // --- qjy deregister
  {
    auto* cmd = app.add_subcommand(
        "deregister", "注销失业登记（实现就业、本人申请、迁出等）/ close an unemployment registration");
    struct Opts { std::string db, id, on, reason, note; };
    auto o = std::make_shared<Opts>();
    cmd->add_option("--id-number", o->id, "身份证号码 / resident ID number")->required();
    cmd->add_option("--on", o->on, "注销日期 / closing date")->required();
    cmd->add_option("--reason", o->reason, "原因 reemployed|withdrawn|moved|retired|other / reason")->required();
    cmd->add_option("--note", o->note, "说明 / note");
    OnRun(cmd, o, exit_code, [o](Env& e) -> Result<void> {
      auto reg = OpenRegistrationFor(e, o->id, false);
      if (!reg) return std::unexpected(reg.error());
      auto on = ParseDateArg(o->on, "注销");
      if (!on) return std::unexpected(on.error());
      auto reason = ParseCloseReason(o->reason);
      if (!reason) return std::unexpected(reason.error());
      if (auto ok = e.store->CloseRegistration(reg->registration_id, *on, *reason, o->note); !ok) {
        return std::unexpected(ok.error());
      }
      std::cout << "已注销登记编号 " << reg->registration_id << "（" << CloseReasonLabel(*reason) << "）\n";
      return {};
    });
  }
  // --- qjy assess
  {
    auto* cmd = app.add_subcommand(
        "assess", "记录人员类别评估（A3(六)1 三类；与档案建议不同须填理由）/ record the category assessment");
    struct Opts { std::string db, id, on, category, officer = "cli", reason; };
    auto o = std::make_shared<Opts>();
    cmd->add_option("--id-number", o->id, "身份证号码 / resident ID number")->required();
    cmd->add_option("--on", o->on, "评估日期 / date")->required();
    cmd->add_option("--category", o->category,
                    "类别 basic_skills|lacks_skills|difficulty（具备初级技能/缺乏基本技能/存在就业困难）")
        ->required();
    cmd->add_option("--officer", o->officer, "经办人 / officer");
    cmd->add_option("--reason", o->reason, "调整理由 / reason for an override");
    OnRun(cmd, o, exit_code, [o](Env& e) -> Result<void> {
      auto reg = OpenRegistrationFor(e, o->id, false);
      if (!reg) return std::unexpected(reg.error());
      Assessment a;
      a.registration_id = reg->registration_id;
      auto on = ParseDateArg(o->on, "评估");
      if (!on) return std::unexpected(on.error());
      a.assessed_on = *on;
      auto c = ParseCategory(o->category);
      if (!c) return std::unexpected(c.error());
      a.category = *c;
      a.officer = o->officer;
      a.reason = o->reason;
      if (auto ok = e.store->AddAssessment(a); !ok) return std::unexpected(ok.error());
      std::cout << "已记录评估：" << CategoryLabel(a.category) << (a.IsOverride() ? "（调整档案建议）" : "") << "\n";
      return {};
    });
  }
  // --- qjy classify
  {
    auto* cmd = app.add_subcommand(
        "classify", "按“四级三类”统计登记失业人员（A3(六)1）/ counts by duration level x category");
    struct Opts { std::string db, as_of, region; };
    auto o = std::make_shared<Opts>();
    cmd->add_option("--as-of", o->as_of, "统计日期 / as of date")->required();
    cmd->add_option("--region", o->region, "区划代码前缀（默认全部）/ region code");
    OnRun(cmd, o, exit_code, [o](Env& e) -> Result<void> {
      auto at = LoadCaseloadAt(e, o->region, o->as_of);
      if (!at) return std::unexpected(at.error());
      ClassificationCounts c = Classify(at->load, at->as_of);
      std::cout << "截至 " << at->as_of.ToString() << (o->region.empty() ? "" : "，区划 " + o->region)
                << "，登记失业人员“四级三类”（A3(六)1）\n";
      std::cout << std::left << std::setw(14) << "等级";
      for (Category k : kAllCategories) std::cout << "\t" << CategoryLabel(k);
      std::cout << "\t合计\n";
      std::array<int64_t, 3> col{};
      for (Level l : kAllLevels) {
        int64_t sum = 0;
        std::cout << LevelLabel(l);
        for (Category k : kAllCategories) {
          int64_t v = c.cells[static_cast<int>(l)][static_cast<int>(k)];
          std::cout << "\t" << v;
          sum += v;
          col[static_cast<int>(k)] += v;
        }
        std::cout << "\t" << sum << "\n";
      }
      std::cout << "合计";
      for (int64_t v : col) std::cout << "\t" << v;
      std::cout << "\t" << c.Total() << "\n";
      std::cout << "其中尚未评估（按档案建议归类）" << c.unassessed << " 人，求职登记 " << c.job_seeking << " 人\n";
      return {};
    });
  }
  // --- qjy services ... (alias: service)
  auto* services = app.add_subcommand(
      "services", "就业服务：待办队列、台账、达标率、服务记录 / services: queues, ledger, compliance, records");
  services->alias("service");
  AddServicesHistoryCommand(services, exit_code);
  services->require_subcommand(1);
  {
    auto* cmd = services->add_subcommand(
        "queue", "经办人待办：已逾期、今日到期、2个工作日内到期 / officer's queue");
    struct Opts { std::string db, region, as_of, officer; bool all = false; };
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
      std::cout << "截至 " << at->as_of.ToString() << " 区划 " << o->region << " 待办 " << shown.size() << " 项\n";
      PrintQueue(shown);
      return {};
    });
  }
  {
    auto* cmd = services->add_subcommand("compliance", "按时服务达标率（按乡镇或经办人）/ share met on time");
    struct Opts { std::string db, region, as_of, by = "township"; };
    auto o = std::make_shared<Opts>();
    cmd->add_option("--region", o->region, "区划代码前缀 / region code")->required();
    cmd->add_option("--as-of", o->as_of, "日期 / as of date")->required();
    cmd->add_option("--by", o->by, "分组 township|county|officer（乡镇/县/经办人）/ group by");
    OnRun(cmd, o, exit_code, [o](Env& e) -> Result<void> {
      auto at = LoadCaseloadAt(e, o->region, o->as_of);
      if (!at) return std::unexpected(at.error());
      GroupBy by = o->by == "officer" ? GroupBy::kOfficer
                   : o->by == "county"  ? GroupBy::kCounty
                                        : GroupBy::kTownship;
      auto rows = Compliance(at->load, e.ctx->engine(), at->as_of, by);
      if (!rows) return std::unexpected(rows.error());
      std::cout << (by == GroupBy::kOfficer ? "经办人" : by == GroupBy::kCounty ? "县（市、区）" : "乡镇")
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
  {
    auto* cmd = services->add_subcommand("ledger", "导出失业人员台账 XLSX / export the ledger to XLSX");
    struct Opts { std::string db, region, as_of, out; };
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
  {
    auto* cmd = services->add_subcommand(
        "status", "某人的分级分类与服务事项状态 / a person's level, category and obligations");
    struct Opts { std::string db, id, as_of; };
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
                << "类别：" << CategoryLabel(cls.category.category) << " —— " << cls.category.reason << "\n";
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
  {
    auto* cmd = services->add_subcommand(
        "record", "记录已提供的服务 / record a delivered service");
    struct Opts { std::string db, id, kind, on, officer = "cli", outcome; int64_t job = 0; };
    auto o = std::make_shared<Opts>();
    cmd->add_option("--id-number", o->id, "身份证号码 / resident ID number")->required();
    cmd->add_option("--kind", o->kind,
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
  // --- monitoring (A2(十七), A2(十四)): data the queue's monitoring tasks come from
  auto month_arg = [](const std::string& text) -> Result<Date> {
    auto d = Date::Parse(text + "-01");
    if (!d) return Fail(ErrorCode::kInvalidArgument, "月份须为 YYYY-MM：" + text);
    return d;
  };
  {
    auto* cmd = services->add_subcommand(
        "welfare-holder", "登记乡村公益性岗位人员（A2(十七)）/ add a public-welfare-post holder");
    struct Opts { std::string db, id, region, officer = "cli", started; bool full_time = false; };
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
      if (o->region.size() < 6) return Fail(ErrorCode::kInvalidArgument, "区划代码须为县级或乡级代码");
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
  {
    auto* cmd = services->add_subcommand(
        "welfare-income", "录入公益性岗位人员某月灵活就业收入（分）/ a holder's monthly income in fen");
    struct Opts { std::string db, month; int64_t holder = 0, fen = 0; };
    auto o = std::make_shared<Opts>();
    cmd->add_option("--holder-id", o->holder, "岗位人员编号 / holder id")->required();
    cmd->add_option("--month", o->month, "月份 YYYY-MM / month")->required();
    cmd->add_option("--income-fen", o->fen, "月收入（分）/ monthly income in fen")->required();
    OnRun(cmd, o, exit_code, [o, month_arg](Env& e) -> Result<void> {
      auto month = month_arg(o->month);
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
      if (auto ok = m.PutIncome({o->holder, *month, o->fen}, county); !ok) return std::unexpected(ok.error());
      std::cout << "已录入 " << o->month << " 收入\n";
      return {};
    });
  }
  {
    auto* cmd = services->add_subcommand("welfare-left", "公益性岗位人员退岗 / a holder left the post");
    struct Opts { std::string db, on; int64_t holder = 0; };
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
  {
    auto* cmd = services->add_subcommand(
        "monitor-ledger", "建立防返贫监测就业帮扶台账（按月更新，A2(十四)）/ add a monitoring ledger");
    struct Opts { std::string db, region, officer = "cli", started; };
    auto o = std::make_shared<Opts>();
    cmd->add_option("--region", o->region, "区划 / region")->required();
    cmd->add_option("--officer", o->officer, "经办人 / officer");
    cmd->add_option("--started-on", o->started, "建立日期 / start date")->required();
    OnRun(cmd, o, exit_code, [o](Env& e) -> Result<void> {
      auto started = ParseDateArg(o->started, "建立");
      if (!started) return std::unexpected(started.error());
      if (o->region.size() < 6) return Fail(ErrorCode::kInvalidArgument, "区划代码须为县级或乡级代码");
      MonitoringLedger l{0, o->region.substr(0, 6), o->region, o->officer, *started};
      MonitoringStore m(*e.h.db);
      if (auto ok = m.AddLedger(l); !ok) return std::unexpected(ok.error());
      std::cout << "已建立监测台账，编号 " << l.ledger_id << "\n";
      return {};
    });
  }
  {
    auto* cmd = services->add_subcommand(
        "ledger-update", "记录监测台账月度更新 / record a monthly update of a monitoring ledger");
    struct Opts { std::string db, month, on, officer = "cli"; int64_t ledger = 0; };
    auto o = std::make_shared<Opts>();
    cmd->add_option("--ledger-id", o->ledger, "台账编号 / ledger id")->required();
    cmd->add_option("--month", o->month, "更新的月份 YYYY-MM / month updated")->required();
    cmd->add_option("--on", o->on, "更新日期 / date of the update")->required();
    cmd->add_option("--officer", o->officer, "经办人 / officer");
    OnRun(cmd, o, exit_code, [o, month_arg](Env& e) -> Result<void> {
      auto month = month_arg(o->month);
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
  {
    auto* cmd = services->add_subcommand("hire", "岗位推荐关联录用 / link a recommendation to a hire");
    struct Opts { std::string db, on; int64_t record = 0; };
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
}

}  // namespace qjy::cli
