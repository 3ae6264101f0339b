// qjy network coverage|add-site|edit-site|close-site|add-event|
// add-workshop|workshops|add-brand|add-leading|brands|add-relief|reliefs|add-key|add-contact|
// key-enterprises (issue #15): the
// service network kept by officials and its coverage against every duty of
// policy/network/duties.yaml, as text, JSON or an XLSX workbook.
#include <chrono>
#include <iostream>
#include <optional>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "cli/cmd_support.h"
#include "cli/commands.h"
#include "cli/registry_handle.h"
#include "core/clock.h"
#include "core/refdata.h"
#include "core/regions.h"
#include "network/coverage_query.h"
#include "network/coverage_xlsx.h"
#include "network/duties.h"
#include "network/event_gen.h"
#include "network/network_store.h"
#include "network/programme_store.h"
#include "network/key_enterprise_store.h"
#include "importer/cell_values.h"
#include "network/workshop_store.h"

namespace qjy::cli {
namespace {

// Today in China (UTC+8), as every command reads it.
Date NetworkCmdTodayInChina() { return TheSystemClock().TodayInChina(); }

Result<std::optional<Date>> OptDate(const std::string& text, std::string_view field) {
  if (text.empty()) return std::optional<Date>();
  auto d = Date::Parse(text);
  if (!d) return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：「{}」不是有效日期（YYYY-MM-DD）", field, text));
  return std::optional<Date>(*d);
}

// The store borrows the region index: both on the heap, so that moving
// NetworkCmdOpened keeps the reference valid.
struct NetworkCmdOpened {
  RegistryHandle handle;
  std::unique_ptr<RegionIndex> regions_ptr;
  std::unique_ptr<network::NetworkStore> store;
  const RegionIndex& regions() const { return *regions_ptr; }
};

Result<NetworkCmdOpened> NetworkCmdOpen(const std::string& db) {
  auto h = OpenRegistry(db);
  if (!h) return std::unexpected(h.error());
  auto regions = RegionIndex::Load(RefdataDir());
  if (!regions) return std::unexpected(regions.error());
  NetworkCmdOpened o{std::move(*h), std::make_unique<RegionIndex>(std::move(*regions)), nullptr};
  o.store = std::make_unique<network::NetworkStore>(*o.handle.db, *o.regions_ptr);
  if (auto m = o.store->Migrate(); !m) return std::unexpected(m.error());
  return o;
}

struct CoverageArgs {
  std::string db, region = "52", as_of, from, xlsx;
  bool json = false;
};

Result<void> Coverage(const CoverageArgs& a) {
  auto o = NetworkCmdOpen(a.db);
  if (!o) return std::unexpected(o.error());
  auto duties = network::LoadDuties(network::DefaultDutiesFile());
  if (!duties) return std::unexpected(duties.error());
  auto as_of = OptDate(a.as_of, "--as-of");
  if (!as_of) return std::unexpected(as_of.error());
  auto from = OptDate(a.from, "--from");
  if (!from) return std::unexpected(from.error());
  network::ProgrammeStore programmes(*o->handle.db, o->regions());
  if (auto m = programmes.Migrate(); !m) return m;
  network::BaseStore bases(*o->handle.db, o->regions());
  if (auto m = bases.Migrate(); !m) return m;
  auto r = network::CoverageOf(*o->store, o->regions(), *duties, a.region, as_of->value_or(NetworkCmdTodayInChina()), *from,
                               &programmes, o->handle.db.get(), &bases);
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
    if (!d.assumed.empty()) std::cout << "  假定：" << d.assumed << "\n";
    if (!d.progress.empty()) {
      std::cout << "  " << d.progress << "\n";
    } else if (d.periods > 0) {
      std::cout << fmt::format("  {}—{}：{} 个单位中 {} 个每期达标，{} 个单位·期中 {} 个达标\n", d.period_from,
                               d.period_to, d.places, d.covered, d.periods, d.periods_met);
    } else if (d.outbound_share) {  // 附件2（四）: counties judged on their share
      std::cout << fmt::format("  {} 个县可判定，其中 {} 个达到要求\n", d.places, d.covered);
    } else if (!d.deadline) {  // work-relief projects: each judged on its own
      std::cout << fmt::format("  {} 个项目中 {} 个达到要求\n", d.places, d.covered);
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
  std::string db, actor = "cli", opened, closed, recognised;
  network::SiteInput in;
};

Result<void> AddSite(SiteArgs& a) {
  auto o = NetworkCmdOpen(a.db);
  if (!o) return std::unexpected(o.error());
  auto opened = OptDate(a.opened, "开办日期");
  if (!opened) return std::unexpected(opened.error());
  auto closed = OptDate(a.closed, "关闭日期");
  if (!closed) return std::unexpected(closed.error());
  a.in.opened_on = *opened;
  a.in.closed_on = *closed;
  auto recognised = OptDate(a.recognised, "认定日期");
  if (!recognised) return std::unexpected(recognised.error());
  a.in.recognised_on = *recognised;
  auto id = o->store->AddSite(a.in, NetworkCmdTodayInChina(), a.actor);
  if (!id) return std::unexpected(id.error());
  std::cout << fmt::format("已登记服务网点 {}：{}\n", *id, a.in.name);
  return {};
}

// edit-site: each option given replaces the stored value ("" clears a
// date or the staff number); the rest stay.
struct EditArgs {
  std::string db, actor = "cli";
  int64_t id = 0;
  std::string name, address, hours, services, staff, opened, closed, recognition, recognised;
  std::set<std::string> given;  // the options given ("name", "staff", …)
  std::optional<std::string> Given(const char* key, const std::string& value) const {
    return given.contains(key) ? std::optional<std::string>(value) : std::nullopt;
  }
};

Result<void> EditSite(const EditArgs& a) {
  auto o = NetworkCmdOpen(a.db);
  if (!o) return std::unexpected(o.error());
  auto found = o->store->FindSite(a.id);
  if (!found) return std::unexpected(found.error());
  if (!*found) return Fail(ErrorCode::kNotFound, fmt::format("编号 {} 的服务网点不存在", a.id));
  const network::SiteDetail& d = **found;
  network::SiteInput in;
  in.name = a.Given("name", a.name).value_or(d.site.name);
  in.address = a.Given("address", a.address).value_or(d.address);
  in.hours = a.Given("hours", a.hours).value_or(d.hours);
  in.services = a.Given("services", a.services).value_or(d.services);
  in.online = d.site.online;
  in.parent_site_id = d.parent_site_id;
  in.staff = d.staff;
  if (a.given.contains("staff")) {
    try {
      in.staff = a.staff.empty() ? -1 : std::stoll(a.staff);
    } catch (...) {
      return Fail(ErrorCode::kInvalidArgument, fmt::format("工作人员数：「{}」不是整数", a.staff));
    }
  }
  in.recognition_level = a.Given("recognition", a.recognition).value_or(d.recognition_level);
  auto date = [](const std::optional<std::string>& given, std::optional<Date> was,
                 std::string_view field) -> Result<std::optional<Date>> {
    if (!given) return was;
    return OptDate(*given, field);
  };
  auto opened = date(a.Given("opened", a.opened), d.site.opened_on, "开办日期");
  if (!opened) return std::unexpected(opened.error());
  auto closed = date(a.Given("closed", a.closed), d.site.closed_on, "关闭日期");
  if (!closed) return std::unexpected(closed.error());
  auto recognised = date(a.Given("recognised", a.recognised), d.recognised_on, "认定日期");
  if (!recognised) return std::unexpected(recognised.error());
  in.opened_on = *opened;
  in.closed_on = *closed;
  in.recognised_on = *recognised;
  if (auto r = o->store->EditSite(a.id, in, NetworkCmdTodayInChina(), a.actor); !r) return r;
  std::cout << fmt::format("已修改服务网点 {}：{}（修改前的内容保存在变更记录中）\n", a.id, in.name);
  return {};
}

struct WorkshopArgs {
  std::string db, actor = "cli", recognised, revoked, as_of;
  int64_t poverty = -1;
  network::WorkshopInput in;
};

Result<void> AddWorkshop(WorkshopArgs& a) {
  auto o = NetworkCmdOpen(a.db);
  if (!o) return std::unexpected(o.error());
  for (auto [text, field, out] : {std::tuple{&a.recognised, "认定日期", &a.in.recognised_on},
                                  std::tuple{&a.revoked, "撤销日期", &a.in.revoked_on},
                                  std::tuple{&a.as_of, "人数统计日期", &a.in.poverty_as_of}}) {
    auto d = OptDate(*text, field);
    if (!d) return std::unexpected(d.error());
    *out = *d;
  }
  if (a.poverty >= 0) a.in.poverty_employed = a.poverty;
  network::WorkshopStore ws(*o->handle.db, o->regions());
  auto id = ws.Add(a.in, NetworkCmdTodayInChina(), a.actor);
  if (!id) return std::unexpected(id.error());
  std::cout << fmt::format("已登记就业帮扶车间 {}：{}\n", *id, a.in.name);
  return {};
}

Result<void> ListWorkshops(const std::string& db, const std::string& region) {
  auto o = NetworkCmdOpen(db);
  if (!o) return std::unexpected(o.error());
  network::WorkshopStore ws(*o->handle.db, o->regions());
  auto list = ws.List(region);
  if (!list) return std::unexpected(list.error());
  for (const auto& w : *list) {
    std::cout << fmt::format("{}\t{}\t{}\t{}{}\t{}\n", w.workshop_id, w.in.name, w.in.region,
                             network::WorkshopStatusLabel(w.in.status),
                             w.in.recognised_on ? "（" + w.in.recognised_on->ToString() + "）" : "",
                             w.in.poverty_employed ? fmt::format("脱贫人口 {} 人（{}）", *w.in.poverty_employed, w.in.poverty_source)
                                                   : std::string("人数未录入"));
  }
  std::cout << fmt::format("共 {} 个就业帮扶车间\n", list->size());
  return {};
}

struct CloseArgs {
  std::string db, actor = "cli", on, reason;
  int64_t id = 0;
};

Result<void> CloseSite(const CloseArgs& a) {
  auto o = NetworkCmdOpen(a.db);
  if (!o) return std::unexpected(o.error());
  auto on = OptDate(a.on, "关闭日期");
  if (!on) return std::unexpected(on.error());
  auto r = o->store->CloseSite(a.id, on->value_or(NetworkCmdTodayInChina()), a.reason, NetworkCmdTodayInChina(), a.actor);
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
  auto o = NetworkCmdOpen(a.db);
  if (!o) return std::unexpected(o.error());
  auto d = OptDate(a.held_on, "举办日期");
  if (!d) return std::unexpected(d.error());
  if (!*d) return Fail(ErrorCode::kInvalidArgument, "举办日期：不能为空");
  a.in.held_on = **d;
  a.in.held = !a.planned;
  auto id = o->store->AddEvent(a.in, NetworkCmdTodayInChina(), a.actor);
  if (!id) return std::unexpected(id.error());
  std::cout << fmt::format("已登记招聘活动 {}：{}\n", *id, a.in.title);
  return {};
}

struct GenEventsArgs {
  std::string db, from = "2023-05-01", to;
  uint64_t seed = 2023;
};

Result<void> GenEvents(const GenEventsArgs& a) {
  auto o = NetworkCmdOpen(a.db);
  if (!o) return std::unexpected(o.error());
  auto from = OptDate(a.from, "--from");
  if (!from) return std::unexpected(from.error());
  auto to = OptDate(a.to, "--to");
  if (!to) return std::unexpected(to.error());
  const Date today = NetworkCmdTodayInChina();
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

// ---- labour brands and work-relief projects (programme_store.h) ----

Result<network::ProgrammeStore> Programmes(NetworkCmdOpened& o) {
  network::ProgrammeStore p(*o.handle.db, o.regions());
  if (auto m = p.Migrate(); !m) return std::unexpected(m.error());
  return p;
}

struct BrandArgs {
  std::string db, actor = "cli", established;
  network::BrandInput in;
};

Result<void> AddBrand(BrandArgs& a) {
  auto o = NetworkCmdOpen(a.db);
  if (!o) return std::unexpected(o.error());
  auto d = OptDate(a.established, "培育（认定）日期");
  if (!d) return std::unexpected(d.error());
  a.in.established_on = *d;
  auto p = Programmes(*o);
  if (!p) return std::unexpected(p.error());
  auto id = p->AddBrand(a.in, NetworkCmdTodayInChina(), a.actor);
  if (!id) return std::unexpected(id.error());
  std::cout << fmt::format("已登记品牌 {}：{}\n", *id, a.in.name);
  return {};
}

struct LeadingArgs {
  std::string db, actor = "cli", credit_code, recognised;
  int64_t brand = 0;
};

Result<void> AddLeading(const LeadingArgs& a) {
  auto o = NetworkCmdOpen(a.db);
  if (!o) return std::unexpected(o.error());
  auto d = OptDate(a.recognised, "认定日期");
  if (!d) return std::unexpected(d.error());
  auto p = Programmes(*o);
  if (!p) return std::unexpected(p.error());
  auto id = p->AddLeadingEnterprise(a.brand, a.credit_code, *d, NetworkCmdTodayInChina(), a.actor);
  if (!id) return std::unexpected(id.error());
  std::cout << fmt::format("已登记劳务品牌龙头企业 {}：{}\n", *id, a.credit_code);
  return {};
}

Result<void> ListBrands(const std::string& db, const std::string& region) {
  auto o = NetworkCmdOpen(db);
  if (!o) return std::unexpected(o.error());
  auto p = Programmes(*o);
  if (!p) return std::unexpected(p.error());
  auto list = p->Brands(region);
  if (!list) return std::unexpected(list.error());
  for (const auto& b : *list) {
    std::string leading;
    for (const auto& l : b.leading) leading += (leading.empty() ? "" : "、") + (l.name.empty() ? l.credit_code : l.name);
    std::cout << fmt::format("{}\t{}\t{}\t{}\t{}{}\n", b.brand_id, b.in.county,
                             o->regions().FullName(b.in.county).value_or(b.in.county), network::BrandKindLabel(b.in.kind),
                             b.in.name, leading.empty() ? "" : "\t龙头企业：" + leading);
  }
  std::cout << fmt::format("共 {} 个品牌\n", list->size());
  return {};
}

struct ReliefArgs {
  std::string db, actor = "cli";
  std::string central_yuan, labour_yuan;
  network::ReliefInput in;
};

Result<void> AddRelief(ReliefArgs& a) {
  auto o = NetworkCmdOpen(a.db);
  if (!o) return std::unexpected(o.error());
  for (auto [text, field, out] : {std::tuple{&a.central_yuan, "中央以工代赈资金", &a.in.central_funds_fen},
                                  std::tuple{&a.labour_yuan, "发放劳务报酬", &a.in.labour_paid_fen}}) {
    auto fen = importer::ParseYuanToFen(*text);
    if (!fen) return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：「{}」不是有效金额（元，最多两位小数）", field, *text));
    *out = *fen;
  }
  auto p = Programmes(*o);
  if (!p) return std::unexpected(p.error());
  auto id = p->AddRelief(a.in, NetworkCmdTodayInChina(), a.actor);
  if (!id) return std::unexpected(id.error());
  std::cout << fmt::format("已登记以工代赈项目 {}：{}\n", *id, a.in.name);
  return {};
}

Result<void> ListReliefs(const std::string& db, const std::string& region) {
  auto o = NetworkCmdOpen(db);
  if (!o) return std::unexpected(o.error());
  auto p = Programmes(*o);
  if (!p) return std::unexpected(p.error());
  auto list = p->Reliefs(region);
  if (!list) return std::unexpected(list.error());
  for (const auto& r : *list) {
    const auto& in = r.in;
    std::cout << fmt::format("{}\t{}\t{}\t{} 年\t中央资金 {:.2f} 元\t劳务报酬 {:.2f} 元（{}）\t就业 {} 人，其中搬迁群众 {} 人，岗位 {}{}\n",
                             r.project_id, o->regions().FullName(in.region).value_or(in.region), in.name, in.year,
                             in.central_funds_fen / 100.0, in.labour_paid_fen / 100.0,
                             in.central_funds_fen > 0
                                 ? fmt::format("{}.{:02}%", in.labour_paid_fen * 10000 / in.central_funds_fen / 100,
                                               in.labour_paid_fen * 10000 / in.central_funds_fen % 100)
                                 : std::string("—"),  // rounded down: 29.999 % is not 30 %
                             in.local_employed, in.relocated_employed, in.posts, in.relocation_site ? "\t安置区周边" : "");
  }
  std::cout << fmt::format("共 {} 个以工代赈项目\n", list->size());
  return {};
}

// ---- key enterprises and their 人社服务专员 (key_enterprise_store.h) ----

struct KeyArgs {
  std::string db, actor = "cli", listed;
  network::KeyEnterpriseInput in;
};

Result<void> AddKey(KeyArgs& a) {
  auto o = NetworkCmdOpen(a.db);
  if (!o) return std::unexpected(o.error());
  auto d = OptDate(a.listed, "列入名录日期");
  if (!d) return std::unexpected(d.error());
  a.in.listed_on = *d;
  network::KeyEnterpriseStore ks(*o->handle.db, o->regions());
  if (auto m = ks.Migrate(); !m) return m;
  auto id = ks.Add(a.in, NetworkCmdTodayInChina(), a.actor);
  if (!id) return std::unexpected(id.error());
  std::cout << fmt::format("已列入重点企业名录 {}：{}（服务专员 {}）\n", *id, a.in.credit_code, a.in.officer);
  return {};
}

struct ContactArgs {
  std::string db, actor = "cli", on;
  int64_t id = 0;
  network::KeyContact c;
};

Result<void> AddContact(ContactArgs& a) {
  auto o = NetworkCmdOpen(a.db);
  if (!o) return std::unexpected(o.error());
  auto d = OptDate(a.on, "联系日期");
  if (!d) return std::unexpected(d.error());
  if (!*d) return Fail(ErrorCode::kInvalidArgument, "联系日期：不能为空");
  a.c.contacted_on = **d;
  network::KeyEnterpriseStore ks(*o->handle.db, o->regions());
  if (auto m = ks.Migrate(); !m) return m;
  auto id = ks.AddContact(a.id, a.c, NetworkCmdTodayInChina(), a.actor);
  if (!id) return std::unexpected(id.error());
  std::cout << fmt::format("已登记联系记录 {}（重点企业 {}，{}）\n", *id, a.id, a.c.contacted_on.ToString());
  return {};
}

Result<void> ListKeys(const std::string& db, const std::string& region) {
  auto o = NetworkCmdOpen(db);
  if (!o) return std::unexpected(o.error());
  network::KeyEnterpriseStore ks(*o->handle.db, o->regions());
  if (auto m = ks.Migrate(); !m) return m;
  auto list = ks.List(region);
  if (!list) return std::unexpected(list.error());
  for (const auto& k : *list) {
    std::cout << fmt::format("{}\t{}\t{}\t{}\t服务专员 {}\t联系 {} 次{}{}\n", k.enterprise_id,
                             o->regions().FullName(k.county_code).value_or(k.county_code),
                             k.employer_name.empty() ? k.in.credit_code : k.employer_name, network::KeyKindLabel(k.in.kind),
                             k.in.officer, k.contacts, k.last_contact ? "，最近 " + k.last_contact->ToString() : "",
                             k.in.delisted_on ? "\t已于 " + k.in.delisted_on->ToString() + " 移出" : "");
  }
  std::cout << fmt::format("共 {} 家重点企业\n", list->size());
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
    c->add_option("--recognition", a->in.recognition_level, "充分就业社区认定级别：国家级|省级|市州级|未认定");
    c->add_option("--recognised", a->recognised, "充分就业社区认定日期 / recognised on");
    c->add_option("--actor", a->actor, "经办人 / who records it");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return AddSite(*a); }); });
  }
  {
    auto a = std::make_shared<EditArgs>();
    auto* c = net->add_subcommand("edit-site", "修改服务网点（保留修改前的内容）/ edit a site, history kept");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--id", a->id, "网点编号 / site id")->required();
    c->add_option("--name", a->name, "名称");
    c->add_option("--address", a->address, "地址");
    c->add_option("--hours", a->hours, "服务时间");
    c->add_option("--services", a->services, "服务项目");
    c->add_option("--staff", a->staff, "工作人员数（空：未登记）");
    c->add_option("--opened", a->opened, "开办日期（空：清除）");
    c->add_option("--closed", a->closed, "关闭日期（空：清除）");
    c->add_option("--recognition", a->recognition, "充分就业社区认定级别：国家级|省级|市州级|未认定");
    c->add_option("--recognised", a->recognised, "认定日期");
    c->add_option("--actor", a->actor, "经办人 / who records it");
    c->callback([a, c, &exit_code] {
      for (const char* key : {"name", "address", "hours", "services", "staff", "opened", "closed", "recognition",
                              "recognised"}) {
        if (c->count(std::string("--") + key) > 0) a->given.insert(key);
      }
      Run(exit_code, [&] { return EditSite(*a); });
    });
  }
  {
    auto a = std::make_shared<WorkshopArgs>();
    auto* c = net->add_subcommand("add-workshop", "登记就业帮扶车间（基地）/ register an assistance workshop");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--region", a->in.region, "所在县或乡镇区划代码")->required();
    c->add_option("--name", a->in.name, "车间名称")->required();
    c->add_option("--operator", a->in.operator_credit_code, "运营单位统一社会信用代码")->required();
    c->add_option("--address", a->in.address, "地址");
    c->add_option("--status", a->in.status, "认定状态：申报中|已认定|未予认定|已撤销认定");
    c->add_option("--recognised", a->recognised, "认定日期");
    c->add_option("--revoked", a->revoked, "撤销日期");
    c->add_option("--poverty-employed", a->poverty, "吸纳脱贫人口（含监测对象）人数（登记库无合同时使用）");
    c->add_option("--source", a->in.poverty_source, "人数来源");
    c->add_option("--as-of", a->as_of, "人数统计日期");
    c->add_option("--actor", a->actor, "经办人 / who records it");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return AddWorkshop(*a); }); });
  }
  {
    auto db = std::make_shared<std::string>();
    auto region = std::make_shared<std::string>("52");
    auto* c = net->add_subcommand("workshops", "就业帮扶车间名录 / the assistance workshops under a region");
    c->add_option("--db", *db, "数据库 / database")->required();
    c->add_option("--region", *region, "区划代码，默认全省");
    c->callback([db, region, &exit_code] { Run(exit_code, [&] { return ListWorkshops(*db, *region); }); });
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
    c->add_option("--kind", a->in.kind, "comprehensive（综合性招聘）| special（专场招聘）| service_team（就业创业服务团队活动）")->required();
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
  {
    auto a = std::make_shared<BrandArgs>();
    auto* c = net->add_subcommand("add-brand", "登记劳务品牌或“贵州技工”培训品牌（附件2（二））/ add a labour or training brand");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--county", a->in.county, "所在县代码 / county")->required();
    c->add_option("--kind", a->in.kind, "劳务品牌|贵州技工（labour_brand|skill_brand）")->required();
    c->add_option("--name", a->in.name, "品牌名称 / name")->required();
    c->add_option("--industry", a->in.industry, "行业 / industry");
    c->add_option("--description", a->in.description, "说明 / description");
    c->add_option("--established", a->established, "培育（认定）日期 / established on");
    c->add_option("--actor", a->actor, "经办人 / who records it");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return AddBrand(*a); }); });
  }
  {
    auto a = std::make_shared<LeadingArgs>();
    auto* c = net->add_subcommand("add-leading", "登记劳务品牌龙头企业 / add a brand's leading enterprise");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--brand", a->brand, "劳务品牌编号 / brand id")->required();
    c->add_option("--credit-code", a->credit_code, "单位统一社会信用代码 / employer")->required();
    c->add_option("--recognised", a->recognised, "认定日期 / recognised on");
    c->add_option("--actor", a->actor, "经办人 / who records it");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return AddLeading(*a); }); });
  }
  {
    auto a = std::make_shared<std::pair<std::string, std::string>>("", "52");
    auto* c = net->add_subcommand("brands", "劳务品牌与“贵州技工”培训品牌名录 / list brands");
    c->add_option("--db", a->first, "数据库 / database")->required();
    c->add_option("--region", a->second, "区划代码，默认全省 / region");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return ListBrands(a->first, a->second); }); });
  }
  {
    auto a = std::make_shared<ReliefArgs>();
    auto* c = net->add_subcommand("add-relief", "登记以工代赈项目（附件2（六）（十六））/ add a work-relief project");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--region", a->in.region, "所在县或乡镇代码 / region")->required();
    c->add_option("--name", a->in.name, "项目名称 / name")->required();
    c->add_option("--sector", a->in.sector, "领域（农业农村、交通运输、水利…）/ sector");
    c->add_option("--year", a->in.year, "资金年度 / year")->required();
    c->add_option("--central-yuan", a->central_yuan, "中央预算内以工代赈资金（元）")->required();
    c->add_option("--labour-yuan", a->labour_yuan, "发放劳务报酬（元）")->required();
    c->add_option("--employed", a->in.local_employed, "吸纳当地群众就业人数");
    c->add_option("--relocated", a->in.relocated_employed, "其中易地搬迁群众人数");
    c->add_option("--posts", a->in.posts, "设置岗位数");
    c->add_flag("--relocation-site", a->in.relocation_site, "安置区周边项目 / by a relocation site");
    c->add_option("--actor", a->actor, "经办人 / who records it");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return AddRelief(*a); }); });
  }
  {
    auto a = std::make_shared<std::pair<std::string, std::string>>("", "52");
    auto* c = net->add_subcommand("reliefs", "以工代赈项目名录 / list work-relief projects");
    c->add_option("--db", a->first, "数据库 / database")->required();
    c->add_option("--region", a->second, "区划代码，默认全省 / region");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return ListReliefs(a->first, a->second); }); });
  }
  {
    auto a = std::make_shared<KeyArgs>();
    auto* c = net->add_subcommand("add-key", "列入东西部重点企业名录并指定人社服务专员（附件4（六））/ list a key enterprise");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--credit-code", a->in.credit_code, "单位统一社会信用代码 / employer")->required();
    c->add_option("--kind", a->in.kind, "base|major_project|large_industrial|state_owned（一县一企基地、重大招商引资项目、规上工业企业、大型国有企业）")->required();
    c->add_option("--officer", a->in.officer, "人社服务专员（经办人员账号）/ service officer account")->required();
    c->add_option("--listed", a->listed, "列入名录日期 / listed on");
    c->add_option("--note", a->in.note, "备注 / note");
    c->add_option("--actor", a->actor, "经办人 / who records it");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return AddKey(*a); }); });
  }
  {
    auto a = std::make_shared<ContactArgs>();
    auto* c = net->add_subcommand("add-contact", "登记重点企业常态化联系、跟踪服务记录 / record a contact");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--id", a->id, "重点企业编号 / key enterprise id")->required();
    c->add_option("--on", a->on, "联系日期 / date")->required();
    c->add_option("--way", a->c.way, "联系方式：上门走访、电话、线上…")->required();
    c->add_option("--officer", a->c.officer, "服务专员，默认名录中指定的专员 / officer");
    c->add_option("--jobs", a->c.jobs_collected, "收集岗位数 / jobs collected");
    c->add_option("--needs", a->c.needs, "用工需求 / needs heard");
    c->add_option("--follow-up", a->c.follow_up, "跟踪服务 / follow-up");
    c->add_option("--actor", a->actor, "经办人 / who records it");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return AddContact(*a); }); });
  }
  {
    auto a = std::make_shared<std::pair<std::string, std::string>>("", "52");
    auto* c = net->add_subcommand("key-enterprises", "重点企业名录及服务专员 / list key enterprises");
    c->add_option("--db", a->first, "数据库 / database")->required();
    c->add_option("--region", a->second, "区划代码，默认全省 / region");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return ListKeys(a->first, a->second); }); });
  }
  AddNetworkBaseCommands(*net, exit_code);
  AddNetworkStationCommands(*net, exit_code);
  AddNetworkLicenceCommands(*net, exit_code);
}

}  // namespace qjy::cli
