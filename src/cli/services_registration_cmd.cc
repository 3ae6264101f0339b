// qjy register / deregister / assess / classify: unemployment registration
// and the "四级三类" classification (附件3).
#include <iomanip>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "audit/audit_log.h"
#include "audit/audit_schema.h"
#include "auth/clock.h"
#include "cli/services_cmd_env.h"
#include "core/mask.h"
#include "services/employment_facts.h"

namespace qjy::cli::services_cmd {

void AddRegisterCommand(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "register",
      "办理失业登记（超过法定劳动年龄的办理求职登记，附件3（一））\n"
      "Register a person as unemployed (job-seeking past the statutory working age, A3(一))");
  struct Opts {
    std::string db, id, on, found, place = "hukou", region, channel = "counter", officer = "cli",
                                   served = "registered", flags, override_reason;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--id-number", o->id, "身份证号码 / resident ID number")->required();
  cmd->add_option("--on", o->on, "登记日期 YYYY-MM-DD / registration date")->required();
  cmd->add_option("--found-on", o->found,
                  "发现失业日期（默认同登记日期，附件4（三））/ day found unemployed");
  cmd->add_option(
      "--place", o->place,
      "登记地类型 hukou|residence|work|insured|online（户籍地/常住地/就业地/参保地/线上）/ place "
      "kind");
  cmd->add_option("--region", o->region,
                  "登记地区划代码（县或乡镇）/ region code of the registering office")
      ->required();
  cmd->add_option("--channel", o->channel, "渠道 counter|online|outreach|app / channel");
  cmd->add_option("--officer", o->officer, "经办人 / officer");
  cmd->add_option(
      "--served-as", o->served,
      "服务对象类别 registered|graduate|subsidy_recipient|migrant_living_subsidy（附件3（二））");
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
    if (!reg->override_reason.empty())
      std::cout << "经办人书面理由（已记入审计日志）：" << reg->override_reason << "\n";
    for (const auto& n : reg->notes) std::cout << "注意：" << n << "\n";
    return {};
  });
}

void AddDeregisterCommand(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "deregister",
      "注销失业登记（实现就业、本人申请、迁出等）/ close an unemployment registration");
  struct Opts {
    std::string db, id, on, reason, note;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--id-number", o->id, "身份证号码 / resident ID number")->required();
  cmd->add_option("--on", o->on, "注销日期 / closing date")->required();
  cmd->add_option("--reason", o->reason, "原因 reemployed|withdrawn|moved|retired|other / reason")
      ->required();
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
    std::cout << "已注销登记编号 " << reg->registration_id << "（" << CloseReasonLabel(*reason)
              << "）\n";
    return {};
  });
}

void AddAssessCommand(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "assess",
      "记录人员类别评估（附件3（六）1 三类；与档案建议不同须填理由）/ record the category assessment");
  struct Opts {
    std::string db, id, on, category, officer = "cli", reason;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--id-number", o->id, "身份证号码 / resident ID number")->required();
  cmd->add_option("--on", o->on, "评估日期 / date")->required();
  cmd->add_option(
         "--category", o->category,
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
    std::cout << "已记录评估：" << CategoryLabel(a.category)
              << (a.IsOverride() ? "（调整档案建议）" : "") << "\n";
    return {};
  });
}

void AddClassifyCommand(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "classify", "按“四级三类”统计登记失业人员（附件3（六）1）/ counts by duration level x category");
  struct Opts {
    std::string db, as_of, region;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--as-of", o->as_of, "统计日期 / as of date")->required();
  cmd->add_option("--region", o->region, "区划代码前缀（默认全部）/ region code");
  OnRun(cmd, o, exit_code, [o](Env& e) -> Result<void> {
    auto at = LoadCaseloadAt(e, o->region, o->as_of);
    if (!at) return std::unexpected(at.error());
    ClassificationCounts c = Classify(at->load, at->as_of);
    std::cout << "截至 " << at->as_of.ToString() << (o->region.empty() ? "" : "，区划 " + o->region)
              << "，登记失业人员“四级三类”（附件3（六）1）\n";
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
    std::cout << "其中尚未评估（按档案建议归类）" << c.unassessed << " 人，求职登记 "
              << c.job_seeking << " 人\n";
    return {};
  });
}

}  // namespace qjy::cli::services_cmd
