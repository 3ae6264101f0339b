// The work of labour-cooperation stations (issue #15, 正文（十四）,
// 附件2（三）“岗位收集、信息发布、劳动维权”, 附件4（四）绩效考核), for officers:
//   GET  /api/network/stations/{site_id}/work  the station (tier, host
//        place, the Guizhou region that set it up, parent) and its months:
//        jobs collected, workers placed and kept in work, rights cases
//        handled, with totals; officers of the region that set it up (or
//        above), auditors
//   POST /api/network/stations/{site_id}/work  {month, jobs_collected,
//        placed, retained, rights_cases, note?, replace?}: records a month
//        (replace: corrects a recorded month, the old values kept in the
//        history); 400 names the field, nothing stored
// Writes are audited (network.station.work); out-of-scope targets are 403
// and audited as denied.
#include <tuple>

#include <fmt/format.h>

#include "network/network_store.h"
#include "network/station_work_store.h"
#include "network/tiers.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "server/api_write.h"
#include "server/network_access.h"

namespace qjy::server {
namespace {

using nlohmann::json;

constexpr Api::WriteTarget kWork{"network.station.work", "site", "没有该劳务协作站"};

bool StationCovered(const auth::Account& a, const network::SiteDetail& d) { return NetworkSiteCovered(a, d.site); }

// The Guizhou region that set the station up, from its county key
// (520000 → 52, 520100 → 5201, 520102).
std::string OwnerCode(const std::string& county_code) {
  if (county_code.ends_with("0000")) return county_code.substr(0, 2);
  if (county_code.ends_with("00")) return county_code.substr(0, 4);
  return county_code;
}

}  // namespace

HttpResponse Api::NetworkStationWork(Call& c) {
  const auth::Account& a = c.account();
  if (!IsOfficer(a) && a.role != auth::Role::kAuditor) return Forbidden();
  const auto id = PathId(c.params.at(0));
  if (!id) return NotFound(kWork.missing);
  network::StationWorkStore work(*c.db, regions_);
  if (auto m = work.Migrate(); !m) return StoreError(m.error(), *log_);
  network::NetworkStore net(*c.db, regions_);
  auto found = net.FindSite(*id);
  if (!found) return StoreError(found.error(), *log_);
  if (!*found || (*found)->site.kind != "labour_station") return NotFound(kWork.missing);
  const auto& d = **found;
  if (IsOfficer(a) && !NetworkSiteCovered(a, d.site)) return Forbidden();
  auto months = work.ForStation(*id);
  if (!months) return StoreError(months.error(), *log_);
  json parent = nullptr;
  if (d.parent_site_id != 0) {
    auto p = net.FindSite(d.parent_site_id);
    if (!p) return StoreError(p.error(), *log_);
    if (*p) parent = {{"site_id", d.parent_site_id}, {"name", (*p)->site.name}, {"tier_label", network::StationTierLabel((*p)->site.tier)}};
  }
  json rows = json::array();
  int64_t jobs = 0, placed = 0, retained = 0, cases = 0;
  for (const auto& w : *months) {
    rows.push_back({{"month", w.in.month},
                    {"jobs_collected", w.in.jobs_collected},
                    {"placed", w.in.placed},
                    {"retained", w.in.retained},
                    {"rights_cases", w.in.rights_cases},
                    {"note", w.in.note}});
    jobs += w.in.jobs_collected;
    placed += w.in.placed;
    retained += w.in.retained;
    cases += w.in.rights_cases;
  }
  const std::string owner = OwnerCode(d.site.county_code);
  return JsonOk({{"station",
                  {{"site_id", d.site.site_id},
                   {"name", d.site.name},
                   {"tier", d.site.tier},
                   {"tier_label", network::StationTierLabel(d.site.tier)},
                   {"region", d.site.region},
                   {"region_name", RegionName(d.site.region)},
                   {"owner", owner},
                   {"owner_name", RegionName(owner)},
                   {"opened_on", DateText(d.site.opened_on)},
                   {"closed_on", DateText(d.site.closed_on)},
                   {"parent", parent}}},
                 {"months", rows},
                 {"totals", {{"jobs_collected", jobs}, {"placed", placed}, {"retained", retained}, {"rights_cases", cases}}},
                 {"may_record", IsOfficer(a) && d.site.OpenOn(Date::InChina(clock_.Now()))}});
}

HttpResponse Api::NetworkRecordStationWork(Call& c) {
  const auth::Account& a = c.account();
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  network::StationWorkStore work(*c.db, regions_);
  if (auto m = work.Migrate(); !m) return StoreError(m.error(), *log_);
  network::NetworkStore net(*c.db, regions_);
  auto site = RecordForWrite<network::SiteDetail>(
      c, kWork, [&](int64_t id) { return net.FindSite(id); }, StationCovered, error);
  if (!site) return error;
  const std::string target = kWork.Target(c);
  network::StationWorkInput in;
  in.site_id = site->site.site_id;
  BodyText(*body, "month", in.month);
  BodyText(*body, "note", in.note);
  for (auto [key, field, out] : {std::tuple{"jobs_collected", "岗位信息收集数", &in.jobs_collected},
                                 std::tuple{"placed", "输出就业人数", &in.placed},
                                 std::tuple{"retained", "稳岗人数", &in.retained},
                                 std::tuple{"rights_cases", "维权案件数", &in.rights_cases}}) {
    if (!body->contains(key)) return BadRequest(fmt::format("{}：不能为空", field));
    auto v = BodyInt(*body, key);
    if (!v) return BadRequest(fmt::format("{}：须为整数", field));
    *out = *v;
  }
  const bool replace = body->value("replace", false);
  const Date today = Date::InChina(clock_.Now());
  if (replace) {
    if (auto r = work.Replace(in, today, a.username); !r) return WriteFailed(c, kWork.action, target, r.error());
  } else {
    auto id = work.Add(in, today, a.username);
    if (!id) return WriteFailed(c, kWork.action, target, id.error());
  }
  Audit(c, kWork.action, target, "ok",
        fmt::format("{} {}{}：岗位 {}，输出 {}，稳岗 {}，维权 {}", site->site.name, in.month, replace ? "（更正）" : "",
                    in.jobs_collected, in.placed, in.retained, in.rights_cases));
  return JsonOk({{"site_id", in.site_id}, {"month", in.month}, {"replaced", replace}}, replace ? 200 : 201);
}

}  // namespace qjy::server
