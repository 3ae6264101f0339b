#include "policy/decision_record.h"

#include <algorithm>

#include "policy/facts_json.h"
#include "policy/params_json.h"
#include "policy/rules/rules.h"
#include "policy/rules/versions.h"

namespace qjy::policy {

DecisionRecorder::DecisionRecorder(const ParameterSet& params, const World& world)
    : params_(params),
      world_(world),
      params_json_(ParamsToJson(params).dump()),
      params_hash_(ParamsHash(params_json_)) {}

std::vector<std::string> ParamNames(const Decision& d) {
  std::vector<std::string> out;
  for (const auto& used : d.params_used) {
    std::string name = used.substr(0, used.find(" = "));
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  }
  return out;
}

nlohmann::json ParamsRead(const ParameterSet& params, const Decision& d) {
  nlohmann::json out = nlohmann::json::array();
  auto date = Date::Parse(d.date);
  if (!date) return out;
  for (const auto& name : ParamNames(d)) {
    const Parameter* p = params.Find(name);
    if (!p) continue;
    const InForce f = InForceAt(params, name, *date, d.county_code);
    out.push_back({{"name", name}, {"description", p->description}, {"reference", p->reference},
                   {"unit", UnitName(p->unit)}, {"value", f.value ? nlohmann::json(*f.value) : nlohmann::json(nullptr)},
                   {"shown", ShowValue(*p, f.value)}, {"from", f.from ? f.from->ToString() : std::string()},
                   {"region", f.region}});
  }
  return out;
}

DecisionRecord DecisionRecorder::Record(const Decision& d, std::string decision_json) const {
  DecisionRecord r;
  r.rule_version = rules::RuleVersion(d.rule);
  r.params_hash = params_hash_;
  r.params_read = ParamsRead(params_, d);
  std::call_once(index_once_, [&] { index_.emplace(world_); });
  r.facts_json = WorldToJson(SubjectWorld(world_, d, &*index_)).dump();
  r.decision_json = std::move(decision_json);
  return r;
}

}  // namespace qjy::policy
