// The province target of a year divided among counties (正文（二） sets
// province-wide targets only; how they are passed down is the province's
// choice, so the default is stated in each indicator file and marked
// assumed): a county's override when officials set one, else its share of
// the base (last year's actual, or registered labour when last year has
// none), by the largest-remainder method so that the county targets add up
// exactly to the province target. Pure.
#ifndef QJY_MONITOR_ALLOCATION_H_
#define QJY_MONITOR_ALLOCATION_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "monitor/indicator_spec.h"
#include "monitor/series.h"

namespace qjy::monitor {

// `counties`: every county code of the province. `persons`: registered
// labour per county (the fallback base). Empty when the year has no target.
std::map<std::string, int64_t> AllocateTargets(const IndicatorSpec& spec, int year, const CountySeries& actuals,
                                               const std::map<std::string, int64_t>& persons,
                                               const std::vector<std::string>& counties);

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_ALLOCATION_H_
