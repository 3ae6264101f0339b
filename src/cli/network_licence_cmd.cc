// qjy network licence|licences (附件4（二）: market HR agencies' 人力资源服务
// 许可证, network/agency_licence_store.h) and qjy network community-apply|
// community-assess|community-applications (附件4（十五）: 充分就业社区's
// 申报 and 评估 against the criteria file, network/community_store.h): the
// same stores, validation and criteria as the API and the 服务网络 page.
#include <iostream>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "cli/cmd_support.h"
#include "cli/commands.h"
#include "cli/registry_handle.h"
#include "core/clock.h"
#include "core/refdata.h"
#include "core/regions.h"
#include "network/agency_licence_store.h"
#include "network/community_criteria.h"
#include "network/community_store.h"
#include "network/network_store.h"
#include "network/quality_schemes.h"

namespace qjy::cli {
namespace {

// Optional date flag: empty stays nullopt; anything else must parse.
Result<std::optional<Date>> NetworkLicenceCmdOptDate(const std::string& text, std::string_view flag) {
  if (text.empty()) return std::optional<Date>();
  auto d = ParseDate(text, flag);
  if (!d) return std::unexpected(d.error());
  return std::optional<Date>(*d);
}

// The site's name for a listing (its id when it cannot be read).
std::string SiteName(network::NetworkStore& net, int64_t site_id) {
  auto s = net.FindSite(site_id);
  return s && *s ? (*s)->site.name : "网点 " + std::to_string(site_id);
}

struct LicenceArgs {
  std::string db, actor = Actor(), region = "52", from, to, scope;
  network::LicenceInput in;
};

template <class Store, class Fn>
Result<void> With(const std::string& db, Fn fn) {
  auto h = OpenRegistry(db);
  if (!h) return std::unexpected(h.error());
  auto regions = RegionIndex::Load(RefdataDir());
  if (!regions) return std::unexpected(regions.error());
  Store s(*h->db, *regions);
  if (auto m = s.Migrate(); !m) return m;
  network::NetworkStore net(*h->db, *regions);
  return fn(s, net);
}

Result<void> AddLicence(LicenceArgs& a) {
  auto from = NetworkLicenceCmdOptDate(a.from, "--from（有效期起）");
  if (!from) return std::unexpected(from.error());
  auto to = NetworkLicenceCmdOptDate(a.to, "--to（有效期止）");
  if (!to) return std::unexpected(to.error());
  a.in.valid_from = *from;
  a.in.valid_to = *to;
  std::stringstream items(a.scope);
  for (std::string item; std::getline(items, item, ',');) {
    if (!item.empty()) a.in.scope.push_back(item);
  }
  auto scopes = network::LoadAgencyScopes(network::DefaultAgencyScopesFile());
  if (!scopes) return std::unexpected(scopes.error());
  return With<network::AgencyLicenceStore>(a.db, [&](network::AgencyLicenceStore& s, network::NetworkStore& net) -> Result<void> {
    auto id = s.Add(a.in, *scopes, TheSystemClock().TodayInChina(), a.actor);
    if (!id) return std::unexpected(id.error());
    std::cout << fmt::format("已登记人力资源服务许可证 {}（编号 {}）\n", a.in.licence_no, *id);
    return {};
  });
}

Result<void> ListLicences(LicenceArgs& a) {
  auto scopes = network::LoadAgencyScopes(network::DefaultAgencyScopesFile());
  if (!scopes) return std::unexpected(scopes.error());
  return With<network::AgencyLicenceStore>(a.db, [&](network::AgencyLicenceStore& s, network::NetworkStore& net) -> Result<void> {
    auto rows = s.List(a.region);
    if (!rows) return std::unexpected(rows.error());
    const Date today = TheSystemClock().TodayInChina();
    for (const auto& l : *rows) {
      std::string scope;
      for (const auto& code : l.in.scope) {
        const auto* found = scopes->Find(code);
        scope += (scope.empty() ? "" : "、") + (found ? found->label : code);
      }
      std::cout << fmt::format("{}\t{}\t{}\t{} 至 {}\t{}\t{}\n", SiteName(net, l.in.site_id), l.in.licence_no, l.in.issuer,
                               l.in.valid_from ? l.in.valid_from->ToString() : "",
                               l.in.valid_to ? l.in.valid_to->ToString() : "长期", l.ValidOn(today) ? "有效" : "已过有效期",
                               scope);
    }
    std::cout << fmt::format("共 {} 个许可证\n", rows->size());
    return {};
  });
}

struct CommunityArgs {
  std::string db, actor = Actor(), region = "52", on, desk;
  int64_t application_id = 0;
  network::ApplicationInput in;
  network::AssessmentInput assessment;
};

void PrintApplication(const network::CommunityApplication& a, const network::CommunityCriteria& c,
                      network::NetworkStore& net) {
  std::cout << fmt::format("申报 {}\t{}\t{}\t申报日期 {}", a.application_id, SiteName(net, a.in.site_id),
                           c.LevelLabel(a.in.level),
                           a.in.applied_on ? a.in.applied_on->ToString() : "");
  if (!a.assessment) {
    std::cout << "\t待评估\n";
    return;
  }
  std::cout << fmt::format("\t{} 评估（{}）：{}\n",
                           a.assessment->assessed_on ? a.assessment->assessed_on->ToString() : "",
                           a.assessment->assessor, a.passed ? "达到标准，予以认定" : "未达到标准");
  for (const auto& r : a.results) {
    std::cout << fmt::format("  {} {}：{}（要求 {}）\n", r.met ? "✓" : "✗", r.label, r.seen, r.required);
  }
}

Result<void> Apply(CommunityArgs& a) {
  auto on = NetworkLicenceCmdOptDate(a.on, "--on（申报日期）");
  if (!on) return std::unexpected(on.error());
  a.in.applied_on = *on;
  if (a.desk != "yes" && a.desk != "no") return Fail(ErrorCode::kInvalidArgument, "--desk（就业创业服务窗口）：应为 yes 或 no");
  a.in.facts.service_desk = a.desk == "yes";
  auto criteria = network::LoadCommunityCriteria(network::DefaultCommunityCriteriaFile());
  if (!criteria) return std::unexpected(criteria.error());
  return With<network::CommunityStore>(a.db, [&](network::CommunityStore& s, network::NetworkStore& net) -> Result<void> {
    auto id = s.Apply(a.in, *criteria, TheSystemClock().TodayInChina(), a.actor);
    if (!id) return std::unexpected(id.error());
    std::cout << fmt::format("已受理充分就业社区申报（编号 {}），待评估\n", *id);
    return {};
  });
}

Result<void> Assess(CommunityArgs& a) {
  auto on = NetworkLicenceCmdOptDate(a.on, "--on（评估日期）");
  if (!on) return std::unexpected(on.error());
  a.assessment.assessed_on = *on;
  auto criteria = network::LoadCommunityCriteria(network::DefaultCommunityCriteriaFile());
  if (!criteria) return std::unexpected(criteria.error());
  return With<network::CommunityStore>(a.db, [&](network::CommunityStore& s, network::NetworkStore& net) -> Result<void> {
    auto done = s.Assess(a.application_id, a.assessment, *criteria, TheSystemClock().TodayInChina(), a.actor);
    if (!done) return std::unexpected(done.error());
    PrintApplication(*done, *criteria, net);
    return {};
  });
}

Result<void> ListApplications(CommunityArgs& a) {
  auto criteria = network::LoadCommunityCriteria(network::DefaultCommunityCriteriaFile());
  if (!criteria) return std::unexpected(criteria.error());
  return With<network::CommunityStore>(a.db, [&](network::CommunityStore& s, network::NetworkStore& net) -> Result<void> {
    auto rows = s.List(a.region);
    if (!rows) return std::unexpected(rows.error());
    for (const auto& r : *rows) PrintApplication(r, *criteria, net);
    std::cout << fmt::format("共 {} 份申报\n", rows->size());
    return {};
  });
}

}  // namespace

void AddNetworkLicenceCommands(CLI::App& net, int& exit_code) {
  {
    auto a = std::make_shared<LicenceArgs>();
    auto* c = net.add_subcommand("licence", "登记人力资源服务机构的许可证（附件4（二））/ record an HR agency's licence");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--site", a->in.site_id, "人力资源服务机构编号 / agency site id")->required();
    c->add_option("--number", a->in.licence_no, "许可证编号 / licence number")->required();
    c->add_option("--issuer", a->in.issuer, "发证机关 / issuing authority")->required();
    c->add_option("--from", a->from, "有效期起 YYYY-MM-DD / valid from")->required();
    c->add_option("--to", a->to, "有效期止 YYYY-MM-DD，不填为长期有效 / valid to");
    c->add_option("--scope", a->scope, "经营范围，代码或名称，逗号分隔 / business scope")->required();
    c->add_option("--actor", a->actor, "经办人 / who records it");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return AddLicence(*a); }); });
  }
  {
    auto a = std::make_shared<LicenceArgs>();
    auto* c = net.add_subcommand("licences", "人力资源服务机构许可证 / the licences of a region's agencies");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--region", a->region, "区划代码，默认全省 / region");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return ListLicences(*a); }); });
  }
  {
    auto a = std::make_shared<CommunityArgs>();
    auto* c = net.add_subcommand("community-apply", "充分就业社区申报（附件4（十五））/ a community applies for recognition");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--site", a->in.site_id, "社区编号 / community site id")->required();
    c->add_option("--level", a->in.level, "申报级别：省级 或 市州级 / level")->required();
    c->add_option("--on", a->on, "申报日期 YYYY-MM-DD / date")->required();
    c->add_option("--able", a->in.facts.able_willing, "有就业能力和就业愿望的居民数 / residents able and willing")->required();
    c->add_option("--employed", a->in.facts.employed, "其中已就业人数 / of them employed")->required();
    c->add_option("--hard", a->in.facts.hard_to_employ, "就业困难人员数 / hard to employ")->required();
    c->add_option("--hard-employed", a->in.facts.hard_to_employ_employed, "就业困难人员已就业人数 / of them employed")
        ->required();
    c->add_option("--zero-families", a->in.facts.zero_employment_families, "零就业家庭户数 / zero-employment families")
        ->required();
    c->add_option("--desk", a->desk, "设立就业创业服务窗口 yes/no / service desk")->required();
    c->add_option("--staff", a->in.facts.service_staff, "专兼职就业服务人员数 / service staff")->required();
    c->add_option("--actor", a->actor, "经办人 / who records it");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return Apply(*a); }); });
  }
  {
    auto a = std::make_shared<CommunityArgs>();
    auto* c = net.add_subcommand("community-assess", "充分就业社区评估认定 / assess an application against the criteria");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--application", a->application_id, "申报编号 / application id")->required();
    c->add_option("--on", a->on, "评估日期 YYYY-MM-DD / date")->required();
    c->add_option("--assessor", a->assessment.assessor, "评估单位 / assessing body")->required();
    c->add_option("--basis", a->assessment.basis, "认定文件号或评估报告 / basis");
    c->add_option("--actor", a->actor, "经办人 / who records it");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return Assess(*a); }); });
  }
  {
    auto a = std::make_shared<CommunityArgs>();
    auto* c = net.add_subcommand("community-applications", "充分就业社区申报与评估 / a region's applications");
    c->add_option("--db", a->db, "数据库 / database")->required();
    c->add_option("--region", a->region, "区划代码，默认全省 / region");
    c->callback([a, &exit_code] { Run(exit_code, [&] { return ListApplications(*a); }); });
  }
}

}  // namespace qjy::cli
