// The 就业帮扶车间（基地） registry (issue #15, main(九), A2(十四)), for officers:
//   GET  /api/network/workshops?region=  the workshops under the region
//        (default the caller's; auditors: the province), with the operator's
//        name and the recognition as labels
//   POST /api/network/workshops  {region, name, operator_credit_code,
//        address?, status?, recognised_on?, revoked_on?, poverty_employed?,
//        poverty_source?, poverty_as_of?}: registers a workshop in the
//        caller's region; 400 names the field
//   PUT  /api/network/workshops/{workshop_id}  the same fields (absent keys
//        keep their value, "" clears): edits it, old values kept in the
//        registry's history
// Writes are audited (network.workshop.add, network.workshop.edit);
// out-of-scope targets are 403 and audited as denied. R5 and R19 read
// these rows (policy/world_loader.cc).
#include <tuple>

#include "network/network_store.h"
#include "network/workshop_store.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "server/api_write.h"
#include "store/registry_store.h"

namespace qjy::server {
namespace {

using nlohmann::json;


// Reads the body into `in` over its current values: absent keys keep them,
// "" or null clears a date or the entered number. False (and a 400 in
// `error`) when a date or number is malformed.
bool ReadWorkshop(const json& body, network::WorkshopInput& in, HttpResponse& error) {
  auto text = [&](const char* key, std::string& out) {
    if (body.contains(key) && body[key].is_string()) out = body[key].get<std::string>();
  };
  text("region", in.region);
  text("name", in.name);
  text("operator_credit_code", in.operator_credit_code);
  text("address", in.address);
  text("status", in.status);
  text("poverty_source", in.poverty_source);
  auto cleared = [&](const char* key) {
    return body[key].is_null() || (body[key].is_string() && body[key].get<std::string>().empty());
  };
  for (auto [key, field, out] : {std::tuple{"recognised_on", "认定日期", &in.recognised_on},
                                 std::tuple{"revoked_on", "撤销日期", &in.revoked_on},
                                 std::tuple{"poverty_as_of", "人数统计日期", &in.poverty_as_of}}) {
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
  if (body.contains("poverty_employed")) {
    in.poverty_employed.reset();
    if (!cleared("poverty_employed")) {
      auto n = BodyInt(body, "poverty_employed");
      if (!n) {
        error = BadRequest("吸纳脱贫人口人数：须为整数");
        return false;
      }
      in.poverty_employed = *n;
    }
  }
  return true;
}

}  // namespace

HttpResponse Api::NetworkWorkshops(Call& c) {
  const auth::Account& a = c.account();
  const auto scope = ReadableRegion(a, QueryText(c.query, "region"));
  if (!scope) return Forbidden();
  const std::string& region = *scope;
  if (auto m = network::NetworkStore(*c.db, regions_).Migrate(); !m) return StoreError(m.error(), *log_);
  network::WorkshopStore store(*c.db, regions_);
  auto list = store.List(region);
  if (!list) return StoreError(list.error(), *log_);
  store::RegistryStore registry(*c.db, vault_);
  json items = json::array();
  for (const auto& w : *list) {
    if (items.size() >= 500) break;
    auto operator_ = registry.FindEmployer(w.in.operator_credit_code);
    if (!operator_) return StoreError(operator_.error(), *log_);
    items.push_back({{"workshop_id", w.workshop_id},
                     {"name", w.in.name},
                     {"region", w.in.region},
                     {"region_name", RegionName(w.in.region)},
                     {"operator_credit_code", w.in.operator_credit_code},
                     {"operator_name", *operator_ ? (*operator_)->name : std::string()},
                     {"address", w.in.address},
                     {"status", w.in.status},
                     {"status_label", std::string(network::WorkshopStatusLabel(w.in.status))},
                     {"recognised_on", DateText(w.in.recognised_on)},
                     {"revoked_on", DateText(w.in.revoked_on)},
                     {"poverty_employed", w.in.poverty_employed ? json(*w.in.poverty_employed) : json()},
                     {"poverty_source", w.in.poverty_source},
                     {"poverty_as_of", DateText(w.in.poverty_as_of)}});
  }
  return JsonOk({{"region", region}, {"region_name", RegionName(region)}, {"total", list->size()}, {"items", items}});
}

HttpResponse Api::NetworkAddWorkshop(Call& c) {
  const auth::Account& a = c.account();
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  network::WorkshopInput in;
  if (!ReadWorkshop(*body, in, error)) return error;
  const std::string target = "workshop:" + in.region + " " + in.name;
  if (!IsOfficer(a) || in.region.empty() || !RegionCovers(a.region_code, in.region)) {
    Audit(c, "network.workshop.add", target, "denied");
    return Forbidden();
  }
  if (auto m = network::NetworkStore(*c.db, regions_).Migrate(); !m) return StoreError(m.error(), *log_);
  network::WorkshopStore store(*c.db, regions_);
  auto id = store.Add(in, Date::InChina(clock_.Now()), a.username);
  if (!id) return WriteFailed(c, "network.workshop.add", target, id.error());
  Audit(c, "network.workshop.add", "workshop:" + std::to_string(*id), "ok", in.name);
  return JsonOk({{"workshop_id", *id}, {"name", in.name}, {"region_name", RegionName(in.region)}}, 201);
}

namespace {
constexpr Api::WriteTarget kWorkshopEdit{"network.workshop.edit", "workshop", "没有该就业帮扶车间"};
}  // namespace

HttpResponse Api::NetworkEditWorkshop(Call& c) {
  const auth::Account& a = c.account();
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  if (auto m = network::NetworkStore(*c.db, regions_).Migrate(); !m) return StoreError(m.error(), *log_);
  network::WorkshopStore store(*c.db, regions_);
  auto found = RecordForWrite<network::Workshop>(
      c, kWorkshopEdit, [&](int64_t id) { return store.Find(id); },
      [](const auth::Account& a, const network::Workshop& w) { return RegionCovers(a.region_code, w.in.region); },
      error);
  if (!found) return error;
  const int64_t id = found->workshop_id;
  const std::string target = kWorkshopEdit.Target(c);
  network::WorkshopInput in = found->in;
  if (!ReadWorkshop(*body, in, error)) return error;
  if (!RegionCovers(a.region_code, in.region)) {
    Audit(c, kWorkshopEdit.action, target, "denied");
    return Forbidden();
  }
  auto r = store.Update(id, in, Date::InChina(clock_.Now()), a.username);
  if (!r) return WriteFailed(c, kWorkshopEdit.action, target, r.error());
  Audit(c, kWorkshopEdit.action, target, "ok", in.name);
  return JsonOk({{"workshop_id", id}, {"name", in.name}, {"status", in.status}});
}

}  // namespace qjy::server
