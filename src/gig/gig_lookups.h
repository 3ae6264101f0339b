// The registry reads the gig demo seeds itself from (qjy gig demo): an
// employer to post for in each county, and a few persons of a county to
// offer availability. Plain reads, no personal data beyond ids.
#ifndef QJY_GIG_GIG_LOOKUPS_H_
#define QJY_GIG_GIG_LOOKUPS_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "store/db.h"

namespace qjy::gig {

// For each county whose code starts with `county_prefix` and that has a
// registered employer: the smallest credit code registered there (a stable
// choice of one employer per county). Keyed by county code.
Result<std::map<std::string, std::string>> EmployerPerCounty(store::Db& db, std::string_view county_prefix);

// Up to `limit` person ids of county `county_code` in id order, skipping
// the first `offset`.
Result<std::vector<int64_t>> PersonsOfCounty(store::Db& db, std::string_view county_code, int64_t limit,
                                             int64_t offset);

}  // namespace qjy::gig

#endif  // QJY_GIG_GIG_LOOKUPS_H_
