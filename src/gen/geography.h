// The real divisions the generator places people and employers on: the 88
// counties of Guizhou with their townships and villages, population weights
// per county (profile.yaml prefecture shares spread by county kind), and
// the counties of the migrant-destination prefectures outside Guizhou.
//
// Built once from the region list (code, name, level, parent) of the
// reference data; immutable afterwards and safe to share between threads.
#ifndef QJY_GEN_GEOGRAPHY_H_
#define QJY_GEN_GEOGRAPHY_H_

#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "core/regions.h"
#include "gen/profile.h"
#include "gen/rng.h"

namespace qjy::gen {

struct RegionRow {
  std::string code, name, level, parent;  // level: province|prefecture|county|township|village
};

struct Township {
  std::string code, name;
  std::vector<std::string> villages;  // codes; may be empty
  std::vector<std::string> village_names;
};

struct County {
  std::string code, name;
  int prefecture = 0;      // index into Geography::prefectures()
  CountyKind kind;         // by name suffix
  bool urban = false;      // a district (区)
  std::vector<Township> townships;
};

struct Prefecture {
  std::string code, name;
  std::vector<int> counties;  // indexes into Geography::counties()
  int64_t avg_wage_yuan = 0;
};

struct OutsideCounty {
  std::string code, name;
  std::string prefecture_code, prefecture_name, province_code, province_name;
};

class Geography {
 public:
  static Result<Geography> Build(std::span<const RegionRow> regions, const Profile& profile);

  const std::vector<County>& counties() const { return counties_; }
  const std::vector<Prefecture>& prefectures() const { return prefectures_; }
  const std::vector<OutsideCounty>& outside() const { return outside_; }

  // A Guizhou county drawn by population weight.
  int PickCounty(Rng& rng) const { return static_cast<int>(county_picker_.Pick(rng)); }
  // A destination county outside Guizhou drawn by migrant-destination weight.
  int PickOutside(Rng& rng) const;
  // Index of the county with this 6-digit code, or -1.
  int CountyIndex(const std::string& code) const;
  // Population weight of county i (relative).
  uint64_t CountyWeight(int i) const { return county_weights_[i]; }
  // Name of any region code known (Guizhou, destinations, provinces), or "".
  std::string Name(const std::string& code) const;
  bool Exists(const std::string& code) const { return names_.contains(code); }

 private:
  std::vector<County> counties_;
  std::vector<Prefecture> prefectures_;
  std::vector<OutsideCounty> outside_;
  std::vector<std::vector<int>> outside_by_prefecture_;
  WeightedPicker county_picker_, outside_prefecture_picker_;
  std::vector<uint64_t> county_weights_;
  std::unordered_map<std::string, std::string> names_;
  std::unordered_map<std::string, int> county_index_;
};

// The rows Build() needs, read from core's region index: Guizhou down to
// villages, and the profile's destination prefectures with their counties
// and provinces.
Result<std::vector<RegionRow>> RegionRowsFrom(const RegionIndex& index, const Profile& profile);

}  // namespace qjy::gen

#endif  // QJY_GEN_GEOGRAPHY_H_
