// Where a person works relative to where the person belongs (#12 §1): the
// one place cross-county and cross-province work are derived, from the
// household registration (户籍地) and the place of work (工作地点/就业地) of
// an employment spell. Nothing here is hand-set: a place that is not known
// gives kUnknown, never a guess.
//
// Codes are the natural-length division codes of core/regions.h: province
// "52", prefecture "5201", county "520102", township "520102016", village
// "520102016001". A place outside Guizhou may be any level.
#ifndef QJY_REGISTRY_PLACE_H_
#define QJY_REGISTRY_PLACE_H_

#include <string_view>

#include "registry/model.h"

namespace qjy::registry {

// Guizhou's province code; the province whose funds the platform spends.
inline constexpr std::string_view kGuizhouProvince = "52";

enum class WorkPlace {
  kUnknown,        // no place of work, or too coarse a code to tell
  kSameCounty,     // 本县: the county of the household registration
  kCrossCounty,    // 跨县: another county of the same province
  kCrossProvince,  // 跨省: another province
};

// Classifies `work` against `home`. Both are division codes; either empty
// (or not a code) gives kUnknown. Different provinces: kCrossProvince. Same
// province: the counties (first 6 digits) are compared when both codes go
// down to a county; when one stops above (a province or prefecture code),
// different prefectures still give kCrossCounty, otherwise kUnknown.
WorkPlace ClassifyWorkPlace(std::string_view home, std::string_view work);

// The person's household registration for this purpose: hukou_region when
// recorded, else the owning county (model.h: the household registration's
// county).
std::string_view HomeRegion(const Person& p);

// ClassifyWorkPlace(HomeRegion(p), c.work_region).
WorkPlace PlaceOf(const Person& p, const Contract& c);

// "本县务工", "跨县务工", "跨省务工", "工作地点未知".
std::string_view Label(WorkPlace w);

// Is `code` within `scope` (a prefix of division codes: "52" = Guizhou)?
// False for an empty code.
bool WithinRegion(std::string_view code, std::string_view scope);

}  // namespace qjy::registry

#endif  // QJY_REGISTRY_PLACE_H_
