#include "monitor/monitor_data.h"

#include "monitor/sources.h"

namespace qjy::monitor {

Result<MonitorData> LoadMonitorData(const std::vector<IndicatorSpec>& specs, services::ServicesStore& services,
                                    store::RegistryStore& registry, Date today) {
  MonitorData d;
  auto persons = registry.PersonsPerCounty();
  if (!persons) return std::unexpected(persons.error());
  d.persons = std::move(*persons);
  for (const auto& spec : specs) {
    auto s = LoadSeries(spec.computation, services, registry);
    if (!s) return std::unexpected(s.error());
    for (const auto& [county, ser] : s->counties) {
      for (const auto& [year, months] : ser.by_year) {
        for (int m = 0; m < 12; ++m) {
          if (months[m] == 0) continue;
          auto first = Date::FromYmd(year, m + 1, 1);
          if (first && *first <= today && (!d.latest || *first > *d.latest)) d.latest = *first;
        }
      }
    }
    d.series.push_back(std::move(s->counties));
    d.townships.push_back(std::move(s->townships));
  }
  return d;
}

std::vector<std::string> GuizhouCounties(const RegionIndex& regions) {
  std::vector<std::string> counties;
  for (const auto& p : regions.Children("52").value_or(std::vector<Region>{})) {
    for (const auto& k : regions.Children(p.code).value_or(std::vector<Region>{})) counties.push_back(k.code);
  }
  return counties;
}

}  // namespace qjy::monitor
