// GET /api/persons, GET /api/persons/{id}, POST /api/persons/{id}/reveal.
#include <algorithm>
#include <map>

#include "core/mask.h"
#include "core/utf8.h"
#include "registry/codes.h"
#include "registry/place.h"
#include "registry/organised.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "server/api_write.h"
#include "server/officer_names.h"
#include "store/registry_store.h"

namespace qjy::server {
namespace {

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

// Places (villages, townships) under `within` whose name contains `text`,
// or the code itself when `text` is one; at most `max` of them.
std::vector<std::string> Api::PlacesNamed(const std::string& text, const std::string& within,
                                          size_t max) const {
  std::vector<std::string> out;
  if (auth::RegionLevel(text) != 0) {
    if (within.empty() || text.starts_with(within) || within.starts_with(text)) out.push_back(text);
    return out;
  }
  std::vector<std::string> stack = {within.empty() ? std::string("52") : within};
  while (!stack.empty() && out.size() < max) {
    const std::string code = stack.back();
    stack.pop_back();
    auto children = regions_.Children(code);
    if (!children) continue;
    for (const auto& r : *children) {
      if ((r.level == RegionLevel::kVillage || r.level == RegionLevel::kTownship) &&
          r.name.find(text) != std::string::npos) {
        out.push_back(r.code);
        if (out.size() >= max) break;
        continue;  // a matching township holds its villages
      }
      if (r.level != RegionLevel::kVillage) stack.push_back(r.code);
    }
  }
  return out;
}

// GET /api/persons?q=&village=&region=&group=&after=&limit=
// q: part of a name, 拼音首字母, a full or masked ID number or phone, or
// the last 4 characters of either (store/person_search.h); the older
// name= and id_number= are read as q. village: part of a village's or
// township's name (or its code). Scoped like every read: an officer's
// region, or a region inside it.
HttpResponse Api::ListPersons(Call& c) {
  const auth::Account& a = c.account();
  if (!auth::RoleMay(a.role, auth::Permission::kReadPersons)) {
    Audit(c, "person.list", "persons", "denied");
    return Forbidden();
  }
  HttpResponse error;
  auto limit = QueryInt(c.query, "limit", 50, 1, 200, error);
  if (!limit) return error;
  const std::string region = QueryText(c.query, "region");
  const std::string group = QueryText(c.query, "group");
  const std::string village = QueryText(c.query, "village");
  std::string text = QueryText(c.query, "q");
  if (text.empty()) text = QueryText(c.query, "id_number");
  if (text.empty()) text = QueryText(c.query, "name");
  if (!IsValidUtf8(text) || !IsValidUtf8(village)) return BadRequest("查询内容含有无效字符");

  store::PersonSearch s;
  s.after = QueryText(c.query, "after");
  s.limit = static_cast<int>(*limit);
  auto query = store::ClassifyPersonQuery(text);
  if (!query) return BadRequest(query.error().message);
  s.query = *query;
  // Officers are confined to their region; auditors see the province.
  std::string scope = a.role == auth::Role::kOfficer ? a.region_code : std::string();
  if (!region.empty()) {
    if (auth::RegionLevel(region) == 0) return BadRequest("区划代码须为 2/4/6/9/12 位数字");
    if (!scope.empty() && !RegionCovers(scope, region)) {
      Audit(c, "person.list", "region:" + region, "denied");
      return Forbidden();
    }
    s.scope = region;
  } else {
    s.scope = scope;
  }
  if (!group.empty()) {
    s.group = registry::Parse<registry::Group>(group);
    if (!s.group) return BadRequest("未知的人员类别：" + group);
  }
  nlohmann::json places = nlohmann::json::array();
  if (!village.empty()) {
    if (Utf8Length(village) > 30) return BadRequest("村（社区）名称过长");
    s.places = PlacesNamed(village, s.scope, 50);
    for (const auto& code : s.places) places.push_back({{"code", code}, {"name", RegionName(code)}});
  }

  store::RegistryStore registry(*c.db, vault_);
  std::vector<registry::Person> persons;
  std::string next_after;
  if (village.empty() || !s.places.empty()) {
    auto page = registry.SearchPersons(s);
    if (!page) {
      if (page.error().code == ErrorCode::kInvalidArgument) return BadRequest(page.error().message);
      return StoreError(page.error(), *log_);
    }
    persons = std::move(page->persons);
    next_after = std::move(page->next_after);
  }
  nlohmann::json items = nlohmann::json::array();
  for (const auto& p : persons) {
    nlohmann::json j = PersonSummaryJson(p);
    j["phone"] = p.phone.empty() ? std::string() : MaskPhone(p.phone);
    j["hukou_region_name"] = RegionName(p.hukou_region);
    j["residence_region_name"] = RegionName(p.residence_region);
    items.push_back(std::move(j));
  }
  nlohmann::json out = {{"items", std::move(items)},
                        {"next_after", next_after.empty() ? nlohmann::json(nullptr) : nlohmann::json(next_after)},
                        {"searched", store::PersonQueryKindLabel(s.query.kind)},
                        {"places", places}};
  nlohmann::json detail = {{"region", s.scope}, {"count", persons.size()},
                           {"kind", store::PersonQueryKindLabel(s.query.kind)}};
  // Identity numbers reach the audit log masked only.
  if (!text.empty()) detail["q"] = s.query.kind == store::PersonQueryKind::kName ||
                                           s.query.kind == store::PersonQueryKind::kInitials
                                       ? s.query.text
                                       : MaskValue(s.query.text);
  if (!village.empty()) detail["village"] = village;
  if (!group.empty()) detail["group"] = group;
  std::string ids;
  for (const auto& p : persons) ids += (ids.empty() ? "" : ",") + std::to_string(p.person_id);
  detail["persons"] = ids;
  const bool by_identity = s.query.kind != store::PersonQueryKind::kNone &&
                           s.query.kind != store::PersonQueryKind::kName &&
                           s.query.kind != store::PersonQueryKind::kInitials;
  if (!Audit(c, by_identity ? "person.search" : "person.list", "persons", "ok", Dump(detail))) {
    return HttpResponse::Error(503, "audit_unavailable", "审计记录写入失败，暂不能查询");
  }
  return JsonOk(out);
}

HttpResponse Api::GetPerson(Call& c) {
  const auth::Account& a = c.account();
  auto id = PathId(c.params[0]);
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
  // Regions by name (#14): the page never shows a bare code.
  for (const char* field : {"hukou_region", "residence_region", "work_region", "insured_region"}) {
    j[std::string(field) + "_name"] = RegionName(j[field].get<std::string>());
  }
  j["county_name"] = RegionName((*p)->county_code);
  auto history = registry.History("person", *id);
  if (!history) return StoreError(history.error(), *log_);
  nlohmann::json changes = nlohmann::json::array();
  OfficerNames officers(*c.db, regions_);
  for (const auto& ch : *history) {
    auto diff = nlohmann::json::parse(ch.diff_json, nullptr, false);
    changes.push_back({{"change_id", ch.change_id},
                       {"actor", ch.actor},
                       {"actor_name", officers.Of(ch.actor)},
                       {"at", ch.at},
                       {"op", ch.op},
                       {"diff", diff.is_discarded() ? nlohmann::json::object() : diff}});
  }
  j["history"] = std::move(changes);
  auto held = registry.ContractsOfPerson(*id);
  if (!held) return StoreError(held.error(), *log_);
  std::stable_sort(held->begin(), held->end(),
                   [](const registry::Contract& x, const registry::Contract& y) { return x.start_on < y.start_on; });
  std::map<std::string, std::string> employer_names;
  nlohmann::json contracts = nlohmann::json::array();
  for (const auto& k : *held) {
    auto name = employer_names.find(k.employer_credit_code);
    if (name == employer_names.end()) {
      auto e = registry.FindEmployer(k.employer_credit_code);
      if (!e) return StoreError(e.error(), *log_);
      name = employer_names.emplace(k.employer_credit_code, *e ? (*e)->name : std::string()).first;
    }
    contracts.push_back({{"contract_id", k.contract_id},
                         {"employer_credit_code", k.employer_credit_code},
                         {"employer_name", name->second},
                         {"start_on", k.start_on.ToString()},
                         {"end_on", k.end_on ? k.end_on->ToString() : std::string()},
                         {"work_region", k.work_region},
                         {"work_region_name", RegionName(k.work_region)},
                         // 本县/跨县/跨省/未知, derived from 户籍地 and the place of work (#12).
                         {"place", registry::Label(registry::ClassifyWorkPlace(registry::HomeRegion(**p), k.work_region))},
                         {"social_insurance_months", k.social_insurance_months},
                         {"flexible", k.flexible},
                         // 外出组织方式 (附件2（四）): "" = 未记录.
                         {"organised_via", k.organised_via},
                         {"organised_via_label", std::string(registry::OrganisedViaLabel(k.organised_via))}});
  }
  j["contracts"] = std::move(contracts);
  if (!Audit(c, "person.read", target, "ok")) {
    return HttpResponse::Error(503, "audit_unavailable", "审计记录写入失败，暂不能查询");
  }
  return JsonOk(j);
}

HttpResponse Api::RevealPerson(Call& c) {
  const auth::Account& a = c.account();
  auto id = PathId(c.params[0]);
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
