#include "policy/params_json.h"

#include "auth/token.h"
#include "policy/decision.h"
#include "policy/rules/rule_util.h"

namespace qjy::policy {
namespace {

using nlohmann::json;

json TimelineJson(const std::vector<DatedValue>& vs) {
  json a = json::array();
  for (const auto& v : vs) a.push_back({v.from.ToString(), v.value ? json(*v.value) : json(nullptr)});
  return a;
}

// The one-entry timeline of the value in force on `day`.
std::vector<DatedValue> Cut(const std::vector<DatedValue>& vs, Date day) {
  return {DatedValue{Date::FromDays(0), ValueOn(vs, day)}};
}

}  // namespace

json ParamsToJson(const ParameterSet& params) {
  json out = json::object();
  for (const auto& [name, p] : params.all()) {
    json overrides = json::object();
    for (const auto& [region, vs] : p.overrides) overrides[region] = TimelineJson(vs);
    out[name] = {{"description", p.description}, {"unit", UnitName(p.unit)}, {"reference", p.reference},
                 {"interpretation", p.interpretation}, {"assumed", p.assumed}, {"note", p.note},
                 {"overridable", p.overridable}, {"ceiling", p.ceiling ? json(*p.ceiling) : json(nullptr)},
                 {"values", TimelineJson(p.values)}, {"overrides", overrides}};
  }
  return out;
}

std::string ParamsHash(const std::string& canonical_json) { return auth::Sha256Hex(canonical_json); }

Result<ParameterSet> ParamsFromJson(const json& j) {
  if (!j.is_object()) return Fail(ErrorCode::kInvalidArgument, "参数快照应为对象");
  // Read back through the loader of policy/params (ParameterSet::AddYaml):
  // a snapshot must pass the checks the files passed. JSON strings are
  // valid YAML double-quoted scalars.
  std::string yaml;
  try {
    for (const auto& [name, o] : j.items()) {
      const std::string unit = o.at("unit").get<std::string>();
      auto value = [&](const json& v) -> std::string {
        if (v.is_null()) return "null";
        const int64_t x = v.get<int64_t>();
        if (unit == "date") return Date::FromDays(static_cast<int32_t>(x)).ToString();
        if (unit == "bool") return x ? "true" : "false";
        return std::to_string(x);
      };
      auto timeline = [&](const json& a) {
        std::string t = "{";
        for (const auto& e : a) {
          t += (t.size() > 1 ? ", " : "") + e.at(0).get<std::string>() + ": " + value(e.at(1));
        }
        return t + "}";
      };
      yaml += name + ":\n";
      for (const char* key : {"description", "unit", "reference", "interpretation", "note"}) {
        if (!o.at(key).get<std::string>().empty()) yaml += std::string("  ") + key + ": " + o.at(key).dump() + "\n";
      }
      yaml += std::string("  assumed: ") + (o.at("assumed").get<bool>() ? "true" : "false") + "\n";
      yaml += std::string("  overridable: ") + (o.at("overridable").get<bool>() ? "true" : "false") + "\n";
      if (!o.at("ceiling").is_null()) yaml += "  ceiling: " + std::to_string(o.at("ceiling").get<int64_t>()) + "\n";
      yaml += "  values: " + timeline(o.at("values")) + "\n";
      if (!o.at("overrides").empty()) {
        yaml += "  overrides:\n";
        for (const auto& [region, vs] : o.at("overrides").items()) yaml += "    \"" + region + "\": " + timeline(vs) + "\n";
      }
    }
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kInvalidArgument, std::string("参数快照无法读取：") + e.what());
  }
  ParameterSet set;
  if (auto r = set.AddYaml(yaml, "参数快照"); !r) return std::unexpected(r.error());
  return set;
}

Result<ParameterSet> ParamsAsOf(const ParameterSet& params, Date day) {
  json j = ParamsToJson(params);
  auto cut = [&](json& timeline) {
    std::vector<DatedValue> vs;
    for (const auto& e : timeline) {
      DatedValue dv{*Date::Parse(e.at(0).get<std::string>()), std::nullopt};
      if (!e.at(1).is_null()) dv.value = e.at(1).get<int64_t>();
      vs.push_back(dv);
    }
    // An override not yet in force on `day` is not today's value: kept as is.
    if (vs.empty() || day < vs.front().from) return;
    timeline = TimelineJson(Cut(vs, day));
  };
  for (auto& [name, o] : j.items()) {
    cut(o["values"]);
    for (auto& [region, vs] : o["overrides"].items()) cut(vs);
  }
  return ParamsFromJson(j);
}

InForce InForceAt(const ParameterSet& params, std::string_view name, Date date, std::string_view region) {
  InForce f;
  const Parameter* p = params.Find(name);
  if (!p) return f;
  f.defined = true;
  auto entry = [&](const std::vector<DatedValue>& vs, std::string where) {
    f.region = std::move(where);
    for (const auto& v : vs) {
      if (v.from <= date) f.from = v.from, f.value = v.value;
    }
    if (!f.from) f.value.reset();
    return f;
  };
  // The order of ParameterSet::ValueAt: county, prefecture, province.
  if (!p->overrides.empty() && region.size() >= 4) {
    for (size_t len : {size_t{6}, size_t{4}}) {
      if (region.size() < len) continue;
      auto it = p->overrides.find(std::string(region.substr(0, len)));
      if (it != p->overrides.end() && it->second.front().from <= date) return entry(it->second, it->first);
    }
  }
  return entry(p->values, "");
}

std::string ShowValue(const Parameter& p, const std::optional<int64_t>& v) {
  if (!v) return "无（未实施或已到期）";
  switch (p.unit) {
    case Unit::kFen: return FormatYuan(*v);
    case Unit::kPercentBp: return rules::Bp(*v);
    case Unit::kMonths: return std::to_string(*v) + "个月";
    case Unit::kYears: return std::to_string(*v) + "年";
    case Unit::kCount: return std::to_string(*v);
    case Unit::kDate: return Date::FromDays(static_cast<int32_t>(*v)).ToString();
    case Unit::kBool: return *v ? "是" : "否";
    case Unit::kRegion: return "区划 " + std::to_string(*v);
  }
  return std::to_string(*v);
}

}  // namespace qjy::policy
