// The east–west key-enterprise list and its 人社服务专员 (issue #15,
// main(十六), A4(六)), for officers (auditors read):
//   GET  /api/network/key-enterprises?region=  listed employers of the
//        counties under the region with kind, officer, last contact
//   POST /api/network/key-enterprises  {credit_code, kind, officer,
//        listed_on?, note?}
//   PUT  /api/network/key-enterprises/{enterprise_id}  {kind?, officer?,
//        listed_on?, delisted_on?, note?} (absent keys keep their value)
//   POST /api/network/key-enterprises/{enterprise_id}/contacts
//        {contacted_on, way, jobs_collected?, needs?, follow_up?, officer?}
// Writes in the caller's region only, audited (network.key.add|edit|contact);
// out of scope 403 audited as denied; 400 names the field.
#include <tuple>

#include "network/key_enterprise_store.h"
#include "server/access.h"
#include "server/api_internal.h"

namespace qjy::server {
namespace {

using nlohmann::json;

bool IsOfficer(const auth::Account& a) { return a.role == auth::Role::kOfficer; }
std::string DateText(const std::optional<Date>& d) { return d ? d->ToString() : ""; }

void Text(const json& body, const char* key, std::string& out) {
  if (body.contains(key) && body[key].is_string()) out = body[key].get<std::string>();
}

bool OptDate(const json& body, const char* key, const char* field, std::optional<Date>& out, HttpResponse& error) {
  if (!body.contains(key)) return true;
  out.reset();
  if (body[key].is_null() || (body[key].is_string() && body[key].get<std::string>().empty())) return true;
  if (body[key].is_string()) {
    if (auto d = Date::Parse(body[key].get<std::string>())) {
      out = *d;
      return true;
    }
  }
  error = BadRequest(std::string(field) + "：不是有效日期（YYYY-MM-DD）");
  return false;
}

bool ReadKey(const json& body, network::KeyEnterpriseInput& in, HttpResponse& error) {
  Text(body, "credit_code", in.credit_code);
  Text(body, "kind", in.kind);
  Text(body, "officer", in.officer);
  Text(body, "note", in.note);
  return OptDate(body, "listed_on", "列入名录日期", in.listed_on, error) &&
         OptDate(body, "delisted_on", "移出名录日期", in.delisted_on, error);
}


}  // namespace

HttpResponse Api::NetworkKeyEnterprises(Call& c) {
  const auth::Account& a = c.account();
  if (!IsOfficer(a) && a.role != auth::Role::kAuditor) return Forbidden();
  std::string region = QueryText(c.query, "region");
  if (region.empty()) region = IsOfficer(a) ? a.region_code : "52";
  if (IsOfficer(a) && !RegionCovers(a.region_code, region)) return Forbidden();
  network::KeyEnterpriseStore store(*c.db, regions_);
  if (auto m = store.Migrate(); !m) return StoreError(m.error(), *log_);
  auto list = store.List(region.size() > 6 ? region.substr(0, 6) : region);
  if (!list) return StoreError(list.error(), *log_);
  json items = json::array();
  for (const auto& k : *list) {
    if (items.size() >= 500) break;
    auto contacts = store.Contacts(k.enterprise_id);
    if (!contacts) return StoreError(contacts.error(), *log_);
    json recent = json::array();
    for (auto it = contacts->rbegin(); it != contacts->rend() && recent.size() < 5; ++it) {
      recent.push_back({{"contact_id", it->contact_id}, {"contacted_on", it->contacted_on.ToString()}, {"way", it->way},
                        {"officer", it->officer}, {"jobs_collected", it->jobs_collected}, {"needs", it->needs},
                        {"follow_up", it->follow_up}});
    }
    items.push_back({{"enterprise_id", k.enterprise_id},
                     {"county", k.county_code},
                     {"county_name", RegionName(k.county_code)},
                     {"credit_code", k.in.credit_code},
                     {"name", k.employer_name},
                     {"kind", k.in.kind},
                     {"kind_label", std::string(network::KeyKindLabel(k.in.kind))},
                     {"officer", k.in.officer},
                     {"listed_on", DateText(k.in.listed_on)},
                     {"delisted_on", DateText(k.in.delisted_on)},
                     {"note", k.in.note},
                     {"last_contact", DateText(k.last_contact)},
                     {"contacts", k.contacts},
                     {"recent_contacts", std::move(recent)}});
  }
  return JsonOk({{"region", region}, {"region_name", RegionName(region)}, {"total", list->size()}, {"items", items}});
}

HttpResponse Api::NetworkAddKeyEnterprise(Call& c) {
  const auth::Account& a = c.account();
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  network::KeyEnterpriseInput in;
  if (!ReadKey(*body, in, error)) return error;
  const std::string target = "key_enterprise:" + in.credit_code;
  if (!IsOfficer(a)) {
    Audit(c, "network.key.add", target, "denied");
    return Forbidden();
  }
  network::KeyEnterpriseStore store(*c.db, regions_);
  if (auto m = store.Migrate(); !m) return StoreError(m.error(), *log_);
  // The employer's county must lie in the caller's region.
  const store::Value p[] = {in.credit_code};
  auto emp = c.db->Query("SELECT county_code FROM employers WHERE credit_code = ?", p);
  if (!emp) return StoreError(emp.error(), *log_);
  if (!emp->empty() && !RegionCovers(a.region_code, emp->front().Text(0))) {
    Audit(c, "network.key.add", target, "denied");
    return Forbidden();
  }
  auto id = store.Add(in, Date::InChina(clock_.Now()), a.username);
  if (!id) {
    Audit(c, "network.key.add", target, "rejected", id.error().message);
    if (id.error().code == ErrorCode::kInvalidArgument) return BadRequest(id.error().message);
    return StoreError(id.error(), *log_);
  }
  Audit(c, "network.key.add", "key_enterprise:" + std::to_string(*id), "ok", in.credit_code);
  return JsonOk({{"enterprise_id", *id}, {"credit_code", in.credit_code}}, 201);
}

HttpResponse Api::NetworkEditKeyEnterprise(Call& c) {
  const auth::Account& a = c.account();
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  int64_t id = 0;
  try {
    id = std::stoll(c.params[0]);
  } catch (...) {
    return NotFound("没有该重点企业");
  }
  const std::string target = "key_enterprise:" + c.params[0];
  if (!IsOfficer(a)) {
    Audit(c, "network.key.edit", target, "denied");
    return Forbidden();
  }
  network::KeyEnterpriseStore store(*c.db, regions_);
  if (auto m = store.Migrate(); !m) return StoreError(m.error(), *log_);
  auto found = store.Find(id);
  if (!found) return StoreError(found.error(), *log_);
  if (!*found) return NotFound("没有该重点企业");
  if (!RegionCovers(a.region_code, (*found)->county_code)) {
    Audit(c, "network.key.edit", target, "denied");
    return Forbidden();
  }
  network::KeyEnterpriseInput in = (*found)->in;
  if (!ReadKey(*body, in, error)) return error;
  auto r = store.Edit(id, in, Date::InChina(clock_.Now()), a.username);
  if (!r) {
    Audit(c, "network.key.edit", target, "rejected", r.error().message);
    return r.error().code == ErrorCode::kInvalidArgument ? BadRequest(r.error().message) : StoreError(r.error(), *log_);
  }
  Audit(c, "network.key.edit", target, "ok");
  return JsonOk({{"enterprise_id", id}, {"officer", in.officer}});
}

HttpResponse Api::NetworkAddKeyContact(Call& c) {
  const auth::Account& a = c.account();
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  int64_t id = 0;
  try {
    id = std::stoll(c.params[0]);
  } catch (...) {
    return NotFound("没有该重点企业");
  }
  const std::string target = "key_enterprise:" + c.params[0];
  if (!IsOfficer(a)) {
    Audit(c, "network.key.contact", target, "denied");
    return Forbidden();
  }
  network::KeyEnterpriseStore store(*c.db, regions_);
  if (auto m = store.Migrate(); !m) return StoreError(m.error(), *log_);
  auto found = store.Find(id);
  if (!found) return StoreError(found.error(), *log_);
  if (!*found) return NotFound("没有该重点企业");
  if (!RegionCovers(a.region_code, (*found)->county_code)) {
    Audit(c, "network.key.contact", target, "denied");
    return Forbidden();
  }
  network::KeyContact contact;
  std::optional<Date> on;
  if (!OptDate(*body, "contacted_on", "联系日期", on, error)) return error;
  if (!on) return BadRequest("联系日期：不能为空");
  contact.contacted_on = *on;
  Text(*body, "way", contact.way);
  Text(*body, "needs", contact.needs);
  Text(*body, "follow_up", contact.follow_up);
  Text(*body, "officer", contact.officer);
  if (contact.officer.empty()) contact.officer = a.username;
  if (body->contains("jobs_collected")) {
    auto n = BodyInt(*body, "jobs_collected");
    if (!n) return BadRequest("收集岗位数：须为整数");
    contact.jobs_collected = *n;
  }
  auto cid = store.AddContact(id, contact, Date::InChina(clock_.Now()), a.username);
  if (!cid) {
    Audit(c, "network.key.contact", target, "rejected", cid.error().message);
    return cid.error().code == ErrorCode::kInvalidArgument ? BadRequest(cid.error().message)
                                                           : StoreError(cid.error(), *log_);
  }
  Audit(c, "network.key.contact", target, "ok", contact.contacted_on.ToString());
  return JsonOk({{"contact_id", *cid}, {"enterprise_id", id}}, 201);
}

}  // namespace qjy::server
