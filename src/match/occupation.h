// The 2022 national occupational classification as a tree: major (大类,
// "6"), medium (中类, "6-18"), minor (小类, "6-18-02") and detailed (细类,
// "6-18-02-04") groups. The major and medium groups ship with the project
// (match/data/occupation_groups.csv); the detailed list is loaded from a
// file an administrator provides (same columns: code,name,level[,...]).
#ifndef QJY_MATCH_OCCUPATION_H_
#define QJY_MATCH_OCCUPATION_H_

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/error.h"

namespace qjy::match {

// A parsed code: up to 4 segments (major 1 digit, then 2 digits each).
struct OccCode {
  std::array<uint8_t, 4> seg{};
  uint8_t depth = 0;  // 0 = none, 1 = major .. 4 = detailed
  // Medium-group key (major*100 + medium), 0 when depth < 2 (major*100 when depth 1).
  uint16_t MediumKey() const { return depth == 0 ? 0 : static_cast<uint16_t>(seg[0] * 100 + seg[1]); }
  bool operator==(const OccCode&) const = default;
};

// "6-18-02-04" -> segments; kInvalidArgument (Chinese message) otherwise.
Result<OccCode> ParseOccCode(std::string_view code);
std::string FormatOccCode(const OccCode& c);

// How close a job's occupation is to a desired one, along the tree.
enum class Closeness { kNone, kMajor, kMedium, kMinor, kSame };
// kSame when `job` equals `desired` or lies under it (desired "4-01", job
// "4-01-06-01"); otherwise by the number of leading segments shared.
// (Inline: the searches call it for every job they score.)
inline Closeness Close(const OccCode& desired, const OccCode& job) {
  if (desired.depth == 0 || job.depth == 0) return Closeness::kNone;
  int common = 0;
  const int n = std::min(desired.depth, job.depth);
  while (common < n && desired.seg[common] == job.seg[common]) ++common;
  if (common == desired.depth) return Closeness::kSame;
  switch (common) {
    case 3: return Closeness::kMinor;
    case 2: return Closeness::kMedium;
    case 1: return Closeness::kMajor;
    default: return Closeness::kNone;
  }
}
const char* ClosenessLabel(Closeness c);  // "职业相同", "同小类职业", ...

class OccupationTree {
 public:
  // Reads the shipped major/medium groups (ShippedPath("src/match/data")).
  static Result<OccupationTree> LoadDefault();
  // Reads a file of code,name,level[,...] rows ('#' comments, header row).
  // Errors name the file, row and field.
  Result<void> LoadFile(const std::string& path);

  // A code is known when it is in the tree; while no detailed list is
  // loaded, a well-formed minor/detailed code under a known medium group is
  // accepted too (the shipped file has only two levels).
  bool Known(std::string_view code) const;
  // Name of the code, or of its nearest known ancestor; "" when none.
  std::string Name(std::string_view code) const;
  bool detailed_loaded() const { return detailed_loaded_; }
  size_t size() const { return names_.size(); }
  // Every (code, name) in the tree, in code order ("1", "1-01", …, "2"):
  // for the occupation pickers (server/occupation_search.h).
  std::vector<std::pair<std::string, std::string>> Entries() const;

 private:
  std::unordered_map<std::string, std::string> names_;
  bool detailed_loaded_ = false;
};

}  // namespace qjy::match

#endif  // QJY_MATCH_OCCUPATION_H_
