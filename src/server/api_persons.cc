// GET /api/persons, GET /api/persons/{id}, POST /api/persons/{id}/reveal.
#include <charconv>
#include "core/mask.h"
#include "registry/codes.h"
#include "registry/place.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "store/registry_store.h"

namespace qjy::server {
namespace {

std::optional<int64_t> ParseId(const std::string& s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

HttpResponse Api::ListPersons(Call& c) {
  const auth::Account& a = c.account();
  if (!auth::RoleMay(a.role, auth::Permission::kReadPersons)) {
    Audit(c, "person.list", "persons", "denied");
    return Forbidden();
  }
  HttpResponse error;
  auto after = QueryInt(c.query, "after", 0, 0, INT64_MAX, error);
  if (!after) return error;
  auto limit = QueryInt(c.query, "limit", 50, 1, 200, error);
  if (!limit) return error;
  const std::string region = QueryText(c.query, "region");
  const std::string name = QueryText(c.query, "name");
  const std::string group = QueryText(c.query, "group");
  const std::string id_number = QueryText(c.query, "id_number");

  store::PersonFilter f;
  f.after_person_id = *after;
  f.limit = static_cast<int>(*limit);
  f.name = name;
  // Officers are confined to their region; auditors see the province.
  std::string scope = a.role == auth::Role::kOfficer ? a.region_code : std::string();
  if (!region.empty()) {
    if (auth::RegionLevel(region) == 0) return BadRequest("区划代码须为 2/4/6/9/12 位数字");
    if (!scope.empty() && !RegionCovers(scope, region)) {
      Audit(c, "person.list", "region:" + region, "denied");
      return Forbidden();
    }
    f.region_prefix = region;
  } else {
    f.region_prefix = scope;
  }
  if (!group.empty()) {
    f.group = registry::Parse<registry::Group>(group);
    if (!f.group) return BadRequest("未知的人员类别：" + group);
  }

  store::RegistryStore registry(*c.db, vault_);
  std::vector<registry::Person> persons;
  if (!id_number.empty()) {
    auto found = registry.FindPersonByIdNumber(id_number);
    if (!found) return StoreError(found.error(), *log_);
    if (*found) {
      const auto& p = **found;
      bool in_region = f.region_prefix.empty() || RegionCovers(f.region_prefix, p.hukou_region) ||
                       RegionCovers(f.region_prefix, p.residence_region) ||
                       RegionCovers(f.region_prefix, p.county_code);
      if (in_region && (name.empty() || p.name == name)) persons.push_back(p);
    }
  } else {
    auto list = registry.ListPersons(f);
    if (!list) return StoreError(list.error(), *log_);
    persons = std::move(*list);
  }
  nlohmann::json items = nlohmann::json::array();
  for (const auto& p : persons) items.push_back(PersonSummaryJson(p));
  nlohmann::json out = {{"items", std::move(items)}, {"next_after", nullptr}};
  if (id_number.empty() && static_cast<int64_t>(persons.size()) == *limit) {
    out["next_after"] = persons.back().person_id;
  }
  nlohmann::json detail = {{"region", f.region_prefix}, {"count", persons.size()}};
  if (!name.empty()) detail["name"] = name;
  if (!group.empty()) detail["group"] = group;
  if (!id_number.empty()) detail["id_number"] = MaskValue(id_number);
  std::string ids;
  for (const auto& p : persons) ids += (ids.empty() ? "" : ",") + std::to_string(p.person_id);
  detail["persons"] = ids;
  if (!Audit(c, id_number.empty() ? "person.list" : "person.search", "persons", "ok",
             Dump(detail))) {
    return HttpResponse::Error(503, "audit_unavailable", "审计记录写入失败，暂不能查询");
  }
  return JsonOk(out);
}

HttpResponse Api::GetPerson(Call& c) {
  const auth::Account& a = c.account();
  auto id = ParseId(c.params[0]);
  if (!id) return NotFound("没有该人员");
  const std::string target = "person:" + std::to_string(*id);
  if (a.role != auth::Role::kOfficer && a.role != auth::Role::kSeeker) {
    Audit(c, "person.read", target, "denied");
    return Forbidden();
  }
  store::RegistryStore registry(*c.db, vault_);
  auto p = registry.GetPerson(*id);
  if (!p) return StoreError(p.error(), *log_);
  // Out of scope answers exactly like "does not exist": no existence leak.
  if (!*p || !MayReadPerson(a, **p, vault_)) {
    Audit(c, "person.read", target, *p ? "denied" : "not_found");
    return NotFound("没有该人员");
  }
  nlohmann::json j = PersonDetailJson(**p);
  auto history = registry.History("person", *id);
  if (!history) return StoreError(history.error(), *log_);
  nlohmann::json changes = nlohmann::json::array();
  for (const auto& ch : *history) {
    auto diff = nlohmann::json::parse(ch.diff_json, nullptr, false);
    changes.push_back({{"change_id", ch.change_id},
                       {"actor", ch.actor},
                       {"at", ch.at},
                       {"op", ch.op},
                       {"diff", diff.is_discarded() ? nlohmann::json::object() : diff}});
  }
  j["history"] = std::move(changes);
  const store::Value params[] = {*id};
  auto rows = c.db->Query(
      "SELECT c.contract_id, c.employer_credit_code, COALESCE(e.name, ''), c.start_on, c.end_on, "
      "c.work_region, c.social_insurance_months, c.flexible FROM contracts c "
      "LEFT JOIN employers e ON e.credit_code = c.employer_credit_code "
      "WHERE c.person_id = ? ORDER BY c.start_on",
      params);
  if (!rows) return StoreError(rows.error(), *log_);
  nlohmann::json contracts = nlohmann::json::array();
  for (const auto& r : *rows) {
    contracts.push_back({{"contract_id", r.Int(0)},
                         {"employer_credit_code", r.Text(1)},
                         {"employer_name", r.Text(2)},
                         {"start_on", r.Text(3)},
                         {"end_on", r.Text(4)},
                         {"work_region", r.Text(5)},
                         // 本县/跨县/跨省/未知, derived from 户籍地 and the place of work (#12).
                         {"place", registry::Label(registry::ClassifyWorkPlace(registry::HomeRegion(**p), r.Text(5)))},
                         {"social_insurance_months", r.Int(6)},
                         {"flexible", r.Int(7) != 0}});
  }
  j["contracts"] = std::move(contracts);
  if (!Audit(c, "person.read", target, "ok")) {
    return HttpResponse::Error(503, "audit_unavailable", "审计记录写入失败，暂不能查询");
  }
  return JsonOk(j);
}

HttpResponse Api::RevealPerson(Call& c) {
  const auth::Account& a = c.account();
  auto id = ParseId(c.params[0]);
  if (!id) return NotFound("没有该人员");
  const std::string target = "person:" + std::to_string(*id);
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  if (!auth::RoleMay(a.role, auth::Permission::kRevealIdentity) || !a.HasGrant("reveal")) {
    Audit(c, "person.reveal", target, "denied");
    return Forbidden();
  }
  const auto field = (*body)["field"].is_string() ? (*body)["field"].get<std::string>() : "";
  const auto reason = (*body)["reason"].is_string() ? (*body)["reason"].get<std::string>() : "";
  if (field != "id_number" && field != "phone") return BadRequest("field 须为 id_number 或 phone");
  if (CodePoints(reason) < 4 || reason.size() > 500) {
    return BadRequest("请填写查看明文的理由（至少 4 个字）");
  }
  store::RegistryStore registry(*c.db, vault_);
  auto p = registry.GetPerson(*id);
  if (!p) return StoreError(p.error(), *log_);
  if (!*p || !MayReadPerson(a, **p, vault_)) {
    Audit(c, "person.reveal", target, *p ? "denied" : "not_found");
    return NotFound("没有该人员");
  }
  nlohmann::json detail = {{"field", field}, {"reason", ScrubIdentity(reason)}};
  // The value leaves only once the reveal is on record.
  if (!Audit(c, "person.reveal", target, "ok", Dump(detail))) {
    return HttpResponse::Error(503, "audit_unavailable", "审计记录写入失败，暂不能查看");
  }
  return JsonOk({{"value", field == "id_number" ? (*p)->id_number : (*p)->phone}});
}

}  // namespace qjy::server
