// What the comparison with partner provinces found, per county and month,
// for the monitoring of the targets (issue #18 "What the comparison is
// for"; policy/indicators/linkage, src/monitor/linkage_view.h). Read from
// the linkage stores only (records, follow-ups, ledger flags), never from
// a server handler's SQL.
//
// Per county (the county code the row carries) and calendar month:
//   - outbound workers (附件2（一）): the partner records imported in the
//     month (their created_at, UTC), each person (cluster) once by its
//     latest record of the month, in that record's county — as
//     FollowupStore::Summary. employed / unemployed / returned are read
//     from the status words of the follow-up policy; they are nullopt
//     ("unknown", not 0) when no record of that county and month carried a
//     status, and insured (insured months > 0) when none carried insured
//     months (a partner file without that column);
//   - return follow-ups (附件2（一）及时开展就业服务, 附件4（五）) by the month
//     they started: done in time (a service recorded or the item closed
//     after contact on or before its deadline of `working_days` working
//     days), done late, open past the deadline on `as_of`, open within it;
//   - ledger flags by their month: 脱贫人口 found unemployed (附件4（九）,
//     kind poverty_unemployed) and benefit recipients found employed
//     (附件3（四）, kind benefit_employed), each with how many an officer
//     closed (verified) by `as_of`.
// A county and month with none of these facts has no entry: the caller
// shows it as unknown. `scope` is a region code prefix ("52", "5201",
// "520102"); a township's scope reads its county (follow-ups and flags are
// county tasks). Months are "YYYY-MM", from `first_month` to `last_month`
// inclusive.
//
// Cost: three scoped queries (records by county and creation time,
// follow-ups with their first service date, flags grouped by county,
// month, kind and state); the records of the range are held as
// (county, month, cluster) → latest status while counting.
#ifndef QJY_LINKAGE_INDICATOR_COUNTS_H_
#define QJY_LINKAGE_INDICATOR_COUNTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "linkage/followup.h"
#include "services/workday_index.h"
#include "store/db.h"

namespace qjy::linkage {

struct LinkageMonthCounts {
  std::string county_code;
  std::string month;  // YYYY-MM
  // Outbound workers compared (附件2（一）).
  int64_t workers = 0;
  std::optional<int64_t> employed, unemployed, returned, insured;
  // Return follow-ups started in the month (附件4（五）).
  int64_t followups = 0, done_in_time = 0, done_late = 0, open_overdue = 0, open_pending = 0;
  // Ledger flags of the month (附件4（九）, 附件3（四）).
  int64_t poverty_flags = 0, poverty_closed = 0;
  int64_t benefit_flags = 0, benefit_closed = 0;
};

// Sorted by county, then month. Needs LinkStore::Migrate. kInvalidArgument
// for a malformed month; store errors as they come.
Result<std::vector<LinkageMonthCounts>> LinkageIndicatorCounts(store::Db& db, std::string scope,
                                                               const std::string& first_month,
                                                               const std::string& last_month,
                                                               const FollowupPolicy& policy,
                                                               const services::WorkdayIndex& workdays, Date as_of);

}  // namespace qjy::linkage

#endif  // QJY_LINKAGE_INDICATOR_COUNTS_H_
