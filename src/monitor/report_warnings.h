// The risk warnings section of the quarterly report (正文（二十）): the
// warnings of 正文（十九）(warnings.h) of the report's region for each month
// of the quarter up to `today`'s month, as the report lists them — warning,
// region (with the employer's name), level and the reason with the measured
// value. No persons: the report is a document for circulation. Pure.
#ifndef QJY_MONITOR_REPORT_WARNINGS_H_
#define QJY_MONITOR_REPORT_WARNINGS_H_

#include <string>
#include <vector>

#include "core/date.h"
#include "monitor/report.h"
#include "monitor/warnings.h"

namespace qjy::monitor {

std::vector<ReportWarning> QuarterWarnings(const std::vector<WarningSpec>& specs, const WarningFacts& facts,
                                           const std::string& region, Quarter quarter, Date today,
                                           const RegionNamer& name);

// The day the facts of a quarter's warnings are evaluated on: the quarter's
// last day, or `today` when the quarter is not over.
Date QuarterWarningsAsOf(Quarter quarter, Date today);

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_REPORT_WARNINGS_H_
