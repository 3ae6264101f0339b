// The quarterly report's section on the service network (附件4): the
// coverage computation of src/network (coverage_query.h CoverageOf, the same
// one behind `qjy network coverage`, /api/network/coverage and its page)
// for the report's region as at the quarter's end, cut to the counts and
// the worst duties (report.h ReportCoverage).
//
// This is why qjy_monitor links qjy_network: the report reads the duties'
// status from network's own computation rather than a copy of it; network
// depends on nothing in monitor, so the arrow points one way.
#ifndef QJY_MONITOR_REPORT_COVERAGE_H_
#define QJY_MONITOR_REPORT_COVERAGE_H_

#include <cstddef>

#include "core/date.h"
#include "core/error.h"
#include "core/regions.h"
#include "monitor/report.h"
#include "network/base_store.h"
#include "network/coverage.h"
#include "network/network_store.h"
#include "network/programme_store.h"

namespace qjy::monitor {

// The day the section is judged on: the quarter's last day, or `today`
// when the quarter has not ended.
Date CoverageAsOf(Quarter q, Date today);

// The counts per status and the duties not met — 未达标 before 逾期达标,
// then most gaps first — at most `worst` of them with up to `gaps` places
// each. Pure.
ReportCoverage CoverageSection(const network::CoverageReport& r, size_t worst = 8, size_t gaps = 5);

// CoverageOf for `region` at CoverageAsOf(q, today), recruitment events
// counted from 1 January of the quarter's year (as the coverage page
// does), then CoverageSection. `programmes`, `quality_db` (ratings,
// evaluations, quotas) and `bases` may be null, as for CoverageOf.
Result<ReportCoverage> LoadReportCoverage(network::NetworkStore& store, network::ProgrammeStore* programmes,
                                          const RegionIndex& regions, const network::Duties& duties,
                                          const std::string& region, Quarter q, Date today,
                                          store::Db* quality_db = nullptr, network::BaseStore* bases = nullptr);

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_REPORT_COVERAGE_H_
