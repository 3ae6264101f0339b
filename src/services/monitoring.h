// Monitoring rules of annex 2 that produce tasks in the officers' queues:
//  - public-welfare-post exit (A2(十七)): a non-full-time rural post holder
//    whose flexible-work income exceeds the local poverty-return monitoring
//    line for N (= 6) consecutive calendar months must leave the post. A
//    month without a reported income breaks the run. "超出" is read as
//    strictly above; the monthly income is compared as income x 12 > the
//    annual per-capita line in force on the month's first day for the
//    holder's region. The task starts the day after the N-th month ends and
//    is due task_working_days working days later; it is done when the
//    holder's left_on is recorded on or before as_of.
//  - monthly ledger update (A2(十四) 按月更新数据): every monitoring ledger
//    must be updated each calendar month from the month it started; each
//    month without an update is a task due on that month's last working
//    day.
#ifndef QJY_SERVICES_MONITORING_H_
#define QJY_SERVICES_MONITORING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/date.h"
#include "core/error.h"
#include "services/params.h"
#include "services/workday_index.h"
#include "services/worklist.h"
#include "store/db.h"

namespace qjy::services {

struct WelfarePostHolder {
  int64_t holder_id = 0;
  std::string county_code;
  int64_t person_id = 0;
  std::string region_code;
  std::string officer;
  bool part_time = true;
  Date started_on;
  std::optional<Date> left_on;
};

struct MonthlyIncome {
  int64_t holder_id = 0;
  Date month;  // first day of the month
  int64_t income_fen = 0;
};

struct MonitoringLedger {
  int64_t ledger_id = 0;
  std::string county_code;
  std::string region_code;
  std::string officer;
  Date started_on;
};

struct LedgerUpdate {
  int64_t ledger_id = 0;
  Date month;  // first day of the month
  Date updated_on;
  std::string officer;
};

// The exit task of one holder as of a date, if any (empty when no run of
// N months above the line has completed, the holder is full-time, or the
// holder left the post before the run completed). `incomes`: the holder's,
// any order.
Result<std::optional<WorkItem>> WelfareExitTask(const WelfarePostHolder& holder,
                                                std::vector<MonthlyIncome> incomes,
                                                const ServiceParams& params,
                                                const WorkdayIndex& workdays, Date as_of);

// Open monthly-update tasks of one ledger as of a date.
Result<std::vector<WorkItem>> LedgerUpdateTasks(const MonitoringLedger& ledger,
                                                const std::vector<LedgerUpdate>& updates,
                                                const WorkCalendar& calendar,
                                                const WorkdayIndex& workdays, Date as_of);

// Storage of holders, incomes, ledgers and updates (migration 101).
class MonitoringStore {
 public:
  explicit MonitoringStore(store::Db& db) : db_(db) {}
  Result<void> AddHolder(WelfarePostHolder& h);
  Result<void> SetHolderLeft(int64_t holder_id, Date left_on);
  // Replaces the month's income if already reported.
  Result<void> PutIncome(const MonthlyIncome& income, std::string_view county_code);
  Result<std::vector<WelfarePostHolder>> Holders(std::string_view region_prefix);
  Result<std::vector<MonthlyIncome>> Incomes(std::string_view region_prefix);
  Result<void> AddLedger(MonitoringLedger& l);
  Result<void> RecordLedgerUpdate(const LedgerUpdate& u);
  Result<std::vector<MonitoringLedger>> Ledgers(std::string_view region_prefix);
  Result<std::vector<LedgerUpdate>> LedgerUpdates(std::string_view region_prefix);

 private:
  store::Db& db_;
};

// Both rules over a region, optionally one officer, sorted like the queue.
Result<std::vector<WorkItem>> MonitoringQueue(MonitoringStore& store, const ServiceParams& params,
                                              const WorkCalendar& calendar,
                                              const WorkdayIndex& workdays,
                                              std::string_view region_prefix, Date as_of,
                                              std::string_view officer);

}  // namespace qjy::services

#endif  // QJY_SERVICES_MONITORING_H_
