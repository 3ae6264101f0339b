// A precomputed view of the WorkCalendar, for counting deadlines of a
// million registrations quickly. Same answers as
// WorkCalendar::AddWorkingDays (the start day not counted, Civil Code art.
// 201) but O(1) from the first covered year to kProvisionalYears after the
// last; outside that span it counts day by day on weekends only (those
// years are uncovered). Never fails for an uncovered year: the answer is
// provisional (Provisional()). Immutable; safe for concurrent use.
#ifndef QJY_SERVICES_WORKDAY_INDEX_H_
#define QJY_SERVICES_WORKDAY_INDEX_H_

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/date.h"
#include "core/error.h"

namespace qjy::services {

class WorkdayIndex {
 public:
  // Years after the last covered one that the fast table spans.
  static constexpr int kProvisionalYears = 3;

  // kOutOfRange when the calendar covers no year.
  static Result<WorkdayIndex> Build(const WorkCalendar& calendar);

  // The n-th working day after d (n >= 0; 0 returns d).
  Result<Date> AddWorkingDays(Date d, int n) const;
  Result<bool> IsWorkday(Date d) const;
  // d itself when a working day, else the next working day (Civil Code
  // art. 203: a period ending on a holiday ends on the next working day).
  Result<Date> OnOrNextWorkday(Date d) const;

  // The uncovered years a deadline counted from `start` to `deadline`
  // depended on (empty: the answer is final), and the note for them.
  std::vector<int> ProvisionalYears(Date start, Date deadline) const;
  std::string ProvisionalNote(Date start, Date deadline) const;

  Date first() const { return Date::FromDays(first_); }
  Date last() const { return Date::FromDays(first_ + static_cast<int32_t>(cum_.size()) - 1); }

 private:
  bool In(Date d) const { return d.days() >= first_ && d.days() - first_ < static_cast<int32_t>(cum_.size()); }
  bool Covers(int year) const { return years_.contains(year); }
  // Day-by-day counting, for starts or answers outside the table (where,
  // all listed days being inside it, a working day is a weekday).
  Date SlowAdd(Date d, int n) const;

  std::set<int> years_;            // covered years of the calendar

  int32_t first_ = 0;
  std::vector<int32_t> cum_;       // working days in [first, first+i]
  std::vector<int32_t> workdays_;  // days() of the k-th working day (0-based)
};

}  // namespace qjy::services

#endif  // QJY_SERVICES_WORKDAY_INDEX_H_
