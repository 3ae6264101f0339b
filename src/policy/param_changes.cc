#include "policy/param_changes.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>

#include "core/clause_display.h"

namespace qjy::policy {
namespace {

std::string ValueText(Unit unit, int64_t v) {
  switch (unit) {
    case Unit::kDate: return Date::FromDays(static_cast<int32_t>(v)).ToString();
    case Unit::kBool: return v ? "true" : "false";
    default: return std::to_string(v);
  }
}

void EmitValues(YAML::Emitter& out, Unit unit, const std::vector<DatedValue>& values) {
  out << YAML::BeginMap;
  for (const auto& dv : values) {
    out << YAML::Key << dv.from.ToString() << YAML::Value;
    if (dv.value) {
      out << ValueText(unit, *dv.value);
    } else {
      out << YAML::Null;
    }
  }
  out << YAML::EndMap;
}

// The parameter as the YAML files write it, so that the loader checks it again.
std::string ToYaml(const Parameter& p) {
  YAML::Emitter out;
  out << YAML::BeginMap << YAML::Key << p.name << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "description" << YAML::Value << p.description;
  out << YAML::Key << "unit" << YAML::Value << std::string(UnitName(p.unit));
  out << YAML::Key << "reference" << YAML::Value << p.reference;
  if (!p.interpretation.empty()) out << YAML::Key << "interpretation" << YAML::Value << p.interpretation;
  if (p.assumed) out << YAML::Key << "assumed" << YAML::Value << "true";
  if (!p.note.empty()) out << YAML::Key << "note" << YAML::Value << p.note;
  if (p.overridable) out << YAML::Key << "overridable" << YAML::Value << "true";
  if (p.ceiling) out << YAML::Key << "ceiling" << YAML::Value << std::to_string(*p.ceiling);
  out << YAML::Key << "values" << YAML::Value;
  EmitValues(out, p.unit, p.values);
  if (!p.overrides.empty()) {
    out << YAML::Key << "overrides" << YAML::Value << YAML::BeginMap;
    for (const auto& [region, values] : p.overrides) {
      out << YAML::Key << region << YAML::Value;
      EmitValues(out, p.unit, values);
    }
    out << YAML::EndMap;
  }
  out << YAML::EndMap << YAML::EndMap;
  return out.c_str();
}

void Insert(std::vector<DatedValue>& values, const ParamValueChange& c) {
  auto it = std::lower_bound(values.begin(), values.end(), c.from,
                             [](const DatedValue& dv, Date d) { return dv.from < d; });
  if (it != values.end() && it->from == c.from) {
    it->value = c.value;
  } else {
    values.insert(it, DatedValue{c.from, c.value});
  }
}

}  // namespace

Result<void> CheckChange(const ParameterSet& base, const ParamValueChange& change) {
  const Parameter* p = base.Find(change.name);
  if (!p) return Fail(ErrorCode::kInvalidArgument, "没有该政策参数：" + change.name);
  if (p->unit == Unit::kRegion) {
    return Fail(ErrorCode::kInvalidArgument, "“" + p->description + "”是区划范围，须随文件发布调整，不在此修改");
  }
  if (!change.value) return {};
  const int64_t v = *change.value;
  if (v < 0) return Fail(ErrorCode::kInvalidArgument, "“" + p->description + "”不得为负数");
  if (p->unit == Unit::kBool && v > 1) return Fail(ErrorCode::kInvalidArgument, "“" + p->description + "”只能为是或否");
  if (p->unit == Unit::kPercentBp && v > 10000) {
    return Fail(ErrorCode::kInvalidArgument, "“" + p->description + "”的比例不能超过 100%");
  }
  if (p->ceiling && v > *p->ceiling) {
    return Fail(ErrorCode::kInvalidArgument, "“" + p->description + "”超过原文上限（" + DisplayClause(p->reference) +
                                                 "“不超过”）");
  }
  return {};
}

Result<ParameterSet> WithChanges(const ParameterSet& base, std::span<const ParamValueChange> changes) {
  ParameterSet out = base;
  std::map<std::string, Parameter> touched;
  for (const auto& c : changes) {
    if (auto ok = CheckChange(base, c); !ok) {
      return Fail(ErrorCode::kInvalidArgument, "参数调整 #" + std::to_string(c.change_id) + "：" + ok.error().message);
    }
    auto it = touched.find(c.name);
    if (it == touched.end()) it = touched.emplace(c.name, *base.Find(c.name)).first;
    Insert(it->second.values, c);
  }
  for (const auto& [name, p] : touched) {
    if (auto r = out.ReplaceYaml(ToYaml(p), p.file); !r) return std::unexpected(r.error());
  }
  return out;
}

}  // namespace qjy::policy
