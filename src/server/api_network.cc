// The service network (issue #15), for officers:
//   GET  /api/network/coverage?region=&as_of=&from=[&format=xlsx]  every
//        duty of policy/network/duties.yaml for the region (default the
//        caller's; auditors: the province), JSON or an XLSX workbook; as
//        of today the outbound workers come from the monitoring snapshot
//        (monitor_cache.h; "snapshot": {as_of, stale}, null when read for
//        the request)
//   GET  /api/network/sites?region=&kind=  the sites under the region
//        (first 500, open first), with names, never codes alone
//   POST /api/network/sites  {kind, tier, region, owner_region?, name,
//        address?, hours?, services?, staff?, online?, opened_on?,
//        parent_site_id?, recognition_level?, recognised_on?}: registers a site in the caller's region (a
//        station: its owner_region); 400 names the field
//   POST /api/network/sites/{site_id}/close  {closed_on?, reason}
//   PUT  /api/network/sites/{site_id}  {name?, address?, hours?, services?,
//        staff?, online?, opened_on?, closed_on?, parent_site_id?,
//        recognition_level?, recognised_on?}: edits a site in the caller's
//        region; absent keys keep their value, "" clears a date; the
//        registry's history keeps the old values; 400 names the field
//   POST /api/network/events  {region, kind, title, place?, online?,
//        held_on, planned?, employers?, jobs?, attendance?, hires?}
//        → 201 {event_id, title, counted, note}: counted false with a
//        note when no duty counts events of that kind at the region's level
//        (a county's or township's 就业创业服务团队 visit)
// Writes are audited (network.site.add, network.site.close, network.site.edit,
// network.event.add); out-of-scope targets are 403 and audited as denied.
#include <filesystem>
#include <memory>
#include <fstream>
#include <sstream>

#include "network/coverage_query.h"
#include "network/tiers.h"
#include "network/coverage_xlsx.h"
#include "network/duties.h"
#include "network/event_note.h"
#include "network/network_store.h"
#include "network/programme_store.h"
#include "registry/codes.h"
#include "registry/model.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "server/api_monitor.h"
#include "server/api_write.h"
#include "server/network_access.h"

namespace qjy::server {
namespace {

using nlohmann::json;


// The caller's default region: an officer's own (a village officer's
// township, since coverage stops above villages), the province otherwise.
std::string DefaultRegion(const auth::Account& a) {
  if (!IsOfficer(a)) return "52";
  return a.region_code.size() > 9 ? a.region_code.substr(0, 9) : a.region_code;
}

}  // namespace

HttpResponse Api::NetworkCoverage(Call& c) {
  const auth::Account& a = c.account();
  if (!IsOfficer(a) && a.role != auth::Role::kAuditor) return Forbidden();
  std::string region = QueryText(c.query, "region");
  if (region.empty()) region = DefaultRegion(a);
  // A village officer sees its township's report (coverage stops above villages).
  if (IsOfficer(a) && !RegionCovers(a.region_code, region) && region != DefaultRegion(a)) {
    Audit(c, "network.coverage", "region:" + region, "denied");
    return Forbidden();
  }
  const Date today = Date::InChina(clock_.Now());
  Date as_of = today;
  if (auto t = QueryText(c.query, "as_of"); !t.empty()) {
    auto d = Date::Parse(t);
    if (!d) return BadRequest("截至日期（as_of）格式应为 YYYY-MM-DD");
    as_of = *d > today ? today : *d;
  }
  std::optional<Date> from;
  if (auto t = QueryText(c.query, "from"); !t.empty()) {
    auto d = Date::Parse(t);
    if (!d) return BadRequest("起始日期（from）格式应为 YYYY-MM-DD");
    from = *d;
  }
  auto duties = network::LoadDuties(network::DefaultDutiesFile());
  if (!duties) return HttpResponse::Error(503, "unavailable", "服务网络职责文件无法加载：" + duties.error().message);
  network::NetworkStore store(*c.db, regions_);
  if (auto m = store.Migrate(); !m) return StoreError(m.error(), *log_);
  network::ProgrammeStore programmes(*c.db, regions_);
  if (auto m = programmes.Migrate(); !m) return StoreError(m.error(), *log_);
  network::BaseStore bases(*c.db, regions_);
  if (auto m = bases.Migrate(); !m) return StoreError(m.error(), *log_);
  // Today's outbound workers from the kept monitoring snapshot
  // (MonitorSnapshot::outbound: the province's, read once, not per
  // request) when it is of today; another day, or no snapshot yet, reads
  // the contracts. `snapshot` in the answer says when they were read.
  json snapshot_json = nullptr;
  std::shared_ptr<const MonitorSnapshot> snap;
  if (as_of == today) {
    snap = TodaysSnapshot(monitor_specs_->cache.get(), today,
                          [](const MonitorSnapshot& s) { return s.outbound.has_value(); }, snapshot_json);
  }
  auto report = network::CoverageOf(store, regions_, *duties, region, as_of, from, &programmes, &*c.db, &bases,
                                    snap ? &*snap->outbound : nullptr);
  if (!report) {
    if (report.error().code == ErrorCode::kInvalidArgument) return BadRequest(report.error().message);
    return StoreError(report.error(), *log_);
  }
  if (QueryText(c.query, "format") != "xlsx") {
    json body = network::CoverageJson(*report);
    body["snapshot"] = snapshot_json;
    return JsonOk(body);
  }

  auto body = RenderToBytes("coverage.xlsx", [&](const std::filesystem::path& file) {
    return network::WriteCoverageXlsx(*report, file.string());
  });
  if (!body) return HttpResponse::Error(503, "unavailable", body.error().message);
  Audit(c, "network.coverage", "region:" + region, "ok", "xlsx");
  HttpResponse r;
  r.status = 200;
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.body = std::move(*body);
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"coverage-" + region + "-" + as_of.ToString() + ".xlsx\"");
  return r;
}

HttpResponse Api::NetworkSites(Call& c) {
  const auth::Account& a = c.account();
  const auto scope = ReadableRegion(a, QueryText(c.query, "region"));
  if (!scope) return Forbidden();
  const std::string& region = *scope;
  const std::string kind = QueryText(c.query, "kind");
  network::NetworkStore store(*c.db, regions_);
  if (auto m = store.Migrate(); !m) return StoreError(m.error(), *log_);
  auto sites = store.Sites(region);
  if (!sites) return StoreError(sites.error(), *log_);
  const Date today = Date::InChina(clock_.Now());
  std::stable_sort(sites->begin(), sites->end(), [&](const network::Site& x, const network::Site& y) {
    return x.OpenOn(today) > y.OpenOn(today);
  });
  json items = json::array();
  int64_t total = 0;
  for (const auto& s : *sites) {
    if (!kind.empty() && s.kind != kind) continue;
    ++total;
    if (items.size() >= 500) continue;
    auto detail = store.FindSite(s.site_id);
    if (!detail) return StoreError(detail.error(), *log_);
    const network::SiteDetail d = detail->value_or(network::SiteDetail{});
    auto k = registry::Parse<registry::SiteKind>(s.kind);
    items.push_back({{"site_id", s.site_id},
                     {"name", s.name},
                     {"kind", s.kind},
                     {"kind_label", k ? std::string(registry::Label(*k)) : s.kind},
                     {"tier_label", network::TierLabel(s.tier)},
                     {"region", s.region},
                     {"region_name", RegionName(s.region)},
                     {"online", s.online},
                     {"opened_on", s.opened_on ? s.opened_on->ToString() : ""},
                     {"closed_on", s.closed_on ? s.closed_on->ToString() : ""},
                     {"open", s.OpenOn(today)},
                     {"address", d.address},
                     {"hours", d.hours},
                     {"services", d.services},
                     {"staff", d.staff},
                     {"parent_site_id", d.parent_site_id},
                     {"recognition_level", d.recognition_level},
                     {"recognised_on", d.recognised_on ? d.recognised_on->ToString() : ""}});
  }
  return JsonOk({{"region", region}, {"region_name", RegionName(region)}, {"total", total}, {"items", items}});
}

HttpResponse Api::NetworkAddSite(Call& c) {
  const auth::Account& a = c.account();
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  network::SiteInput in;
  in.kind = body->value("kind", std::string());
  in.tier = body->value("tier", std::string());
  in.region = body->value("region", std::string());
  in.owner_region = body->value("owner_region", std::string());
  in.name = body->value("name", std::string());
  in.address = body->value("address", std::string());
  in.hours = body->value("hours", std::string());
  in.services = body->value("services", std::string());
  in.online = body->value("online", false);
  in.staff = body->value("staff", int64_t{-1});
  in.parent_site_id = body->value("parent_site_id", int64_t{0});
  const std::string owner = in.owner_region.empty() ? in.region : in.owner_region;
  const std::string target = "site:" + owner + " " + in.name;
  if (!IsOfficer(a) || owner.empty() || !RegionCovers(a.region_code, owner)) {
    Audit(c, "network.site.add", target, "denied");
    return Forbidden();
  }
  if (!BodyOptDate(*body, "opened_on", "开办日期", in.opened_on, error)) return error;
  if (!BodyOptDate(*body, "closed_on", "关闭日期", in.closed_on, error)) return error;
  in.recognition_level = body->value("recognition_level", std::string());
  if (!BodyOptDate(*body, "recognised_on", "认定日期", in.recognised_on, error)) return error;
  network::NetworkStore store(*c.db, regions_);
  if (auto m = store.Migrate(); !m) return StoreError(m.error(), *log_);
  auto id = store.AddSite(in, Date::InChina(clock_.Now()), a.username);
  if (!id) return WriteFailed(c, "network.site.add", target, id.error());
  Audit(c, "network.site.add", "site:" + std::to_string(*id), "ok", in.name);
  return JsonOk({{"site_id", *id}, {"name", in.name}, {"region_name", RegionName(in.region)}}, 201);
}

namespace {
constexpr Api::WriteTarget kSiteClose{"network.site.close", "site", "没有该服务网点"};
constexpr Api::WriteTarget kSiteEdit{"network.site.edit", "site", "没有该服务网点"};
}  // namespace

HttpResponse Api::NetworkCloseSite(Call& c) {
  const auth::Account& a = c.account();
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  network::NetworkStore store(*c.db, regions_);
  if (auto m = store.Migrate(); !m) return StoreError(m.error(), *log_);
  auto site = RecordForWrite<network::SiteDetail>(
      c, kSiteClose, [&](int64_t id) { return store.FindSite(id); }, SiteDetailCovered, error);
  if (!site) return error;
  const int64_t id = site->site.site_id;
  const auto& s = site->site;
  const std::string target = kSiteClose.Target(c);
  const Date today = Date::InChina(clock_.Now());
  std::optional<Date> on;
  if (!BodyOptDate(*body, "closed_on", "关闭日期", on, error)) return error;
  auto closed = store.CloseSite(id, on.value_or(today), body->value("reason", std::string()), today, a.username);
  if (!closed) return WriteFailed(c, kSiteClose.action, target, closed.error());
  Audit(c, kSiteClose.action, target, "ok", s.name);
  return JsonOk({{"site_id", id}, {"closed_on", on.value_or(today).ToString()}});
}

HttpResponse Api::NetworkEditSite(Call& c) {
  const auth::Account& a = c.account();
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  network::NetworkStore store(*c.db, regions_);
  if (auto m = store.Migrate(); !m) return StoreError(m.error(), *log_);
  auto found = RecordForWrite<network::SiteDetail>(
      c, kSiteEdit, [&](int64_t id) { return store.FindSite(id); }, SiteDetailCovered, error);
  if (!found) return error;
  const network::SiteDetail& old = *found;
  const auto& s = old.site;
  const int64_t id = s.site_id;
  const std::string target = kSiteEdit.Target(c);
  // Start from the stored values; the body's keys replace them.
  network::SiteInput in;
  in.kind = body->value("kind", s.kind);
  in.tier = body->value("tier", s.tier);
  in.region = body->value("region", s.region);
  auto text = [&](const char* key, const std::string& was) {
    return body->contains(key) && (*body)[key].is_string() ? (*body)[key].get<std::string>() : was;
  };
  in.name = text("name", s.name);
  in.address = text("address", old.address);
  in.hours = text("hours", old.hours);
  in.services = text("services", old.services);
  in.recognition_level = text("recognition_level", old.recognition_level);
  in.online = body->contains("online") && (*body)["online"].is_boolean() ? (*body)["online"].get<bool>() : s.online;
  // A whole number: absent keeps `was`; null or "" sets `cleared`.
  auto number = [&](const char* key, const char* field, int64_t was, int64_t cleared, int64_t& out) {
    out = was;
    if (!body->contains(key)) return true;
    const json& v = (*body)[key];
    if (v.is_null() || (v.is_string() && v.get<std::string>().empty())) {
      out = cleared;
      return true;
    }
    auto n = BodyInt(*body, key);
    if (!n) {
      error = BadRequest(std::string(field) + "：须为整数");
      return false;
    }
    out = *n;
    return true;
  };
  if (!number("staff", "工作人员数", old.staff, -1, in.staff) ||
      !number("parent_site_id", "上级站", old.parent_site_id, 0, in.parent_site_id)) {
    return error;
  }
  auto date = [&](const char* key, const char* field, std::optional<Date> was, std::optional<Date>& out) {
    out = was;
    if (!body->contains(key)) return true;
    out.reset();
    return BodyOptDate(*body, key, field, out, error);
  };
  if (!date("opened_on", "开办日期", s.opened_on, in.opened_on) ||
      !date("closed_on", "关闭日期", s.closed_on, in.closed_on) ||
      !date("recognised_on", "认定日期", old.recognised_on, in.recognised_on)) {
    return error;
  }
  auto edited = store.EditSite(id, in, Date::InChina(clock_.Now()), a.username);
  if (!edited) return WriteFailed(c, kSiteEdit.action, target, edited.error());
  Audit(c, kSiteEdit.action, target, "ok", in.name);
  auto now = store.FindSite(id);
  if (!now || !*now) return StoreError(now ? Error{ErrorCode::kInternal, "网点已编辑但无法读回"} : now.error(), *log_);
  const auto& n = (*now)->site;
  return JsonOk({{"site_id", id},
                 {"name", n.name},
                 {"opened_on", n.opened_on ? n.opened_on->ToString() : ""},
                 {"closed_on", n.closed_on ? n.closed_on->ToString() : ""},
                 {"recognition_level", (*now)->recognition_level}});
}

HttpResponse Api::NetworkAddEvent(Call& c) {
  const auth::Account& a = c.account();
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  network::EventInput in;
  in.region = body->value("region", std::string());
  in.kind = body->value("kind", std::string());
  in.title = body->value("title", std::string());
  in.place = body->value("place", std::string());
  in.online = body->value("online", false);
  in.held = !body->value("planned", false);
  in.employers = body->value("employers", int64_t{0});
  in.jobs = body->value("jobs", int64_t{0});
  in.attendance = body->value("attendance", int64_t{0});
  in.hires = body->value("hires", int64_t{0});
  const std::string target = "event:" + in.region + " " + in.title;
  if (!IsOfficer(a) || in.region.empty() || !RegionCovers(a.region_code, in.region)) {
    Audit(c, "network.event.add", target, "denied");
    return Forbidden();
  }
  std::optional<Date> held_on;
  if (!BodyOptDate(*body, "held_on", "举办日期", held_on, error)) return error;
  if (!held_on) return BadRequest("举办日期：不能为空");
  in.held_on = *held_on;
  network::NetworkStore store(*c.db, regions_);
  if (auto m = store.Migrate(); !m) return StoreError(m.error(), *log_);
  auto id = store.AddEvent(in, Date::InChina(clock_.Now()), a.username);
  if (!id) return WriteFailed(c, "network.event.add", target, id.error());
  Audit(c, "network.event.add", "event:" + std::to_string(*id), "ok", in.title);
  // An event no duty counts (a county's team visit) is recorded all the same,
  // with the note that says so.
  std::string note;
  if (const Region* org = regions_.Find(in.region); org != nullptr) {
    auto duties = network::LoadDuties(network::DefaultDutiesFile());
    if (duties) note = network::UncountedEventNote(*duties, in.kind, org->level);
  }
  return JsonOk({{"event_id", *id}, {"title", in.title}, {"counted", note.empty()}, {"note", note}}, 201);
}

}  // namespace qjy::server
