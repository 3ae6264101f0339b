// The quality of the service network (issue #15), for officers:
//   GET  /api/network/agency-ratings?region=  the market HR agencies under
//        the region (default the caller's; auditors: the province), each
//        with its rating in force (or 未评级) and its earlier ratings, and
//        the grading scheme (policy/network/agency_grades.yaml, 附件4（二）)
//   POST /api/network/sites/{site_id}/ratings  {grade, rated_on, rated_by,
//        basis?}: rates an agency in the caller's region; 400 names the field
//   POST /api/network/sites/{site_id}/licences  {licence_no, issuer,
//        valid_from, valid_to?, scope: [code|name…]}: records an agency's
//        人力资源服务许可证 (agency_licence_store.h); the agencies list shows
//        each agency's licences, the one in force (or 已过有效期 / 未登记)
//        and its 经营范围 by name (policy/network/agency_scopes.yaml)
//   GET  /api/network/evaluations?region=&year=  the county and township
//        public employment service institutions open in the year (default:
//        last year) under the region, each with its evaluation (scores,
//        total, result) or none, a summary per place one level down
//        (evaluated / missing), and the scheme (evaluation.yaml, 正文（十三）)
//   POST /api/network/sites/{site_id}/evaluations  {year, scores: {criterion:
//        points}, evaluated_on, evaluator, note?}: records (or replaces,
//        history kept) an institution's evaluation for the year
// Writes are audited (network.agency.rate, network.agency.licence,
// network.evaluation.record);
// out-of-scope targets are 403 and audited as denied.
#include <map>

#include <fmt/format.h>

#include "network/agency_licence_store.h"
#include "network/agency_rating_store.h"
#include "network/tiers.h"
#include "network/evaluation_store.h"
#include "network/network_store.h"
#include "network/quality_schemes.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "server/api_write.h"

namespace qjy::server {
namespace {

using nlohmann::json;

constexpr Api::WriteTarget kRate{"network.agency.rate", "site", "没有该服务网点"};
constexpr Api::WriteTarget kLicence{"network.agency.licence", "site", "没有该服务网点"};
constexpr Api::WriteTarget kEvaluate{"network.evaluation.record", "site", "没有该服务网点"};

bool SiteInRegion(const auth::Account& a, const network::SiteDetail& d) { return RegionCovers(a.region_code, d.site.region); }

json SchemeHeader(const auto& s) {
  return {{"document", s.document}, {"clause", s.clause}, {"quote", s.quote}, {"assumed", s.assumed}, {"reason", s.reason}};
}

}  // namespace

HttpResponse Api::NetworkAgencyRatings(Call& c) {
  const auth::Account& a = c.account();
  const auto scope = ReadableRegion(a, QueryText(c.query, "region"));
  if (!scope) return Forbidden();
  auto grades = network::LoadAgencyGrades(network::DefaultAgencyGradesFile());
  if (!grades) return HttpResponse::Error(503, "unavailable", "人力资源机构评级办法无法加载：" + grades.error().message);
  network::AgencyRatingStore ratings(*c.db, regions_);
  if (auto m = ratings.Migrate(); !m) return StoreError(m.error(), *log_);
  auto scopes = network::LoadAgencyScopes(network::DefaultAgencyScopesFile());
  if (!scopes) return HttpResponse::Error(503, "unavailable", "人力资源服务经营范围表无法加载：" + scopes.error().message);
  network::AgencyLicenceStore licence_store(*c.db, regions_);
  if (auto m = licence_store.Migrate(); !m) return StoreError(m.error(), *log_);
  network::NetworkStore net(*c.db, regions_);
  auto sites = net.Sites(*scope);
  if (!sites) return StoreError(sites.error(), *log_);
  auto list = ratings.List(*scope);
  if (!list) return StoreError(list.error(), *log_);
  auto licences = licence_store.List(*scope);
  if (!licences) return StoreError(licences.error(), *log_);
  std::map<int64_t, std::vector<const network::AgencyRating*>> by_site;
  for (const auto& r : *list) by_site[r.in.site_id].push_back(&r);
  std::map<int64_t, std::vector<const network::AgencyLicence*>> licences_of;
  for (const auto& l : *licences) licences_of[l.in.site_id].push_back(&l);
  auto scope_label = [&](const std::string& code) {
    const auto* x = scopes->Find(code);
    return x != nullptr ? x->label : code;
  };
  const Date today = Date::InChina(clock_.Now());
  auto label = [&](const std::string& code) {
    const auto* g = grades->Find(code);
    return g != nullptr ? g->label : code;
  };
  json items = json::array();
  int64_t quality = 0, unrated = 0, open = 0, lapsed = 0;
  for (const auto& s : *sites) {
    if (s.kind != "hr_agency" || !s.OpenOn(today)) continue;
    ++open;
    if (items.size() >= 500) continue;
    json history = json::array();
    json current = nullptr;
    for (const auto* r : by_site[s.site_id]) {
      json row = {{"rating_id", r->rating_id},     {"grade", r->in.grade},       {"grade_label", label(r->in.grade)},
                  {"rated_on", DateText(r->in.rated_on)}, {"rated_by", r->in.rated_by}, {"basis", r->in.basis}};
      if (r->in.rated_on && *r->in.rated_on <= today) current = row;
      history.push_back(std::move(row));
    }
    json licence_rows = json::array();
    json in_force = nullptr;
    for (const auto* l : licences_of[s.site_id]) {
      json scope_names = json::array();
      for (const auto& code : l->in.scope) scope_names.push_back(scope_label(code));
      json row = {{"licence_id", l->licence_id},
                  {"licence_no", l->in.licence_no},
                  {"issuer", l->in.issuer},
                  {"valid_from", DateText(l->in.valid_from)},
                  {"valid_to", DateText(l->in.valid_to)},
                  {"scope", l->in.scope},
                  {"scope_labels", std::move(scope_names)},
                  {"valid", l->ValidOn(today)}};
      if (l->ValidOn(today)) in_force = row;
      licence_rows.push_back(std::move(row));
    }
    const std::string licence_state =
        licence_rows.empty() ? "未登记" : (in_force.is_null() ? "已过有效期" : "有效");
    const auto* g = current.is_null() ? nullptr : grades->Find(current["grade"].get<std::string>());
    if (current.is_null()) ++unrated;
    const bool counted = g != nullptr && g->quality && licence_state != "已过有效期";
    if (counted) ++quality;
    if (g != nullptr && g->quality && !counted) ++lapsed;
    items.push_back({{"site_id", s.site_id},
                     {"name", s.name},
                     {"tier", s.tier},
                     {"tier_label", network::TierLabel(s.tier)},
                     {"region", s.region},
                     {"region_name", RegionName(s.region)},
                     {"current", current},
                     {"current_label", current.is_null() ? "未评级" : current["grade_label"].get<std::string>()},
                     {"quality", g != nullptr && g->quality},
                     {"counted", counted},
                     {"licence", in_force},
                     {"licence_state", licence_state},
                     {"licences", std::move(licence_rows)},
                     {"history", std::move(history)}});
  }
  json scheme = SchemeHeader(*grades);
  scheme["grades"] = json::array();
  for (const auto& g : grades->grades) scheme["grades"].push_back({{"code", g.code}, {"label", g.label}, {"quality", g.quality}});
  json scope_scheme = SchemeHeader(*scopes);
  scope_scheme["scopes"] = json::array();
  for (const auto& x : scopes->scopes) {
    scope_scheme["scopes"].push_back({{"code", x.code}, {"label", x.label}, {"licensed", x.licensed}});
  }
  return JsonOk({{"region", *scope},
                 {"region_name", RegionName(*scope)},
                 {"summary", {{"open", open}, {"quality", quality}, {"unrated", unrated}, {"lapsed", lapsed}}},
                 {"scheme", scheme},
                 {"scope_scheme", scope_scheme},
                 {"items", items}});
}

HttpResponse Api::NetworkRateAgency(Call& c) {
  const auth::Account& a = c.account();
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  network::AgencyRatingStore ratings(*c.db, regions_);
  if (auto m = ratings.Migrate(); !m) return StoreError(m.error(), *log_);
  network::NetworkStore net(*c.db, regions_);
  auto site = RecordForWrite<network::SiteDetail>(
      c, kRate, [&](int64_t id) { return net.FindSite(id); }, SiteInRegion, error);
  if (!site) return error;
  const std::string target = kRate.Target(c);
  auto grades = network::LoadAgencyGrades(network::DefaultAgencyGradesFile());
  if (!grades) return HttpResponse::Error(503, "unavailable", "人力资源机构评级办法无法加载：" + grades.error().message);
  network::AgencyRatingInput in;
  in.site_id = site->site.site_id;
  BodyText(*body, "grade", in.grade);
  BodyText(*body, "rated_by", in.rated_by);
  BodyText(*body, "basis", in.basis);
  if (!BodyOptDate(*body, "rated_on", "评级日期", in.rated_on, error)) return error;
  auto id = ratings.Add(in, *grades, Date::InChina(clock_.Now()), a.username);
  if (!id) return WriteFailed(c, kRate.action, target, id.error());
  const auto* g = grades->Find(in.grade);
  Audit(c, kRate.action, target, "ok", site->site.name + " " + (g != nullptr ? g->label : in.grade));
  return JsonOk({{"rating_id", *id}, {"site_id", in.site_id}, {"grade_label", g != nullptr ? g->label : in.grade}}, 201);
}

HttpResponse Api::NetworkAddLicence(Call& c) {
  const auth::Account& a = c.account();
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  network::AgencyLicenceStore licences(*c.db, regions_);
  if (auto m = licences.Migrate(); !m) return StoreError(m.error(), *log_);
  network::NetworkStore net(*c.db, regions_);
  auto site = RecordForWrite<network::SiteDetail>(
      c, kLicence, [&](int64_t id) { return net.FindSite(id); }, SiteInRegion, error);
  if (!site) return error;
  const std::string target = kLicence.Target(c);
  auto scopes = network::LoadAgencyScopes(network::DefaultAgencyScopesFile());
  if (!scopes) return HttpResponse::Error(503, "unavailable", "人力资源服务经营范围表无法加载：" + scopes.error().message);
  network::LicenceInput in;
  in.site_id = site->site.site_id;
  BodyText(*body, "licence_no", in.licence_no);
  BodyText(*body, "issuer", in.issuer);
  if (!BodyOptDate(*body, "valid_from", "有效期起", in.valid_from, error)) return error;
  if (!BodyOptDate(*body, "valid_to", "有效期止", in.valid_to, error)) return error;
  if (body->contains("scope")) {
    const auto& list = (*body)["scope"];
    if (!list.is_array()) return BadRequest("经营范围：须为列表");
    for (const auto& x : list) {
      if (!x.is_string()) return BadRequest("经营范围：每一项须为经营范围代码或名称");
      in.scope.push_back(x.get<std::string>());
    }
  }
  auto id = licences.Add(in, *scopes, Date::InChina(clock_.Now()), a.username);
  if (!id) return WriteFailed(c, kLicence.action, target, id.error());
  Audit(c, kLicence.action, target, "ok", site->site.name + " 许可证 " + in.licence_no);
  return JsonOk({{"licence_id", *id}, {"site_id", in.site_id}}, 201);
}

HttpResponse Api::NetworkEvaluations(Call& c) {
  const auth::Account& a = c.account();
  const auto scope = ReadableRegion(a, QueryText(c.query, "region"));
  if (!scope) return Forbidden();
  const Date today = Date::InChina(clock_.Now());
  auto scheme = network::LoadEvaluationScheme(network::DefaultEvaluationSchemeFile());
  if (!scheme) return HttpResponse::Error(503, "unavailable", "机构评估办法无法加载：" + scheme.error().message);
  int year = today.year() - 1;
  if (auto t = QueryText(c.query, "year"); !t.empty()) {
    const auto y = PathId(t);
    if (!y || *y < scheme->first_year || *y > today.year()) {
      return BadRequest(fmt::format("评估年度（year）：须为 {}—{} 之间的年份", scheme->first_year, today.year()));
    }
    year = static_cast<int>(*y);
  }
  network::EvaluationStore evals(*c.db, regions_);
  if (auto m = evals.Migrate(); !m) return StoreError(m.error(), *log_);
  network::NetworkStore net(*c.db, regions_);
  auto sites = net.Sites(*scope);
  if (!sites) return StoreError(sites.error(), *log_);
  auto list = evals.List(*scope, year);
  if (!list) return StoreError(list.error(), *log_);
  std::map<int64_t, const network::Evaluation*> by_site;
  for (const auto& e : *list) by_site[e.in.site_id] = &e;
  // Places one level below the scope (a township scope: itself).
  const size_t child_len = scope->size() <= 2 ? 4 : scope->size() <= 4 ? 6 : 9;
  std::map<std::string, std::pair<int64_t, int64_t>> places;  // code → (due, evaluated)
  json items = json::array();
  int64_t due = 0, evaluated = 0;
  for (const auto& s : *sites) {
    if (s.kind != "employment_office" || (s.tier != "county" && s.tier != "township") || !s.OpenIn(year)) continue;
    ++due;
    const auto it = by_site.find(s.site_id);
    const bool done = it != by_site.end();
    if (done) ++evaluated;
    const std::string place = s.region.size() >= child_len ? s.region.substr(0, child_len) : s.region;
    auto& p = places[place];
    ++p.first;
    if (done) ++p.second;
    if (items.size() >= 500) continue;
    json row = {{"site_id", s.site_id},           {"name", s.name},
                {"tier", s.tier},                 {"tier_label", network::TierLabel(s.tier)},
                {"region", s.region},             {"region_name", RegionName(s.region)},
                {"evaluation", nullptr}};
    if (done) {
      const auto& e = *it->second;
      const auto& result = scheme->ResultFor(e.total);
      row["evaluation"] = {{"evaluation_id", e.evaluation_id}, {"scores", e.in.scores},
                           {"total", e.total},                 {"result", e.result},
                           {"result_label", result.code == e.result ? result.label : e.result},
                           {"evaluated_on", DateText(e.in.evaluated_on)},
                           {"evaluator", e.in.evaluator},      {"note", e.in.note}};
    }
    items.push_back(std::move(row));
  }
  json summary = json::array();
  for (const auto& [code, p] : places) {
    summary.push_back({{"code", code}, {"name", RegionName(code)}, {"due", p.first}, {"evaluated", p.second},
                       {"missing", p.first - p.second}});
  }
  json s = SchemeHeader(*scheme);
  s["first_year"] = scheme->first_year;
  s["max_total"] = scheme->MaxTotal();
  s["criteria"] = json::array();
  for (const auto& cr : scheme->criteria) {
    s["criteria"].push_back({{"id", cr.id}, {"label", cr.label}, {"max_points", cr.max_points}, {"quote", cr.quote}});
  }
  s["results"] = json::array();
  for (const auto& r : scheme->results) s["results"].push_back({{"code", r.code}, {"label", r.label}, {"min_points", r.min_points}});
  return JsonOk({{"region", *scope},
                 {"region_name", RegionName(*scope)},
                 {"year", year},
                 {"due", due},
                 {"evaluated", evaluated},
                 {"missing", due - evaluated},
                 {"places", summary},
                 {"scheme", s},
                 {"items", items}});
}

HttpResponse Api::NetworkEvaluate(Call& c) {
  const auth::Account& a = c.account();
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  network::EvaluationStore evals(*c.db, regions_);
  if (auto m = evals.Migrate(); !m) return StoreError(m.error(), *log_);
  network::NetworkStore net(*c.db, regions_);
  auto site = RecordForWrite<network::SiteDetail>(
      c, kEvaluate, [&](int64_t id) { return net.FindSite(id); }, SiteInRegion, error);
  if (!site) return error;
  const std::string target = kEvaluate.Target(c);
  auto scheme = network::LoadEvaluationScheme(network::DefaultEvaluationSchemeFile());
  if (!scheme) return HttpResponse::Error(503, "unavailable", "机构评估办法无法加载：" + scheme.error().message);
  network::EvaluationInput in;
  in.site_id = site->site.site_id;
  const auto year = BodyInt(*body, "year");
  if (!year) return BadRequest("评估年度：须为年份（如 2024）");
  in.year = static_cast<int>(*year);
  if (body->contains("scores")) {
    const json& scores = (*body)["scores"];
    if (!scores.is_object()) return BadRequest("评分：须为各项指标的分值");
    for (const auto& el : scores.items()) {
      if (!el.value().is_number_integer()) return BadRequest(fmt::format("评分「{}」：须为整数分值", el.key()));
      in.scores[el.key()] = el.value().get<int64_t>();
    }
  }
  BodyText(*body, "evaluator", in.evaluator);
  BodyText(*body, "note", in.note);
  if (!BodyOptDate(*body, "evaluated_on", "评估日期", in.evaluated_on, error)) return error;
  auto id = evals.Record(in, *scheme, Date::InChina(clock_.Now()), a.username);
  if (!id) return WriteFailed(c, kEvaluate.action, target, id.error());
  auto stored = evals.Find(*id);
  if (!stored || !*stored) return StoreError(stored ? Error{ErrorCode::kStore, "评估记录丢失"} : stored.error(), *log_);
  const auto& e = **stored;
  const auto& result = scheme->ResultFor(e.total);
  Audit(c, kEvaluate.action, target, "ok", fmt::format("{} {} 年度 {} 分", site->site.name, e.in.year, e.total));
  return JsonOk({{"evaluation_id", *id}, {"site_id", in.site_id}, {"year", e.in.year}, {"total", e.total},
                 {"result", e.result}, {"result_label", result.label}},
                201);
}

}  // namespace qjy::server
