#include "registry/place.h"

#include <algorithm>

namespace qjy::registry {
namespace {

bool Digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

WorkPlace ClassifyWorkPlace(std::string_view home, std::string_view work) {
  if (!Digits(home) || !Digits(work) || home.size() < 2 || work.size() < 2) return WorkPlace::kUnknown;
  if (home.substr(0, 2) != work.substr(0, 2)) return WorkPlace::kCrossProvince;
  if (home.size() >= 6 && work.size() >= 6) {
    return home.substr(0, 6) == work.substr(0, 6) ? WorkPlace::kSameCounty : WorkPlace::kCrossCounty;
  }
  if (home.size() >= 4 && work.size() >= 4 && home.substr(0, 4) != work.substr(0, 4)) {
    return WorkPlace::kCrossCounty;
  }
  return WorkPlace::kUnknown;
}

std::string_view HomeRegion(const Person& p) {
  return p.hukou_region.empty() ? std::string_view(p.county_code) : std::string_view(p.hukou_region);
}

WorkPlace PlaceOf(const Person& p, const Contract& c) { return ClassifyWorkPlace(HomeRegion(p), c.work_region); }

std::string_view Label(WorkPlace w) {
  switch (w) {
    case WorkPlace::kSameCounty: return "本县务工";
    case WorkPlace::kCrossCounty: return "跨县务工";
    case WorkPlace::kCrossProvince: return "跨省务工";
    case WorkPlace::kUnknown: break;
  }
  return "工作地点未知";
}

bool WithinRegion(std::string_view code, std::string_view scope) {
  return !code.empty() && !scope.empty() && code.size() >= scope.size() && code.substr(0, scope.size()) == scope;
}

}  // namespace qjy::registry
