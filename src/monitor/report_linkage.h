// The quarterly report's section on the comparison with partner provinces
// (issue #18, policy/indicators/linkage): each indicator in the report's
// region, one row per month of the quarter up to `through` (YYYY-MM, the
// current month for the running quarter), from the linkage store's counts
// (linkage/indicator_counts.h). Pure.
#ifndef QJY_MONITOR_REPORT_LINKAGE_H_
#define QJY_MONITOR_REPORT_LINKAGE_H_

#include <span>
#include <string>
#include <vector>

#include "linkage/indicator_counts.h"
#include "monitor/linkage_spec.h"
#include "monitor/report.h"

namespace qjy::monitor {

ReportLinkage BuildReportLinkage(const std::vector<LinkageSpec>& specs,
                                 std::span<const linkage::LinkageMonthCounts> counts, const std::string& region,
                                 Quarter quarter, const std::string& through);

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_REPORT_LINKAGE_H_
