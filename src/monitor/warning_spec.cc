#include "monitor/warning_spec.h"

#include <algorithm>
#include <cstdlib>
#include <set>

#include <yaml-cpp/yaml.h>

#include "monitor/spec_reader.h"

#include "core/install_paths.h"

namespace qjy::monitor {
namespace {

struct KindInfo {
  WarningKind kind;
  const char* code;
  std::vector<const char*> parameters;  // required
  std::vector<const char*> thresholds;  // required in each level
};
const std::vector<KindInfo>& Kinds() {
  static const std::vector<KindInfo> kKinds = {
      {WarningKind::kMassLayoff, "mass_layoff", {"window_months", "min_count"}, {"count", "share"}},
      {WarningKind::kRegistrationSurge, "registration_surge", {"baseline_years", "min_count"}, {"factor"}},
      {WarningKind::kPovertyOutboundFall, "poverty_outbound_fall", {"min_base"}, {"fall"}},
      {WarningKind::kOnTimeRateFall, "on_time_rate_fall", {"min_decided"}, {"floor", "drop"}},
  };
  return kKinds;
}

class WarningSpecParser : public SpecReader {
 public:
  explicit WarningSpecParser(std::string_view file) : SpecReader("预警文件", file) {}

  Result<double> NonNegative(const YAML::Node& n, const std::string& what) const {
    auto v = Number<double>(n, what);
    if (v && *v < 0) return Bad(n, what + " 不能为负数");
    return v;
  }

  // source, or assumed: true with a note.
  Result<void> Citation(const YAML::Node& n, const std::string& what, std::string& source, bool& assumed,
                        std::string& note) const {
    auto s = Text(n, "source", false);
    if (!s) return std::unexpected(s.error());
    auto t = Text(n, "note", false);
    if (!t) return std::unexpected(t.error());
    source = *s;
    note = *t;
    auto a = Flag(n, "assumed");
    if (!a) return std::unexpected(a.error());
    assumed = *a;
    if (assumed && note.empty()) return Bad(n, what + " 为假设（assumed: true）时须写明 note");
    if (!assumed && source.empty()) return Bad(n, what + " 须注明出处 source，或写明 assumed: true 和 note");
    return {};
  }

  Result<LevelThresholds> Level(const YAML::Node& levels, const char* key, const KindInfo& kind) const {
    const YAML::Node n = levels[key];
    if (!n || !n.IsMap()) return Bad(levels, std::string("缺少级别 ") + key);
    LevelThresholds l;
    for (const char* t : kind.thresholds) {
      if (!n[t]) return Bad(n, std::string(key) + " 缺少阈值 " + t);
      auto v = NonNegative(n[t], t);
      if (!v) return std::unexpected(v.error());
      l.values[t] = *v;
    }
    auto c = Citation(n, std::string("级别 ") + key, l.source, l.assumed, l.note);
    if (!c) return std::unexpected(c.error());
    return l;
  }

  Result<WarningSpec> Parse(std::string_view text) const {
    auto parsed = Root(text);
    if (!parsed) return std::unexpected(parsed.error());
    const YAML::Node root = *parsed;
    WarningSpec s;
    s.file = file();
    for (auto [field, key] : {std::pair{&s.id, "id"}, {&s.name, "name"}, {&s.clause, "clause"},
                              {&s.definition, "definition"}}) {
      auto v = Text(root, key);
      if (!v) return std::unexpected(v.error());
      *field = *v;
    }
    auto kind_code = Text(root, "kind");
    if (!kind_code) return std::unexpected(kind_code.error());
    const KindInfo* kind = nullptr;
    for (const auto& k : Kinds()) {
      if (*kind_code == k.code) kind = &k;
    }
    if (!kind) return Bad(root["kind"], "未知的预警类型“" + *kind_code + "”");
    s.kind = kind->kind;

    const YAML::Node params = root["parameters"];
    if (params && !params.IsMap()) return Bad(params, "parameters 应为键值格式");
    for (const char* p : kind->parameters) {
      const YAML::Node n = params ? params[p] : YAML::Node();
      if (!n) return Bad(params ? params : root, std::string("缺少参数 ") + p);
      if (!n.IsMap() || !n["value"]) return Bad(n, std::string("参数 ") + p + " 须有 value");
      CitedValue v;
      auto num = NonNegative(n["value"], p);
      if (!num) return std::unexpected(num.error());
      v.value = *num;
      auto c = Citation(n, std::string("参数 ") + p, v.source, v.assumed, v.note);
      if (!c) return std::unexpected(c.error());
      s.parameters[p] = v;
    }

    if (s.kind == WarningKind::kMassLayoff) {
      const YAML::Node r = root["reasons"];
      if (!r || !r.IsSequence() || r.size() == 0) return Bad(root, "缺少离职原因 reasons（如 [layoff]）");
      for (const YAML::Node& x : r) {
        auto reason = x.IsScalar() ? registry::ParseSeparationReason(x.Scalar()) : std::nullopt;
        if (!reason) return Bad(x, "未知的离职原因“" + (x.IsScalar() ? x.Scalar() : std::string()) + "”");
        s.reasons.push_back(*reason);
      }
      if (s.Param("window_months") < 1 || s.Param("window_months") > 24) {
        return Bad(params["window_months"], "window_months 应在 1—24 之间");
      }
    }

    const YAML::Node levels = root["levels"];
    if (!levels || !levels.IsMap()) return Bad(root, "缺少级别 levels（amber、red）");
    auto amber = Level(levels, "amber", *kind);
    if (!amber) return std::unexpected(amber.error());
    auto red = Level(levels, "red", *kind);
    if (!red) return std::unexpected(red.error());
    s.amber = std::move(*amber);
    s.red = std::move(*red);
    // The red level is the stricter one: higher counts, shares, factors,
    // falls and drops; a lower floor.
    for (const auto& [key, a] : s.amber.values) {
      const double r = s.red.values.at(key);
      const bool ok = key == "floor" ? r <= a : r >= a;
      if (!ok) return Bad(levels["red"], "red 的阈值 " + key + " 应比 amber 更严重");
    }
    for (const char* key : {"share", "fall", "floor", "drop"}) {
      for (const auto* l : {&s.amber, &s.red}) {
        if (l->values.contains(key) && l->values.at(key) > 1) {
          return Bad(levels, std::string(key) + " 为比例，应在 0—1 之间");
        }
      }
    }
    return s;
  }

};

}  // namespace

const char* WarningKindCode(WarningKind k) {
  for (const auto& i : Kinds()) {
    if (i.kind == k) return i.code;
  }
  return "";
}

const char* WarningLevelCode(WarningLevel l) { return l == WarningLevel::kRed ? "red" : "amber"; }
const char* WarningLevelLabel(WarningLevel l) { return l == WarningLevel::kRed ? "预警" : "关注"; }

Result<WarningSpec> ParseWarning(std::string_view yaml_text, std::string_view file) {
  const WarningSpecParser p(file);
  return p.Guard<WarningSpec>([&] { return p.Parse(yaml_text); });
}

Result<std::vector<WarningSpec>> LoadWarnings(const std::filesystem::path& dir) {
  return LoadSpecDir<WarningSpec>({dir, "预警文件", "预警", "", true, "预警目录不存在："}, ParseWarning);
}

std::filesystem::path DefaultWarningsDir() {
  if (const char* env = std::getenv("QJY_WARNINGS"); env && *env) return env;
  return ShippedPath("policy/warnings");
}

}  // namespace qjy::monitor
