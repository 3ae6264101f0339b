#include "network/quality_schemes.h"

#include <algorithm>
#include <cstdlib>
#include <set>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "core/install_paths.h"
#include "core/refdata.h"

namespace qjy::network {
namespace {

Error QualitySchemesBad(std::string_view source, std::string_view where, std::string_view field, std::string_view why) {
  return Error{ErrorCode::kInvalidArgument, fmt::format("{}：{} 的 {} {}", source, where, field, why)};
}

Result<void> QualitySchemesKnownKeys(const YAML::Node& n, const std::set<std::string>& keys, std::string_view source,
                       std::string_view where) {
  for (const auto& kv : n) {
    const auto key = kv.first.as<std::string>();
    if (!keys.contains(key)) return std::unexpected(QualitySchemesBad(source, where, key, "是未知字段"));
  }
  return {};
}

// document, clause, quote, assumed and reason (required when assumed).
template <class T>
Result<void> Header(const YAML::Node& root, T& out, std::string_view source) {
  out.document = root["document"].as<std::string>("");
  out.clause = root["clause"].as<std::string>("");
  out.quote = root["quote"].as<std::string>("");
  out.assumed = root["assumed"].as<bool>(false);
  out.reason = root["reason"].as<std::string>("");
  for (auto [field, value] : {std::pair{"document", &out.document}, {"clause", &out.clause}, {"quote", &out.quote}}) {
    if (value->empty()) return std::unexpected(QualitySchemesBad(source, "文件", field, "不能为空"));
  }
  if (out.assumed && out.reason.empty()) return std::unexpected(QualitySchemesBad(source, "文件", "reason", "在 assumed: true 时须说明理由"));
  return {};
}

Result<std::string> ReadText(std::string_view path) {
  return ReadWholeFile(std::string(path));
}

}  // namespace

const AgencyGrade* AgencyGrades::Find(std::string_view text) const {
  for (const auto& g : grades) {
    if (g.code == text || g.label == text) return &g;
  }
  return nullptr;
}

const AgencyScope* AgencyScopes::Find(std::string_view text) const {
  for (const auto& x : scopes) {
    if (x.code == text || x.label == text) return &x;
  }
  return nullptr;
}

int64_t EvaluationScheme::MaxTotal() const {
  int64_t total = 0;
  for (const auto& c : criteria) total += c.max_points;
  return total;
}

const EvalResult& EvaluationScheme::ResultFor(int64_t total) const {
  for (const auto& r : results) {
    if (total >= r.min_points) return r;
  }
  return results.back();
}

const EvalCriterion* EvaluationScheme::FindCriterion(std::string_view text) const {
  for (const auto& c : criteria) {
    if (c.id == text || c.label == text) return &c;
  }
  return nullptr;
}

Result<AgencyGrades> ParseAgencyGrades(std::string_view yaml, std::string_view source) {
  AgencyGrades out;
  try {
    const YAML::Node root = YAML::Load(std::string(yaml));
    if (auto k = QualitySchemesKnownKeys(root, {"document", "clause", "quote", "assumed", "reason", "grades"}, source, "文件"); !k) {
      return std::unexpected(k.error());
    }
    if (auto h = Header(root, out, source); !h) return std::unexpected(h.error());
    if (!root["grades"].IsSequence() || root["grades"].size() == 0) {
      return std::unexpected(QualitySchemesBad(source, "文件", "grades", "须为非空列表"));
    }
    std::set<std::string> seen;
    int i = 0;
    bool any_quality = false;
    for (const auto& n : root["grades"]) {
      const std::string where = fmt::format("第 {} 个等级", ++i);
      if (auto k = QualitySchemesKnownKeys(n, {"code", "label", "quality"}, source, where); !k) return std::unexpected(k.error());
      AgencyGrade g{n["code"].as<std::string>(""), n["label"].as<std::string>(""), n["quality"].as<bool>(false)};
      if (g.code.empty()) return std::unexpected(QualitySchemesBad(source, where, "code", "不能为空"));
      if (g.label.empty()) return std::unexpected(QualitySchemesBad(source, where, "label", "不能为空"));
      if (!seen.insert(g.code).second || !seen.insert(g.label).second) {
        return std::unexpected(QualitySchemesBad(source, where, "code", "或 label 重复"));
      }
      any_quality = any_quality || g.quality;
      out.grades.push_back(std::move(g));
    }
    if (!any_quality) return std::unexpected(QualitySchemesBad(source, "文件", "grades", "至少须有一个 quality: true 的等级"));
  } catch (const YAML::Exception& e) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：第 {} 行 YAML 格式错误：{}", source, e.mark.line + 1, e.msg));
  }
  return out;
}

Result<EvaluationScheme> ParseEvaluationScheme(std::string_view yaml, std::string_view source) {
  EvaluationScheme out;
  try {
    const YAML::Node root = YAML::Load(std::string(yaml));
    if (auto k = QualitySchemesKnownKeys(root, {"document", "clause", "quote", "assumed", "reason", "first_year", "criteria", "results"},
                           source, "文件");
        !k) {
      return std::unexpected(k.error());
    }
    if (auto h = Header(root, out, source); !h) return std::unexpected(h.error());
    out.first_year = root["first_year"].as<int>(0);
    if (out.first_year < 2000) return std::unexpected(QualitySchemesBad(source, "文件", "first_year", "须为评估的第一个年度（如 2023）"));
    if (!root["criteria"].IsSequence() || root["criteria"].size() == 0) {
      return std::unexpected(QualitySchemesBad(source, "文件", "criteria", "须为非空列表"));
    }
    std::set<std::string> seen;
    int i = 0;
    for (const auto& n : root["criteria"]) {
      const std::string where = fmt::format("第 {} 项指标", ++i);
      if (auto k = QualitySchemesKnownKeys(n, {"id", "label", "max_points", "quote"}, source, where); !k) return std::unexpected(k.error());
      EvalCriterion c{n["id"].as<std::string>(""), n["label"].as<std::string>(""), n["quote"].as<std::string>(""),
                      n["max_points"].as<int64_t>(0)};
      if (c.id.empty()) return std::unexpected(QualitySchemesBad(source, where, "id", "不能为空"));
      if (c.label.empty()) return std::unexpected(QualitySchemesBad(source, where, "label", "不能为空"));
      if (c.max_points < 1) return std::unexpected(QualitySchemesBad(source, where, "max_points", "至少为 1"));
      if (!seen.insert(c.id).second || !seen.insert(c.label).second) {
        return std::unexpected(QualitySchemesBad(source, where, "id", "或 label 重复"));
      }
      out.criteria.push_back(std::move(c));
    }
    if (!root["results"].IsSequence() || root["results"].size() == 0) {
      return std::unexpected(QualitySchemesBad(source, "文件", "results", "须为非空列表"));
    }
    i = 0;
    for (const auto& n : root["results"]) {
      const std::string where = fmt::format("第 {} 个等次", ++i);
      if (auto k = QualitySchemesKnownKeys(n, {"code", "label", "min_points"}, source, where); !k) return std::unexpected(k.error());
      EvalResult r{n["code"].as<std::string>(""), n["label"].as<std::string>(""), n["min_points"].as<int64_t>(-1)};
      if (r.code.empty()) return std::unexpected(QualitySchemesBad(source, where, "code", "不能为空"));
      if (r.label.empty()) return std::unexpected(QualitySchemesBad(source, where, "label", "不能为空"));
      if (r.min_points < 0 || r.min_points > out.MaxTotal()) {
        return std::unexpected(QualitySchemesBad(source, where, "min_points", fmt::format("须在 0—{}（满分）之间", out.MaxTotal())));
      }
      if (!out.results.empty() && r.min_points >= out.results.back().min_points) {
        return std::unexpected(QualitySchemesBad(source, where, "min_points", "须按分数线从高到低排列"));
      }
      out.results.push_back(std::move(r));
    }
    if (out.results.back().min_points != 0) {
      return std::unexpected(QualitySchemesBad(source, "文件", "results", "最后一个等次的 min_points 须为 0（每个总分都有等次）"));
    }
  } catch (const YAML::Exception& e) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：第 {} 行 YAML 格式错误：{}", source, e.mark.line + 1, e.msg));
  }
  return out;
}

Result<AgencyScopes> ParseAgencyScopes(std::string_view yaml, std::string_view source) {
  AgencyScopes out;
  try {
    const YAML::Node root = YAML::Load(std::string(yaml));
    if (auto k = QualitySchemesKnownKeys(root, {"document", "clause", "quote", "assumed", "reason", "scopes"}, source, "文件"); !k) {
      return std::unexpected(k.error());
    }
    if (auto h = Header(root, out, source); !h) return std::unexpected(h.error());
    if (!root["scopes"].IsSequence() || root["scopes"].size() == 0) {
      return std::unexpected(QualitySchemesBad(source, "文件", "scopes", "须为非空列表"));
    }
    std::set<std::string> seen;
    int i = 0;
    for (const auto& n : root["scopes"]) {
      const std::string where = fmt::format("第 {} 项经营范围", ++i);
      if (auto k = QualitySchemesKnownKeys(n, {"code", "label", "licensed"}, source, where); !k) return std::unexpected(k.error());
      AgencyScope x{n["code"].as<std::string>(""), n["label"].as<std::string>(""), n["licensed"].as<bool>(false)};
      if (x.code.empty()) return std::unexpected(QualitySchemesBad(source, where, "code", "不能为空"));
      if (x.label.empty()) return std::unexpected(QualitySchemesBad(source, where, "label", "不能为空"));
      if (!seen.insert(x.code).second || !seen.insert(x.label).second) {
        return std::unexpected(QualitySchemesBad(source, where, "code", "或 label 重复"));
      }
      out.scopes.push_back(std::move(x));
    }
  } catch (const YAML::Exception& e) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：第 {} 行 YAML 格式错误：{}", source, e.mark.line + 1, e.msg));
  }
  return out;
}

Result<AgencyScopes> LoadAgencyScopes(const std::filesystem::path& file) {
  auto text = ReadText(file.string());
  if (!text) return std::unexpected(text.error());
  return ParseAgencyScopes(*text, file.filename().string());
}

std::filesystem::path DefaultAgencyScopesFile() {
  if (const char* env = std::getenv("QJY_AGENCY_SCOPES"); env != nullptr && *env != '\0') return env;
  return ShippedPath("policy/network/agency_scopes.yaml");
}

Result<AgencyGrades> LoadAgencyGrades(const std::filesystem::path& file) {
  auto text = ReadText(file.string());
  if (!text) return std::unexpected(text.error());
  return ParseAgencyGrades(*text, file.filename().string());
}

Result<EvaluationScheme> LoadEvaluationScheme(const std::filesystem::path& file) {
  auto text = ReadText(file.string());
  if (!text) return std::unexpected(text.error());
  return ParseEvaluationScheme(*text, file.filename().string());
}

std::filesystem::path DefaultAgencyGradesFile() {
  if (const char* env = std::getenv("QJY_AGENCY_GRADES"); env != nullptr && *env != '\0') return env;
  return ShippedPath("policy/network/agency_grades.yaml");
}

std::filesystem::path DefaultEvaluationSchemeFile() {
  if (const char* env = std::getenv("QJY_EVALUATION_SCHEME"); env != nullptr && *env != '\0') return env;
  return ShippedPath("policy/network/evaluation.yaml");
}

}  // namespace qjy::network
