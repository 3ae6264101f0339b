// A year's holiday arrangement as the State Council publishes it each
// autumn (国务院办公厅关于YYYY年部分节假日安排的通知), loaded by officials
// without a release when the shipped calendar (npm chinese-days) does not
// yet cover the year. The file is YAML in the notice's own terms:
//
//   year: 2027
//   title: 国务院办公厅关于2027年部分节假日安排的通知
//   document: 国办发明电〔2026〕N号
//   published_on: 2026-11-12
//   holidays:
//     - name: 元旦
//       off: [2027-01-01, 2027-01-03]   # first and last day off, inclusive
//     - name: 春节
//       off: [2027-02-06, 2027-02-13]
//       work: [2027-02-14, 2027-02-20]  # 调休上班 (make-up working days)
//
// Validation (every message in Chinese names the file and the line):
// the year 2000..2100; title, document and published_on present; every
// day inside the notice's year; each holiday has a name and its off range
// runs forward, at most 15 days, and holds at least one weekday (a range
// of weekend days only moves nothing); a make-up working day is a
// Saturday or Sunday and not inside any off range; no day is listed twice.
// Pure: no I/O besides the text given.
#ifndef QJY_SERVICES_CALENDAR_NOTICE_H_
#define QJY_SERVICES_CALENDAR_NOTICE_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/date.h"
#include "core/error.h"

namespace qjy::services {

struct NoticeHoliday {
  std::string name;
  Date off_from;
  Date off_to;                // inclusive
  std::vector<Date> workdays; // make-up working days
};

struct CalendarNotice {
  int year = 0;
  std::string title;
  std::string document;       // 文号
  Date published_on;
  std::vector<NoticeHoliday> holidays;

  // Every listed day: each day of each off range (weekends included, as
  // the State Council lists them) as kOff, each make-up day as kWork.
  std::vector<CalendarEntry> Entries() const;
};

// Parses and validates a notice file's text. `file_name` is used in
// messages only. kInvalidArgument on any violation above.
Result<CalendarNotice> ParseCalendarNotice(std::string_view yaml_text, std::string_view file_name);

// The notice as canonical YAML (the stored form; parses back to the same).
std::string NoticeToYaml(const CalendarNotice& notice);

}  // namespace qjy::services

#endif  // QJY_SERVICES_CALENDAR_NOTICE_H_
