// The surveyed urban unemployment rate (城镇调查失业率) as the statistics
// bureau publishes it, entered by officials per region (the province or a
// prefecture) and month with its source. Table monitor_surveyed_rates
// (migration 400, the monitor range of store/migrations.h). Rows are never
// updated: a correction is a new dated row, and the figure in force for a
// region and month is its latest row (highest entry_id), the earlier ones
// kept as history. Rates in integer basis points (550 = 5.50 %).
// Not safe for concurrent use (it borrows one Db).
#ifndef QJY_MONITOR_SURVEYED_RATE_STORE_H_
#define QJY_MONITOR_SURVEYED_RATE_STORE_H_

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "store/db.h"
#include "store/migrations.h"

namespace qjy::monitor {

std::span<const store::Migration> MonitorMigrations();

struct SurveyedRate {
  int64_t entry_id = 0;      // assigned by the store
  std::string region_code;   // "52" or a prefecture's 4 digits
  int year = 0;
  int month = 0;             // 1..12
  int64_t rate_bp = 0;       // 0..10000
  std::string source;        // e.g. 国家统计局贵州调查总队 2025 年 6 月发布
  std::string note;          // e.g. why it corrects an earlier entry
  std::string entered_by;    // username
  std::string entered_at;    // ISO-8601 UTC
  std::string Month() const;  // "2025-06"
};

class SurveyedRateStore {
 public:
  explicit SurveyedRateStore(store::Db& db) : db_(db) {}
  Result<void> Migrate();  // outside a transaction

  // Inserts a new row; sets r.entry_id. kInvalidArgument for a region that
  // is not "52" or a 52xx prefecture code, a month outside 1..12 or a year
  // outside 2000..2100, a rate outside 0..10000, an empty source or user.
  Result<void> Add(SurveyedRate& r);
  // Every row of `region`, by month then entry (oldest first).
  Result<std::vector<SurveyedRate>> OfRegion(std::string_view region);

 private:
  store::Db& db_;
};

// The row in force per month (year × 12 + month − 1): the latest entry.
std::map<int, SurveyedRate> LatestPerMonth(const std::vector<SurveyedRate>& rows);

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_SURVEYED_RATE_STORE_H_
