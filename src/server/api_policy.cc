#include "server/api_policy.h"

#include <algorithm>
#include <charconv>
#include <iterator>
#include <map>

#include <nlohmann/json.hpp>

#include "core/clause_display.h"
#include "core/mask.h"
#include "policy/rules/rules.h"
#include "policy/decision_record.h"
#include "policy/entitlement_replay.h"
#include "policy/facts_store.h"
#include "policy/ledger.h"
#include "policy/replay.h"
#include "policy/ledger_schema.h"
#include "policy/world_loader.h"
#include "policy_services/payment_batch.h"
#include "store/no_space.h"
#include "policy_services/recheck.h"
#include "policy_services/sweep_pass.h"
#include "supervision/counters.h"
#include "supervision/summary_text.h"
#include "supervision/supervisor.h"

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
    default:
      if (store::IsNoSpace(e)) return HttpResponse::Error(507, "no_space", e.message);
      return HttpResponse::Error(500, "internal", "服务器内部错误");
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

const char* EntitlementStatusLabel(const std::string& s) {
  if (s == "proposed") return "待审核";
  if (s == "approved") return "已批准（转经办银行）";
  if (s == "paid") return "已支付";
  if (s == "withdrawn") return "已撤回";
  if (s == "reversed") return "已冲正";
  if (s == "held") return "资金监管暂停支付";
  if (s == "improper") return "经资金监管认定违规";
  return "未知";
}

// The clauses an explanation's conditions cite, as users cite them
// ("正文（七）", "附件2（四）"), each once, in order.
nlohmann::json ClausesOf(const nlohmann::json& explanation) {
  nlohmann::json out = nlohmann::json::array();
  if (!explanation.is_object() || !explanation.contains("conditions")) return out;
  std::vector<std::string> seen;
  for (const auto& c : explanation["conditions"]) {
    if (!c.is_object() || !c.contains("clause") || !c["clause"].is_string()) continue;
    const std::string text = DisplayClause(c["clause"].get<std::string>());
    if (text.empty() || std::find(seen.begin(), seen.end(), text) != seen.end()) continue;
    seen.push_back(text);
    out.push_back(text);
  }
  return out;
}

nlohmann::json EntitlementJson(const policy::Entitlement& e) {
  auto explanation = nlohmann::json::parse(e.explanation_json, nullptr, false);
  return {{"id", e.entitlement_id}, {"status_label", EntitlementStatusLabel(e.status)},
          {"fund_label", policy::FundLabel(policy::ParseFund(e.fund))},
          {"clauses", ClausesOf(explanation)}, {"once_key", e.once_key}, {"rule", e.rule},       {"title", e.title},
          {"beneficiary", e.beneficiary}, {"person_id", e.person_id}, {"employer_code", e.employer_code},
          {"period", e.period}, {"fund", e.fund}, {"county_code", e.county_code}, {"amount_fen", e.amount_fen},
          {"amount", policy::FormatYuan(e.amount_fen)}, {"loan", e.loan}, {"decided_on", e.decided_on},
          {"status", e.status}, {"decided_by", e.decided_by}, {"decided_at", e.decided_at},
          {"explanation", nlohmann::json::parse(e.explanation_json, nullptr, false)}};
}

// Fund supervision (src/supervision) over the same connection; nullptr and
// `error` set when its parameters do not load (then nothing pays: the
// checks are never skipped silently).
std::unique_ptr<supervision::Supervisor> SupervisorFor(store::Db& db, audit::AuditLog* audit, const auth::Clock& clock,
                                                       std::string& error) {
  const supervision::SupervisionConfig* config = supervision::ShippedSupervisionConfig(error);
  if (!config) return nullptr;
  if (auto m = supervision::Supervisor::Migrate(db); !m) {
    error = m.error().message;
    return nullptr;
  }
  return std::make_unique<supervision::Supervisor>(db, *config, audit, clock);
}

nlohmann::json ScreenJson(const supervision::ScreenReport& r) {
  nlohmann::json by = nlohmann::json::object();
  for (const auto& [k, v] : r.by_check) by[k] = v;
  return {{"screened", r.screened}, {"new_holds", r.new_holds}, {"held", r.held}, {"held_fen", r.held_fen},
          {"held_amount", policy::FormatYuan(r.held_fen)}, {"by_check", by}, {"seconds", r.seconds},
          {"message", r.held > 0 ? "资金监管核查暂停支付 " + std::to_string(r.held) + " 项，合计 " +
                                       policy::FormatYuan(r.held_fen) + "，待监管人员核查"
                                 : std::string()}};
}

}  // namespace

bool PolicyApi::Handles(const std::string& path) { return path.starts_with("/api/policy/"); }

HttpResponse PolicyApi::Handle(const HttpRequest& req, store::Db& db, store::RegistryStore& registry,
                               const std::string& actor, const std::string& scope, bool may_approve) {
  const std::string path = req.Path();
  if (auto r = policy::MigratePolicy(db); !r) return FromError(r.error());
  if (req.method == "GET" && path == "/api/policy/params") return Params();
  if (req.method == "GET" && path == "/api/policy/eval") return Eval(req, db, registry);
  if (req.method == "POST" && path == "/api/policy/sweep") return Sweep(req, db, registry, actor, scope);
  if (req.method == "GET" && path == "/api/policy/entitlements") return List(req, db, registry, scope);
  if (req.method == "GET" && path.starts_with("/api/policy/entitlements/") && path.ends_with("/replay")) {
    return Replay(req, db, registry, actor, scope);
  }
  if (path == "/api/policy/batches" || path.starts_with("/api/policy/batches/")) {
    return Batches(req, db, registry, actor, scope, may_approve);
  }
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
  // The rules by title with their clause, for the pages' rule filters
  // (users pick a subsidy by name, never type its code).
  nlohmann::json rules = nlohmann::json::array();
  for (const auto& r : policy::rules::Catalogue()) {
    rules.push_back({{"rule", r.id}, {"title", r.title}, {"clause", DisplayClause(r.clause)}});
  }
  return Ok({{"parameters", arr}, {"rules", rules}});
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
  // The person a decision concerns by name (an employer's own staff; the
  // seeker themself), never by number alone.
  std::map<int64_t, std::string> names;
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& d : *ds) {
    nlohmann::json j = policy::ToJson(d);
    if (d.person_id != 0) {
      auto [it, fresh] = names.try_emplace(d.person_id);
      if (fresh) {
        auto p = registry.GetPerson(d.person_id);
        if (p && *p) it->second = (*p)->name;
      }
      if (!it->second.empty()) j["person_name"] = it->second;
    }
    arr.push_back(std::move(j));
  }
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
  auto r = RunSweep(db, registry, actor, region, *date, nullptr);
  if (!r) return FromError(r.error());
  return Ok(*r);
}

Result<nlohmann::json> PolicyApi::RunSweep(store::Db& db, store::RegistryStore& registry, const std::string& actor,
                                           const std::string& region, Date date, ImportProgress* progress,
                                           int64_t pass_budget) {
  auto step = [&](int stage) {
    if (progress) progress->stage = stage;
  };
  step(kSweepLoading);
  QJY_TRY(policy::MigratePolicy(db));
  QJY_TRY(policy_services::PaymentBatches::Migrate(db));
  // In passes of counties, one pass's world in memory at a time
  // (policy::SweepPasses, LoadCountiesWorld; as `qjy policy sweep`): the
  // same decisions as one world of the whole registry, whose memory grows
  // with the province (~15 GB at 20 M persons). Each pass's review list is
  // written county by county, one transaction each (no transaction spans
  // counties; a sweep run again adds only what is missing), its counties'
  // earlier proposals revisited against its world; progress counts the
  // counties swept, the result the counties whose review list was written.
  auto passes = policy::SweepPasses(db, region, pass_budget);
  if (!passes) return std::unexpected(passes.error());
  auto shared = policy::LoadSweepShared(db);
  if (!shared) return std::unexpected(shared.error());
  if (progress) {
    progress->rows_total = 0;
    for (const auto& ps : *passes) progress->rows_total += static_cast<int64_t>(ps.counties.size());
  }
  policy::FactsStore facts(db);
  policy::Ledger ledger(db, &audit_, clock_);
  policy_services::PaymentBatches batches(db, nullptr, clock_);
  policy_services::PaymentBatches revisit(db, &audit_, clock_);
  // Fund supervision's counters take the new entitlements in each county's
  // own transaction (supervision/counters.h ProposalFold), so the screen
  // below finds them current.
  std::string serr;
  auto sup = SupervisorFor(db, &audit_, clock_, serr);
  if (!sup) return Fail(ErrorCode::kIo, "资金监管参数无法加载：" + serr);
  if (auto s = sup->SyncCounters(); !s) return std::unexpected(s.error());
  supervision::ProposalFold fold;
  const policy_services::PassWriter writer{.engine = engine_, .ledger = ledger, .proposers = batches,
                                           .revisit = revisit, .registry = registry,
                                           .registrations = registrations_, .facts = facts, .observer = &fold,
                                           .actor = actor};
  int64_t added = 0, entitlements = 0, counties_written = 0;
  policy_services::RecheckSummary revisited;
  for (const auto& ps : *passes) {
    step(kSweepLoading);
    auto w = policy::LoadCountiesWorld(db, registry, registrations_, ps.counties, facts, &*shared);
    if (!w) return std::unexpected(w.error());
    step(kSweepEvaluating);
    auto ds = engine_.Sweep(*w, date, {.region = region, .threads = 2, .explain = true, .counties = ps.counties});
    step(kSweepWriting);
    // The review list county by county (each new entitlement with what
    // replays it on appeal, …/replay), proposers, and the earlier proposals
    // of the pass's counties whose decision changed since.
    auto written = writer.Write(*w, ds, region, ps.counties);
    if (!written) return std::unexpected(written.error());
    added += written->added;
    counties_written += written->counties_written;
    revisited.checked += written->revisited.checked;
    std::move(written->revisited.changed.begin(), written->revisited.changed.end(),
              std::back_inserter(revisited.changed));
    entitlements += static_cast<int64_t>(ds.size());
    if (progress) progress->rows_done += static_cast<int64_t>(ps.counties.size());
  }
  step(kSweepChecking);
  // Fund supervision's cross-checks over the region's review list.
  auto screened = sup->ScreenSweep(region, actor);
  if (!screened) return std::unexpected(screened.error());
  return nlohmann::json{{"entitlements", entitlements}, {"added", added}, {"revisited", revisited.checked},
                        {"withdrawn", revisited.Withdrawn()}, {"reproposed", revisited.Reproposed()},
                        {"message", revisited.Notice()}, {"passes", passes->size()},
                        {"counties_written", counties_written},
                        {"supervision", ScreenJson(*screened)}};
}

namespace {

// The beneficiary as a person reads it: names, identity numbers masked.
nlohmann::json BeneficiaryJson(const policy::Entitlement& e, store::RegistryStore& registry) {
  nlohmann::json j = {{"code", e.beneficiary}, {"name", e.beneficiary}};
  auto person = [&](int64_t id) -> nlohmann::json {
    auto p = registry.GetPerson(id);
    if (!p || !*p) return {{"name", "人员 " + std::to_string(id)}, {"id_number", ""}};
    return {{"name", (*p)->name}, {"id_number", MaskIdNumber((*p)->id_number)}};
  };
  if (e.beneficiary.starts_with("P:")) {
    auto pj = person(e.person_id);
    j["name"] = pj["name"];
    j["id_number"] = pj["id_number"];
    j["kind"] = "person";
  } else if (e.beneficiary.starts_with("E:")) {
    const std::string code = e.beneficiary.substr(2);
    auto emp = registry.FindEmployer(code);
    j["name"] = emp && *emp ? (*emp)->name : code;
    j["credit_code"] = code;
    j["kind"] = "employer";
    if (e.person_id != 0) j["person"] = person(e.person_id);
  } else {
    j["kind"] = "other";
  }
  return j;
}

}  // namespace

HttpResponse PolicyApi::List(const HttpRequest& req, store::Db& db, store::RegistryStore& registry,
                             const std::string& scope) {
  const auto q = req.Query();
  policy::ReviewFilter f;
  f.status = Get(q, "status");
  f.region = Get(q, "region").empty() ? scope : Get(q, "region");
  if (!f.region.starts_with(scope)) return HttpResponse::Error(403, "forbidden", "区域超出权限范围");
  f.rule = Get(q, "rule");
  if (!Get(q, "person").empty()) {
    f.person_id = std::atoll(Get(q, "person").c_str());
    if (f.person_id <= 0) return HttpResponse::Error(400, "bad_request", "人员编号无效");
  }
  f.limit = 200;
  if (!Get(q, "after").empty()) f.after_id = std::atoll(Get(q, "after").c_str());
  policy::Ledger ledger(db, nullptr, clock_);
  auto list = ledger.List(f);
  if (!list) return FromError(list.error());
  // Which are already frozen into a payment batch.
  if (auto m = policy_services::PaymentBatches::Migrate(db); !m) return FromError(m.error());
  std::vector<std::string> keys;
  for (const auto& e : *list) keys.push_back(e.once_key);
  auto in_batch = policy_services::PaymentBatches(db, nullptr, clock_).BatchesOf(keys);
  if (!in_batch) return FromError(in_batch.error());
  // Why each held or improper one is so (its fund-supervision hold; only
  // supervision sets these statuses, so its tables exist when one is listed).
  std::vector<std::pair<std::string, std::string>> stopped;
  for (const auto& e : *list) {
    if (e.status == "held" || e.status == "improper") stopped.emplace_back(e.county_code, e.once_key);
  }
  std::map<std::string, supervision::HoldRow> hold_of;
  if (!stopped.empty()) {
    auto holds = supervision::Supervisor::StoppingHolds(db, stopped);
    if (!holds) return FromError(holds.error());
    hold_of = std::move(*holds);
  }
  // The summaries name persons (masked) and counties, not their numbers.
  supervision::SummaryNamers names;
  // Named only within the reader's region: a counterpart elsewhere (a
  // duplicate claimed in another county) is shown by its county alone.
  names.person = [&registry, &scope, this](int64_t id) -> std::string {
    auto p = registry.GetPerson(id);
    if (!p || !*p) return {};
    return supervision::PersonForReader((*p)->name, (*p)->id_number, (*p)->county_code, scope, region_name_);
  };
  names.region = region_name_;
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& e : *list) {
    nlohmann::json j = EntitlementJson(e);
    if (auto h = hold_of.find(e.once_key); h != hold_of.end()) {
      j["hold"] = {{"hold_id", h->second.hold_id}, {"check", h->second.check},
                   {"check_label", supervision::CheckLabel(h->second.check)},
                   {"summary", supervision::SummaryText(h->second.summary, names)},
                   {"status", h->second.status}};
    }
    auto it = in_batch->find(e.once_key);
    j["batch_id"] = it == in_batch->end() ? nlohmann::json(nullptr) : nlohmann::json(it->second);
    j["beneficiary_info"] = BeneficiaryJson(e, registry);
    arr.push_back(std::move(j));
  }
  return Ok({{"entitlements", arr}});
}

HttpResponse PolicyApi::Replay(const HttpRequest& req, store::Db& db, store::RegistryStore& registry,
                               const std::string& actor, const std::string& scope) {
  constexpr std::string_view kPrefix = "/api/policy/entitlements/";
  const std::string path = req.Path();
  const std::string id_text = path.substr(kPrefix.size(), path.size() - kPrefix.size() - std::string_view("/replay").size());
  int64_t id = 0;
  auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (ec != std::errc() || end != id_text.data() + id_text.size() || id <= 0) {
    return HttpResponse::Error(400, "bad_request", "享受资格编号无效");
  }
  auto audit_read = [&](const std::string& result, const std::string& detail) {
    audit::AuditEntry e;
    e.actor = actor;
    e.role = "officer";
    e.action = "policy.replay";
    e.target = "entitlement:" + std::to_string(id);
    e.result = result;
    e.client = "policy";
    e.detail = detail;
    (void)audit_.Append(db, std::move(e));
  };
  // Outside the caller's region it does not exist (404), as in the list.
  auto r = policy::ReplayEntitlement(db, id, scope, engine_.params(), Date::InChina(clock_.Now()));
  if (!r) {
    audit_read(r.error().code == ErrorCode::kNotFound ? "not_found" : "failed", r.error().message);
    return FromError(r.error());
  }
  audit_read(r->replay.reproduced ? "reproduced" : "mismatch", r->replay.mismatch);
  nlohmann::json j = EntitlementJson(r->entitlement);
  j.erase("explanation");  // the replay carries both decisions
  j["beneficiary_info"] = BeneficiaryJson(r->entitlement, registry);
  j["replay"] = policy::ToJson(r->replay);
  j["redecided_since"] = r->redecided_since;
  return Ok(j);
}

namespace {

// A batch its screen emptied (every item held) was approved but paid nothing.
const char* StatusLabel(const policy_services::PaymentBatch& b) {
  if (b.status == "submitted") return "待审批";
  if (b.status == "approving") return "审批支付中";
  if (b.status == "paid") return b.count == 0 ? "未支付（全部被资金监管暂停支付）" : "已审批支付";
  return "未知";
}

nlohmann::json BatchJson(const policy_services::PaymentBatch& b, int64_t single_max, const std::string& caller,
                         bool may_approve) {
  nlohmann::json funds = nlohmann::json::array();
  for (const auto& f : b.funds) {
    funds.push_back({{"fund", f.fund}, {"fund_label", f.fund_label}, {"loan", f.loan}, {"count", f.count},
                     {"amount_fen", f.amount_fen}, {"amount", policy::FormatYuan(f.amount_fen)}});
  }
  const int64_t total = b.subsidy_fen + b.loan_fen;
  const bool two_person = total > single_max;
  const bool proposed = std::find(b.proposed_by.begin(), b.proposed_by.end(), caller) != b.proposed_by.end();
  const bool own = caller == b.submitted_by || proposed;
  std::string why_not;
  if (!may_approve) why_not = "本账号没有审批支付权限";
  else if (b.status == "paid") why_not = b.count == 0 ? "该批次已审批，全部被资金监管暂停支付" : "该批次已审批支付";
  else if (own && two_person) {
    why_not = caller == b.submitted_by ? "本批次由您提交审批，须由另一名有审批支付权限的人员审批"
                                       : "本批次含您查找提出的享受资格，须由另一名有审批支付权限的人员审批";
  }
  return {{"batch_id", b.batch_id}, {"region", b.county_code}, {"rule", b.rule}, {"status", b.status},
          {"status_label", StatusLabel(b)}, {"count", b.count},
          {"subsidy_count", b.subsidy_count}, {"subsidy_fen", b.subsidy_fen},
          {"subsidy", policy::FormatYuan(b.subsidy_fen)}, {"loan_count", b.loan_count}, {"loan_fen", b.loan_fen},
          {"loan", policy::FormatYuan(b.loan_fen)}, {"funds", funds}, {"submitted_by", b.submitted_by}, {"proposed_by", b.proposed_by},
          {"submitted_at", b.submitted_at}, {"approved_by", b.approved_by}, {"approved_at", b.approved_at},
          {"single_officer_max_fen", single_max}, {"single_officer_max", policy::FormatYuan(single_max)},
          {"two_person", two_person}, {"can_approve", why_not.empty()}, {"why_not_approve", why_not}};
}

// Why fund supervision stopped `stopped` (held or improper, not submitted),
// by the label of each one's hold: "1 笔被交叉核查暂扣：同一事由重复享受
// （另一笔已支付）"; several checks "3 笔被交叉核查暂扣：A 2 笔、B 1 笔".
Result<std::string> StoppedByChecks(store::Db& db, const std::vector<policy::Entitlement>& stopped) {
  std::vector<std::pair<std::string, std::string>> keys;
  for (const auto& e : stopped) keys.emplace_back(e.county_code, e.once_key);
  auto holds = supervision::Supervisor::StoppingHolds(db, keys);
  if (!holds) return std::unexpected(holds.error());
  int64_t held = 0, improper = 0;
  std::vector<std::pair<std::string, int64_t>> by_label;  // in order of first appearance
  for (const auto& e : stopped) {
    if (e.status == "improper") {
      ++improper;
      continue;
    }
    ++held;
    auto h = holds->find(e.once_key);
    const std::string label = h == holds->end() ? "资金监管暂停支付" : supervision::CheckLabel(h->second.check);
    auto it = std::find_if(by_label.begin(), by_label.end(), [&](const auto& x) { return x.first == label; });
    if (it == by_label.end()) by_label.emplace_back(label, 1);
    else ++it->second;
  }
  std::string out;
  if (held > 0) {
    out = std::to_string(held) + " 笔被交叉核查暂扣：";
    if (by_label.size() == 1) {
      out += by_label.front().first;
    } else {
      for (size_t i = 0; i < by_label.size(); ++i) {
        out += (i ? "、" : "") + by_label[i].first + " " + std::to_string(by_label[i].second) + " 笔";
      }
    }
    out += "（见资金监管核查清单，放行后可再提交审批）";
  }
  if (improper > 0) out += (out.empty() ? "" : "；") + std::to_string(improper) + " 笔已被资金监管认定违规，不予支付";
  return out;
}

std::string IdOf(const std::string& path, std::string_view prefix) {
  std::string rest = path.substr(prefix.size());
  if (auto slash = rest.find('/'); slash != std::string::npos) rest = rest.substr(0, slash);
  return rest;
}

}  // namespace

HttpResponse PolicyApi::Batches(const HttpRequest& req, store::Db& db, store::RegistryStore& registry,
                                const std::string& actor, const std::string& scope, bool may_approve) {
  if (auto r = policy_services::PaymentBatches::Migrate(db); !r) return FromError(r.error());
  audit::AuditLog* audit = &audit_;
  policy_services::PaymentBatches batches(db, audit, clock_);
  auto single_max = policy_services::SingleOfficerMaxFen(engine_.params(), Date::InChina(clock_.Now()));
  // No threshold in force: nobody pays alone (every batch needs two people).
  const int64_t max_fen = single_max ? *single_max : -1;
  const std::string path = req.Path();
  constexpr std::string_view kPrefix = "/api/policy/batches/";
  if (req.method == "POST" && path == "/api/policy/batches") {
    auto body = nlohmann::json::parse(req.body, nullptr, false);
    if (!body.is_object()) return HttpResponse::Error(400, "bad_request", "请求体须为 JSON 对象");
    policy_services::BatchSelection sel;
    sel.all = body.value("all", false);
    sel.region = body.value("region", "");
    sel.rule = body.value("rule", "");
    if (body.contains("once_keys")) {
      if (!body["once_keys"].is_array()) return HttpResponse::Error(400, "bad_request", "once_keys 须为字符串列表");
      for (const auto& k : body["once_keys"]) {
        if (!k.is_string()) return HttpResponse::Error(400, "bad_request", "once_keys 须为字符串");
        sel.once_keys.push_back(k.get<std::string>());
      }
    }
    // Fund supervision first: what it holds is not proposed, so not frozen.
    std::string serr;
    auto sup = SupervisorFor(db, audit, clock_, serr);
    if (!sup) return HttpResponse::Error(503, "unavailable", "资金监管参数无法加载：" + serr);
    const std::string screen_region = sel.region.empty() ? scope : sel.region;
    if (!screen_region.starts_with(scope)) return HttpResponse::Error(403, "forbidden", "区域超出权限范围");
    auto screened = sup->ScreenSweep(screen_region, actor);
    if (!screened) return FromError(screened.error());
    // Each entitlement is decided again with today's facts and rules
    // before it is frozen (policy_services/recheck.h).
    auto b = batches.Submit(sel, actor, scope, policy_services::StoreRecheck(engine_, db, registry, registrations_),
                            [&db](const std::vector<policy::Entitlement>& stopped) { return StoppedByChecks(db, stopped); });
    if (!b) return FromError(b.error());
    nlohmann::json j = BatchJson(*b, max_fen, actor, may_approve);
    j["withdrawn"] = b->recheck.Withdrawn();
    j["reproposed"] = b->recheck.Reproposed();
    j["message"] = b->recheck.Notice();
    j["supervision"] = ScreenJson(*screened);
    return HttpResponse::Json(201, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  if (req.method == "GET" && path == "/api/policy/batches") {
    const auto q = req.Query();
    auto list = batches.List(scope, Get(q, "status"));
    if (!list) return FromError(list.error());
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& b : *list) arr.push_back(BatchJson(b, max_fen, actor, may_approve));
    return Ok({{"batches", arr}, {"may_approve", may_approve}});
  }
  if (!path.starts_with(kPrefix)) return HttpResponse::Error(404, "not_found", "没有该接口");
  int64_t id = 0;
  try {
    id = std::stoll(IdOf(path, kPrefix));
  } catch (const std::exception&) {
    return HttpResponse::Error(400, "bad_request", "批次编号无效");
  }
  if (req.method == "GET" && path == std::string(kPrefix) + std::to_string(id)) {
    auto b = batches.Get(id, scope);
    if (!b) return FromError(b.error());
    if (!*b) return HttpResponse::Error(404, "not_found", "没有该支付批次");
    auto items = batches.Items(id);
    if (!items) return FromError(items.error());
    nlohmann::json j = BatchJson(**b, max_fen, actor, may_approve);
    {
      std::string serr;
      auto sup = SupervisorFor(db, nullptr, clock_, serr);
      if (!sup) return HttpResponse::Error(503, "unavailable", "资金监管参数无法加载：" + serr);
      auto held = sup->HeldOfBatch(id);
      if (!held) return FromError(held.error());
      j["held_count"] = held->first;
      j["held_fen"] = held->second;
      j["held_amount"] = policy::FormatYuan(held->second);
    }
    // The first kMaxItems items are listed; the totals above cover all.
    constexpr size_t kMaxItems = 500;
    nlohmann::json arr = nlohmann::json::array();
    j["items_total"] = items->size();
    if (items->size() > kMaxItems) items->resize(kMaxItems);
    for (const auto& e : *items) {
      nlohmann::json ej = EntitlementJson(e);
      ej["fund_label"] = std::string(policy::FundLabel(policy::ParseFund(e.fund)));
      ej["beneficiary_info"] = BeneficiaryJson(e, registry);
      arr.push_back(std::move(ej));
    }
    j["items"] = std::move(arr);
    return Ok(j);
  }
  if (req.method == "POST" && path == std::string(kPrefix) + std::to_string(id) + "/approve") {
    if (!may_approve) {
      audit::AuditEntry e;
      e.actor = actor;
      e.role = "officer";
      e.action = "policy.batch_approve";
      e.target = "payment-batch:" + std::to_string(id);
      e.result = "denied";
      e.client = "policy";
      e.detail = "没有审批支付权限";
      (void)audit_.Append(db, std::move(e));
      return HttpResponse::Error(403, "forbidden", "本账号没有审批支付权限（须由安全管理员授予“审批支付”权限）");
    }
    if (!single_max) return FromError(single_max.error());
    std::string serr;
    auto sup = SupervisorFor(db, audit, clock_, serr);
    if (!sup) return HttpResponse::Error(503, "unavailable", "资金监管参数无法加载：" + serr);
    // The cross-checks and the budgets of the day run before anything is paid.
    auto r = batches.Approve(id, actor, scope, *single_max, [&](int64_t batch_id) -> Result<void> {
      auto s = sup->ScreenBatch(batch_id, actor);
      if (!s) return std::unexpected(s.error());
      return {};
    });
    if (!r) return FromError(r.error());
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& p : r->results) {
      arr.push_back({{"once_key", p.once_key}, {"amount_fen", p.amount_fen},
                     {"outcome", p.outcome == policy::PayOutcome::kPaid       ? "paid"
                                 : p.outcome == policy::PayOutcome::kReferred ? "referred"
                                                                               : "already_paid"}});
    }
    nlohmann::json j = BatchJson(r->batch, max_fen, actor, may_approve);
    j["results"] = std::move(arr);
    j["held_count"] = r->held.size();
    j["held_fen"] = r->held_fen;
    j["held_amount"] = policy::FormatYuan(r->held_fen);
    j["held_message"] = r->held.empty() ? std::string()
                                        : "资金监管核查暂停支付并移出本批次 " + std::to_string(r->held.size()) +
                                              " 笔，合计 " + policy::FormatYuan(r->held_fen) + "，待监管人员核查";
    // What was done, in one sentence: a batch whose items were all held
    // paid nothing, and says so with the checks that held them.
    int64_t paid_count = 0, paid_fen = 0, referred = 0;
    for (const auto& p : r->results) {
      if (p.outcome == policy::PayOutcome::kPaid) {
        ++paid_count;
        paid_fen += p.amount_fen;
      }
      referred += p.outcome == policy::PayOutcome::kReferred;
    }
    std::string why_held;
    if (!r->held.empty()) {
      policy::Ledger ledger(db, nullptr, clock_);
      std::vector<policy::Entitlement> held;
      for (const auto& k : r->held) {
        auto e = ledger.Find(k);
        if (e && *e) held.push_back(std::move(**e));
      }
      auto note = StoppedByChecks(db, held);
      why_held = note && !note->empty() ? *note : std::to_string(r->held.size()) + " 笔被资金监管暂停支付";
    }
    const std::string name = "批次 " + std::to_string(id);
    if (r->results.empty() && !r->held.empty()) {
      j["paid_nothing"] = true;
      j["message"] = name + " 未支付任何一笔：全部 " + std::to_string(r->held.size()) + " 笔（合计 " +
                     policy::FormatYuan(r->held_fen) + "）在支付前的资金监管核查中被暂停支付并移出本批次。" + why_held;
    } else {
      j["paid_nothing"] = paid_count == 0 && referred == 0;
      j["message"] = name + " 已审批支付：" + std::to_string(paid_count) + " 笔，合计 " + policy::FormatYuan(paid_fen) +
                     (referred ? "；创业担保贷款 " + std::to_string(referred) + " 笔转经办银行" : std::string()) +
                     (why_held.empty() ? std::string() : "。另有 " + why_held);
    }
    return Ok(j);
  }
  return HttpResponse::Error(404, "not_found", "没有该接口");
}

}  // namespace qjy::server
