#include "network/event_note.h"

#include <algorithm>
#include <iterator>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "network/coverage.h"

namespace qjy::network {

std::string UncountedEventNote(const Duties& duties, std::string_view kind, RegionLevel level) {
  static constexpr RegionLevel kOrder[] = {RegionLevel::kProvince, RegionLevel::kPrefecture, RegionLevel::kCounty,
                                           RegionLevel::kTownship};
  static constexpr const char* kLevelName[] = {"省级", "市（州）级", "县级", "乡镇级"};
  bool at[std::size(kOrder)] = {};
  std::vector<std::string> clauses;
  for (const auto& d : duties.duties) {
    if (d.kind != DutyKind::kEvents) continue;
    if (d.event_kind.empty() ? !IsRecruitmentEvent(kind) : d.event_kind != kind) continue;
    if (d.unit == level) return "";
    for (size_t i = 0; i < std::size(kOrder); ++i) at[i] = at[i] || kOrder[i] == d.unit;
    if (std::find(clauses.begin(), clauses.end(), d.clause) == clauses.end()) clauses.push_back(d.clause);
  }
  std::string levels;
  for (size_t i = 0; i < std::size(kOrder); ++i) {
    if (!at[i]) continue;
    if (!levels.empty()) levels += "、";
    levels += kLevelName[i];
  }
  const std::string what = kind == "service_team" ? "就业创业服务团队服务活动" : "招聘活动";
  if (levels.empty()) return fmt::format("本级无考核要求，不计入{}次数；照常登记，作为本级常态化开展的记录", what);
  return fmt::format("本级无考核要求，不计入{}次数（{}只对{}规定了次数）；照常登记，作为本级常态化开展的记录", what,
                     fmt::join(clauses, "、"), levels);
}

}  // namespace qjy::network
