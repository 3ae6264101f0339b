// The month-end counts of the monthly indicators (monthly_spec.h), per
// county and month, read from the stores that own the facts:
//   - registered unemployment rate: numerator = unemployment registrations
//     in force at the month's end (registered on or before it, not closed
//     or closed after it; services), in the county of registration;
//     denominator = that plus the persons employed at the month's end (a
//     contract or flexible-work spell started on or before it and not ended
//     before it; the registry), in the county of the place of work (the
//     person's county when unknown; spells outside Guizhou not counted);
//   - monitoring objects employed: persons whose 防止返贫监测对象 membership
//     is valid at the month's end and who hold a spell in force then (in or
//     outside Guizhou), in the county of household registration.
// A person with several spells in force is counted once (in the county of
// the earliest). Months run from the first with any fact up to `through`.
// Reads whole tables, like sources.h.
#ifndef QJY_MONITOR_MONTHLY_SOURCES_H_
#define QJY_MONITOR_MONTHLY_SOURCES_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "monitor/monthly_spec.h"
#include "services/services_store.h"
#include "store/registry_store.h"

namespace qjy::monitor {

// Months as one integer: year × 12 + (month − 1).
constexpr int MonthKey(int year, int month) { return year * 12 + month - 1; }
inline int MonthKey(Date d) { return MonthKey(d.year(), d.month()); }
Date MonthEnd(int key);  // last day of the month

// The months at whose end a span [from, to] (inclusive; open when `to` is
// empty) is in force: [first, last]; nullopt when none. `closed_on` spans
// (registrations) end the day before: pass to = closed_on − 1.
struct MonthSpan {
  int first = 0;
  int last = 0;
};
std::optional<MonthSpan> MonthEndsCovered(Date from, std::optional<Date> to, int through);

// num / den at one month end (den = 0 for head counts).
struct MonthCount {
  int64_t num = 0;
  int64_t den = 0;
};
// county -> month key -> count.
using MonthlyCounts = std::map<std::string, std::map<int, MonthCount>>;

// The sum over counties whose code starts with `region`.
MonthCount RegionCount(const MonthlyCounts& counts, std::string_view region, int month);

Result<MonthlyCounts> LoadMonthlyCounts(MonthlyComputation c, services::ServicesStore& services,
                                        store::RegistryStore& registry, int through);

// Pure cores of the loader, for tests. A spell: person, county, span.
struct PersonSpan {
  int64_t person_id = 0;
  std::string county;
  MonthSpan span;
};
// Adds each person's months once (overlapping spells merged; the county of
// the earliest spell) to `out` (field num, or den when `to_den`).
void AddPersonMonths(std::vector<PersonSpan> spans, MonthlyCounts& out, bool to_den, int through);
// The merge AddPersonMonths counts: each person's runs of overlapping or
// adjacent spans, in the county of the run's earliest span, passed to `fn`
// (event_sources.h turns them into stock events).
void ForEachPersonRun(std::vector<PersonSpan> spans,
                      const std::function<void(const std::string& county, MonthSpan run)>& fn);

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_MONTHLY_SOURCES_H_
