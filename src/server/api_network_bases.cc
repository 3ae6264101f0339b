// 粤黔“一县一企”“一县多企”稳岗就业基地 (issue #15, 附件2（一）), for officers
// (auditors read):
//   GET  /api/network/bases?region=&on=  the bases of the counties under the
//        region with their partner, city, dates, posts and the Guizhou
//        workers employed there on `on` (default today): from contracts,
//        entered (with source) or unknown
//   POST /api/network/bases  {county, name, partner_credit_code? |
//        partner_name + partner_region, partner_city, signed_on?,
//        closed_on?, posts_offered?, workers_entered?, workers_source?,
//        workers_as_of?, note?}: registers a base of a county in the
//        caller's region; 400 names the field
//   PUT  /api/network/bases/{base_id}  the same fields (absent keys keep
//        their value, "" or null clears a date or number); the county stays
// Writes audited (network.base.add, network.base.edit); out of scope 403
// audited as denied.
#include <tuple>

#include "network/base_store.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "server/api_write.h"

namespace qjy::server {
namespace {

using nlohmann::json;

// Reads the body over `in`: absent keys keep their value, "" or null
// clears a date or number. False (and a 400 in `error`) when malformed.
bool ReadBase(const json& body, network::BaseInput& in, HttpResponse& error) {
  BodyText(body, "county", in.county);
  BodyText(body, "name", in.name);
  BodyText(body, "partner_credit_code", in.partner_credit_code);
  BodyText(body, "partner_name", in.partner_name);
  BodyText(body, "partner_region", in.partner_region);
  BodyText(body, "partner_city", in.partner_city);
  BodyText(body, "workers_source", in.workers_source);
  BodyText(body, "note", in.note);
  auto cleared = [&](const char* key) {
    return body[key].is_null() || (body[key].is_string() && body[key].get<std::string>().empty());
  };
  for (auto [key, field, out] : {std::tuple{"signed_on", "签约日期", &in.signed_on},
                                 std::tuple{"closed_on", "终止日期", &in.closed_on},
                                 std::tuple{"workers_as_of", "人数统计日期", &in.workers_as_of}}) {
    if (!body.contains(key)) continue;
    out->reset();
    if (cleared(key)) continue;
    std::optional<Date> d;
    if (body[key].is_string()) {
      if (auto parsed = Date::Parse(body[key].get<std::string>())) d = *parsed;
    }
    if (!d) {
      error = BadRequest(std::string(field) + "：不是有效日期（YYYY-MM-DD）");
      return false;
    }
    *out = *d;
  }
  for (auto [key, field, out] : {std::tuple{"posts_offered", "提供岗位数", &in.posts_offered},
                                 std::tuple{"workers_entered", "吸纳贵州籍务工人数", &in.workers_entered}}) {
    if (!body.contains(key)) continue;
    out->reset();
    if (cleared(key)) continue;
    auto n = BodyInt(body, key);
    if (!n) {
      error = BadRequest(std::string(field) + "：须为整数");
      return false;
    }
    *out = *n;
  }
  return true;
}

const char* WorkersSourceLabel(std::string_view source) {
  if (source == "contracts") return "登记库劳动合同";
  if (source == "entered") return "录入";
  return "未知";
}

}  // namespace

HttpResponse Api::NetworkBases(Call& c) {
  const auth::Account& a = c.account();
  const auto scope = ReadableRegion(a, QueryText(c.query, "region"));
  if (!scope) return Forbidden();
  const std::string& region = *scope;
  Date on = Date::InChina(clock_.Now());
  if (auto t = QueryText(c.query, "on"); !t.empty()) {
    auto d = Date::Parse(t);
    if (!d) return BadRequest("统计日（on）格式应为 YYYY-MM-DD");
    on = *d;
  }
  network::BaseStore store(*c.db, regions_);
  if (auto m = store.Migrate(); !m) return StoreError(m.error(), *log_);
  auto list = store.List(region.size() > 6 ? region.substr(0, 6) : region);
  if (!list) return StoreError(list.error(), *log_);
  json items = json::array();
  for (const auto& b : *list) {
    if (items.size() >= 500) break;
    auto w = store.Workers(b, on);
    if (!w) return StoreError(w.error(), *log_);
    items.push_back({{"base_id", b.base_id},
                     {"county", b.in.county},
                     {"county_name", RegionName(b.in.county)},
                     {"name", b.in.name},
                     {"partner_credit_code", b.in.partner_credit_code},
                     {"partner_name", b.partner_label},
                     {"partner_region", b.in.partner_region},
                     {"partner_region_name", RegionName(b.in.partner_region)},
                     {"partner_city", b.in.partner_city},
                     {"partner_city_name", RegionName(b.in.partner_city)},
                     {"signed_on", DateText(b.in.signed_on)},
                     {"closed_on", DateText(b.in.closed_on)},
                     {"posts_offered", b.in.posts_offered ? json(*b.in.posts_offered) : json()},
                     {"workers_entered", b.in.workers_entered ? json(*b.in.workers_entered) : json()},
                     {"workers_source", b.in.workers_source},
                     {"workers_as_of", DateText(b.in.workers_as_of)},
                     {"workers", w->count ? json(*w->count) : json()},
                     {"workers_from", w->source},
                     {"workers_from_label", WorkersSourceLabel(w->source)},
                     {"workers_note", w->note},
                     {"key_enterprise_id", b.key_enterprise_id ? json(*b.key_enterprise_id) : json()},
                     {"note", b.in.note}});
  }
  return JsonOk({{"region", region},
                 {"region_name", RegionName(region)},
                 {"on", on.ToString()},
                 {"total", list->size()},
                 {"items", items}});
}

HttpResponse Api::NetworkAddBase(Call& c) {
  const auth::Account& a = c.account();
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  network::BaseInput in;
  if (!ReadBase(*body, in, error)) return error;
  const std::string target = "employment_base:" + in.county + " " + in.name;
  if (!IsOfficer(a) || in.county.empty() || !RegionCovers(a.region_code, in.county)) {
    Audit(c, "network.base.add", target, "denied");
    return Forbidden();
  }
  network::BaseStore store(*c.db, regions_);
  if (auto m = store.Migrate(); !m) return StoreError(m.error(), *log_);
  auto id = store.Add(in, Date::InChina(clock_.Now()), a.username);
  if (!id) return WriteFailed(c, "network.base.add", target, id.error());
  Audit(c, "network.base.add", "employment_base:" + std::to_string(*id), "ok", in.name);
  return JsonOk({{"base_id", *id}, {"name", in.name}, {"county_name", RegionName(in.county)}}, 201);
}

namespace {
constexpr Api::WriteTarget kBaseEdit{"network.base.edit", "employment_base", "没有该稳岗就业基地"};
bool BaseCovered(const auth::Account& a, const network::Base& b) { return RegionCovers(a.region_code, b.in.county); }
}  // namespace

HttpResponse Api::NetworkEditBase(Call& c) {
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  network::BaseStore store(*c.db, regions_);
  if (auto m = store.Migrate(); !m) return StoreError(m.error(), *log_);
  auto found = RecordForWrite<network::Base>(
      c, kBaseEdit, [&](int64_t id) { return store.Find(id); }, BaseCovered, error);
  if (!found) return error;
  const int64_t id = found->base_id;
  const std::string target = kBaseEdit.Target(c);
  network::BaseInput in = found->in;
  if (!ReadBase(*body, in, error)) return error;
  auto r = store.Edit(id, in, Date::InChina(clock_.Now()), c.account().username);
  if (!r) return WriteFailed(c, kBaseEdit.action, target, r.error());
  Audit(c, kBaseEdit.action, target, "ok");
  return JsonOk({{"base_id", id}, {"name", in.name}});
}

}  // namespace qjy::server
