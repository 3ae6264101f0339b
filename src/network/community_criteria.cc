#include "network/community_criteria.h"

#include <cstdlib>
#include <set>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "core/install_paths.h"
#include "core/refdata.h"

namespace qjy::network {
namespace {

Error Bad(std::string_view source, std::string_view where, std::string_view field, std::string_view why) {
  return Error{ErrorCode::kInvalidArgument, fmt::format("{}：{} 的 {} {}", source, where, field, why)};
}

Result<void> KnownKeys(const YAML::Node& n, const std::set<std::string>& keys, std::string_view source,
                       std::string_view where) {
  for (const auto& kv : n) {
    const auto key = kv.first.as<std::string>();
    if (!keys.contains(key)) return std::unexpected(Bad(source, where, key, "是未知字段"));
  }
  return {};
}

std::optional<int64_t> OptInt(const YAML::Node& n) {
  if (!n) return std::nullopt;
  return n.as<int64_t>();
}

// The share num/den as "95.00%（190/200）"; den 0 reads as no one concerned.
std::string Share(int64_t num, int64_t den) {
  if (den == 0) return "无（0 人）";
  return fmt::format("{}.{:02}%（{}/{}）", num * 100 / den, num * 10000 / den % 100, num, den);
}

// Which figures each known criterion needs.
const std::set<std::string> kRates = {"employment_rate", "hard_to_employ_rate"};

}  // namespace

std::string CommunityCriteria::LevelCode(std::string_view text) const {
  for (const auto& [code, label] : levels) {
    if (code == text || label == text) return code;
  }
  return "";
}

std::string CommunityCriteria::LevelLabel(std::string_view code) const {
  for (const auto& [c, label] : levels) {
    if (c == code) return label;
  }
  return std::string(code);
}

std::vector<CriterionResult> CommunityCriteria::Judge(const CommunityFacts& f) const {
  std::vector<CriterionResult> out;
  for (const auto& c : criteria) {
    CriterionResult r{c.id, c.label, false, "", ""};
    if (kRates.contains(c.id)) {
      const bool hard = c.id == "hard_to_employ_rate";
      const int64_t num = hard ? f.hard_to_employ_employed : f.employed;
      const int64_t den = hard ? f.hard_to_employ : f.able_willing;
      // No one concerned meets a rate criterion (nothing left to place).
      r.met = den == 0 || num * 10000 >= *c.min_bp * den;
      r.seen = Share(num, den);
      r.required = fmt::format("≥ {}%", *c.min_bp / 100.0);
    } else if (c.id == "zero_employment_families") {
      r.met = f.zero_employment_families <= *c.max;
      r.seen = fmt::format("{} 户", f.zero_employment_families);
      r.required = fmt::format("≤ {} 户", *c.max);
    } else if (c.id == "service_desk") {
      r.met = f.service_desk;
      r.seen = f.service_desk ? "已设立" : "未设立";
      r.required = "设立";
    } else if (c.id == "service_staff") {
      r.met = f.service_staff >= *c.min;
      r.seen = fmt::format("{} 人", f.service_staff);
      r.required = fmt::format("≥ {} 人", *c.min);
    }
    out.push_back(std::move(r));
  }
  return out;
}

Result<CommunityCriteria> ParseCommunityCriteria(std::string_view yaml, std::string_view source) {
  CommunityCriteria out;
  try {
    const YAML::Node root = YAML::Load(std::string(yaml));
    if (auto k = KnownKeys(root, {"document", "clause", "quote", "standard", "assumed", "reason", "levels", "criteria"},
                           source, "文件");
        !k) {
      return std::unexpected(k.error());
    }
    out.document = root["document"].as<std::string>("");
    out.clause = root["clause"].as<std::string>("");
    out.quote = root["quote"].as<std::string>("");
    out.standard = root["standard"].as<std::string>("");
    out.assumed = root["assumed"].as<bool>(false);
    out.reason = root["reason"].as<std::string>("");
    for (auto [field, value] : {std::pair{"document", &out.document}, {"clause", &out.clause}, {"quote", &out.quote},
                                {"standard", &out.standard}}) {
      if (value->empty()) return std::unexpected(Bad(source, "文件", field, "不能为空"));
    }
    if (out.assumed && out.reason.empty()) return std::unexpected(Bad(source, "文件", "reason", "在 assumed: true 时须说明理由"));
    if (!root["levels"].IsSequence() || root["levels"].size() == 0) {
      return std::unexpected(Bad(source, "文件", "levels", "须为非空列表"));
    }
    for (const auto& n : root["levels"]) {
      const std::string code = n["code"].as<std::string>(""), label = n["label"].as<std::string>("");
      if (code != "province" && code != "prefecture" && code != "national") {
        return std::unexpected(Bad(source, "levels", "code", fmt::format("「{}」须为 national、province 或 prefecture", code)));
      }
      if (label.empty()) return std::unexpected(Bad(source, "levels", "label", "不能为空"));
      out.levels.emplace_back(code, label);
    }
    if (!root["criteria"].IsSequence() || root["criteria"].size() == 0) {
      return std::unexpected(Bad(source, "文件", "criteria", "须为非空列表"));
    }
    std::set<std::string> seen;
    int i = 0;
    for (const auto& n : root["criteria"]) {
      const std::string where = fmt::format("第 {} 项指标", ++i);
      if (auto k = KnownKeys(n, {"id", "label", "min_bp", "min", "max"}, source, where); !k) return std::unexpected(k.error());
      CommunityCriterion c{n["id"].as<std::string>(""), n["label"].as<std::string>(""), OptInt(n["min_bp"]),
                           OptInt(n["min"]), OptInt(n["max"])};
      if (c.label.empty()) return std::unexpected(Bad(source, where, "label", "不能为空"));
      if (!seen.insert(c.id).second) return std::unexpected(Bad(source, where, "id", "重复"));
      const bool ok = (kRates.contains(c.id) && c.min_bp && *c.min_bp > 0 && *c.min_bp <= 10000) ||
                      (c.id == "zero_employment_families" && c.max && *c.max >= 0) || c.id == "service_desk" ||
                      (c.id == "service_staff" && c.min && *c.min >= 0);
      if (!ok) {
        return std::unexpected(Bad(source, where, "id",
                                   fmt::format("「{}」不是已知指标或缺少其数值（employment_rate、hard_to_employ_rate 须有 "
                                               "min_bp；zero_employment_families 须有 max；service_staff 须有 min）",
                                               c.id)));
      }
      out.criteria.push_back(std::move(c));
    }
  } catch (const YAML::Exception& e) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：第 {} 行 YAML 格式错误：{}", source, e.mark.line + 1, e.msg));
  }
  return out;
}

Result<CommunityCriteria> LoadCommunityCriteria(const std::filesystem::path& file) {
  auto text = ReadWholeFile(file.string());
  if (!text) return std::unexpected(text.error());
  return ParseCommunityCriteria(*text, file.filename().string());
}

std::filesystem::path DefaultCommunityCriteriaFile() {
  if (const char* env = std::getenv("QJY_COMMUNITY_CRITERIA"); env != nullptr && *env != '\0') return env;
  return ShippedPath("policy/network/community_criteria.yaml");
}

}  // namespace qjy::network
