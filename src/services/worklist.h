// Officers' work queues and the compliance view (issue point 5): what is
// overdue, due today, due within 2 working days (the warning before a
// deadline is missed), and the share of obligations met on time by
// township or officer.
#ifndef QJY_SERVICES_WORKLIST_H_
#define QJY_SERVICES_WORKLIST_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "services/caseload.h"
#include "services/obligations.h"
#include "services/workday_index.h"

namespace qjy::services {

enum class Bucket { kOverdue, kDueToday, kDueSoon, kLater };
const char* BucketCode(Bucket b);   // "overdue", "due_today", "due_soon", "later"
const char* BucketLabel(Bucket b);  // "已逾期", "今日到期", "2个工作日内到期", "其他待办"

// Days counted as "soon": deadline within this many working days after as_of.
inline constexpr int kDueSoonWorkingDays = 2;

// The bucket of an open task with `deadline` on `as_of`.
Result<Bucket> BucketOf(Date deadline, Date as_of, const WorkdayIndex& workdays);

enum class TaskSource { kObligation, kWelfarePostExit, kLedgerUpdate, kLinkageReturn };
const char* TaskSourceCode(TaskSource s);

struct WorkItem {
  TaskSource source = TaskSource::kObligation;
  int64_t registration_id = 0;  // obligations
  int64_t person_id = 0;        // obligations, welfare post exit
  int64_t subject_id = 0;       // holder_id / ledger_id for monitoring tasks
  std::string region_code;
  std::string officer;
  std::string title;   // "1311"就业服务 / 退出公益性岗位 / 防返贫监测台账月度更新
  std::string clause;  // A4(三)
  std::string detail;  // "还需：2次岗位推荐、1次职业培训机会"
  std::string package_id;
  Date start;
  Date deadline;
  // Non-empty when the deadline was counted through a year the holiday
  // calendar does not cover yet: "2027 年节假日安排尚未公布，暂按周末计算".
  std::string provisional_note;
  Bucket bucket = Bucket::kLater;
  bool overdue() const { return bucket == Bucket::kOverdue; }
};

// Due and overdue obligations of registrations open on `as_of` (and the
// follow-ups of those closed as re-employed), optionally for one officer
// ("" = all). Sorted: overdue first, then by deadline.
Result<std::vector<WorkItem>> ObligationQueue(const Caseload& caseload,
                                              const ObligationEngine& engine,
                                              const WorkdayIndex& workdays, Date as_of,
                                              std::string_view officer);

void SortQueue(std::vector<WorkItem>& items);

enum class GroupBy { kTownship, kCounty, kOfficer };  // kCounty for a prefecture view

struct ComplianceRow {
  std::string key;  // township code (9 digits; the county code for county-level registrations), county code, or officer
  int64_t met_on_time = 0;
  int64_t met_late = 0;
  int64_t overdue = 0;  // deadline passed, not met (incl. registrations closed after the deadline)
  int64_t due = 0;      // not yet at the deadline, not met
  int64_t Decided() const { return met_on_time + met_late + overdue; }
  // Share met on time of the obligations whose deadline has passed or that
  // are met; 1.0 when none.
  double OnTimeShare() const;
};

// Lapsed obligations (registration closed before their deadline) are left
// out: they were no longer owed. Rows sorted by key; the last row has key
// "" and the totals.
Result<std::vector<ComplianceRow>> Compliance(const Caseload& caseload,
                                              const ObligationEngine& engine, Date as_of,
                                              GroupBy by);

// "还需：2次岗位推荐、1次职业培训机会" for an open obligation.
std::string MissingText(const Obligation& o);

}  // namespace qjy::services

#endif  // QJY_SERVICES_WORKLIST_H_
