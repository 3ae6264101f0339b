#include "monitor/linkage_spec.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "monitor/indicator_spec.h"

namespace qjy::monitor {
namespace {

constexpr std::string_view kMeasures[] = {
    "workers",      "employed",     "unemployed",   "insured",       "returned",       "followups",
    "due",          "done_in_time", "done_late",    "open_overdue",  "open_pending",   "poverty_flags",
    "poverty_closed", "benefit_flags", "benefit_closed"};

class Parser {
 public:
  explicit Parser(std::string_view file) : file_(file) {}

  std::unexpected<Error> Bad(const YAML::Node& at, const std::string& what) const {
    std::string where = file_;
    if (at.IsDefined() && at.Mark().line >= 0) where += " 第 " + std::to_string(at.Mark().line + 1) + " 行";
    return Fail(ErrorCode::kInvalidArgument, "指标文件 " + where + "：" + what);
  }

  Result<std::string> Text(const YAML::Node& parent, const char* key, bool required = true) const {
    const YAML::Node n = parent[key];
    if (!n) {
      if (!required) return std::string();
      return Bad(parent, std::string("缺少字段 ") + key);
    }
    if (!n.IsScalar() || n.Scalar().empty()) return Bad(n, std::string(key) + " 应为非空文本");
    return n.Scalar();
  }

  Result<bool> Flag(const YAML::Node& parent, const char* key) const {
    const YAML::Node n = parent[key];
    if (!n) return false;
    try {
      return n.as<bool>();
    } catch (const YAML::Exception&) {
      return Bad(n, std::string(key) + " 应为 true 或 false");
    }
  }

  Result<double> Ratio(const YAML::Node& parent, const char* key) const {
    const YAML::Node n = parent[key];
    if (!n) return Bad(parent, std::string("缺少字段 ") + key);
    try {
      const double v = n.as<double>();
      if (v < 0 || v > 1) return Bad(n, std::string(key) + " 应在 0 与 1 之间");
      return v;
    } catch (const YAML::Exception&) {
      return Bad(n, std::string(key) + " 应为数字");
    }
  }

  Result<LinkageSpec> Parse(std::string_view text) const {
    YAML::Node root;
    try {
      root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
      return Fail(ErrorCode::kInvalidArgument, "指标文件 " + file_ + " 第 " + std::to_string(e.mark.line + 1) +
                                                   " 行：YAML 格式错误（" + e.msg + "）");
    }
    if (!root.IsMap()) return Bad(root, "文件应为键值格式");
    LinkageSpec s;
    s.file = file_;
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
    auto assumed = Flag(root, "assumed");
    if (!assumed) return std::unexpected(assumed.error());
    s.assumed = *assumed;
    if (s.assumed && s.note.empty()) return Bad(root, "口径为假设（assumed: true）时须写明 note");

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

 private:
  std::string file_;
};

}  // namespace

bool IsLinkageMeasure(std::string_view code) {
  return std::find(std::begin(kMeasures), std::end(kMeasures), code) != std::end(kMeasures);
}

Result<LinkageSpec> ParseLinkageIndicator(std::string_view yaml_text, std::string_view file) {
  try {
    return Parser(file).Parse(yaml_text);
  } catch (const YAML::Exception& e) {
    return Fail(ErrorCode::kInvalidArgument, "指标文件 " + std::string(file) + " 第 " +
                                                 std::to_string(e.mark.line + 1) + " 行：" + e.msg);
  }
}

Result<std::vector<LinkageSpec>> LoadLinkageIndicators(const std::filesystem::path& dir) {
  std::vector<LinkageSpec> out;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return out;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::set<std::string> ids;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) return Fail(ErrorCode::kIo, "无法读取指标文件 " + f.string());
    std::stringstream text;
    text << in.rdbuf();
    const std::string name = "linkage/" + f.filename().string();
    auto s = ParseLinkageIndicator(text.str(), name);
    if (!s) return std::unexpected(s.error());
    if (!ids.insert(s->id).second) {
      return Fail(ErrorCode::kInvalidArgument, "指标文件 " + name + "：指标 id “" + s->id + "” 重复");
    }
    out.push_back(std::move(*s));
  }
  return out;
}

std::filesystem::path DefaultLinkageIndicatorsDir() { return DefaultIndicatorsDir() / "linkage"; }

}  // namespace qjy::monitor
