// One indicator in one region for the dashboard and the report: the
// region's progress, its children's (prefectures of the province, counties
// of a prefecture, townships of a county) and the monthly series of this
// year and the last.
// Region targets are the sums of the county targets (allocation.h); the
// province's is the document's. Pure.
#ifndef QJY_MONITOR_VIEW_H_
#define QJY_MONITOR_VIEW_H_

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "monitor/indicator_spec.h"
#include "monitor/progress.h"
#include "monitor/series.h"

namespace qjy::monitor {

struct RegionProgress {
  std::string code;
  Progress progress;
};

struct IndicatorView {
  const IndicatorSpec* spec = nullptr;
  std::string region;
  Progress progress;
  std::vector<RegionProgress> children;
  std::array<int64_t, 12> this_year{};
  std::array<int64_t, 12> last_year{};
};

// The target of `region` for the year: the province target for "52", else
// the sum of the county targets under it (nullopt when the year has none).
std::optional<int64_t> RegionTarget(const IndicatorSpec& spec, int year, const std::string& region,
                                    const std::map<std::string, int64_t>& county_targets);

// `children` are evaluated on `child_series` when given (a county's
// townships on the township-placed series, which carry no target), else on
// `counties`.
IndicatorView BuildView(const IndicatorSpec& spec, const CountySeries& counties,
                        const std::map<std::string, int64_t>& county_targets, const std::string& region,
                        const std::vector<std::string>& children, int year, int month,
                        const CountySeries* child_series = nullptr);

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_VIEW_H_
