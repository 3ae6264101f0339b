#include "monitor/monthly_spec.h"

#include <algorithm>
#include <set>

#include <yaml-cpp/yaml.h>

#include "monitor/spec_reader.h"

#include "monitor/indicator_spec.h"

namespace qjy::monitor {
namespace {

struct MonthlySpecNamed {
  MonthlyComputation c;
  const char* code;
};
constexpr MonthlySpecNamed kMonthlySpecComputations[] = {
    {MonthlyComputation::kRegisteredUnemploymentRate, "registered_unemployment_rate"},
    {MonthlyComputation::kMonitoringObjectsEmployed, "monitoring_objects_employed"},
};

class MonthlySpecParser : public SpecReader {
 public:
  explicit MonthlySpecParser(std::string_view file) : SpecReader("指标文件", file) {}

  Result<MonthlySpec> Parse(std::string_view text) const {
    auto parsed = Root(text);
    if (!parsed) return std::unexpected(parsed.error());
    const YAML::Node root = *parsed;
    MonthlySpec s;
    s.file = file();
    for (auto [field, key] : {std::pair{&s.id, "id"}, {&s.name, "name"}, {&s.clause, "clause"},
                              {&s.definition, "definition"}, {&s.source, "source"}, {&s.unit, "unit"}}) {
      auto v = Text(root, key);
      if (!v) return std::unexpected(v.error());
      *field = *v;
    }
    for (auto [field, key] : {std::pair{&s.target_text, "target_text"}, {&s.note, "note"}}) {
      auto v = Text(root, key, false);
      if (!v) return std::unexpected(v.error());
      *field = *v;
    }
    auto kind = Text(root, "kind");
    if (!kind) return std::unexpected(kind.error());
    if (*kind == "rate") {
      s.kind = MonthlyKind::kRate;
    } else if (*kind == "stock") {
      s.kind = MonthlyKind::kStock;
    } else {
      return Bad(root["kind"], "未知的指标类型“" + *kind + "”（应为 rate 或 stock）");
    }
    auto comp = Text(root, "computation");
    if (!comp) return std::unexpected(comp.error());
    auto c = ParseMonthlyComputation(*comp);
    if (!c) return Bad(root["computation"], "未知的计算口径“" + *comp + "”");
    s.computation = *c;
    const bool rate_computation = s.computation == MonthlyComputation::kRegisteredUnemploymentRate;
    if (rate_computation != (s.kind == MonthlyKind::kRate)) {
      return Bad(root["kind"], "计算口径 " + *comp + " 与指标类型 " + *kind + " 不符");
    }
    auto assumed = Assumed(root, s.note);
    if (!assumed) return std::unexpected(assumed.error());
    s.assumed = *assumed;

    const YAML::Node st = root["status"];
    if (!st || !st.IsMap()) return Bad(root, "缺少状态规则 status");
    if (s.kind == MonthlyKind::kRate) {
      if (!st["target_bp"] || !st["amber_to_bp"]) return Bad(st, "比率指标须有 target_bp 和 amber_to_bp（万分点）");
      auto t = Number<int64_t>(st["target_bp"], "target_bp");
      if (!t) return std::unexpected(t.error());
      auto a = Number<int64_t>(st["amber_to_bp"], "amber_to_bp");
      if (!a) return std::unexpected(a.error());
      if (*t < 0 || *t > 10000 || *a < *t || *a > 10000) {
        return Bad(st, "须满足 0 ≤ target_bp ≤ amber_to_bp ≤ 10000（万分点，550 即 5.50%）");
      }
      s.target_bp = *t;
      s.amber_to_bp = *a;
    } else {
      if (st["green_at"]) {
        auto g = Number<double>(st["green_at"], "green_at");
        if (!g) return std::unexpected(g.error());
        s.green_at = *g;
      }
      if (st["amber_at"]) {
        auto a = Number<double>(st["amber_at"], "amber_at");
        if (!a) return std::unexpected(a.error());
        s.amber_at = *a;
      }
      if (!(s.amber_at > 0 && s.amber_at <= s.green_at)) return Bad(st, "须满足 0 < amber_at ≤ green_at");
    }
    auto sn = Text(st, "note", false);
    if (!sn) return std::unexpected(sn.error());
    s.status_note = *sn;

    if (const YAML::Node sv = root["surveyed"]; sv) {
      if (s.kind != MonthlyKind::kRate) return Bad(sv, "只有比率指标可附调查数（surveyed）");
      if (!sv.IsMap()) return Bad(sv, "surveyed 应为键值格式");
      SurveyedSpec v;
      for (auto [field, key] : {std::pair{&v.name, "name"}, {&v.definition, "definition"}, {&v.source, "source"}}) {
        auto t = Text(sv, key);
        if (!t) return std::unexpected(t.error());
        *field = *t;
      }
      s.surveyed = std::move(v);
    }
    return s;
  }

};

}  // namespace

const char* MonthlyComputationCode(MonthlyComputation c) {
  for (const auto& n : kMonthlySpecComputations) {
    if (n.c == c) return n.code;
  }
  return "";
}

Result<MonthlyComputation> ParseMonthlyComputation(std::string_view code) {
  for (const auto& n : kMonthlySpecComputations) {
    if (code == n.code) return n.c;
  }
  return Fail(ErrorCode::kInvalidArgument, "未知的计算口径：" + std::string(code));
}

Result<MonthlySpec> ParseMonthlyIndicator(std::string_view yaml_text, std::string_view file) {
  const MonthlySpecParser p(file);
  return p.Guard<MonthlySpec>([&] { return p.Parse(yaml_text); });
}

Result<std::vector<MonthlySpec>> LoadMonthlyIndicators(const std::filesystem::path& dir) {
  return LoadSpecDir<MonthlySpec>({dir, "指标文件", "指标", "monthly/", false, ""}, ParseMonthlyIndicator);
}

std::filesystem::path DefaultMonthlyIndicatorsDir() { return DefaultIndicatorsDir() / "monthly"; }

}  // namespace qjy::monitor
