#include "policy/replay.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "core/clause_display.h"
#include "policy/decision_record.h"
#include "policy/engine.h"
#include "policy/facts_json.h"
#include "policy/params_json.h"
#include "policy/rules/rules.h"
#include "policy/rules/versions.h"

namespace qjy::policy {
namespace {

using nlohmann::json;

// The decision with `once_key` on `date` for the subject the rule names, or
// a decision that is not eligible saying the engine no longer produces it.
Decision Decide(const Engine& engine, const World& w, const json& stored, Date date) {
  const std::string rule = stored.value("rule", ""), key = stored.value("once_key", ""),
                    beneficiary = stored.value("beneficiary", "");
  const rules::RuleInfo* info = rules::FindRule(rule);
  Result<std::vector<Decision>> ds = std::vector<Decision>();
  if (info && info->subject == rules::Subject::kEmployer) {
    // An employer rule pays the employer ("E:…") or one of its workshops
    // ("W:…", R19): the employer concerned is then the decision's employer.
    ds = engine.EvaluateEmployer(
        w, beneficiary.starts_with("E:") ? beneficiary.substr(2) : stored.value("employer_code", ""), date);
  } else if (info && info->subject == rules::Subject::kSite) {
    ds = engine.EvaluateSite(w, beneficiary.starts_with("S:") ? std::atoll(beneficiary.c_str() + 2) : 0, date);
  } else {
    ds = engine.EvaluatePerson(w, stored.value("person_id", int64_t{0}), date);
  }
  if (ds) {
    for (auto& d : *ds) {
      if (d.once_key == key) return std::move(d);
    }
  }
  Decision d;
  d.rule = rule;
  d.title = stored.value("title", "");
  d.date = date.ToString();
  d.beneficiary = beneficiary;
  d.person_id = stored.value("person_id", int64_t{0});
  d.employer_code = stored.value("employer_code", "");
  d.period = stored.value("period", "");
  d.county_code = stored.value("county_code", "");
  d.once_key = key;
  d.conditions.push_back({"decision_produced", info ? info->clause : "", "规则对该对象作出本项决定",
                          ds ? "按这些事实不再产生本项决定（对象或期间不同）" : ds.error().message, false,
                          "核对存档的事实"});
  return d;
}

// The first top-level field where the rebuilt decision differs, in Chinese.
std::string Mismatch(const json& stored, const json& rebuilt) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"eligible", "是否符合"}, {"amount_fen", "金额"}, {"fund", "资金"}, {"conditions", "条件"},
      {"amount_steps", "金额计算"}, {"params_used", "所用参数"}, {"missing_data", "缺少数据"},
      {"once_key", "享受资格键"}, {"title", "名称"}, {"date", "决定日期"}};
  for (const auto& [key, name] : kNames) {
    if (stored.value(key, json()) != rebuilt.value(key, json())) {
      return std::string(name) + "不同：存档 " + stored.value(key, json()).dump() + "，重放 " +
             rebuilt.value(key, json()).dump();
    }
  }
  for (const auto& [key, value] : stored.items()) {
    if (rebuilt.value(key, json()) != value) return "字段 " + key + " 不同";
  }
  return "字段顺序或格式不同";
}

void CompareConditions(Replay& r) {
  std::map<std::string, const Condition*> now;
  for (const auto& c : r.now.conditions) now.emplace(c.id, &c);
  std::map<std::string, bool> seen;
  for (const auto& c : r.then.conditions) {
    seen[c.id] = true;
    auto it = now.find(c.id);
    if (it == now.end()) {
      r.conditions.push_back({c.id, c.clause, c.text, c.pass, std::nullopt, c.seen, ""});
    } else if (it->second->pass != c.pass || it->second->seen != c.seen) {
      r.conditions.push_back({c.id, c.clause, c.text, c.pass, it->second->pass, c.seen, it->second->seen});
    }
  }
  for (const auto& c : r.now.conditions) {
    if (!seen.contains(c.id)) r.conditions.push_back({c.id, c.clause, c.text, std::nullopt, c.pass, "", c.seen});
  }
}

void CompareParams(Replay& r, const ParameterSet& then_set, const ParameterSet& now_set, Date date) {
  std::vector<std::string> names = ParamNames(r.then);
  for (const auto& n : ParamNames(r.now)) {
    if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  }
  std::vector<std::string> done;
  for (const auto& name : names) {
    if (std::find(done.begin(), done.end(), name) != done.end()) continue;
    done.push_back(name);
    const InForce a = InForceAt(then_set, name, date, r.then.county_code);
    const InForce b = InForceAt(now_set, name, r.today, r.then.county_code);
    if (a.value == b.value) continue;
    const Parameter* p = now_set.Find(name) ? now_set.Find(name) : then_set.Find(name);
    if (!p) continue;
    const Parameter* pa = then_set.Find(name);
    r.params.push_back({name, p->description, p->reference, a.value, b.value,
                        pa ? ShowValue(*pa, a.value) : "无（当时未定义）", ShowValue(*p, b.value),
                        a.from ? a.from->ToString() : "", b.from ? b.from->ToString() : ""});
  }
}

json OptBool(const std::optional<bool>& b) { return b ? json(*b) : json(nullptr); }
json OptInt(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

std::string Verdict(const Decision& d) {
  std::string s = d.eligible ? "符合" : "不符合";
  if (d.eligible) s += std::string("，") + (d.loan ? "可贷额度 " : "金额 ") + FormatYuan(d.amount_fen);
  return s;
}

const char* PassText(const std::optional<bool>& b) { return !b ? "未判断" : *b ? "满足" : "不满足"; }

}  // namespace

Result<Replay> ReplayDecision(const StoredDecision& stored, const ParameterSet& today_params, Date today) {
  const json decision = json::parse(stored.decision_json, nullptr, false);
  if (!decision.is_object()) return Fail(ErrorCode::kInvalidArgument, "存档的决定无法读取");
  auto date = Date::Parse(decision.value("date", ""));
  if (!date) return Fail(ErrorCode::kInvalidArgument, "存档的决定没有有效的决定日期");
  const json facts_json = json::parse(stored.facts_json, nullptr, false);
  auto world = WorldFromJson(facts_json);
  if (!world) return std::unexpected(world.error());
  const json params_json = json::parse(stored.params_json, nullptr, false);
  auto then_set = ParamsFromJson(params_json);
  if (!then_set) return std::unexpected(then_set.error());

  Replay r;
  r.today = today;
  r.hash_ok = ParamsHash(stored.params_json) == stored.params_hash;
  r.stored_rule_version = stored.rule_version;
  r.code_rule_version = rules::RuleVersion(decision.value("rule", ""));
  if (r.stored_rule_version != r.code_rule_version) {
    r.version_note = "规则版本已变化：决定时为 " + r.stored_rule_version + "，现行代码为 " +
                     (r.code_rule_version.empty() ? std::string("（该规则已不存在）") : r.code_rule_version) +
                     "；重放用的是现行代码，结果不同可能是规则修改所致";
  }
  auto then_engine = Engine::Create(*then_set);
  if (then_engine) {
    r.then = Decide(*then_engine, *world, decision, *date);
    const json rebuilt = ToJson(r.then);
    r.reproduced = rebuilt.dump() == stored.decision_json;
    if (!r.reproduced) r.mismatch = Mismatch(decision, rebuilt);
  } else {
    r.then.rule = decision.value("rule", "");
    r.then.county_code = decision.value("county_code", "");
    r.mismatch = "存档的参数集不能用现行代码重放：" + then_engine.error().message;
  }
  if (!r.hash_ok) r.mismatch = "存档参数集的校验值不符（参数集可能被改动）" + (r.mismatch.empty() ? "" : "；" + r.mismatch);
  if (!r.hash_ok) r.reproduced = false;

  auto now_set = ParamsAsOf(today_params, today);
  if (!now_set) return std::unexpected(now_set.error());
  auto now_engine = Engine::Create(std::move(*now_set));
  if (!now_engine) return std::unexpected(now_engine.error());
  r.now = Decide(*now_engine, *world, decision, *date);
  if (r.then.county_code.empty()) r.then.county_code = r.now.county_code;
  r.eligible_changed = r.then.eligible != r.now.eligible;
  r.amount_changed = r.then.amount_fen != r.now.amount_fen;
  CompareConditions(r);
  CompareParams(r, *then_set, today_params, *date);
  return r;
}

json ToJson(const Replay& r) {
  json conds = json::array(), params = json::array();
  for (const auto& c : r.conditions) {
    conds.push_back({{"id", c.id}, {"clause", c.clause}, {"clause_text", DisplayClause(c.clause)}, {"text", c.text},
                     {"then_pass", OptBool(c.then_pass)}, {"now_pass", OptBool(c.now_pass)},
                     {"then_seen", c.then_seen}, {"now_seen", c.now_seen}});
  }
  for (const auto& p : r.params) {
    params.push_back({{"name", p.name}, {"description", DisplayClause(p.description)}, {"reference", p.reference},
                      {"reference_text", DisplayClause(p.reference)}, {"then_value", OptInt(p.then_value)},
                      {"now_value", OptInt(p.now_value)}, {"then_shown", p.then_shown}, {"now_shown", p.now_shown},
                      {"then_from", p.then_from}, {"now_from", p.now_from}});
  }
  return {{"then", ToJson(r.then)},
          {"reproduced", r.reproduced},
          {"mismatch", r.mismatch},
          {"params_hash_ok", r.hash_ok},
          {"stored_rule_version", r.stored_rule_version},
          {"code_rule_version", r.code_rule_version},
          {"version_note", r.version_note},
          {"today", r.today.ToString()},
          {"now", ToJson(r.now)},
          {"differs", r.Differs()},
          {"eligible_changed", r.eligible_changed},
          {"amount_changed", r.amount_changed},
          {"amount_delta_fen", r.now.amount_fen - r.then.amount_fen},
          {"condition_changes", conds},
          {"param_changes", params}};
}

std::string ToText(const Replay& r) {
  std::string s = "当时的决定（按存档的事实和参数重放，决定日期 " + r.then.date + "）：\n";
  s += r.reproduced ? "  重放结果与存档逐字一致。\n" : "  重放结果与存档不一致：" + r.mismatch + "\n";
  if (!r.version_note.empty()) s += "  " + r.version_note + "\n";
  s += "  规则版本 " + r.stored_rule_version + "\n";
  s += ToText(r.then);
  s += "\n按现行参数（" + r.today.ToString() + " 有效的参数值，事实与决定日期不变）：\n";
  s += ToText(r.now);
  s += "\n差异：\n";
  if (!r.Differs()) s += "  无：按现行参数决定相同。\n";
  if (r.eligible_changed || r.amount_changed) {
    s += "  结论：" + Verdict(r.then) + " → " + Verdict(r.now) + "\n";
  }
  for (const auto& p : r.params) {
    s += "  参数“" + DisplayClause(p.description) + "”（" + DisplayClause(p.reference) + "）：" + p.then_shown +
         " → " + p.now_shown + (p.now_from.empty() ? "" : "（自 " + p.now_from + " 起）") + "\n";
  }
  for (const auto& c : r.conditions) {
    s += "  条件“" + c.text + "”（" + DisplayClause(c.clause) + "）：" + PassText(c.then_pass) +
         (c.then_seen.empty() ? "" : "（" + c.then_seen + "）") + " → " + PassText(c.now_pass) +
         (c.now_seen.empty() ? "" : "（" + c.now_seen + "）") + "\n";
  }
  return s;
}

}  // namespace qjy::policy
