#include "policy/params.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "core/clause_display.h"
#include "core/provinces.h"
#include "policy/clauses.h"

namespace qjy::policy {
namespace {

bool IsInteger(const std::string& s) {
  if (s.empty()) return false;
  size_t i = s[0] == '-' ? 1 : 0;
  if (i == s.size()) return false;
  return std::all_of(s.begin() + i, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<Unit> ParseUnit(const std::string& s) {
  static const std::pair<const char*, Unit> kUnits[] = {
      {"fen", Unit::kFen},     {"percent_bp", Unit::kPercentBp}, {"months", Unit::kMonths},
      {"years", Unit::kYears}, {"count", Unit::kCount},          {"date", Unit::kDate},
      {"bool", Unit::kBool},   {"region", Unit::kRegion}};
  for (const auto& [n, u] : kUnits) {
    if (s == n) return u;
  }
  return std::nullopt;
}

Result<std::vector<DatedValue>> ParseValues(const YAML::Node& node, Unit unit,
                                            const std::string& where) {
  if (!node.IsMap() || node.size() == 0) {
    return Fail(ErrorCode::kInvalidArgument, where + "：values 须为非空的 日期: 值 映射");
  }
  std::vector<DatedValue> out;
  for (const auto& kv : node) {
    const std::string key = kv.first.Scalar();
    auto from = Date::Parse(key);
    if (!from || from->ToString() != key) {
      return Fail(ErrorCode::kInvalidArgument, where + "：生效日期 “" + key + "” 须为 YYYY-MM-DD");
    }
    if (!out.empty() && *from == out.back().from) {
      return Fail(ErrorCode::kInvalidArgument, where + "：生效日期 " + key + " 重复");
    }
    if (!out.empty() && *from < out.back().from) {
      return Fail(ErrorCode::kInvalidArgument,
                  where + "：生效日期须按先后排列（" + key + " 在 " + out.back().from.ToString() +
                      " 之后）");
    }
    DatedValue dv{*from, std::nullopt};
    const YAML::Node& v = kv.second;
    if (v.IsNull()) {
      out.push_back(dv);
      continue;
    }
    if (!v.IsScalar()) return Fail(ErrorCode::kInvalidArgument, where + "：" + key + " 的值须为标量");
    const std::string text = v.Scalar();
    switch (unit) {
      case Unit::kDate: {
        auto d = Date::Parse(text);
        if (!d || d->ToString() != text) {
          return Fail(ErrorCode::kInvalidArgument, where + "：" + key + " 的值 “" + text + "” 须为日期 YYYY-MM-DD");
        }
        dv.value = d->days();
        break;
      }
      case Unit::kRegion:
        // A division code the funds' jurisdiction is written as: "52" (a
        // province), or a prefecture / county code.
        if (!(text.size() == 2 || text.size() == 4 || text.size() == 6) || !IsInteger(text) ||
            !IsProvinceCode(text.substr(0, 2))) {
          return Fail(ErrorCode::kInvalidArgument,
                      where + "：" + key + " 的值 “" + text + "” 须为省(2位)、市州(4位)或县(6位)区划代码");
        }
        dv.value = std::stoll(text);
        break;
      case Unit::kBool:
        if (text != "true" && text != "false") {
          return Fail(ErrorCode::kInvalidArgument, where + "：" + key + " 的值须为 true 或 false");
        }
        dv.value = text == "true" ? 1 : 0;
        break;
      default:
        if (!IsInteger(text)) {
          return Fail(ErrorCode::kInvalidArgument,
                      where + "：" + key + " 的值 “" + text + "” 不是整数（金额以分、比例以基点计，不得使用小数）");
        }
        try {
          dv.value = std::stoll(text);
        } catch (const std::exception&) {
          return Fail(ErrorCode::kInvalidArgument, where + "：" + key + " 的值超出范围");
        }
        if (*dv.value < 0) return Fail(ErrorCode::kInvalidArgument, where + "：" + key + " 的值不得为负");
        if (unit == Unit::kPercentBp && *dv.value > 10000) {
          return Fail(ErrorCode::kInvalidArgument, where + "：" + key + " 的比例超过 10000 基点（100%）");
        }
    }
    out.push_back(dv);
  }
  return out;
}

// Every value and override of `p` within its ceiling ("不超过" of its clause).
Result<void> CheckCeiling(const Parameter& p, const std::string& file) {
  if (!p.ceiling) return {};
  auto check = [&](const std::vector<DatedValue>& values, const std::string& region) -> Result<void> {
    for (const auto& v : values) {
      if (v.value && *v.value > *p.ceiling) {
        return Fail(ErrorCode::kInvalidArgument,
                    file + " 参数 " + p.name + (region.empty() ? "" : " [" + region + "]") + "：" +
                        v.from.ToString() + " 起的值 " + std::to_string(*v.value) + " 超过原文上限 " +
                        std::to_string(*p.ceiling) + "（" + DisplayClause(p.reference) + "“不超过”）");
      }
    }
    return {};
  };
  if (auto r = check(p.values, ""); !r) return r;
  for (const auto& [region, values] : p.overrides) {
    if (auto r = check(values, region); !r) return r;
  }
  return {};
}

bool IsGuizhouRegion(const std::string& code) {
  return (code.size() == 4 || code.size() == 6) && code.starts_with("52") &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Result<Parameter> ParseParameter(const std::string& name, const YAML::Node& node,
                                 const std::string& file) {
  const std::string where = file + " 参数 " + name;
  if (!node.IsMap()) return Fail(ErrorCode::kInvalidArgument, where + "：须为映射");
  static const std::set<std::string> kKeys = {"description", "unit",       "reference",
                                              "interpretation", "assumed", "note",
                                              "overridable", "values",     "overrides", "ceiling"};
  for (const auto& kv : node) {
    if (!kKeys.contains(kv.first.Scalar())) {
      return Fail(ErrorCode::kInvalidArgument, where + "：未知字段 “" + kv.first.Scalar() + "”");
    }
  }
  Parameter p;
  p.name = name;
  p.file = file;
  auto text = [&](const char* key) { return node[key] ? node[key].Scalar() : std::string(); };
  p.description = text("description");
  if (p.description.empty()) return Fail(ErrorCode::kInvalidArgument, where + "：缺少 description");
  if (!node["unit"]) return Fail(ErrorCode::kInvalidArgument, where + "：缺少 unit（单位）");
  auto unit = ParseUnit(text("unit"));
  if (!unit) return Fail(ErrorCode::kInvalidArgument, where + "：未知单位 “" + text("unit") + "”");
  p.unit = *unit;
  if (!node["reference"]) return Fail(ErrorCode::kInvalidArgument, where + "：缺少 reference（条款出处）");
  auto clause = CanonicalClause(text("reference"));
  if (!clause) {
    return Fail(ErrorCode::kInvalidArgument, where + "：条款 “" + text("reference") + "” 在黔府发〔2023〕12号中不存在");
  }
  p.reference = *clause;
  p.interpretation = text("interpretation");
  p.note = text("note");
  auto flag = [&](const char* key, bool& out) -> Result<void> {
    if (!node[key]) return {};
    const std::string v = node[key].Scalar();
    if (v != "true" && v != "false") return Fail(ErrorCode::kInvalidArgument, where + "：" + key + " 须为 true 或 false");
    out = v == "true";
    return {};
  };
  if (auto r = flag("assumed", p.assumed); !r) return std::unexpected(r.error());
  if (auto r = flag("overridable", p.overridable); !r) return std::unexpected(r.error());
  if (p.assumed && p.note.empty()) {
    return Fail(ErrorCode::kInvalidArgument, where + "：assumed 的参数须在 note 中说明取值依据");
  }
  if (!node["values"]) return Fail(ErrorCode::kInvalidArgument, where + "：缺少 values");
  auto values = ParseValues(node["values"], p.unit, where);
  if (!values) return std::unexpected(values.error());
  p.values = std::move(*values);
  if (node["overrides"]) {
    if (!p.overridable) {
      return Fail(ErrorCode::kInvalidArgument, where + "：该参数不允许地方调整（未标 overridable）");
    }
    if (!node["overrides"].IsMap()) return Fail(ErrorCode::kInvalidArgument, where + "：overrides 须为映射");
    for (const auto& kv : node["overrides"]) {
      const std::string region = kv.first.Scalar();
      if (!IsGuizhouRegion(region)) {
        return Fail(ErrorCode::kInvalidArgument, where + "：地方调整的区划代码 “" + region + "” 须为贵州的市州(4位)或县(6位)代码");
      }
      if (p.overrides.contains(region)) {
        return Fail(ErrorCode::kInvalidArgument, where + "：区划 " + region + " 重复");
      }
      auto ov = ParseValues(kv.second, p.unit, where + " [" + region + "]");
      if (!ov) return std::unexpected(ov.error());
      p.overrides[region] = std::move(*ov);
    }
  }
  if (node["ceiling"]) {
    const std::string c = node["ceiling"].Scalar();
    if (!IsInteger(c) || c[0] == '-') {
      return Fail(ErrorCode::kInvalidArgument, where + "：ceiling “" + c + "” 须为非负整数（与 unit 相同单位）");
    }
    p.ceiling = std::stoll(c);
  }
  if (auto r = CheckCeiling(p, file); !r) return std::unexpected(r.error());
  return p;
}

bool ValidName(const std::string& n) {
  if (n.empty()) return false;
  return std::all_of(n.begin(), n.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
  });
}

}  // namespace

std::string_view UnitName(Unit u) {
  switch (u) {
    case Unit::kFen: return "fen";
    case Unit::kPercentBp: return "percent_bp";
    case Unit::kMonths: return "months";
    case Unit::kYears: return "years";
    case Unit::kCount: return "count";
    case Unit::kDate: return "date";
    case Unit::kBool: return "bool";
    case Unit::kRegion: return "region";
  }
  return "?";
}

std::optional<int64_t> ValueOn(const std::vector<DatedValue>& values, Date date) {
  std::optional<int64_t> v;
  for (const auto& dv : values) {
    if (dv.from > date) break;
    v = dv.value;
  }
  return v;
}

Result<void> ParameterSet::AddYaml(std::string_view yaml, const std::string& file) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    return Fail(ErrorCode::kInvalidArgument, file + "：YAML 格式错误：" + e.what());
  }
  if (root.IsNull()) return {};
  if (!root.IsMap()) return Fail(ErrorCode::kInvalidArgument, file + "：顶层须为 参数名: 定义 的映射");
  for (const auto& kv : root) {
    const std::string name = kv.first.Scalar();
    if (!ValidName(name)) {
      return Fail(ErrorCode::kInvalidArgument, file + "：参数名 “" + name + "” 只能含小写字母、数字、_ 和 .");
    }
    if (params_.contains(name)) {
      return Fail(ErrorCode::kInvalidArgument, file + "：参数 " + name + " 重复定义（另见 " + params_.find(name)->second.file + "）");
    }
    auto p = ParseParameter(name, kv.second, file);
    if (!p) {
      // "r01.yaml 参数 x：…" -> "r01.yaml（第 12 行）参数 x：…": where to look.
      Error e = p.error();
      const std::string at = file + "（第 " + std::to_string(kv.first.Mark().line + 1) + " 行）";
      if (e.message.starts_with(file + " ")) e.message = at + e.message.substr(file.size() + 1);
      return std::unexpected(std::move(e));
    }
    params_.emplace(name, std::move(*p));
  }
  return {};
}

Result<void> ParameterSet::ReplaceYaml(std::string_view yaml, const std::string& file) {
  ParameterSet replacements;
  if (auto r = replacements.AddYaml(yaml, file); !r) return r;
  for (auto& [name, p] : replacements.params_) {
    auto it = params_.find(name);
    if (it == params_.end()) return Fail(ErrorCode::kInvalidArgument, file + "：替换的参数 " + name + " 不存在");
    // The document's ceiling stays: a replacement may lower it, never lift it.
    if (it->second.ceiling && (!p.ceiling || *p.ceiling > *it->second.ceiling)) p.ceiling = it->second.ceiling;
    if (auto r = CheckCeiling(p, file); !r) return r;
    it->second = std::move(p);
  }
  return {};
}

Result<ParameterSet> ParameterSet::LoadDir(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return Fail(ErrorCode::kNotFound, "参数目录不存在：" + dir.string());
  }
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  ParameterSet set;
  for (const auto& f : files) {
    std::ifstream in(f);
    std::stringstream ss;
    ss << in.rdbuf();
    if (auto r = set.AddYaml(ss.str(), f.filename().string()); !r) return std::unexpected(r.error());
  }
  if (set.params_.empty()) return Fail(ErrorCode::kInvalidArgument, "参数目录为空：" + dir.string());
  return set;
}

const Parameter* ParameterSet::Find(std::string_view name) const {
  auto it = params_.find(name);
  return it == params_.end() ? nullptr : &it->second;
}

std::optional<int64_t> ParameterSet::ValueAt(std::string_view name, Date date,
                                             std::string_view region) const {
  const Parameter* p = Find(name);
  if (!p) return std::nullopt;
  if (!p->overrides.empty() && region.size() >= 4) {
    if (region.size() >= 6) {
      auto it = p->overrides.find(std::string(region.substr(0, 6)));
      // An override applies from its first date; before it the wider value holds.
      if (it != p->overrides.end() && it->second.front().from <= date) return ValueOn(it->second, date);
    }
    auto it = p->overrides.find(std::string(region.substr(0, 4)));
    if (it != p->overrides.end() && it->second.front().from <= date) return ValueOn(it->second, date);
  }
  return ValueOn(p->values, date);
}

}  // namespace qjy::policy
