// 失业保险金 (issue #16 §1), for officers (auditors read):
//   GET  /api/benefits/claims?region=&status=&person=  claims under the
//        region (default the caller's), newest last, first 500; ID numbers
//        masked
//   POST /api/benefits/claims  {person_id, applied_on}: decides the
//        application from the stored contribution months (granted or
//        refused with the count and clause); the person's county must be
//        the caller's
//   POST /api/benefits/claims/{claim_id}/stop  {reason, month, note?}
//   POST /api/benefits/runs  {month, region?}: the monthly run with the
//        常态化核查比对 (附件3（四）) for the caller's region
// Writes are audited (benefits.apply, benefits.stop, benefits.run);
// out-of-scope targets are 403 and audited as denied.
#include <climits>

#include "benefits/benefit_store.h"
#include "benefits/entitlement.h"
#include "benefits/monthly_run.h"
#include "registry/contribution.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "store/person_keys.h"

namespace qjy::server {

using nlohmann::json;

Result<void> MigrateBenefits(store::Db& db) { return benefits::BenefitStore(db).Migrate(); }

HttpResponse Api::BenefitClaims(Call& c) {
  const auth::Account& a = c.account();
  const auto scope = ReadableRegion(a, QueryText(c.query, "region"));
  if (!scope) return Forbidden();
  const std::string& region = *scope;
  if (auto m = EnsureMigrated(pool_.url() + "#benefits", c.db, &MigrateBenefits); !m) return StoreError(m.error(), *log_);
  benefits::ClaimFilter f;
  f.region = region;
  f.status = QueryText(c.query, "status");
  HttpResponse error;
  auto person = QueryInt(c.query, "person", 0, 0, INT64_MAX, error);
  if (!person) return error;
  f.person_id = *person;
  f.limit = 500;
  auto list = benefits::BenefitStore(*c.db).List(f);
  if (!list) return StoreError(list.error(), *log_);
  json items = json::array();
  for (const auto& claim : *list) items.push_back(benefits::ClaimJson(claim));
  return JsonOk({{"region", region}, {"region_name", RegionName(region)}, {"items", items}});
}

HttpResponse Api::BenefitApply(Call& c) {
  const auth::Account& a = c.account();
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  const auto person = BodyInt(*body, "person_id");
  const std::string target = "person:" + (person ? std::to_string(*person) : std::string("?"));
  if (!IsOfficer(a)) {
    Audit(c, "benefits.apply", target, "denied");
    return Forbidden();
  }
  if (!person) return BadRequest("人员编号（person_id）：须为整数");
  auto on = Date::Parse(body->value("applied_on", std::string()));
  if (!on) return BadRequest("申请日期（applied_on）：格式应为 YYYY-MM-DD");
  if (auto m = EnsureMigrated(pool_.url() + "#benefits", c.db, &MigrateBenefits); !m) return StoreError(m.error(), *log_);
  auto county = store::PersonCounty(*c.db, *person);
  if (!county) return StoreError(county.error(), *log_);
  if (!*county || !RegionCovers(a.region_code, **county)) {
    Audit(c, "benefits.apply", target, "denied");
    return !*county ? NotFound("没有该人员") : Forbidden();
  }
  auto params = benefits::LoadBenefitParams();
  if (!params) return HttpResponse::Error(503, "unavailable", "失业保险金参数无法加载：" + params.error().message);
  auto claim = benefits::BenefitStore(*c.db).Apply(*person, *on, *params, a.username);
  if (!claim) {
    Audit(c, "benefits.apply", target, "rejected", claim.error().message);
    if (claim.error().code == ErrorCode::kInvalidArgument) return BadRequest(claim.error().message);
    return ConflictAwareError(claim.error(), *log_);
  }
  Audit(c, "benefits.apply", "claim:" + std::to_string(claim->claim_id), claim->granted ? "ok" : "refused",
        claim->decision_text);
  return JsonOk(benefits::ClaimJson(*claim), 201);
}

HttpResponse Api::BenefitStop(Call& c) {
  const auth::Account& a = c.account();
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  int64_t id = 0;
  try {
    id = std::stoll(c.params[0]);
  } catch (...) {
    return NotFound("没有该失业保险金申请");
  }
  const std::string target = "claim:" + c.params[0];
  if (!IsOfficer(a)) {
    Audit(c, "benefits.stop", target, "denied");
    return Forbidden();
  }
  if (auto m = EnsureMigrated(pool_.url() + "#benefits", c.db, &MigrateBenefits); !m) return StoreError(m.error(), *log_);
  benefits::BenefitStore store(*c.db);
  auto found = store.Find(id);
  if (!found) return StoreError(found.error(), *log_);
  if (!*found) return NotFound("没有该失业保险金申请");
  if (!RegionCovers(a.region_code, (*found)->county_code)) {
    Audit(c, "benefits.stop", target, "denied");
    return Forbidden();
  }
  const std::string reason_text = body->value("reason", std::string());
  auto reason = benefits::ParseStopReason(reason_text);
  if (!reason) {
    return BadRequest("停发原因（reason）：「" + reason_text +
                      "」不是停发原因（再就业、拒绝介绍的适当工作、迁出、应征服兵役、死亡、期满）");
  }
  auto month = registry::ParseMonth(body->value("month", std::string()));
  if (!month) return BadRequest("停发月份（month）：格式应为 YYYY-MM");
  auto stopped = store.Stop(id, *reason, *month, a.username, body->value("note", std::string()));
  if (!stopped) {
    Audit(c, "benefits.stop", target, "rejected", stopped.error().message);
    return ConflictAwareError(stopped.error(), *log_);
  }
  Audit(c, "benefits.stop", target, "ok", std::string(benefits::StopReasonLabel(*reason)));
  return JsonOk(benefits::ClaimJson(*stopped));
}

HttpResponse Api::BenefitRun(Call& c) {
  const auth::Account& a = c.account();
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  std::string region = body->value("region", std::string());
  if (region.empty() && IsOfficer(a)) region = a.region_code;
  const std::string target = "region:" + region;
  if (!IsOfficer(a) || !RegionCovers(a.region_code, region)) {
    Audit(c, "benefits.run", target, "denied");
    return Forbidden();
  }
  const std::string month_text = body->value("month", std::string());
  auto month = registry::ParseMonth(month_text);
  if (!month) return BadRequest("发放月份（month）：格式应为 YYYY-MM");
  if (auto m = EnsureMigrated(pool_.url() + "#benefits", c.db, &MigrateBenefits); !m) return StoreError(m.error(), *log_);
  auto r = benefits::RunMonth(*c.db, *month, region, a.username, clock_);
  if (!r) {
    Audit(c, "benefits.run", target, "failed", r.error().message);
    return StoreError(r.error(), *log_);
  }
  json stopped = json::array();
  for (const auto& i : r->items) {
    if (i.outcome == "stopped") stopped.push_back({{"claim_id", i.claim_id}, {"finding", i.finding}});
  }
  Audit(c, "benefits.run", target, "ok",
        registry::MonthText(*month) + " 发放 " + std::to_string(r->paid) + " 人，停发 " + std::to_string(r->stopped) + " 人");
  return JsonOk({{"run_id", r->run_id},
                 {"month", registry::MonthText(*month)},
                 {"region", region},
                 {"region_name", RegionName(region)},
                 {"paid", r->paid},
                 {"stopped", r->stopped},
                 {"ended", r->ended},
                 {"skipped", r->skipped},
                 {"paid_fen", r->paid_fen},
                 {"medical_fen", r->medical_fen},
                 {"stopped_items", stopped},
                 {"subsidies", {{"paid", r->subsidies.paid}, {"stopped", r->subsidies.stopped},
                                {"ended", r->subsidies.ended}, {"paid_fen", r->subsidies.paid_fen},
                                {"findings", r->subsidies.findings}}}});
}

}  // namespace qjy::server
