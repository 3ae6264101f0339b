// Full-employment communities' applications and assessments (issue #15,
// 附件4（十五）), for officers:
//   GET  /api/network/communities?region=  the communities under the region
//        (first 500) with their recognition (or 未认定 / 未评估), their
//        applications and each assessment's per-criterion results, and the
//        criteria as cited data (policy/network/community_criteria.yaml)
//   POST /api/network/sites/{site_id}/applications  {level, applied_on,
//        able_willing, employed, hard_to_employ, hard_to_employ_employed,
//        zero_employment_families, service_desk, service_staff}: a
//        community of the caller's region applies (申报)
//   POST /api/network/community-applications/{application_id}/assess
//        {assessed_on, assessor, basis?}: assesses (评估) an application; a
//        省级 application only by a province officer, a 市州级 one by an
//        officer of the prefecture (or the province) — the level that
//        recognises it; the result recognises the community (R17 reads it)
// 400 names the field, nothing stored. Writes are audited
// (network.community.apply, network.community.assess); out-of-scope
// targets are 403 and audited as denied.
#include <map>

#include <tuple>

#include <fmt/format.h>

#include "auth/role.h"
#include "network/community_store.h"
#include "network/network_store.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "server/api_write.h"
#include "server/network_access.h"

namespace qjy::server {
namespace {

using nlohmann::json;

constexpr Api::WriteTarget kApply{"network.community.apply", "site", "没有该社区"};
constexpr Api::WriteTarget kAssess{"network.community.assess", "community_application", "没有该申报"};

json ApplicationJson(const network::CommunityApplication& x, const network::CommunityCriteria& c) {
  const auto& f = x.in.facts;
  json results = json::array();
  for (const auto& r : x.results) {
    results.push_back({{"id", r.id}, {"label", r.label}, {"met", r.met}, {"seen", r.seen}, {"required", r.required}});
  }
  json out = {{"application_id", x.application_id},
              {"level", x.in.level},
              {"level_label", c.LevelLabel(x.in.level)},
              {"applied_on", DateText(x.in.applied_on)},
              {"facts",
               {{"able_willing", f.able_willing},
                {"employed", f.employed},
                {"hard_to_employ", f.hard_to_employ},
                {"hard_to_employ_employed", f.hard_to_employ_employed},
                {"zero_employment_families", f.zero_employment_families},
                {"service_desk", f.service_desk},
                {"service_staff", f.service_staff}}},
              {"assessed", x.assessment.has_value()},
              {"passed", x.passed},
              {"results", results}};
  if (x.assessment) {
    out["assessed_on"] = DateText(x.assessment->assessed_on);
    out["assessor"] = x.assessment->assessor;
    out["basis"] = x.assessment->basis;
  }
  return out;
}

Result<network::CommunityCriteria> Criteria() { return network::LoadCommunityCriteria(network::DefaultCommunityCriteriaFile()); }

std::string RecognitionLabel(const std::string& level) {
  if (level == "national") return "国家级";
  if (level == "province") return "省级";
  if (level == "prefecture") return "市州级";
  if (level == "none") return "未认定";
  return "未评估（认定未知）";
}

}  // namespace

HttpResponse Api::NetworkCommunities(Call& c) {
  const auth::Account& a = c.account();
  const auto scope = ReadableRegion(a, QueryText(c.query, "region"));
  if (!scope) return Forbidden();
  auto criteria = Criteria();
  if (!criteria) return HttpResponse::Error(503, "unavailable", "充分就业社区评估标准无法加载：" + criteria.error().message);
  network::CommunityStore store(*c.db, regions_);
  if (auto m = store.Migrate(); !m) return StoreError(m.error(), *log_);
  network::NetworkStore net(*c.db, regions_);
  auto sites = net.Sites(*scope);
  if (!sites) return StoreError(sites.error(), *log_);
  auto apps = store.List(*scope);
  if (!apps) return StoreError(apps.error(), *log_);
  std::map<int64_t, json> by_site;
  for (const auto& x : *apps) by_site[x.in.site_id].push_back(ApplicationJson(x, *criteria));
  json items = json::array();
  int64_t total = 0;
  for (const auto& s : *sites) {
    if (s.kind != "full_employment_community") continue;
    ++total;
    if (items.size() >= 500) continue;
    auto d = net.FindSite(s.site_id);
    if (!d) return StoreError(d.error(), *log_);
    const std::string level = *d ? (*d)->recognition_level : "";
    json apps_of = by_site.contains(s.site_id) ? by_site[s.site_id] : json::array();
    items.push_back({{"site_id", s.site_id},
                     {"name", s.name},
                     {"region", s.region},
                     {"region_name", RegionName(s.region)},
                     {"recognition_level", level},
                     {"recognition_label", RecognitionLabel(level)},
                     {"recognised_on", *d ? DateText((*d)->recognised_on) : ""},
                     {"applications", std::move(apps_of)}});
  }
  json scheme = {{"document", criteria->document}, {"clause", criteria->clause}, {"quote", criteria->quote},
                 {"standard", criteria->standard}, {"assumed", criteria->assumed}, {"reason", criteria->reason}};
  scheme["levels"] = json::array();
  for (const auto& [code, label] : criteria->levels) scheme["levels"].push_back({{"code", code}, {"label", label}});
  scheme["criteria"] = json::array();
  for (const auto& x : criteria->criteria) scheme["criteria"].push_back({{"id", x.id}, {"label", x.label}});
  return JsonOk({{"region", *scope}, {"region_name", RegionName(*scope)}, {"total", total}, {"scheme", scheme}, {"items", items}});
}

HttpResponse Api::NetworkCommunityApply(Call& c) {
  const auth::Account& a = c.account();
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  network::CommunityStore store(*c.db, regions_);
  if (auto m = store.Migrate(); !m) return StoreError(m.error(), *log_);
  network::NetworkStore net(*c.db, regions_);
  auto site = RecordForWrite<network::SiteDetail>(
      c, kApply, [&](int64_t id) { return net.FindSite(id); }, SiteDetailCovered, error);
  if (!site) return error;
  const std::string target = kApply.Target(c);
  auto criteria = Criteria();
  if (!criteria) return HttpResponse::Error(503, "unavailable", "充分就业社区评估标准无法加载：" + criteria.error().message);
  network::ApplicationInput in;
  in.site_id = site->site.site_id;
  BodyText(*body, "level", in.level);
  if (!BodyOptDate(*body, "applied_on", "申报日期", in.applied_on, error)) return error;
  auto& f = in.facts;
  for (auto [key, field, out] : {std::tuple{"able_willing", "有就业能力和就业愿望的居民数", &f.able_willing},
                                 std::tuple{"employed", "已就业人数", &f.employed},
                                 std::tuple{"hard_to_employ", "就业困难人员数", &f.hard_to_employ},
                                 std::tuple{"hard_to_employ_employed", "就业困难人员已就业人数", &f.hard_to_employ_employed},
                                 std::tuple{"zero_employment_families", "零就业家庭户数", &f.zero_employment_families},
                                 std::tuple{"service_staff", "就业服务人员数", &f.service_staff}}) {
    if (!body->contains(key)) return BadRequest(fmt::format("{}：不能为空", field));
    auto v = BodyInt(*body, key);
    if (!v) return BadRequest(fmt::format("{}：须为整数", field));
    *out = *v;
  }
  if (body->contains("service_desk") && !(*body)["service_desk"].is_boolean()) return BadRequest("就业创业服务窗口：须为是或否");
  f.service_desk = body->value("service_desk", false);
  auto id = store.Apply(in, *criteria, Date::InChina(clock_.Now()), a.username);
  if (!id) return WriteFailed(c, kApply.action, target, id.error());
  Audit(c, kApply.action, target, "ok", fmt::format("{} 申报{}充分就业社区", site->site.name, criteria->LevelLabel(criteria->LevelCode(in.level))));
  return JsonOk({{"application_id", *id}, {"site_id", in.site_id}}, 201);
}

HttpResponse Api::NetworkCommunityAssess(Call& c) {
  const auth::Account& a = c.account();
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  network::CommunityStore store(*c.db, regions_);
  if (auto m = store.Migrate(); !m) return StoreError(m.error(), *log_);
  network::NetworkStore net(*c.db, regions_);
  // The assessing level: 省级 by the province, 市州级 by the prefecture
  // (or the province), of the community's region.
  auto in_scope = [&](const auth::Account& acc, const network::CommunityApplication& x) {
    auto d = net.FindSite(x.in.site_id);
    if (!d || !*d || !NetworkSiteCovered(acc, (*d)->site)) return false;
    const int level = auth::RegionLevel(acc.region_code);
    return x.in.level == "province" ? level == 1 : level >= 1 && level <= 2;
  };
  auto app = RecordForWrite<network::CommunityApplication>(
      c, kAssess, [&](int64_t id) { return store.Find(id); }, in_scope, error);
  if (!app) return error;
  const std::string target = kAssess.Target(c);
  auto criteria = Criteria();
  if (!criteria) return HttpResponse::Error(503, "unavailable", "充分就业社区评估标准无法加载：" + criteria.error().message);
  network::AssessmentInput in;
  if (!BodyOptDate(*body, "assessed_on", "评估日期", in.assessed_on, error)) return error;
  BodyText(*body, "assessor", in.assessor);
  BodyText(*body, "basis", in.basis);
  auto done = store.Assess(app->application_id, in, *criteria, Date::InChina(clock_.Now()), a.username);
  if (!done) return WriteFailed(c, kAssess.action, target, done.error());
  Audit(c, kAssess.action, target, "ok",
        fmt::format("申报 {}：{}", app->application_id, done->passed ? "通过，认定为" + criteria->LevelLabel(done->in.level) : "未通过"));
  return JsonOk(ApplicationJson(*done, *criteria));
}

}  // namespace qjy::server
