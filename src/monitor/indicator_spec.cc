#include "monitor/indicator_spec.h"

#include <algorithm>
#include <cstdlib>
#include <set>

#include <yaml-cpp/yaml.h>

#include "monitor/spec_reader.h"

#include "core/install_paths.h"

namespace qjy::monitor {
namespace {

struct Named {
  Computation c;
  const char* code;
};
constexpr Named kComputations[] = {
    {Computation::kContractHires, "contract_hires"},
    {Computation::kRegistrationsReemployed, "registrations_reemployed"},
    {Computation::kRegistrationsReemployedHardToEmploy, "registrations_reemployed_hard_to_employ"},
};

class Parser : public SpecReader {
 public:
  explicit Parser(std::string_view file) : SpecReader("指标文件", file) {}

  Result<IndicatorSpec> Parse(std::string_view text) const {
    auto parsed = Root(text);
    if (!parsed) return std::unexpected(parsed.error());
    const YAML::Node root = *parsed;
    IndicatorSpec s;
    s.file = file();
    for (auto [field, key] : {std::pair{&s.id, "id"}, {&s.name, "name"}, {&s.clause, "clause"},
                              {&s.definition, "definition"}, {&s.source, "source"}, {&s.unit, "unit"}}) {
      auto v = Text(root, key);
      if (!v) return std::unexpected(v.error());
      *field = *v;
    }
    auto tt = Text(root, "target_text", false);
    if (!tt) return std::unexpected(tt.error());
    s.target_text = *tt;
    auto note = Text(root, "note", false);
    if (!note) return std::unexpected(note.error());
    s.note = *note;
    auto comp = Text(root, "computation");
    if (!comp) return std::unexpected(comp.error());
    auto c = ParseComputation(*comp);
    if (!c) return Bad(root["computation"], "未知的计算口径“" + *comp + "”");
    s.computation = *c;
    auto assumed = Assumed(root, s.note);
    if (!assumed) return std::unexpected(assumed.error());
    s.assumed = *assumed;

    const YAML::Node targets = root["targets"];
    if (!targets || !targets.IsSequence() || targets.size() == 0) return Bad(root, "缺少目标 targets");
    for (const YAML::Node& t : targets) {
      if (!t.IsMap() || !t["year"] || !t["value"]) return Bad(t, "每项目标须有 year 和 value");
      auto y = Number<int>(t["year"], "year");
      if (!y) return std::unexpected(y.error());
      auto v = Number<int64_t>(t["value"], "value");
      if (!v) return std::unexpected(v.error());
      if (*v < 0) return Bad(t["value"], "目标不能为负数");
      if (!s.targets.emplace(*y, *v).second) return Bad(t, std::to_string(*y) + " 年目标重复");
    }

    const YAML::Node alloc = root["allocation"];
    if (!alloc || !alloc.IsMap()) return Bad(root, "缺少目标分解方式 allocation");
    auto base = Text(alloc, "base");
    if (!base) return std::unexpected(base.error());
    if (*base == "previous_year_actual") {
      s.allocation = AllocationBase::kPreviousYearActual;
    } else if (*base == "persons") {
      s.allocation = AllocationBase::kPersons;
    } else {
      return Bad(alloc["base"], "未知的分解方式“" + *base + "”（应为 previous_year_actual 或 persons）");
    }
    auto anote = Text(alloc, "note", false);
    if (!anote) return std::unexpected(anote.error());
    s.allocation_note = *anote;
    if (const YAML::Node ov = alloc["overrides"]; ov) {
      if (!ov.IsSequence()) return Bad(ov, "overrides 应为列表");
      for (const YAML::Node& o : ov) {
        if (!o.IsMap() || !o["region"] || !o["year"] || !o["value"]) {
          return Bad(o, "每项覆盖须有 region、year、value");
        }
        const std::string region = o["region"].Scalar();
        if (region.size() != 6 || region.find_first_not_of("0123456789") != std::string::npos) {
          return Bad(o["region"], "region 应为 6 位县级区划代码，实际为“" + region + "”");
        }
        auto y = Number<int>(o["year"], "year");
        if (!y) return std::unexpected(y.error());
        auto v = Number<int64_t>(o["value"], "value");
        if (!v) return std::unexpected(v.error());
        s.overrides[{region, *y}] = *v;
      }
    }

    const YAML::Node st = root["status"];
    if (st) {
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
      auto sn = Text(st, "note", false);
      if (!sn) return std::unexpected(sn.error());
      s.status_note = *sn;
    }
    if (!(s.amber_at > 0 && s.amber_at <= s.green_at)) {
      return Bad(st ? st : root, "须满足 0 < amber_at ≤ green_at");
    }
    return s;
  }

};

}  // namespace

const char* ComputationCode(Computation c) {
  for (const auto& n : kComputations) {
    if (n.c == c) return n.code;
  }
  return "";
}

Result<Computation> ParseComputation(std::string_view code) {
  for (const auto& n : kComputations) {
    if (code == n.code) return n.c;
  }
  return Fail(ErrorCode::kInvalidArgument, "未知的计算口径：" + std::string(code));
}

std::optional<int64_t> IndicatorSpec::TargetFor(int year) const {
  auto it = targets.find(year);
  if (it == targets.end()) return std::nullopt;
  return it->second;
}

Result<IndicatorSpec> ParseIndicator(std::string_view yaml_text, std::string_view file) {
  const Parser p(file);
  return p.Guard<IndicatorSpec>([&] { return p.Parse(yaml_text); });
}

Result<std::vector<IndicatorSpec>> LoadIndicators(const std::filesystem::path& dir) {
  return LoadSpecDir<IndicatorSpec>({dir, "指标文件", "指标", "", true, "指标目录不存在："}, ParseIndicator);
}

std::filesystem::path DefaultIndicatorsDir() {
  if (const char* env = std::getenv("QJY_INDICATORS"); env && *env) return env;
  return ShippedPath("policy/indicators");
}

}  // namespace qjy::monitor
