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
#include "server/api_write.h"
#include "store/registry_store.h"

namespace qjy::server {
namespace {

using nlohmann::json;

bool ReadKey(const json& body, network::KeyEnterpriseInput& in, HttpResponse& error) {
  BodyText(body, "credit_code", in.credit_code);
  BodyText(body, "kind", in.kind);
  BodyText(body, "officer", in.officer);
  BodyText(body, "note", in.note);
  return BodyOptDate(body, "listed_on", "列入名录日期", in.listed_on, error) &&
         BodyOptDate(body, "delisted_on", "移出名录日期", in.delisted_on, error);
}


}  // namespace

HttpResponse Api::NetworkKeyEnterprises(Call& c) {
  const auth::Account& a = c.account();
  const auto scope = ReadableRegion(a, QueryText(c.query, "region"));
  if (!scope) return Forbidden();
  const std::string& region = *scope;
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
  auto emp = store::RegistryStore(*c.db, vault_).FindEmployer(in.credit_code);
  if (!emp) return StoreError(emp.error(), *log_);
  if (*emp && !RegionCovers(a.region_code, (*emp)->county_code)) {
    Audit(c, "network.key.add", target, "denied");
    return Forbidden();
  }
  auto id = store.Add(in, Date::InChina(clock_.Now()), a.username);
  if (!id) return WriteFailed(c, "network.key.add", target, id.error());
  Audit(c, "network.key.add", "key_enterprise:" + std::to_string(*id), "ok", in.credit_code);
  return JsonOk({{"enterprise_id", *id}, {"credit_code", in.credit_code}}, 201);
}

namespace {
constexpr Api::WriteTarget kKeyEdit{"network.key.edit", "key_enterprise", "没有该重点企业"};
constexpr Api::WriteTarget kKeyContact{"network.key.contact", "key_enterprise", "没有该重点企业"};
bool KeyCovered(const auth::Account& a, const network::KeyEnterprise& k) {
  return RegionCovers(a.region_code, k.county_code);
}
}  // namespace

HttpResponse Api::NetworkEditKeyEnterprise(Call& c) {
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  network::KeyEnterpriseStore store(*c.db, regions_);
  if (auto m = store.Migrate(); !m) return StoreError(m.error(), *log_);
  auto found = RecordForWrite<network::KeyEnterprise>(
      c, kKeyEdit, [&](int64_t id) { return store.Find(id); }, KeyCovered, error);
  if (!found) return error;
  const int64_t id = found->enterprise_id;
  const std::string target = kKeyEdit.Target(c);
  network::KeyEnterpriseInput in = found->in;
  if (!ReadKey(*body, in, error)) return error;
  auto r = store.Edit(id, in, Date::InChina(clock_.Now()), c.account().username);
  if (!r) return WriteFailed(c, kKeyEdit.action, target, r.error());
  Audit(c, kKeyEdit.action, target, "ok");
  return JsonOk({{"enterprise_id", id}, {"officer", in.officer}});
}

HttpResponse Api::NetworkAddKeyContact(Call& c) {
  const auth::Account& a = c.account();
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  network::KeyEnterpriseStore store(*c.db, regions_);
  if (auto m = store.Migrate(); !m) return StoreError(m.error(), *log_);
  auto found = RecordForWrite<network::KeyEnterprise>(
      c, kKeyContact, [&](int64_t id) { return store.Find(id); }, KeyCovered, error);
  if (!found) return error;
  const int64_t id = found->enterprise_id;
  const std::string target = kKeyContact.Target(c);
  network::KeyContact contact;
  std::optional<Date> on;
  if (!BodyOptDate(*body, "contacted_on", "联系日期", on, error)) return error;
  if (!on) return BadRequest("联系日期：不能为空");
  contact.contacted_on = *on;
  BodyText(*body, "way", contact.way);
  BodyText(*body, "needs", contact.needs);
  BodyText(*body, "follow_up", contact.follow_up);
  BodyText(*body, "officer", contact.officer);
  if (contact.officer.empty()) contact.officer = a.username;
  if (body->contains("jobs_collected")) {
    auto n = BodyInt(*body, "jobs_collected");
    if (!n) return BadRequest("收集岗位数：须为整数");
    contact.jobs_collected = *n;
  }
  auto cid = store.AddContact(id, contact, Date::InChina(clock_.Now()), a.username);
  if (!cid) return WriteFailed(c, kKeyContact.action, target, cid.error());
  Audit(c, kKeyContact.action, target, "ok", contact.contacted_on.ToString());
  return JsonOk({{"contact_id", *cid}, {"enterprise_id", id}}, 201);
}

}  // namespace qjy::server
