// The working-day calendar of the State Council holiday notices: public
// holidays, the days off moved around them and the make-up working days
// (调休上班). Deadlines such as "1311 within 5 working days" (A4(三)) are
// counted on it.
//
// Rules: a Monday..Friday is a working day unless listed `off`; a Saturday
// or Sunday is a day off unless listed `work`. The calendar knows which
// calendar years its data covers (the shipped data, plus notices officials
// load: WithNotice). A day in any other year is counted on weekends only
// and is *provisional*: answers never fail for it (next year's notice is
// only published in the autumn, and a deadline running into it must still
// be given), but callers mark such answers with ProvisionalNote() and
// recompute them once the year's notice is loaded.
//
// A WorkCalendar is immutable after construction and safe for concurrent
// use from many threads.
#ifndef QJY_CORE_CALENDAR_H_
#define QJY_CORE_CALENDAR_H_

#include <cstdint>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "core/error.h"

namespace qjy {

enum class DayKind {
  kOff,   // public holiday or a weekday moved off (listed "off")
  kWork,  // make-up working day on a weekend (listed "work")
};

struct CalendarEntry {
  Date date;
  DayKind kind = DayKind::kOff;
  std::string name;  // "春节", "国庆节", ...
};

class WorkCalendar {
 public:
  // Reads <refdata_dir>/holidays.csv (header "date,kind,name", kind off|work)
  // and <refdata_dir>/holiday_years.txt (one covered year per line). kIo when
  // a file is missing, kInvalidArgument (with the line number) when a line
  // is malformed or a date is listed twice.
  static Result<WorkCalendar> Load(const std::string& refdata_dir);
  // For tests and callers with their own data: `years` are the covered
  // calendar years. Entries may lie outside them (a notice may move a day
  // of the previous year); they are kept but the year is still uncovered.
  static Result<WorkCalendar> FromEntries(const std::vector<CalendarEntry>& entries,
                                          const std::vector<int>& years);

  bool Covers(int year) const { return years_.contains(year); }
  const std::set<int>& years() const { return years_; }

  // A copy of this calendar with `year` covered by `entries` (a State
  // Council notice loaded by officials): any day listed before for that
  // year is replaced. kInvalidArgument when an entry lies outside `year` or
  // a date is listed twice. Validation of the notice itself (make-up days
  // on weekends, ...) is the loader's (services/calendar_notice.h).
  Result<WorkCalendar> WithNotice(int year, const std::vector<CalendarEntry>& entries) const;

  // Whether answers about `d` are provisional (its year is not covered).
  bool Provisional(Date d) const { return !Covers(d.year()); }
  // The uncovered years among a.year()..b.year() (a <= b), ascending.
  std::vector<int> UncoveredYears(Date a, Date b) const;
  // "2027 年节假日安排尚未公布，暂按周末计算" for the given years; "" when
  // `years` is empty.
  static std::string ProvisionalNote(const std::vector<int>& years);

  // Whether `d` is a working day; weekends only (provisional) when d's year
  // is not covered. Never fails.
  Result<bool> IsWorkday(Date d) const;

  // The n-th working day after d, d itself not counted (Civil Code art.
  // 201): found on Friday D, "5个工作日内" ends on the 5th working day after
  // D. n == 0 returns d unchanged (even when d is not a working day).
  // Negative n counts back: the |n|-th working day before d.
  // Days in uncovered years count on weekends only (see Provisional).
  Result<Date> AddWorkingDays(Date d, int n) const;

  // The number of working days in the half-open interval (a, b]: a not
  // counted, b counted. So WorkingDaysBetween(d, AddWorkingDays(d, n)) == n
  // for n >= 0, and "is b still within n working days of a" is
  // WorkingDaysBetween(a, b) <= n. When b < a the result is
  // -WorkingDaysBetween(b, a); a == b gives 0. Uncovered years as above.
  Result<int> WorkingDaysBetween(Date a, Date b) const;

  // The listed name ("春节") of a holiday or make-up day, empty otherwise.
  std::string NameOf(Date d) const;

 private:
  struct Listed {
    DayKind kind;
    std::string name;
  };
  WorkCalendar() = default;

  std::unordered_map<int32_t, Listed> listed_;  // key: Date::days()
  std::set<int> years_;
};

}  // namespace qjy

#endif  // QJY_CORE_CALENDAR_H_
