// qjy benefits apply|run|list|stop (issue #16 §1): 失业保险金 applications
// decided from the stored contribution months, the monthly run through the
// ledger with the 常态化核查比对 (附件3（四）), listings and stops.
#include <iostream>

#include <fmt/format.h>

#include "auth/clock.h"
#include "benefits/benefit_store.h"
#include "benefits/entitlement.h"
#include "benefits/monthly_run.h"
#include "cli/commands.h"
#include "cli/registry_handle.h"
#include "policy/decision.h"
#include "registry/contribution.h"

namespace qjy::cli {
namespace {

template <class Body>
void Run(int& exit_code, Body body) {
  Result<void> r = body();
  exit_code = r ? 0 : 1;
  if (!r) std::cerr << "错误：" << r.error().message << "\n";
}

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
                                {"medical_fen", r->medical_fen}, {"items", items}}
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
}

}  // namespace qjy::cli
