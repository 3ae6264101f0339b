#include "monitor/linkage_spec.h"

#include <algorithm>
#include <set>

#include <yaml-cpp/yaml.h>

#include "monitor/spec_reader.h"

#include "monitor/indicator_spec.h"

namespace qjy::monitor {
namespace {

constexpr std::string_view kLinkageMeasures[] = {
    "workers",      "employed",     "unemployed",   "insured",       "returned",       "followups",
    "due",          "done_in_time", "done_late",    "open_overdue",  "open_pending",   "poverty_flags",
    "poverty_closed", "benefit_flags", "benefit_closed"};

class LinkageSpecParser : public SpecReader {
 public:
  explicit LinkageSpecParser(std::string_view file) : SpecReader("指标文件", file) {}

  Result<LinkageSpec> Parse(std::string_view text) const {
    auto parsed = Root(text);
    if (!parsed) return std::unexpected(parsed.error());
    const YAML::Node root = *parsed;
    LinkageSpec s;
    s.file = file();
    for (auto [field, key] : {std::pair{&s.id, "id"}, {&s.name, "name"}, {&s.clause, "clause"},
                              {&s.target_text, "target_text"}, {&s.definition, "definition"},
                              {&s.source, "source"}, {&s.unit, "unit"}}) {
      auto v = Text(root, key);
      if (!v) return std::unexpected(v.error());
      *field = *v;
    }
    auto note = Text(root, "note", false);
    if (!note) return std::unexpected(note.error());
    s.note = *note;
    auto assumed = Assumed(root, s.note);
    if (!assumed) return std::unexpected(assumed.error());
    s.assumed = *assumed;

    const YAML::Node ms = root["measures"];
    if (!ms || !ms.IsSequence() || ms.size() == 0) return Bad(root, "缺少计数项 measures（列表）");
    std::set<std::string> seen;
    for (const auto& m : ms) {
      if (!m.IsMap()) return Bad(m, "计数项应为 {code, label}");
      auto code = Text(m, "code");
      if (!code) return std::unexpected(code.error());
      auto label = Text(m, "label");
      if (!label) return std::unexpected(label.error());
      if (!IsLinkageMeasure(*code)) return Bad(m, "未知的计数项“" + *code + "”");
      if (!seen.insert(*code).second) return Bad(m, "计数项“" + *code + "”重复");
      s.measures.push_back({*code, *label});
    }

    if (const YAML::Node sh = root["share"]; sh) {
      if (!sh.IsMap()) return Bad(sh, "share 应为键值格式");
      LinkageShare share;
      for (auto [field, key] : {std::pair{&share.numerator, "numerator"}, {&share.denominator, "denominator"},
                                {&share.label, "label"}, {&share.note, "note"}}) {
        auto v = Text(sh, key);
        if (!v) return std::unexpected(v.error());
        *field = *v;
      }
      for (const std::string* m : {&share.numerator, &share.denominator}) {
        if (!seen.contains(*m)) return Bad(sh, "比率的分子、分母须为本指标列出的计数项（" + *m + "）");
      }
      auto g = Ratio(sh, "green_at");
      if (!g) return std::unexpected(g.error());
      auto a = Ratio(sh, "amber_at");
      if (!a) return std::unexpected(a.error());
      if (*a > *g) return Bad(sh, "须满足 amber_at ≤ green_at");
      share.green_at = *g;
      share.amber_at = *a;
      auto sa = Flag(sh, "assumed");
      if (!sa) return std::unexpected(sa.error());
      share.assumed = *sa;
      // The document cites no number for these: a threshold is an
      // assumption and must say so.
      if (!share.assumed) return Bad(sh, "文件未规定该比率的阈值，须标明 assumed: true 并在 note 中说明理由");
      s.share = std::move(share);
    }
    return s;
  }

};

}  // namespace

bool IsLinkageMeasure(std::string_view code) {
  return std::find(std::begin(kLinkageMeasures), std::end(kLinkageMeasures), code) != std::end(kLinkageMeasures);
}

Result<LinkageSpec> ParseLinkageIndicator(std::string_view yaml_text, std::string_view file) {
  const LinkageSpecParser p(file);
  return p.Guard<LinkageSpec>([&] { return p.Parse(yaml_text); });
}

Result<std::vector<LinkageSpec>> LoadLinkageIndicators(const std::filesystem::path& dir) {
  return LoadSpecDir<LinkageSpec>({dir, "指标文件", "指标", "linkage/", false, ""}, ParseLinkageIndicator);
}

std::filesystem::path DefaultLinkageIndicatorsDir() { return DefaultIndicatorsDir() / "linkage"; }

}  // namespace qjy::monitor
