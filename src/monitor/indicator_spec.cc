#include "monitor/indicator_spec.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include <yaml-cpp/yaml.h>

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
    if (!n.IsScalar()) return Bad(n, std::string(key) + " 应为文本");
    return n.Scalar();
  }

  template <class T>
  Result<T> Number(const YAML::Node& n, const std::string& what) const {
    try {
      return n.as<T>();
    } catch (const YAML::Exception&) {
      return Bad(n, what + " 应为数字");
    }
  }

  Result<IndicatorSpec> Parse(std::string_view text) const {
    YAML::Node root;
    try {
      root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
      return Fail(ErrorCode::kInvalidArgument, "指标文件 " + file_ + " 第 " + std::to_string(e.mark.line + 1) +
                                                   " 行：YAML 格式错误（" + e.msg + "）");
    }
    if (!root.IsMap()) return Bad(root, "文件应为键值格式");
    IndicatorSpec s;
    s.file = file_;
    for (auto [field, key] : {std::pair{&s.id, "id"}, {&s.name, "name"}, {&s.clause, "clause"},
                              {&s.definition, "definition"}, {&s.source, "source"}, {&s.unit, "unit"}}) {
      auto v = Text(root, key);
      if (!v) return std::unexpected(v.error());
      if (v->empty()) return Bad(root[key], std::string(key) + " 不能为空");
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
    if (root["assumed"]) {
      auto a = Number<bool>(root["assumed"], "assumed");
      if (!a) return Bad(root["assumed"], "assumed 应为 true 或 false");
      s.assumed = *a;
    }
    if (s.assumed && s.note.empty()) return Bad(root, "口径为假设（assumed: true）时须写明 note");

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

 private:
  std::string file_;
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
  try {
    return Parser(file).Parse(yaml_text);
  } catch (const YAML::Exception& e) {
    return Fail(ErrorCode::kInvalidArgument, "指标文件 " + std::string(file) + " 第 " +
                                                 std::to_string(e.mark.line + 1) + " 行：" + e.msg);
  }
}

Result<std::vector<IndicatorSpec>> LoadIndicators(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return Fail(ErrorCode::kIo, "指标目录不存在：" + dir.string());
  }
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<IndicatorSpec> out;
  std::set<std::string> ids;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) return Fail(ErrorCode::kIo, "无法读取指标文件 " + f.string());
    std::stringstream text;
    text << in.rdbuf();
    auto s = ParseIndicator(text.str(), f.filename().string());
    if (!s) return std::unexpected(s.error());
    if (!ids.insert(s->id).second) {
      return Fail(ErrorCode::kInvalidArgument, "指标文件 " + f.filename().string() + "：指标 id “" + s->id + "” 重复");
    }
    out.push_back(std::move(*s));
  }
  return out;
}

std::filesystem::path DefaultIndicatorsDir() {
  if (const char* env = std::getenv("QJY_INDICATORS"); env && *env) return env;
  return ShippedPath("policy/indicators");
}

}  // namespace qjy::monitor
