// qjy network coverage|add-site|close-site|add-event (issue #15): the
// service network kept by officials and its coverage against every duty of
// policy/network/duties.yaml, as text, JSON or an XLSX workbook.
#include <chrono>
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/registry_handle.h"
#include "core/refdata.h"
#include "core/regions.h"
#include "network/coverage_query.h"
#include "network/coverage_xlsx.h"
#include "network/duties.h"
#include "network/event_gen.h"
#include "network/network_store.h"

namespace qjy::cli {
namespace {

template <class Body>
void Run(int& exit_code, Body body) {
  Result<void> r = body();
  exit_code = r ? 0 : 1;
  if (!r) std::cerr << "错误：" << r.error().message << "\n";
}

Date TodayInChina() {
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch()).count();
  return Date::InChina(secs);
}

Result<std::optional<Date>> OptDate(const std::string& text, std::string_view field) {
  if (text.empty()) return std::optional<Date>();
  auto d = Date::Parse(text);
  if (!d) return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：「{}」不是有效日期（YYYY-MM-DD）", field, text));
  return std::optional<Date>(*d);
}

// The store borrows the region index: both on the heap, so that moving
// Opened keeps the reference valid.
struct Opened {
  RegistryHandle handle;
  std::unique_ptr<RegionIndex> regions_ptr;
  std::unique_ptr<network::NetworkStore> store;
  const RegionIndex& regions() const { return *regions_ptr; }
};

Result<Opened> Open(const std::string& db) {
  auto h = OpenRegistry(db);
  if (!h) return std::unexpected(h.error());
  auto regions = RegionIndex::Load(RefdataDir());
  if (!regions) return std::unexpected(regions.error());
  Opened o{std::move(*h), std::make_unique<RegionIndex>(std::move(*regions)), nullptr};
  o.store = std::make_unique<network::NetworkStore>(*o.handle.db, *o.regions_ptr);
  if (auto m = o.store->Migrate(); !m) return std::unexpected(m.error());
  return o;
}

struct CoverageArgs {
  std::string db, region = "52", as_of, from, xlsx;
  bool json = false;
};

Result<void> Coverage(const CoverageArgs& a) {
  auto o = Open(a.db);
  if (!o) return std::unexpected(o.error());
  auto duties = network::LoadDuties(network::DefaultDutiesFile());
  if (!duties) return std::unexpected(duties.error());
  auto as_of = OptDate(a.as_of, "--as-of");
  if (!as_of) return std::unexpected(as_of.error());
  auto from = OptDate(a.from, "--from");
  if (!from) return std::unexpected(from.error());
  auto r = network::CoverageOf(*o->store, o->regions(), *duties, a.region, as_of->value_or(TodayInChina()), *from);
  if (!r) return std::unexpected(r.error());
  if (!a.xlsx.empty()) {
    if (auto w = network::WriteCoverageXlsx(*r, a.xlsx); !w) return w;
  }
  if (a.json) {
    std::cout << network::CoverageJson(*r).dump(2) << "\n";
    return {};
  }
  std::cout << fmt::format("{}　服务网络达标情况（截至 {}，依据{}）\n", r->scope_name, r->as_of.ToString(), r->document);
  for (const auto& d : r->duties) {
    std::cout << fmt::format("【{}】{}　{}\n  要求：{}{}\n", d.applicable ? network::StatusLabel(d.status) : "本区划不适用", d.title, d.clause,
                             d.requirement, d.deadline ? "，期限 " + d.deadline->ToString() : "");
    if (d.periods > 0) {
      std::cout << fmt::format("  {}—{}：{} 个单位中 {} 个每期达标，{} 个单位·期中 {} 个达标\n", d.period_from,
                               d.period_to, d.places, d.covered, d.periods, d.periods_met);
    } else {
      std::cout << fmt::format("  现有 {}，期限前 {}，应达 {}{}\n", d.covered, d.covered_by_deadline, d.required,
                               d.places > 0 ? fmt::format("（共 {} 个单位）", d.places) : "");
    }
    for (size_t i = 0; i < d.gaps.size() && i < 10; ++i) {
      std::cout << fmt::format("    缺口：{}　{}\n", d.gaps[i].name, d.gaps[i].detail);
    }
    if (d.gap_count > 10) std::cout << fmt::format("    ……共 {} 处缺口\n", d.gap_count);
  }
  return {};
}

struct SiteArgs {
  std::string db, actor = "cli", opened, closed;
  network::SiteInput in;
};

Result<void> AddSite(SiteArgs& a) {
  auto o = Open(a.db);
  if (!o) return std::unexpected(o.error());
  auto opened = OptDate(a.opened, "开办日期");
  if (!opened) return std::unexpected(opened.error());
  auto closed = OptDate(a.closed, "关闭日期");
  if (!closed) return std::unexpected(closed.error());
  a.in.opened_on = *opened;
  a.in.closed_on = *closed;
  auto id = o->store->AddSite(a.in, TodayInChina(), a.actor);
  if (!id) return std::unexpected(id.error());
  std::cout << fmt::format("已登记服务网点 {}：{}\n", *id, a.in.name);
  return {};
}

struct CloseArgs {
  std::string db, actor = "cli", on, reason;
  int64_t id = 0;
};

Result<void> CloseSite(const CloseArgs& a) {
  auto o = Open(a.db);
  if (!o) return std::unexpected(o.error());
  auto on = OptDate(a.on, "关闭日期");
  if (!on) return std::unexpected(on.error());
  auto r = o->store->CloseSite(a.id, on->value_or(TodayInChina()), a.reason, TodayInChina(), a.actor);
  if (!r) return r;
  std::cout << fmt::format("服务网点 {} 已关闭\n", a.id);
  return {};
}

struct EventArgs {
  std::string db, actor = "cli", held_on;
  bool planned = false;
  network::EventInput in;
};

Result<void> AddEvent(EventArgs& a) {
  auto o = Open(a.db);
  if (!o) return std::unexpected(o.error());
  auto d = OptDate(a.held_on, "举办日期");
  if (!d) return std::unexpected(d.error());
  if (!*d) return Fail(ErrorCode::kInvalidArgument, "举办日期：不能为空");
  a.in.held_on = **d;
  a.in.held = !a.planned;
  auto id = o->store->AddEvent(a.in, TodayInChina(), a.actor);
  if (!id) return std::unexpected(id.error());
  std::cout << fmt::format("已登记招聘活动 {}：{}\n", *id, a.in.title);
  return {};
}

struct GenEventsArgs {
  std::string db, from = "2023-05-01", to;
  uint64_t seed = 2023;
};

Result<void> GenEvents(const GenEventsArgs& a) {
  auto o = Open(a.db);
  if (!o) return std::unexpected(o.error());
  auto from = OptDate(a.from, "--from");
  if (!from) return std::unexpected(from.error());
  auto to = OptDate(a.to, "--to");
  if (!to) return std::unexpected(to.error());
  const Date today = TodayInChina();
  const Date end = to->value_or(today) > today ? today : to->value_or(today);
  auto existing = o->store->Events("52", Date::FromDays(0), today);
  if (!existing) return std::unexpected(existing.error());
  if (!existing->empty()) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("数据库已有 {} 条招聘活动记录，不再生成演示数据", existing->size()));
  }
  auto events = network::GenerateEvents(o->regions(), a.seed, from->value_or(*Date::Parse("2023-05-01")), end);
  std::cerr << fmt::format("[招聘活动] 生成 {} 条，写入中…\n", events.size());
  auto n = o->store->AddEvents(events, today, "gen:network");
  if (!n) return std::unexpected(n.error());
  std::cout << fmt::format("已生成招聘活动 {} 条（{} 至 {}）\n", *n, from->value_or(*Date::Parse("2023-05-01")).ToString(),
                           end.ToString());
  return {};
}

}  // namespace

void AddNetworkCommands(CLI::App& app, int& exit_code) {
  auto* net = app.add_subcommand("network", "服务网络：网点登记、招聘活动、达标核查（附件4）/ the service network");
  net->require_subcommand(1);
  {
    auto a = std::make_shared<CoverageArgs>();
    auto* c = net->add_subcommand("coverage", "各项职责达标情况 / coverage against every duty");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--region", a->region, "区划代码，默认全省 / region (default 52)");
    c->add_option("--as-of", a->as_of, "截至日期，默认今天 / as of (default today, UTC+8)");
    c->add_option("--from", a->from, "招聘活动自何日起计，默认当年1月1日 / events counted from");
    c->add_option("--xlsx", a->xlsx, "另存为 XLSX / also write an XLSX workbook");
    c->add_flag("--json", a->json, "输出 JSON / print JSON");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return Coverage(*a); }); });
  }
  {
    auto a = std::make_shared<SiteArgs>();
    auto* c = net->add_subcommand("add-site", "登记服务网点 / add a site");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--kind", a->in.kind, "类型：公共就业服务机构、零工市场、劳务协作站、人力资源服务机构、充分就业社区")->required();
    c->add_option("--tier", a->in.tier, "层级：province|prefecture|county|township|village")->required();
    c->add_option("--region", a->in.region, "所在区划代码 / region where it is")->required();
    c->add_option("--owner-region", a->in.owner_region, "主办区划（驻外劳务协作站）/ Guizhou region running it");
    c->add_option("--name", a->in.name, "名称 / name")->required();
    c->add_option("--address", a->in.address, "地址 / address");
    c->add_option("--hours", a->in.hours, "服务时间 / opening hours");
    c->add_option("--services", a->in.services, "服务项目 / services offered");
    c->add_option("--staff", a->in.staff, "工作人员数 / staff");
    c->add_flag("--online", a->in.online, "线上 / online");
    c->add_option("--opened", a->opened, "开办日期 / opening date");
    c->add_option("--closed", a->closed, "关闭日期 / closing date");
    c->add_option("--parent", a->in.parent_site_id, "上级站编号（劳务协作站）/ parent station id");
    c->add_option("--actor", a->actor, "经办人 / who records it");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return AddSite(*a); }); });
  }
  {
    auto a = std::make_shared<GenEventsArgs>();
    auto* c = net->add_subcommand("gen-events", "生成演示招聘活动（含缺周缺月）/ demo recruitment events with gaps");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--seed", a->seed, "随机种子 / seed");
    c->add_option("--from", a->from, "起始日期，默认 2023-05-01 / first day");
    c->add_option("--to", a->to, "截止日期，默认今天 / last day (default today)");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return GenEvents(*a); }); });
  }
  {
    auto a = std::make_shared<CloseArgs>();
    auto* c = net->add_subcommand("close-site", "关闭服务网点 / close a site");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--id", a->id, "网点编号 / site id")->required();
    c->add_option("--on", a->on, "关闭日期，默认今天 / closing date");
    c->add_option("--reason", a->reason, "关闭原因 / reason")->required();
    c->add_option("--actor", a->actor, "经办人 / who records it");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return CloseSite(*a); }); });
  }
  {
    auto a = std::make_shared<EventArgs>();
    auto* c = net->add_subcommand("add-event", "登记招聘活动 / add a recruitment event");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--region", a->in.region, "主办区划代码 / organiser region")->required();
    c->add_option("--kind", a->in.kind, "comprehensive（综合性）| special（专场）")->required();
    c->add_option("--title", a->in.title, "活动名称 / title")->required();
    c->add_option("--place", a->in.place, "地点 / place");
    c->add_flag("--online", a->in.online, "线上 / online");
    c->add_option("--date", a->held_on, "举办日期 / date")->required();
    c->add_flag("--planned", a->planned, "尚未举办 / planned");
    c->add_option("--employers", a->in.employers, "参会单位数");
    c->add_option("--jobs", a->in.jobs, "提供岗位数");
    c->add_option("--attendance", a->in.attendance, "参会人数");
    c->add_option("--hires", a->in.hires, "达成就业意向人数");
    c->add_option("--actor", a->actor, "经办人 / who records it");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return AddEvent(*a); }); });
  }
}

}  // namespace qjy::cli
