// Small pieces shared by the generators that write officials' records
// after the registry exists (programme_gen, quality_gen, network_work_gen):
// their audit actor, dates, a record's deterministic random stream and the
// HR bureau of a region's prefecture. Internal to src/gen.
#ifndef QJY_GEN_RECORD_HELPERS_H_
#define QJY_GEN_RECORD_HELPERS_H_

#include <cstdint>
#include <string>

#include "core/date.h"
#include "core/regions.h"
#include "gen/rng.h"
#include "gen/tables.h"

namespace qjy::gen {

inline constexpr char kRecordActor[] = "qjy gen";

inline Date Ymd(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

// Uniform in [lo, hi]; lo when hi < lo.
inline Date Between(Rng& rng, Date lo, Date hi) {
  if (hi < lo) return lo;
  return lo.AddDays(static_cast<int>(rng.Below(static_cast<uint64_t>(hi.days() - lo.days()) + 1)));
}

// The stream of record `index` of generator part `part` (parts are numbered
// per generator and never reused).
inline Rng RngFor(uint64_t seed, uint64_t part, uint64_t index) {
  return Rng::ForRecord(seed, static_cast<uint64_t>(Stream::kProgramme), part * 1'000'000 + index);
}

// "贵阳市人力资源和社会保障局": the bureau of the region's prefecture.
inline std::string Bureau(const RegionIndex& regions, const std::string& region) {
  const Region* p = regions.Find(region.substr(0, 4));
  return (p != nullptr ? p->name : std::string("贵州省")) + "人力资源和社会保障局";
}

}  // namespace qjy::gen

#endif  // QJY_GEN_RECORD_HELPERS_H_
