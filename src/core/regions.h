// The administrative divisions (行政区划) the platform works on, from
// <refdata>/regions.csv (code,name,level,parent_code; see tools/refdata.mjs):
// Guizhou in full down to villages, every other province to counties.
// Codes have their natural length: province "52", prefecture "5201",
// county "520102", township "520102016", village "520102016001". Lookups
// also accept the zero-padded 6- and 12-digit statistical forms
// ("520000", "520100", "520102000000") when the exact code is unknown.
//
// A RegionIndex is immutable after loading and safe for concurrent use.
// Lookup is a hash probe; walking to an ancestor is at most 4 steps.
#ifndef QJY_CORE_REGIONS_H_
#define QJY_CORE_REGIONS_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"

namespace qjy {

enum class RegionLevel { kProvince, kPrefecture, kCounty, kTownship, kVillage };
inline constexpr int kRegionLevelCount = 5;

// "province", "prefecture", "county", "township", "village" (as in the CSV).
const char* RegionLevelName(RegionLevel level);
// "省级", "地级", "县级", "乡级", "村级".
const char* RegionLevelLabel(RegionLevel level);
Result<RegionLevel> ParseRegionLevel(std::string_view name);

struct Region {
  std::string code;
  std::string name;
  RegionLevel level = RegionLevel::kProvince;
  std::string parent_code;  // empty for a province
};

class RegionIndex {
 public:
  // kIo when regions.csv is missing; kInvalidArgument (with line number)
  // for a malformed row, a duplicate code, a parent that is unknown or not
  // exactly one level up.
  static Result<RegionIndex> Load(const std::string& refdata_dir);
  // Same checks, for tests with a handful of rows.
  static Result<RegionIndex> FromRows(std::vector<Region> rows);

  // nullptr when unknown. The pointer lives as long as the index.
  const Region* Find(std::string_view code) const;
  // kNotFound (Chinese message) when unknown.
  Result<Region> Lookup(std::string_view code) const;

  // The name from the province down, e.g. "贵州省贵阳市南明区新华路街道".
  // Placeholder prefectures ("市辖区", "县", "省直辖县级行政区划") are left
  // out ("北京市东城区", "湖北省仙桃市") and a name repeated by the level
  // below is written once ("广东省东莞市").
  Result<std::string> FullName(std::string_view code) const;

  // Ancestors by level, each as its canonical code. CountyOf accepts a
  // county, township or village code; PrefectureOf a prefecture or lower;
  // ProvinceOf any code. kInvalidArgument when the code is above the asked
  // level, kNotFound when unknown.
  Result<std::string> CountyOf(std::string_view code) const;
  Result<std::string> PrefectureOf(std::string_view code) const;
  Result<std::string> ProvinceOf(std::string_view code) const;

  // A known code inside Guizhou (52). Unknown codes are not.
  bool IsInGuizhou(std::string_view code) const;
  // Whether `code` is `ancestor` or lies below it: the test for an
  // officer's region scope. False when either code is unknown.
  bool IsAncestorOrSelf(std::string_view ancestor, std::string_view code) const;

  // Direct children in file order (code order). kNotFound when unknown;
  // an empty vector for a leaf (a village, or a county outside Guizhou).
  // Beware: `for (auto& r : *index.Children(c))` iterates a destroyed
  // temporary; keep the result in a variable first.
  Result<std::vector<Region>> Children(std::string_view code) const;

  // How many regions of `level` there are, in all or (when `within` is a
  // known code) at or below `within`. An unknown `within` counts 0.
  size_t Count(RegionLevel level) const { return level_counts_[static_cast<int>(level)]; }
  size_t Count(RegionLevel level, std::string_view within) const;
  size_t size() const { return regions_.size(); }

  // Maps what an officer typed to a code: a code (any accepted form) or a
  // chain of full names ending with the region's own, from any level down
  // and optionally skipping levels: "南明区", "贵阳市南明区", "贵州省南明区",
  // "贵州省 贵阳市 南明区" (white space ignored). Names must be written in
  // full ("南明区", not "南明"). With `within` set, only regions at or below
  // it are considered (e.g. an import for one prefecture).
  // When several regions match and one of them contains all the others
  // (东莞市 the prefecture and 东莞市 its only county) that one is taken.
  // Errors: kInvalidArgument for empty text, kNotFound when nothing matches
  // (or the match lies outside `within`), kConflict when the text is
  // ambiguous; the message lists the candidates' full names.
  Result<std::string> ResolveName(std::string_view text, std::string_view within = {}) const;

 private:
  RegionIndex() = default;
  int32_t IndexOf(std::string_view code) const;  // -1 when unknown
  bool Contains(int32_t ancestor, int32_t index) const;
  int32_t AncestorAt(int32_t index, RegionLevel level) const;
  std::string FullNameOf(int32_t index) const;
  bool PrefixMatchesAncestors(std::string_view prefix, int32_t index) const;

  std::vector<Region> regions_;
  std::vector<int32_t> parent_;            // index of parent, -1 for provinces
  std::vector<bool> placeholder_;          // "市辖区"-like prefecture
  std::vector<int32_t> child_begin_;       // CSR: children of i are
  std::vector<int32_t> children_;          //   children_[child_begin_[i]..child_begin_[i+1])
  std::unordered_map<uint64_t, int32_t> by_code_;
  std::unordered_multimap<std::string, int32_t> by_name_;
  std::array<size_t, kRegionLevelCount> level_counts_{};
};

}  // namespace qjy

#endif  // QJY_CORE_REGIONS_H_
