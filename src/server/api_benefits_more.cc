// 失业补助金 / 失业农民工一次性生活补助 (附件3（二）), one person's benefits
// with the 转介民政 answer, and 我的失业保险金 (issue #16 §1):
//   GET  /api/benefits/subsidies?region=&status=&person=  claims under the
//        region (default the caller's), first 500; officers and auditors
//   POST /api/benefits/subsidies  {kind, person_id, applied_on}: decided
//        condition by condition (met / not met / unknown); the person's
//        county must be the caller's; audited benefits.subsidy
//   GET  /api/benefits/persons/{person_id}  the person's 失业保险金 claims
//        with months paid, subsidies, referrals to civil affairs and their
//        answers; officers covering the person's county, auditors
//   GET  /api/me/benefits  the same for the signed-in seeker's own record
#include <climits>

#include "benefits/benefit_store.h"
#include "benefits/entitlement.h"
#include "benefits/living_subsidy.h"
#include "benefits/person_view.h"
#include "benefits/subsidy_store.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "store/person_keys.h"

namespace qjy::server {

using nlohmann::json;

HttpResponse Api::BenefitSubsidies(Call& c) {
  const auth::Account& a = c.account();
  const auto scope = ReadableRegion(a, QueryText(c.query, "region"));
  if (!scope) return Forbidden();
  const std::string& region = *scope;
  if (auto m = EnsureMigrated(pool_.url() + "#benefits", c.db, &MigrateBenefits); !m) return StoreError(m.error(), *log_);
  benefits::SubsidyFilter f;
  f.region = region;
  f.status = QueryText(c.query, "status");
  HttpResponse error;
  auto person = QueryInt(c.query, "person", 0, 0, INT64_MAX, error);
  if (!person) return error;
  f.person_id = *person;
  f.limit = 500;
  auto list = benefits::SubsidyStore(*c.db).List(f);
  if (!list) return StoreError(list.error(), *log_);
  json items = json::array();
  for (const auto& claim : *list) items.push_back(benefits::SubsidyClaimJson(claim));
  return JsonOk({{"region", region}, {"region_name", RegionName(region)}, {"items", items}});
}

HttpResponse Api::BenefitSubsidyApply(Call& c) {
  const auth::Account& a = c.account();
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  const json& pv = body->contains("person_id") ? (*body)["person_id"] : json();
  std::optional<int64_t> person;
  if (pv.is_number_integer()) person = pv.get<int64_t>();
  if (pv.is_string()) {
    try {
      size_t used = 0;
      const int64_t n = std::stoll(pv.get<std::string>(), &used);
      if (used == pv.get<std::string>().size()) person = n;
    } catch (...) {
    }
  }
  const std::string target = "person:" + (person ? std::to_string(*person) : std::string("?"));
  if (!IsOfficer(a)) {
    Audit(c, "benefits.subsidy", target, "denied");
    return Forbidden();
  }
  const std::string kind_text = body->value("kind", std::string());
  auto kind = benefits::ParseSubsidyKind(kind_text);
  if (!kind) return BadRequest("补助类别（kind）：「" + kind_text + "」应为 ui_subsidy（失业补助金）或 migrant_lump（失业农民工一次性生活补助）");
  if (!person) return BadRequest("人员编号（person_id）：须为整数");
  auto on = Date::Parse(body->value("applied_on", std::string()));
  if (!on) return BadRequest("申请日期（applied_on）：格式应为 YYYY-MM-DD");
  if (auto m = EnsureMigrated(pool_.url() + "#benefits", c.db, &MigrateBenefits); !m) return StoreError(m.error(), *log_);
  auto county = store::PersonCounty(*c.db, *person);
  if (!county) return StoreError(county.error(), *log_);
  if (!*county || !RegionCovers(a.region_code, **county)) {
    Audit(c, "benefits.subsidy", target, "denied");
    return !*county ? NotFound("没有该人员") : Forbidden();
  }
  auto params = benefits::LoadBenefitParams();
  if (!params) return HttpResponse::Error(503, "unavailable", "失业保险金参数无法加载：" + params.error().message);
  auto claim = benefits::SubsidyStore(*c.db).Apply(*kind, *person, *on, *params, a.username);
  if (!claim) {
    Audit(c, "benefits.subsidy", target, "rejected", claim.error().message);
    if (claim.error().code == ErrorCode::kInvalidArgument) return BadRequest(claim.error().message);
    return ConflictAwareError(claim.error(), *log_);
  }
  Audit(c, "benefits.subsidy", "subsidy:" + std::to_string(claim->claim_id), claim->outcome, claim->decision_text);
  return JsonOk(benefits::SubsidyClaimJson(*claim), 201);
}

HttpResponse Api::BenefitPerson(Call& c) {
  const auth::Account& a = c.account();
  if (!IsOfficer(a) && a.role != auth::Role::kAuditor) return Forbidden();
  int64_t id = 0;
  try {
    id = std::stoll(c.params[0]);
  } catch (...) {
    return NotFound("没有该人员");
  }
  auto county = store::PersonCounty(*c.db, id);
  if (!county) return StoreError(county.error(), *log_);
  if (!*county) return NotFound("没有该人员");
  if (IsOfficer(a) && !RegionCovers(a.region_code, **county)) return Forbidden();
  if (auto m = EnsureMigrated(pool_.url() + "#benefits", c.db, &MigrateBenefits); !m) return StoreError(m.error(), *log_);
  auto view = benefits::PersonBenefitsJson(*c.db, id);
  if (!view) return StoreError(view.error(), *log_);
  return JsonOk(*view);
}

HttpResponse Api::MyBenefits(Call& c) {
  const auth::Account& a = c.account();
  if (a.role != auth::Role::kSeeker) return Forbidden();
  const json empty = {{"claims", json::array()}, {"subsidies", json::array()}, {"referrals", json::array()},
                      {"paid_fen", 0}};
  auto person = SeekerPersonId(*c.db, a);
  if (!person) return StoreError(person.error(), *log_);
  if (*person == 0) return JsonOk(empty);
  if (auto m = EnsureMigrated(pool_.url() + "#benefits", c.db, &MigrateBenefits); !m) return StoreError(m.error(), *log_);
  auto view = benefits::PersonBenefitsJson(*c.db, *person);
  if (!view) return StoreError(view.error(), *log_);
  return JsonOk(*view);
}

}  // namespace qjy::server
