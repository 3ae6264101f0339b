// Demo recruitment events for a generated province (`qjy network
// gen-events`, run by scripts/demo.sh): every county organises about one
// event a week and every prefecture two comprehensive events a month, with
// the gaps real data has — a few counties that skip many weeks, an
// occasional month with one prefecture event — and the visits of the
// province's and prefectures' 就业创业服务团队 (A4(十七)), some team-years
// short of the duty. Deterministic for a seed.
#ifndef QJY_NETWORK_EVENT_GEN_H_
#define QJY_NETWORK_EVENT_GEN_H_

#include <cstdint>
#include <vector>

#include "core/date.h"
#include "core/regions.h"
#include "network/network_store.h"

namespace qjy::network {

// Events held from `from` to `to` (inclusive) by Guizhou's counties,
// prefectures and the province, in date order.
std::vector<EventInput> GenerateEvents(const RegionIndex& regions, uint64_t seed, Date from, Date to);

}  // namespace qjy::network

#endif  // QJY_NETWORK_EVENT_GEN_H_
