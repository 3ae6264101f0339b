#include "server/api_policy.h"

#include <nlohmann/json.hpp>

#include "core/clause_display.h"
#include "policy/ledger.h"
#include "policy/ledger_schema.h"
#include "policy/world_loader.h"

namespace qjy::server {
namespace {

HttpResponse Ok(const nlohmann::json& j) {
  return HttpResponse::Json(200, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

HttpResponse FromError(const Error& e) {
  switch (e.code) {
    case ErrorCode::kNotFound: return HttpResponse::Error(404, "not_found", e.message);
    case ErrorCode::kInvalidArgument: return HttpResponse::Error(400, "bad_request", e.message);
    case ErrorCode::kConflict: return HttpResponse::Error(409, "conflict", e.message);
    case ErrorCode::kPermissionDenied: return HttpResponse::Error(403, "forbidden", e.message);
    default: return HttpResponse::Error(500, "internal", "服务器内部错误");
  }
}

std::string Get(const std::map<std::string, std::string>& q, const char* key) {
  auto it = q.find(key);
  return it == q.end() ? "" : it->second;
}

nlohmann::json ValuesJson(const policy::Parameter& p, const std::vector<policy::DatedValue>& vs) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& v : vs) {
    nlohmann::json val = nullptr;
    if (v.value) {
      val = p.unit == policy::Unit::kDate ? nlohmann::json(Date::FromDays(static_cast<int32_t>(*v.value)).ToString())
                                          : nlohmann::json(*v.value);
    }
    a.push_back({{"from", v.from.ToString()}, {"value", val}});
  }
  return a;
}

nlohmann::json EntitlementJson(const policy::Entitlement& e) {
  return {{"id", e.entitlement_id}, {"once_key", e.once_key}, {"rule", e.rule},       {"title", e.title},
          {"beneficiary", e.beneficiary}, {"person_id", e.person_id}, {"employer_code", e.employer_code},
          {"period", e.period}, {"fund", e.fund}, {"county_code", e.county_code}, {"amount_fen", e.amount_fen},
          {"amount", policy::FormatYuan(e.amount_fen)}, {"loan", e.loan}, {"decided_on", e.decided_on},
          {"status", e.status}, {"decided_by", e.decided_by}, {"decided_at", e.decided_at},
          {"explanation", nlohmann::json::parse(e.explanation_json, nullptr, false)}};
}

}  // namespace

bool PolicyApi::Handles(const std::string& path) { return path.starts_with("/api/policy/"); }

HttpResponse PolicyApi::Handle(const HttpRequest& req, store::Db& db, store::RegistryStore& registry,
                               const std::string& actor, const std::string& scope) {
  const std::string path = req.Path();
  if (auto r = policy::MigratePolicy(db); !r) return FromError(r.error());
  if (req.method == "GET" && path == "/api/policy/params") return Params();
  if (req.method == "GET" && path == "/api/policy/eval") return Eval(req, db, registry);
  if (req.method == "POST" && path == "/api/policy/sweep") return Sweep(req, db, registry, actor, scope);
  if (req.method == "GET" && path == "/api/policy/entitlements") return List(req, db, scope);
  if (req.method == "POST" && path == "/api/policy/approve") return Approve(req, db, actor, scope);
  return HttpResponse::Error(404, "not_found", "没有该接口");
}

HttpResponse PolicyApi::Params() {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& [name, p] : engine_.params().all()) {
    // Free text of the parameter files cites clauses too: shown as users cite them.
    nlohmann::json o = {{"name", name}, {"description", DisplayClause(p.description)}, {"unit", policy::UnitName(p.unit)},
                        {"reference", p.reference}, {"reference_text", DisplayClause(p.reference)},
                        {"interpretation", DisplayClause(p.interpretation)}, {"assumed", p.assumed},
                        {"note", DisplayClause(p.note)}, {"overridable", p.overridable}, {"file", p.file},
                        {"values", ValuesJson(p, p.values)}, {"overrides", nlohmann::json::object()}};
    for (const auto& [region, vs] : p.overrides) o["overrides"][region] = ValuesJson(p, vs);
    arr.push_back(std::move(o));
  }
  return Ok({{"parameters", arr}});
}

HttpResponse PolicyApi::Eval(const HttpRequest& req, store::Db& db, store::RegistryStore& registry) {
  policy::FactsStore facts(db);  // migrated by Handle
  const auto q = req.Query();
  auto date = Date::Parse(Get(q, "date"));
  if (!date) return HttpResponse::Error(400, "bad_request", "日期无效，应为 YYYY-MM-DD");
  const std::string person = Get(q, "person"), employer = Get(q, "employer");
  if (person.empty() == employer.empty()) return HttpResponse::Error(400, "bad_request", "须指定 person 或 employer 之一");
  Result<std::vector<policy::Decision>> ds;
  if (!person.empty()) {
    int64_t id = 0;
    try {
      id = std::stoll(person);
    } catch (const std::exception&) {
      return HttpResponse::Error(400, "bad_request", "人员编号无效");
    }
    auto w = policy::LoadPersonWorld(registry, registrations_, id, &facts);
    if (!w) return FromError(w.error());
    ds = engine_.EvaluatePerson(*w, id, *date);
  } else {
    auto w = policy::LoadEmployerWorld(registry, registrations_, employer, &facts);
    if (!w) return FromError(w.error());
    ds = engine_.EvaluateEmployer(*w, employer, *date);
  }
  if (!ds) return FromError(ds.error());
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& d : *ds) arr.push_back(policy::ToJson(d));
  return Ok({{"date", date->ToString()}, {"decisions", arr}});
}

HttpResponse PolicyApi::Sweep(const HttpRequest& req, store::Db& db, store::RegistryStore& registry,
                              const std::string& actor, const std::string& scope) {
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  if (!body.is_object()) return HttpResponse::Error(400, "bad_request", "请求体须为 JSON 对象");
  auto date = Date::Parse(body.value("date", ""));
  if (!date) return HttpResponse::Error(400, "bad_request", "日期无效，应为 YYYY-MM-DD");
  std::string region = body.value("region", scope);
  if (!region.starts_with(scope)) return HttpResponse::Error(403, "forbidden", "区域超出权限范围");
  auto w = policy::LoadWorld(db, registry, registrations_);
  if (!w) return FromError(w.error());
  auto ds = engine_.Sweep(*w, *date, {.region = region, .threads = 2, .explain = true});
  policy::Ledger ledger(db, &audit_, clock_);
  auto added = ledger.Propose(ds, actor);
  if (!added) return FromError(added.error());
  return Ok({{"entitlements", ds.size()}, {"added", *added}});
}

HttpResponse PolicyApi::List(const HttpRequest& req, store::Db& db, const std::string& scope) {
  const auto q = req.Query();
  policy::ReviewFilter f;
  f.status = Get(q, "status");
  f.region = Get(q, "region").empty() ? scope : Get(q, "region");
  if (!f.region.starts_with(scope)) return HttpResponse::Error(403, "forbidden", "区域超出权限范围");
  f.rule = Get(q, "rule");
  f.limit = 200;
  if (!Get(q, "after").empty()) f.after_id = std::atoll(Get(q, "after").c_str());
  policy::Ledger ledger(db, nullptr, clock_);
  auto list = ledger.List(f);
  if (!list) return FromError(list.error());
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& e : *list) arr.push_back(EntitlementJson(e));
  return Ok({{"entitlements", arr}});
}

HttpResponse PolicyApi::Approve(const HttpRequest& req, store::Db& db, const std::string& actor,
                                const std::string& scope) {
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  if (!body.is_object()) return HttpResponse::Error(400, "bad_request", "请求体须为 JSON 对象");
  // The Idempotency-Key header, or "idempotency_key" in the body.
  std::string idem(req.Header("idempotency-key"));
  if (idem.empty() && body.contains("idempotency_key") && body["idempotency_key"].is_string()) {
    idem = body["idempotency_key"].get<std::string>();
  }
  policy::Ledger ledger(db, &audit_, clock_);
  std::vector<policy::PayResult> results;
  if (body.value("all", false)) {
    policy::ReviewFilter f;
    f.region = body.value("region", scope);
    f.rule = body.value("rule", "");
    if (!f.region.starts_with(scope)) return HttpResponse::Error(403, "forbidden", "区域超出权限范围");
    auto r = ledger.ApproveAll(f, actor);
    if (!r) return FromError(r.error());
    results = std::move(*r);
  } else {
    if (!body.contains("once_keys") || !body["once_keys"].is_array() || body["once_keys"].empty()) {
      return HttpResponse::Error(400, "bad_request", "须提供 once_keys 列表或 all");
    }
    if (!idem.empty() && body["once_keys"].size() != 1) {
      return HttpResponse::Error(400, "bad_request", "幂等键只能用于单个享受资格");
    }
    for (const auto& k : body["once_keys"]) {
      if (!k.is_string()) return HttpResponse::Error(400, "bad_request", "once_keys 须为字符串");
      auto e = ledger.Find(k.get<std::string>());
      if (!e) return FromError(e.error());
      if (!*e) return HttpResponse::Error(404, "not_found", "审核清单中没有该享受资格");
      if (!(*e)->county_code.starts_with(scope)) return HttpResponse::Error(403, "forbidden", "区域超出权限范围");
      auto r = ledger.Approve(k.get<std::string>(), actor, idem);
      if (!r) return FromError(r.error());
      results.push_back(*r);
    }
  }
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& r : results) {
    arr.push_back({{"once_key", r.once_key}, {"amount_fen", r.amount_fen},
                   {"outcome", r.outcome == policy::PayOutcome::kPaid       ? "paid"
                               : r.outcome == policy::PayOutcome::kReferred ? "referred"
                                                                             : "already_paid"}});
  }
  return Ok({{"results", arr}});
}

}  // namespace qjy::server
