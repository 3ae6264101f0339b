// Employment flows (issue #12 §1): hire and separation events derived from
// the registry's contracts and recorded separations, and their counts per
// county and month.
//
// Events (registry/employment.h):
//   - a hire on each contract's start date, up to `as_of`;
//   - a recorded separation as recorded (its reason);
//   - for a contract whose end date is before `as_of` and for which no
//     separation of that person from that employer is recorded within the
//     contract's term, a derived separation on the end date, reason 终止.
// The county of an event is the contract's (the person's owning) county.
#ifndef QJY_SERVICES_EMPLOYMENT_EVENTS_H_
#define QJY_SERVICES_EMPLOYMENT_EVENTS_H_

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "registry/employment.h"
#include "registry/model.h"

namespace qjy::services {

// Ordered by date, then county, person, kind (hires first).
std::vector<registry::EmploymentEvent> DeriveEvents(std::span<const registry::Contract> contracts,
                                                    std::span<const registry::Separation> separations,
                                                    Date as_of);

struct FlowCount {
  std::string county_code;
  int32_t month = 0;  // registry::MonthIndex
  int64_t hires = 0;
  int64_t separations = 0;
  // Separations by reason, indexed like registry::kAllSeparationReasons.
  std::array<int64_t, 6> by_reason{};
};

// Counts per (county, month) for months in [from_month, to_month], counties
// starting with `region_prefix` ("" = all); ordered by county then month;
// only (county, month) pairs with an event appear.
std::vector<FlowCount> CountFlows(std::span<const registry::EmploymentEvent> events, int32_t from_month,
                                  int32_t to_month, std::string_view region_prefix = "");

}  // namespace qjy::services

#endif  // QJY_SERVICES_EMPLOYMENT_EVENTS_H_
