// The data annex of the quarterly report (XLSX): a sheet 汇总 with the
// indicator table; one sheet per indicator (named by the indicator) with,
// per region (names, not codes: the report's region, each child, each
// county under a child), the months of the year through the quarter's end,
// the quarter, the same quarter a year earlier, the year to date, the
// year's target, attainment, pace and status; a sheet 指标说明 with each
// indicator's clause, definition, statistical source, computation note,
// allocation and status rules; when the report holds the comparison with
// partner provinces (section 五), a sheet 跨省比对 before 指标说明 with one
// block per comparison indicator, a row per month, 未知 for facts not held. kIo (Chinese) when the file cannot be written.
#ifndef QJY_MONITOR_REPORT_ANNEX_H_
#define QJY_MONITOR_REPORT_ANNEX_H_

#include <string>

#include "core/error.h"
#include "monitor/report.h"

namespace qjy::monitor {

Result<void> WriteReportAnnex(const QuarterlyReport& report, const std::string& path);

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_REPORT_ANNEX_H_
