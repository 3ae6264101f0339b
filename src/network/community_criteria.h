// The criteria a full-employment community (充分就业社区, 附件4（十五）) is
// assessed against, as cited data (policy/network/community_criteria.yaml):
// the document, the national standard it follows, what is assumed and
// why, the levels a community may apply for, and per criterion its
// figure. The code knows how each criterion id is computed from an
// application's facts (Judge); an unknown id is a file error. Pure after
// loading; immutable.
#ifndef QJY_NETWORK_COMMUNITY_CRITERIA_H_
#define QJY_NETWORK_COMMUNITY_CRITERIA_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace qjy::network {

// The facts an application gives (申报材料).
struct CommunityFacts {
  int64_t able_willing = 0;             // 有就业能力和就业愿望的居民（人）
  int64_t employed = 0;                 // 其中已就业（人）
  int64_t hard_to_employ = 0;           // 就业困难人员（人）
  int64_t hard_to_employ_employed = 0;  // 其中已就业（人）
  int64_t zero_employment_families = 0; // “零就业家庭”（户）
  bool service_desk = false;            // 设立就业创业服务窗口
  int64_t service_staff = 0;            // 专兼职就业服务人员（人）
};

struct CommunityCriterion {
  std::string id, label;
  std::optional<int64_t> min_bp, min, max;  // as the id needs
};

// One criterion judged on an application's facts.
struct CriterionResult {
  std::string id, label;
  bool met = false;
  std::string seen, required;  // in words, e.g. "95.00%（190/200）", "≥ 90%"
};

struct CommunityCriteria {
  std::string document, clause, quote, standard, reason;
  bool assumed = false;
  std::vector<std::pair<std::string, std::string>> levels;  // (code, label)
  std::vector<CommunityCriterion> criteria;
  // The level's label for its code or label; "" when not a level.
  std::string LevelCode(std::string_view code_or_label) const;
  std::string LevelLabel(std::string_view code) const;
  std::vector<CriterionResult> Judge(const CommunityFacts& f) const;
};

// kInvalidArgument naming the file, entry and field for a missing or bad
// value, an unknown key or criterion id.
Result<CommunityCriteria> ParseCommunityCriteria(std::string_view yaml, std::string_view source);
Result<CommunityCriteria> LoadCommunityCriteria(const std::filesystem::path& file);
std::filesystem::path DefaultCommunityCriteriaFile();  // $QJY_COMMUNITY_CRITERIA or the shipped file

}  // namespace qjy::network

#endif  // QJY_NETWORK_COMMUNITY_CRITERIA_H_
