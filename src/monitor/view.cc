#include "monitor/view.h"

namespace qjy::monitor {

std::optional<int64_t> RegionTarget(const IndicatorSpec& spec, int year, const std::string& region,
                                    const std::map<std::string, int64_t>& county_targets) {
  auto province = spec.TargetFor(year);
  if (!province) return std::nullopt;
  if (region == "52") return province;
  int64_t sum = 0;
  bool any = false;
  for (auto it = county_targets.lower_bound(region); it != county_targets.end() && it->first.starts_with(region);
       ++it) {
    sum += it->second;
    any = true;
  }
  if (!any) return std::nullopt;
  return sum;
}

IndicatorView BuildView(const IndicatorSpec& spec, const CountySeries& counties,
                        const std::map<std::string, int64_t>& county_targets, const std::string& region,
                        const std::vector<std::string>& children, int year, int month,
                        const CountySeries* child_series) {
  IndicatorView v;
  v.spec = &spec;
  v.region = region;
  Series s = RegionSeries(counties, region);
  v.progress = Evaluate(spec, s, RegionTarget(spec, year, region, county_targets), year, month);
  if (auto it = s.by_year.find(year); it != s.by_year.end()) v.this_year = it->second;
  if (auto it = s.by_year.find(year - 1); it != s.by_year.end()) v.last_year = it->second;
  for (const auto& c : children) {
    v.children.push_back(
        {c, Evaluate(spec, RegionSeries(child_series ? *child_series : counties, c),
                     RegionTarget(spec, year, c, county_targets), year, month)});
  }
  return v;
}

}  // namespace qjy::monitor
