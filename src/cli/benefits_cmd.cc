// qjy benefits apply|run|list|stop (issue #16 §1): 失业保险金 applications
// decided from the stored contribution months, the monthly run through the
// ledger with the 常态化核查比对 (附件3（四）), listings and stops;
// subsidy-apply|subsidy-list: 失业补助金 and 失业农民工一次性生活补助
// (附件3（二）); refer-export|refer-import: 转介民政 (附件3（三）).
#include <ctime>
#include <iostream>

#include <fmt/format.h>

#include "auth/clock.h"
#include "benefits/benefit_store.h"
#include "benefits/civil_referral.h"
#include "benefits/subsidy_store.h"
#include "benefits/entitlement.h"
#include "benefits/monthly_run.h"
#include "cli/cmd_support.h"
#include "cli/commands.h"
#include "cli/registry_handle.h"
#include "policy/decision.h"
#include "registry/contribution.h"

namespace qjy::cli {
namespace {

Result<RegistryHandle> Open(const std::string& db) {
  auto h = OpenRegistry(db);
  if (!h) return std::unexpected(h.error());
  if (auto m = benefits::BenefitStore(*h->db).Migrate(); !m) return std::unexpected(m.error());
  return h;
}

Result<int32_t> Month(const std::string& text) {
  auto m = registry::ParseMonth(text);
  if (!m) return Fail(ErrorCode::kInvalidArgument, fmt::format("--month：「{}」不是有效月份（YYYY-MM）", text));
  return *m;
}

std::string Yuan(int64_t fen) { return policy::FormatYuan(fen); }

void PrintClaim(const benefits::Claim& c) {
  std::cout << fmt::format("申请 {}　{}（{}）　{}　申请日 {}　{}\n", c.claim_id, c.name, c.id_masked, c.county_code,
                           c.applied_on.ToString(), benefits::ClaimStatusLabel(c.status));
  std::cout << "  " << c.decision_text << "\n";
  if (c.granted) {
    std::cout << fmt::format("  自 {} 起每月 {}，代缴基本医疗保险费 {}；已发 {}/{} 个月{}\n",
                             registry::MonthText(c.first_month), Yuan(c.monthly_fen), Yuan(c.medical_fen), c.months_paid,
                             c.duration_months,
                             c.last_paid_month ? "（至 " + registry::MonthText(*c.last_paid_month) + "）" : "");
  }
  if (!c.stop_reason.empty()) {
    std::cout << fmt::format("  停发原因：{}{}\n", c.stop_reason,
                             c.stopped_month ? "（自 " + registry::MonthText(*c.stopped_month) + " 起）" : "");
  }
  if (!c.flag.empty()) std::cout << "  核查标记：" << c.flag << "\n";
}

struct ApplyArgs {
  std::string db, on, actor = "cli";
  int64_t person = 0;
  bool json = false;
};

Result<void> Apply(const ApplyArgs& a) {
  auto h = Open(a.db);
  if (!h) return std::unexpected(h.error());
  auto on = Date::Parse(a.on);
  if (!on) return Fail(ErrorCode::kInvalidArgument, fmt::format("--on：「{}」不是有效日期（YYYY-MM-DD）", a.on));
  auto params = benefits::LoadBenefitParams();
  if (!params) return std::unexpected(params.error());
  auto c = benefits::BenefitStore(*h->db).Apply(a.person, *on, *params, a.actor);
  if (!c) return std::unexpected(c.error());
  if (a.json) {
    std::cout << benefits::ClaimJson(*c).dump(2) << "\n";
  } else {
    std::cout << (c->granted ? "核准" : "不予核准") << "\n";
    PrintClaim(*c);
  }
  return {};
}

struct RunArgs {
  std::string db, month, region = "52", actor = "cli";
  bool json = false;
};

Result<void> RunMonthCmd(const RunArgs& a) {
  auto h = Open(a.db);
  if (!h) return std::unexpected(h.error());
  auto m = Month(a.month);
  if (!m) return std::unexpected(m.error());
  auth::SystemClock clock;
  auto r = benefits::RunMonth(*h->db, *m, a.region, a.actor, clock);
  if (!r) return std::unexpected(r.error());
  if (a.json) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& i : r->items) {
      items.push_back({{"claim_id", i.claim_id}, {"person_id", i.person_id}, {"county_code", i.county_code},
                       {"outcome", i.outcome}, {"amount_fen", i.amount_fen}, {"medical_fen", i.medical_fen},
                       {"finding", i.finding}});
    }
    std::cout << nlohmann::json{{"run_id", r->run_id}, {"month", a.month}, {"paid", r->paid}, {"stopped", r->stopped},
                                {"ended", r->ended}, {"skipped", r->skipped}, {"paid_fen", r->paid_fen},
                                {"medical_fen", r->medical_fen}, {"items", items},
                                {"subsidies", {{"paid", r->subsidies.paid}, {"stopped", r->subsidies.stopped},
                                               {"ended", r->subsidies.ended}, {"skipped", r->subsidies.skipped},
                                               {"paid_fen", r->subsidies.paid_fen},
                                               {"findings", r->subsidies.findings}}}}
                     .dump(2)
              << "\n";
    return {};
  }
  std::cout << fmt::format("{} 失业保险金发放（{}）：发放 {} 人 {}，代缴医疗保险费 {}；核查比对停发 {} 人；期满 {} 人；已发跳过 {} 人\n",
                           registry::MonthText(*m), a.region, r->paid, Yuan(r->paid_fen), Yuan(r->medical_fen),
                           r->stopped, r->ended, r->skipped);
  for (const auto& i : r->items) {
    if (i.outcome == "stopped") std::cout << fmt::format("  停发 申请 {}：{}\n", i.claim_id, i.finding);
  }
  std::cout << fmt::format("失业补助金、一次性生活补助：发放 {} 笔 {}；核查比对停发 {} 人；发放完毕 {} 人；已发跳过 {} 笔\n",
                           r->subsidies.paid, Yuan(r->subsidies.paid_fen), r->subsidies.stopped, r->subsidies.ended,
                           r->subsidies.skipped);
  for (const auto& f : r->subsidies.findings) std::cout << "  停发 " << f << "\n";
  return {};
}

struct ListArgs {
  std::string db, region = "52", status;
  int64_t person = 0;
  bool json = false;
};

Result<void> List(const ListArgs& a) {
  auto h = Open(a.db);
  if (!h) return std::unexpected(h.error());
  benefits::ClaimFilter f;
  f.region = a.region;
  f.status = a.status;
  f.person_id = a.person;
  nlohmann::json out = nlohmann::json::array();
  benefits::BenefitStore store(*h->db);
  for (;;) {
    auto page = store.List(f);
    if (!page) return std::unexpected(page.error());
    if (page->empty()) break;
    for (const auto& c : *page) {
      if (a.json) {
        out.push_back(benefits::ClaimJson(c));
      } else {
        PrintClaim(c);
      }
    }
    f.after_id = page->back().claim_id;
  }
  if (a.json) std::cout << out.dump(2) << "\n";
  return {};
}

struct StopArgs {
  std::string db, reason, month, note, actor = "cli";
  int64_t claim = 0;
};

Result<void> Stop(const StopArgs& a) {
  auto h = Open(a.db);
  if (!h) return std::unexpected(h.error());
  auto reason = benefits::ParseStopReason(a.reason);
  if (!reason) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("--reason：「{}」不是停发原因（再就业、拒绝介绍的适当工作、迁出、应征服兵役、死亡、期满）", a.reason));
  }
  auto m = Month(a.month);
  if (!m) return std::unexpected(m.error());
  auto c = benefits::BenefitStore(*h->db).Stop(a.claim, *reason, *m, a.actor, a.note);
  if (!c) return std::unexpected(c.error());
  std::cout << "已停发\n";
  PrintClaim(*c);
  return {};
}

void PrintSubsidy(const benefits::SubsidyClaim& c) {
  std::cout << fmt::format("{} 申请 {}　{}（{}）　{}　申请日 {}　{}\n", benefits::SubsidyKindLabel(c.kind), c.claim_id,
                           c.name, c.id_masked, c.county_code, c.applied_on.ToString(),
                           benefits::SubsidyStatusLabel(c.status));
  std::cout << "  " << c.decision_text << "\n";
  for (const auto& x : c.conditions) {
    std::cout << fmt::format("    [{}] {}：{}\n", x["state_label"].get<std::string>(), x["name"].get<std::string>(),
                             x["detail"].get<std::string>());
  }
  if (c.outcome == "granted") {
    std::cout << fmt::format("  每次 {}，共 {} 次，已发 {} 次{}\n", Yuan(c.amount_fen), c.months, c.months_paid,
                             c.last_paid_month ? "（至 " + registry::MonthText(*c.last_paid_month) + "）" : "");
  }
  if (!c.stop_reason.empty()) std::cout << "  停发原因：" << c.stop_reason << "\n";
  if (!c.flag.empty()) std::cout << "  核查标记：" << c.flag << "\n";
}

struct SubsidyApplyArgs {
  std::string db, on, kind, actor = "cli";
  int64_t person = 0;
  bool json = false;
};

Result<void> SubsidyApply(const SubsidyApplyArgs& a) {
  auto kind = benefits::ParseSubsidyKind(a.kind);
  if (!kind) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("--kind：「{}」不是补助类别（ui_subsidy 失业补助金 / migrant_lump 失业农民工一次性生活补助）", a.kind));
  }
  auto h = Open(a.db);
  if (!h) return std::unexpected(h.error());
  auto on = Date::Parse(a.on);
  if (!on) return Fail(ErrorCode::kInvalidArgument, fmt::format("--on：「{}」不是有效日期（YYYY-MM-DD）", a.on));
  auto params = benefits::LoadBenefitParams();
  if (!params) return std::unexpected(params.error());
  auto c = benefits::SubsidyStore(*h->db).Apply(*kind, a.person, *on, *params, a.actor);
  if (!c) return std::unexpected(c.error());
  if (a.json) {
    std::cout << benefits::SubsidyClaimJson(*c).dump(2) << "\n";
  } else {
    PrintSubsidy(*c);
  }
  return {};
}

Result<void> SubsidyList(const ListArgs& a) {
  auto h = Open(a.db);
  if (!h) return std::unexpected(h.error());
  benefits::SubsidyFilter f;
  f.region = a.region;
  f.status = a.status;
  f.person_id = a.person;
  nlohmann::json out = nlohmann::json::array();
  benefits::SubsidyStore store(*h->db);
  for (;;) {
    auto page = store.List(f);
    if (!page) return std::unexpected(page.error());
    if (page->empty()) break;
    for (const auto& c : *page) {
      if (a.json) {
        out.push_back(benefits::SubsidyClaimJson(c));
      } else {
        PrintSubsidy(c);
      }
    }
    f.after_id = page->back().claim_id;
  }
  if (a.json) std::cout << out.dump(2) << "\n";
  return {};
}

struct ReferExportArgs {
  std::string db, region, out, on, actor = "cli";
};

Result<void> ReferExport(const ReferExportArgs& a) {
  auto h = Open(a.db);
  if (!h) return std::unexpected(h.error());
  Date on = TheSystemClock().TodayInChina();
  if (!a.on.empty()) {
    auto d = Date::Parse(a.on);
    if (!d) return Fail(ErrorCode::kInvalidArgument, fmt::format("--on：「{}」不是有效日期（YYYY-MM-DD）", a.on));
    on = *d;
  }
  auto r = benefits::ExportReferrals(*h->db, a.region, on, a.actor, a.out);
  if (!r) return std::unexpected(r.error());
  std::cout << fmt::format("转介民政（{}）：新转介 {} 人；文件 {} 共 {} 人待民政答复\n", a.region, r->added, a.out, r->written);
  return {};
}

struct ReferImportArgs {
  std::string db, file, region = "52", actor = "cli";
};

Result<void> ReferImport(const ReferImportArgs& a) {
  auto h = Open(a.db);
  if (!h) return std::unexpected(h.error());
  auto r = benefits::ImportReferralAnswers(*h->db, a.file, a.region, a.actor);
  if (!r) return std::unexpected(r.error());
  std::cout << fmt::format("民政答复：{} 行，记录答复 {} 条，已有相同答复 {} 条，尚未答复 {} 条\n", r->rows, r->applied,
                           r->unchanged, r->pending);
  return {};
}

}  // namespace

void AddBenefitsCommands(CLI::App& app, int& exit_code) {
  auto* ben = app.add_subcommand("benefits", "失业保险金：申请、按月发放、核查比对、停发（正文（十）、附件3（四））/ UI benefits");
  ben->require_subcommand(1);
  {
    auto a = std::make_shared<ApplyArgs>();
    auto* c = ben->add_subcommand("apply", "受理申请，按缴费月数核定 / apply and decide");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--person", a->person, "人员编号 / person id")->required();
    c->add_option("--on", a->on, "申请日期 YYYY-MM-DD / application date")->required();
    c->add_option("--actor", a->actor, "经办人 / officer");
    c->add_flag("--json", a->json, "输出 JSON / print JSON");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return Apply(*a); }); });
  }
  {
    auto a = std::make_shared<RunArgs>();
    auto* c = ben->add_subcommand("run", "按月发放（先核查比对）/ the monthly run");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--month", a->month, "发放月份 YYYY-MM / month")->required();
    c->add_option("--region", a->region, "区划代码前缀，默认全省 / region prefix (default 52)");
    c->add_option("--actor", a->actor, "经办人 / officer");
    c->add_flag("--json", a->json, "输出 JSON / print JSON");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return RunMonthCmd(*a); }); });
  }
  {
    auto a = std::make_shared<ListArgs>();
    auto* c = ben->add_subcommand("list", "申请与领取情况 / list claims");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--region", a->region, "区划代码前缀 / region prefix");
    c->add_option("--status", a->status, "active|stopped|ended|refused");
    c->add_option("--person", a->person, "人员编号 / person id");
    c->add_flag("--json", a->json, "输出 JSON / print JSON");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return List(*a); }); });
  }
  {
    auto a = std::make_shared<StopArgs>();
    auto* c = ben->add_subcommand("stop", "停发 / stop a claim");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--claim", a->claim, "申请编号 / claim id")->required();
    c->add_option("--reason", a->reason, "再就业|拒绝介绍的适当工作|迁出|应征服兵役|死亡|期满")->required();
    c->add_option("--month", a->month, "自该月起停发 YYYY-MM / first month not paid")->required();
    c->add_option("--note", a->note, "说明 / note");
    c->add_option("--actor", a->actor, "经办人 / officer");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return Stop(*a); }); });
  }
  {
    auto a = std::make_shared<SubsidyApplyArgs>();
    auto* c = ben->add_subcommand("subsidy-apply",
                                  "失业补助金、失业农民工一次性生活补助：受理并逐项核定（附件3（二））/ living subsidies");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--kind", a->kind, "ui_subsidy（失业补助金）| migrant_lump（一次性生活补助）")->required();
    c->add_option("--person", a->person, "人员编号 / person id")->required();
    c->add_option("--on", a->on, "申请日期 YYYY-MM-DD / application date")->required();
    c->add_option("--actor", a->actor, "经办人 / officer");
    c->add_flag("--json", a->json, "输出 JSON / print JSON");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return SubsidyApply(*a); }); });
  }
  {
    auto a = std::make_shared<ListArgs>();
    auto* c = ben->add_subcommand("subsidy-list", "失业补助金、一次性生活补助申请与发放 / list living-subsidy claims");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--region", a->region, "区划代码前缀 / region prefix");
    c->add_option("--status", a->status, "active|ended|stopped|refused|undetermined");
    c->add_option("--person", a->person, "人员编号 / person id");
    c->add_flag("--json", a->json, "输出 JSON / print JSON");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return SubsidyList(*a); }); });
  }
  {
    auto a = std::make_shared<ReferExportArgs>();
    auto* c = ben->add_subcommand("refer-export", "转介民政：导出生活困难的登记失业人员（附件3（三））/ refer to civil affairs");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--region", a->region, "区划代码前缀 / region prefix")->required();
    c->add_option("--out", a->out, "输出 CSV 文件 / output file")->required();
    c->add_option("--on", a->on, "转介日期，默认今天 / referral date");
    c->add_option("--actor", a->actor, "经办人 / officer");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return ReferExport(*a); }); });
  }
  {
    auto a = std::make_shared<ReferImportArgs>();
    auto* c = ben->add_subcommand("refer-import", "转介民政：导入民政答复（临时救助、低保）/ import the answer");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("file", a->file, "民政答复文件（CSV/XLSX）/ answer file")->required();
    c->add_option("--region", a->region, "辖区区划代码前缀，默认全省 / region scope");
    c->add_option("--actor", a->actor, "经办人 / officer");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return ReferImport(*a); }); });
  }
}

}  // namespace qjy::cli
