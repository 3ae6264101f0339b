#include "monitor/report_warnings.h"

#include <algorithm>

namespace qjy::monitor {

Date QuarterWarningsAsOf(Quarter quarter, Date today) {
  const Date last = Date::FromYmd(quarter.year, quarter.LastMonth(), 1)->AddMonths(1).AddDays(-1);
  return std::min(last, today);
}

std::vector<ReportWarning> QuarterWarnings(const std::vector<WarningSpec>& specs, const WarningFacts& facts,
                                           const std::string& region, Quarter quarter, Date today,
                                           const RegionNamer& name) {
  std::vector<ReportWarning> out;
  for (int m = quarter.FirstMonth(); m <= quarter.LastMonth(); ++m) {
    if (*Date::FromYmd(quarter.year, m, 1) > today) break;
    for (const Warning& w : ComputeWarnings(specs, facts, region, quarter.year, m, name)) {
      std::string where = name(w.region);
      if (!w.employer_name.empty()) where += " · " + w.employer_name;
      out.push_back({w.spec->name, std::move(where), WarningLevelLabel(w.level),
                     std::to_string(m) + "月：" + w.reason + "（" + w.measure + "）"});
    }
  }
  return out;
}

}  // namespace qjy::monitor
