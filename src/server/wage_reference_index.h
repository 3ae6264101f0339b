// The pay-bait wage reference (ads/wage_reference.h) taken from the match
// index the server holds (issue #17 §3: "using the wage data of the
// matching index"): ads does not link match, so the server, which has
// both, copies what the screener needs — each open full-time job's
// occupation code and wage_max — into the ads value type.
//
// Only full-time jobs count: part-time, gig, internship and public-welfare
// posts (公益性岗位, paid near the minimum wage) state pay for another kind
// of work and would pull a full-time occupation's median down. Jobs without
// a wage (wage_max 0, 面议) are skipped by WageReference::Build.
#ifndef QJY_SERVER_WAGE_REFERENCE_INDEX_H_
#define QJY_SERVER_WAGE_REFERENCE_INDEX_H_

#include <memory>

#include "ads/wage_reference.h"
#include "match/index.h"

namespace qjy::server {

// One pass over the index's jobs (the open ones on its "today"); names
// from the index's occupation tree (nearest named group). as_of = the
// index's today. O(jobs); the caller caches the result.
std::shared_ptr<const ads::WageReference> WageReferenceFromIndex(const match::MatchIndex& index);

}  // namespace qjy::server

#endif  // QJY_SERVER_WAGE_REFERENCE_INDEX_H_
