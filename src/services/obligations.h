// Which services a registration is owed as of a date, and whether each was
// delivered in time: the obligation engine. Pure computation over facts
// loaded by the store; no I/O. Safe for concurrent use (const).
//
// For every package of the catalog (package.h):
//   start     found: the day found; level:L: the day level L is reached
//             (classification.h LevelStart); flag:F: the registration day
//             when the registration carries F; reemployed: the closing day
//             of a registration closed as re-employed. A package whose start
//             is after `as_of`, or not in force on its start, is not owed;
//             nor is a level reached after the registration was closed.
//   deadline  start + N working days (start not counted), or the priority
//             deadline when the registration carries the priority flag, or
//             for level_end the last day of the level moved to the next
//             working day when it is not one.
//   records   of this registration (of any registration of the person for
//             once_per_person packages) delivered on or after start (any
//             date for once_per_person), on or before as_of, and, except for
//             the reemployed trigger, on or before the closing day. An item
//             "3 job recommendations" with distinct_jobs needs 3 different
//             job ids (a recommendation without a job id does not count).
//   status    met (all items complete on or before the deadline), met late
//             (complete after it), lapsed (registration closed on or before
//             the deadline while incomplete: no longer owed), overdue
//             (incomplete and as_of after the deadline), due otherwise.
#ifndef QJY_SERVICES_OBLIGATIONS_H_
#define QJY_SERVICES_OBLIGATIONS_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "services/package.h"
#include "services/workday_index.h"

namespace qjy::services {

struct RegistrationFacts {
  int64_t registration_id = 0;
  Date registered_on;
  Date found_on;
  uint32_t flags = 0;
  std::optional<Date> closed_on;
  bool reemployed = false;  // closed with reason re-employed
};

struct RecordFact {
  int64_t registration_id = 0;
  ServiceKind kind = ServiceKind::kPolicyBriefing;
  Date on;
  int64_t job_id = 0;
};

enum class ObligationStatus { kMet, kMetLate, kDue, kOverdue, kLapsed };
const char* ObligationStatusCode(ObligationStatus s);   // "met", "met_late", ...
const char* ObligationStatusLabel(ObligationStatus s);  // "按时完成", "逾期完成", "待办", "已逾期", "已终止"

struct Obligation {
  const Package* package = nullptr;
  Date start;
  Date deadline;
  bool priority = false;  // the priority deadline applied
  ObligationStatus status = ObligationStatus::kDue;
  std::optional<Date> met_on;
  std::vector<int> delivered;  // per package item, capped at the item's count
};

class ObligationEngine {
 public:
  ObligationEngine(const PackageCatalog& catalog, const WorkdayIndex& workdays)
      : catalog_(catalog), workdays_(workdays) {}

  // Appends the obligations of `reg` as of `as_of` to `out`. `records`: the
  // person's service records, any registration, sorted by date. A deadline
  // in a year the holiday calendar does not cover is counted on weekends
  // only (WorkdayIndex::ProvisionalYears tells which), never an error.
  Result<void> Evaluate(const RegistrationFacts& reg, std::span<const RecordFact> records,
                        Date as_of, std::vector<Obligation>& out) const;

  // The largest count of any package item: among identical records (same
  // registration, kind, day and job) Evaluate never counts more than this,
  // so a caller may pass at most this many of each (Caseload::LoadForQueue).
  int MostCounted() const;

 private:
  const PackageCatalog& catalog_;
  const WorkdayIndex& workdays_;
};

}  // namespace qjy::services

#endif  // QJY_SERVICES_OBLIGATIONS_H_
