#include "monitor/monitor_data.h"

#include <set>

#include "monitor/event_cube.h"
#include "monitor/event_sources.h"

namespace qjy::monitor {

Result<MonitorData> LoadMonitorData(const std::vector<IndicatorSpec>& specs,
                                    services::ServicesStore& services,
                                    store::RegistryStore& registry, Date today,
                                    std::span<const RegistryPart> parts) {
  MonitorData d;
  auto persons = registry.PersonsPerCounty();
  if (!persons) return std::unexpected(persons.error());
  d.persons = std::move(*persons);
  if (!parts.empty()) {
    std::set<std::string> held;
    for (const auto& p : parts) held.insert(p.counties.begin(), p.counties.end());
    for (const auto& [county, n] : d.persons) {
      if (!held.contains(county)) {
        return Fail(ErrorCode::kInternal, "区县 " + county + " 有登记人员，但不在任何分片读取部分中，指标未计算");
      }
    }
  }
  // One read of the facts for every indicator (event_sources.h), counted
  // per county, township and month (event_cube.h).
  const EventOptions flows{.flows = true, .stocks = false};
  auto events = parts.empty() ? LoadEvents(services, registry, flows) : LoadEventsInParts(services, parts, flows);
  if (!events) return std::unexpected(events.error());
  Cube cube;
  // One thread: per request, the range reaches back to the earliest spell.
  if (auto b = EventMonths(*events, true))
    cube = ComputeCube(*events, b->first, b->last - b->first + 1, 1);
  for (const auto& spec : specs) {
    const Measure m = MeasureOf(spec.computation);
    CountySeries counties = FlowSeries(cube, m, Level::kCounty);
    for (const auto& [county, ser] : counties) {
      for (const auto& [year, months] : ser.by_year) {
        for (int k = 0; k < 12; ++k) {
          if (months[k] == 0) continue;
          auto first = Date::FromYmd(year, k + 1, 1);
          if (first && *first <= today && (!d.latest || *first > *d.latest)) d.latest = *first;
        }
      }
    }
    d.series.push_back(std::move(counties));
    d.townships.push_back(FlowSeries(cube, m, Level::kTownship));
  }
  return d;
}

Result<std::vector<MonthlyCounts>> LoadMonthlyData(const std::vector<MonthlySpec>& specs,
                                                   services::ServicesStore& services,
                                                   store::RegistryStore& registry, int through,
                                                   std::span<const RegistryPart> parts) {
  std::vector<MonthlyCounts> out;
  if (specs.empty()) return out;
  const EventOptions stocks{.flows = false, .stocks = true};
  auto events = parts.empty() ? LoadEvents(services, registry, stocks) : LoadEventsInParts(services, parts, stocks);
  if (!events) return std::unexpected(events.error());
  Cube cube;
  if (auto b = EventMonths(*events); b && b->first <= through)
    cube = ComputeCube(*events, b->first, through - b->first + 1, 1);
  for (const auto& spec : specs) out.push_back(StockCounts(cube, spec.computation, through));
  return out;
}

std::vector<std::string> GuizhouCounties(const RegionIndex& regions) {
  std::vector<std::string> counties;
  for (const auto& p : regions.Children("52").value_or(std::vector<Region>{})) {
    for (const auto& k : regions.Children(p.code).value_or(std::vector<Region>{}))
      counties.push_back(k.code);
  }
  return counties;
}

}  // namespace qjy::monitor
