// Fund supervision over HTTP (issue #17 §1, 正文（二十一）), officers holding
// the grant "supervise_funds" (资金监管), within their region:
//   GET  /api/supervision/holds?status=held|released|improper&check=&before=
//        the review queue (newest first, 200 a page) with each hit's evidence
//   POST /api/supervision/holds/{hold_id}/release   {"reason"}  放行
//   POST /api/supervision/holds/{hold_id}/confirm   {"reason"}  认定违规
//   POST /api/supervision/holds/{hold_id}/recoveries {"amount_fen","ref"} 追回款
//   GET  /api/supervision/report    per county: held, released, improper, recovered
//   GET  /api/supervision/budgets?year=   POST {"county_code","fund","year","amount_fen"}
//        (budgets entered by province or prefecture officers)
//   POST /api/supervision/facts     a status facts CSV as the body (supervision/
//        status_facts.h): {"rejected", "written", "errors":[{"row","message"}]},
//        a file with any bad row writes nothing
//   POST /api/supervision/screen    {"region"}: the cross-checks now
//   GET  /api/supervision/officers  officers' identity hashes registered in the
//        region (hash prefixes only); POST {"username","id_number","phone"}
//        registers an officer's own ID number and phone as keyed hashes for
//        the conflict-of-interest check (province or prefecture officers;
//        the response and the audit carry them masked)
// Evidence carries registry numbers and hash prefixes, never names, ID or
// phone numbers. Every write is audited.
#include "core/clause_display.h"
#include "core/mask.h"
#include "policy/rules/rules.h"
#include "policy/decision.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "supervision/officer_hashes.h"
#include "supervision/status_facts.h"
#include "supervision/summary_text.h"
#include "supervision/supervisor.h"
#include "store/registry_store.h"

namespace qjy::server {
namespace {

using nlohmann::json;

constexpr char kSuperviseGrant[] = "supervise_funds";

const char* HoldStatusLabel(const std::string& s) {
  if (s == "held") return "暂停支付待核查";
  if (s == "released") return "已放行";
  if (s == "improper") return "已认定违规";
  return "未知";
}

// The stored summary and evidence carry registry numbers only; they are
// named here (supervision/summary_text.h).
json HoldJson(const supervision::HoldRow& h, const supervision::SummaryNamers& names) {
  const policy::rules::RuleInfo* rule = policy::rules::FindRule(h.rule);
  return {{"hold_id", h.hold_id},
          {"county_code", h.county_code},
          {"once_key", h.once_key},
          {"check", h.check},
          {"check_label", supervision::CheckLabel(h.check)},
          {"clause", h.clause},
          {"clause_text", DisplayClause(h.clause)},
          {"rule", h.rule},
          {"rule_title", rule ? rule->title : ""},
          {"fund", h.fund},
          {"fund_label", h.fund.empty() ? std::string() : std::string(policy::FundLabel(policy::ParseFund(h.fund)))},
          {"amount_fen", h.amount_fen},
          {"amount", policy::FormatYuan(h.amount_fen)},
          {"was_paid", h.was_paid},
          {"county_alert", h.once_key.starts_with("county|")},
          {"summary", supervision::SummaryText(h.summary, names)},
          {"evidence", supervision::NamedEvidence(h.evidence, names)},
          {"status", h.status},
          {"status_label", HoldStatusLabel(h.status)},
          {"entitlement_status", h.entitlement_status},
          {"batch_id", h.batch_id},
          {"found_by", h.found_by},
          {"found_at", h.found_at},
          {"decided_by", h.decided_by},
          {"decided_at", h.decided_at},
          {"reason", h.reason},
          {"due_fen", h.due_fen},
          {"due", policy::FormatYuan(h.due_fen)},
          {"recovered_fen", h.recovered_fen},
          {"recovered", policy::FormatYuan(h.recovered_fen)}};
}

HttpResponse SupervisionError(const Error& e, spdlog::logger& log) {
  switch (e.code) {
    case ErrorCode::kNotFound: return NotFound(e.message);
    case ErrorCode::kInvalidArgument: return BadRequest(e.message);
    case ErrorCode::kPermissionDenied: return HttpResponse::Error(403, "forbidden", e.message);
    default: return ConflictAwareError(e, log);
  }
}

// A string field of the body ("" when absent or not a string).
std::string ApiSupervisionStr(const json& body, const char* key) {
  return body.contains(key) && body[key].is_string() ? body[key].get<std::string>() : std::string();
}

Result<void> MigrateAll(store::Db& db) { return supervision::Supervisor::Migrate(db); }

}  // namespace

HttpResponse Api::Supervision(Call& c) {
  const auth::Account& a = c.account();
  const std::string path = c.req.Path();
  const std::string target = "supervision:" + path.substr(std::string("/api/supervision/").size());
  if (a.role != auth::Role::kOfficer || !a.HasGrant(kSuperviseGrant)) {
    Audit(c, "supervision.access", target, "denied");
    return HttpResponse::Error(403, "forbidden", "本账号没有资金监管权限（须由安全管理员授予“资金监管”权限）");
  }
  std::string cerr;
  const supervision::SupervisionConfig* config = supervision::ShippedSupervisionConfig(cerr);
  if (!config) return HttpResponse::Error(503, "unavailable", "资金监管参数无法加载：" + cerr);
  if (auto m = EnsureMigrated(pool_.url() + "#supervision", c.db, &MigrateAll); !m) return StoreError(m.error(), *log_);
  const std::string scope = a.region_code;
  supervision::Supervisor sup(*c.db, *config, &audit_, clock_);
  const bool post = c.req.method == "POST";
  store::RegistryStore registry(*c.db, vault_);
  supervision::SummaryNamers names;
  // Named only within the reader's region: a counterpart elsewhere (a
  // duplicate claimed in another county) is shown by its county alone.
  names.person = [&registry, &scope, this](int64_t id) -> std::string {
    auto p = registry.GetPerson(id);
    if (!p || !*p) return {};
    return supervision::PersonForReader((*p)->name, (*p)->id_number, (*p)->county_code, scope, [this](const std::string& code) { return RegionName(code); });
  };
  names.region = [this](const std::string& code) { return RegionName(code); };

  if (!post && path == "/api/supervision/holds") {
    HttpResponse error;
    auto before = QueryInt(c.query, "before", 0, 0, INT64_MAX, error);
    if (!before) return error;
    const std::string status = QueryText(c.query, "status");
    if (!status.empty() && status != "held" && status != "released" && status != "improper") {
      return BadRequest("状态（status）应为 held、released 或 improper");
    }
    auto list = sup.Queue(scope, status, QueryText(c.query, "check"), 200, *before);
    if (!list) return StoreError(list.error(), *log_);
    json arr = json::array();
    for (const auto& h : *list) arr.push_back(HoldJson(h, names));
    return JsonOk({{"holds", arr}});
  }
  if (!post && path == "/api/supervision/report") {
    auto rep = sup.Report(scope);
    if (!rep) return StoreError(rep.error(), *log_);
    json arr = json::array();
    json total = {{"held_count", 0}, {"held_fen", 0}, {"released_count", 0}, {"released_fen", 0},
                  {"improper_count", 0}, {"improper_fen", 0}, {"due_fen", 0}, {"recovered_fen", 0}};
    for (const auto& r : *rep) {
      json j = {{"county_code", r.county_code},   {"held_count", r.held_count},         {"held_fen", r.held_fen},
                {"released_count", r.released_count}, {"released_fen", r.released_fen}, {"improper_count", r.improper_count},
                {"improper_fen", r.improper_fen}, {"due_fen", r.due_fen},               {"recovered_fen", r.recovered_fen}};
      for (auto& [k, v] : total.items()) v = v.get<int64_t>() + j[k].get<int64_t>();
      arr.push_back(std::move(j));
    }
    return JsonOk({{"counties", arr}, {"total", total}});
  }
  if (path == "/api/supervision/budgets") {
    if (!post) {
      // Without ?year: the year of the data (the latest budget or policy
      // decision in scope), not the server's calendar year, which on the
      // demo is later than its generated province.
      auto data_year = sup.DataYear(scope);
      if (!data_year) return StoreError(data_year.error(), *log_);
      HttpResponse error;
      auto year = QueryInt(c.query, "year", data_year->value_or(Date::InChina(clock_.Now()).year()), 2000, 2100, error);
      if (!year) return error;
      auto list = sup.Budgets(scope, static_cast<int>(*year));
      if (!list) return StoreError(list.error(), *log_);
      json arr = json::array();
      for (const auto& b : *list) {
        arr.push_back({{"county_code", b.county_code}, {"fund", b.fund},
                       {"fund_label", policy::FundLabel(policy::ParseFund(b.fund))}, {"year", b.year},
                       {"amount_fen", b.amount_fen}, {"spent_fen", b.spent_fen},
                       {"remaining_fen", b.amount_fen - b.spent_fen}, {"set_by", b.set_by}, {"set_at", b.set_at}});
      }
      return JsonOk({{"budgets", arr}, {"year", *year}, {"may_edit", scope.size() <= 4}});
    }
    HttpResponse error;
    auto body = ParseJsonObject(c.req, error);
    if (!body) return error;
    auto year = BodyInt(*body, "year");
    auto amount = BodyInt(*body, "amount_fen");
    if (!year) return BadRequest("年度（year）须为整数");
    if (!amount) return BadRequest("预算金额无效：须为有效金额，且不超过 92,233,720,368,547,758.07 元");
    auto b = sup.SetBudget(ApiSupervisionStr(*body, "county_code"), ApiSupervisionStr(*body, "fund"), static_cast<int>(*year), *amount,
                           a.username, scope);
    if (!b) return SupervisionError(b.error(), *log_);
    return JsonOk({{"message", "已录入预算"}, {"county_code", b->county_code}, {"fund", b->fund},
                   {"year", b->year}, {"amount_fen", b->amount_fen}});
  }
  if (post && path == "/api/supervision/facts") {
    const std::string now = auth::IsoUtc(clock_.Now());
    auto imp = supervision::ImportStatusFacts(*c.db, c.req.body, scope, a.username, now);
    if (!imp) return StoreError(imp.error(), *log_);
    json errs = json::array();
    for (const auto& e : imp->errors) errs.push_back({{"row", e.row}, {"message", e.message}});
    Audit(c, "supervision.facts_import", "status-facts", imp->errors.empty() ? "ok" : "rejected",
          "行数 " + std::to_string(imp->rows) + "，写入 " + std::to_string(imp->written) + "，错误 " +
              std::to_string(imp->errors.size()));
    if (!imp->errors.empty()) {
      // An import result, like the registry imports': the file is rejected whole.
      return JsonOk({{"rejected", true},
                     {"message", "比对信息文件有 " + std::to_string(imp->errors.size()) + " 处错误，未导入任何一行"},
                     {"errors", errs}, {"written", 0}});
    }
    return JsonOk({{"rejected", false}, {"message", "已导入 " + std::to_string(imp->written) + " 条比对信息"},
                   {"written", imp->written}, {"errors", errs}});
  }
  if (post && path == "/api/supervision/screen") {
    HttpResponse error;
    auto body = ParseJsonObject(c.req, error);
    if (!body) return error;
    const std::string region = ApiSupervisionStr(*body, "region").empty() ? scope : ApiSupervisionStr(*body, "region");
    if (!region.starts_with(scope)) return HttpResponse::Error(403, "forbidden", "区域超出权限范围");
    auto rep = sup.ScreenSweep(region, a.username);
    if (!rep) return StoreError(rep.error(), *log_);
    return JsonOk({{"screened", rep->screened}, {"new_holds", rep->new_holds}, {"held", rep->held},
                   {"held_fen", rep->held_fen}, {"held_amount", policy::FormatYuan(rep->held_fen)},
                   {"by_check", rep->by_check}, {"seconds", rep->seconds}});
  }
  if (path == "/api/supervision/officers") {
    supervision::OfficerHashes officers(*c.db, vault_, &audit_, clock_);
    auto officer_json = [](const supervision::OfficerRegistered& o) {
      return json{{"username", o.username},         {"county_code", o.county_code},
                  {"id_masked", o.id_masked},       {"phone_masked", o.phone_masked},
                  {"id_hash", o.id_hash_prefix},    {"phone_hash", o.phone_hash_prefix},
                  {"recorded_by", o.recorded_by},   {"recorded_at", o.recorded_at}};
    };
    if (!post) {
      auto list = officers.List(scope);
      if (!list) return StoreError(list.error(), *log_);
      json arr = json::array();
      for (const auto& o : *list) arr.push_back(officer_json(o));
      return JsonOk({{"officers", arr}, {"may_edit", scope.size() <= 4}});
    }
    if (scope.size() > 4) {
      Audit(c, "supervision.officer_hashes", target, "denied");
      return HttpResponse::Error(403, "forbidden", "经办人员身份信息由省级或市（州）级经办人员登记");
    }
    HttpResponse error;
    auto body = ParseJsonObject(c.req, error);
    if (!body) return error;
    auto r = officers.Register({ApiSupervisionStr(*body, "username"), ApiSupervisionStr(*body, "id_number"), ApiSupervisionStr(*body, "phone")}, scope,
                               a.username);
    if (!r) {
      Audit(c, "supervision.officer_hashes", "officer:" + ApiSupervisionStr(*body, "username"), "rejected",
            ScrubIdentity(r.error().message));
      return SupervisionError(r.error(), *log_);
    }
    json j = officer_json(*r);
    j["message"] = "已登记经办人员 " + r->username + " 的身份信息（仅保存散列）";
    return JsonOk(j);
  }
  constexpr std::string_view kPrefix = "/api/supervision/holds/";
  if (post && path.starts_with(kPrefix) && c.params.size() == 1) {
    if (c.params[0].size() > 18 || c.params[0].find_first_not_of("0123456789") != std::string::npos) {
      return NotFound("没有该核查记录");
    }
    const int64_t id = std::stoll(c.params[0]);
    HttpResponse error;
    auto body = ParseJsonObject(c.req, error);
    if (!body) return error;
    const std::string action = path.substr(path.rfind('/') + 1);
    Result<supervision::HoldRow> r = std::unexpected(Error{ErrorCode::kNotFound, "没有该接口"});
    if (action == "release") r = sup.Release(id, scope, a.username, ScrubIdentity(ApiSupervisionStr(*body, "reason")));
    else if (action == "confirm") r = sup.ConfirmImproper(id, scope, a.username, ScrubIdentity(ApiSupervisionStr(*body, "reason")));
    else if (action == "recoveries") {
      auto amount = BodyInt(*body, "amount_fen");
      if (!amount) return BadRequest("追回金额无效：须为有效金额，且不超过 92,233,720,368,547,758.07 元");
      r = sup.RecordRecovery(id, scope, *amount, ApiSupervisionStr(*body, "ref"), a.username);
    }
    if (!r) {
      Audit(c, "supervision." + action, "hold:" + c.params[0], "rejected", r.error().message);
      return SupervisionError(r.error(), *log_);
    }
    return JsonOk({{"hold", HoldJson(*r, names)}});
  }
  return NotFound("没有该接口");
}

}  // namespace qjy::server
