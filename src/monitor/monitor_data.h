// What the dashboard and the quarterly report read from the stores, once:
// the monthly county series of every indicator (in the order of `specs`)
// with the part of it that is placed in a township,
// the registered labour per county (the allocation fallback) and the latest
// month that has any data, not after `today`.
#ifndef QJY_MONITOR_MONITOR_DATA_H_
#define QJY_MONITOR_MONITOR_DATA_H_

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/regions.h"
#include "monitor/event_sources.h"
#include "monitor/indicator_spec.h"
#include "monitor/monthly_sources.h"
#include "monitor/monthly_spec.h"
#include "monitor/series.h"
#include "services/services_store.h"
#include "store/registry_store.h"

namespace qjy::monitor {

struct MonitorData {
  std::vector<CountySeries> series;          // one per spec
  std::vector<CountySeries> townships;       // one per spec: the township-placed part (sources.h)
  std::map<std::string, int64_t> persons;    // county -> registered labour
  std::optional<Date> latest;                // first day of the latest month with data
};

// With `parts` (not empty), the registry's facts are read in those parts
// concurrently (LoadEventsInParts; on a sharded registry one per shard, on
// connections of their own) and merged; `registry` still counts the
// registered labour. kInternal, nothing computed, when a county with
// registered persons is in no part (its facts would go uncounted).
Result<MonitorData> LoadMonitorData(const std::vector<IndicatorSpec>& specs, services::ServicesStore& services,
                                    store::RegistryStore& registry, Date today,
                                    std::span<const RegistryPart> parts = {});

// The month-end counts of every monthly indicator (in the order of
// `specs`) up to `through` (MonthKey), from one read of the facts
// (event_sources.h, stocks only) counted in one cube: the same counts as
// LoadMonthlyCounts per indicator.
// With `parts` (not empty), read in parts as LoadMonitorData says (the
// caller answers for their covering every owning county).
Result<std::vector<MonthlyCounts>> LoadMonthlyData(const std::vector<MonthlySpec>& specs,
                                                   services::ServicesStore& services, store::RegistryStore& registry,
                                                   int through, std::span<const RegistryPart> parts = {});

// Every county code of Guizhou (children of its prefectures), in index order.
std::vector<std::string> GuizhouCounties(const RegionIndex& regions);

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_MONITOR_DATA_H_
