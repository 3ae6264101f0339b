// Where the holiday notices officials load (calendar_notice.h) are kept,
// and the deadlines each load moved, so that officers can see which of
// their provisional deadlines changed. Tables (services migration 150):
//   calendar_notices(year PK, title, document, published_on, notice_yaml,
//                    loaded_at, loaded_by)
//   calendar_deadline_changes(change_id, year, county_code, region_code,
//                    registration_id, person_id, package_id, title,
//                    old_deadline, new_deadline, changed_at)
// A reload of a year replaces its notice (the audit log keeps who loaded
// which). One Db connection, not thread-safe (as every repository).
#ifndef QJY_SERVICES_CALENDAR_STORE_H_
#define QJY_SERVICES_CALENDAR_STORE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/error.h"
#include "services/calendar_notice.h"
#include "store/db.h"

namespace qjy::services {

struct StoredNotice {
  CalendarNotice notice;
  std::string loaded_at;  // ISO UTC
  std::string loaded_by;
};

// One obligation whose deadline a notice moved.
struct DeadlineChange {
  int year = 0;
  std::string county_code;
  std::string region_code;
  int64_t registration_id = 0;
  int64_t person_id = 0;
  std::string package_id;
  std::string title;
  Date old_deadline;
  Date new_deadline;
  std::string changed_at;  // ISO UTC, assigned on save
};

class CalendarStore {
 public:
  explicit CalendarStore(store::Db& db) : db_(db) {}

  // Every notice, by year. A stored notice that no longer parses is
  // kInvalidArgument naming the year (never silently dropped).
  Result<std::vector<StoredNotice>> Notices();

  // Inside the caller's transaction: replaces the year's notice and
  // appends the changes (their changed_at set to `at`).
  Result<void> Save(const CalendarNotice& notice, std::string_view loaded_by, std::string_view at,
                    const std::vector<DeadlineChange>& changes);

  // The newest changes of registrations whose region starts with
  // `region_prefix`, newest first, at most `limit`.
  Result<std::vector<DeadlineChange>> Changes(std::string_view region_prefix, int limit);

 private:
  store::Db& db_;
};

// The shipped calendar with every stored notice applied.
Result<WorkCalendar> ApplyNotices(const WorkCalendar& shipped, const std::vector<StoredNotice>& notices);

}  // namespace qjy::services

#endif  // QJY_SERVICES_CALENDAR_STORE_H_
