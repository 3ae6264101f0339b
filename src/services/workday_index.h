// A precomputed view of the WorkCalendar over its covered years, for
// counting deadlines of a million registrations quickly. Same answers as
// WorkCalendar::AddWorkingDays (the start day not counted, Civil Code art.
// 201) but O(1). Immutable; safe for concurrent use.
#ifndef QJY_SERVICES_WORKDAY_INDEX_H_
#define QJY_SERVICES_WORKDAY_INDEX_H_

#include <cstdint>
#include <vector>

#include "core/calendar.h"
#include "core/date.h"
#include "core/error.h"

namespace qjy::services {

class WorkdayIndex {
 public:
  // Covers the contiguous span of the calendar's years that contains its
  // latest covered year. kOutOfRange when the calendar covers no year.
  static Result<WorkdayIndex> Build(const WorkCalendar& calendar);

  // The n-th working day after d (n >= 0; 0 returns d). kOutOfRange when
  // the answer lies outside the covered span.
  Result<Date> AddWorkingDays(Date d, int n) const;
  Result<bool> IsWorkday(Date d) const;
  // d itself when a working day, else the next working day (Civil Code
  // art. 203: a period ending on a holiday ends on the next working day).
  Result<Date> OnOrNextWorkday(Date d) const;

  Date first() const { return Date::FromDays(first_); }
  Date last() const { return Date::FromDays(first_ + static_cast<int32_t>(cum_.size()) - 1); }

 private:
  bool In(Date d) const { return d.days() >= first_ && d.days() - first_ < static_cast<int32_t>(cum_.size()); }
  Result<Date> OutOfRange(Date d) const;

  int32_t first_ = 0;
  std::vector<int32_t> cum_;       // working days in [first, first+i]
  std::vector<int32_t> workdays_;  // days() of the k-th working day (0-based)
};

}  // namespace qjy::services

#endif  // QJY_SERVICES_WORKDAY_INDEX_H_
