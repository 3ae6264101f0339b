// Loading a year's holiday notice into a database (qjy calendar load, the
// web's 节假日安排 page): the notice is checked against the shipped
// calendar, stored, and every open obligation whose provisional deadline
// it moves is recorded, so officers see which deadlines changed. Deadlines
// themselves are never stored: they are recomputed from the calendar on
// every read, so after a load every queue shows the new ones.
#ifndef QJY_SERVICES_CALENDAR_UPDATE_H_
#define QJY_SERVICES_CALENDAR_UPDATE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/date.h"
#include "core/error.h"
#include "services/calendar_notice.h"
#include "services/calendar_store.h"
#include "services/context.h"
#include "store/db.h"

namespace qjy::services {

struct CalendarLoadResult {
  bool replaced = false;                // the year had a loaded notice before
  std::vector<DeadlineChange> moved;    // open obligations whose deadline moved
  std::unique_ptr<ServicesContext> context;  // the services context with the notice
};

// `shipped`: the calendar of the reference data. kInvalidArgument when it
// covers the notice's year already (the official data needs no load);
// otherwise stores the notice (replacing an earlier load of the year) and
// the moved deadlines as of `today` in one transaction, and returns the
// new context built from `data_dir`. Registrations of the whole database
// are compared. Must be called outside a transaction on `db`.
Result<CalendarLoadResult> LoadCalendarNotice(store::Db& db, const WorkCalendar& shipped,
                                              const std::string& data_dir,
                                              const CalendarNotice& notice, std::string_view actor,
                                              Date today, std::string_view now_iso);

// The services context for `db`: the shipped calendar with the notices
// stored in `db` (migrating the services tables first).
Result<std::unique_ptr<ServicesContext>> LoadContextFor(store::Db& db, const std::string& refdata_dir,
                                                        const std::string& data_dir);
Result<std::unique_ptr<ServicesContext>> LoadDefaultContextFor(store::Db& db);
// The same over `shipped` (its calendar, packages and parameters, loaded
// once): only the notices are read, from `db`.
Result<std::unique_ptr<ServicesContext>> LoadContextFor(store::Db& db, const ServicesContext& shipped);

// A stamp that changes whenever the notices stored in `db` or the moved
// deadlines change (count, last load time, last change id): a cached
// context built from `db` is current while its stamp is.
Result<std::string> CalendarNoticesStamp(store::Db& db);

}  // namespace qjy::services

#endif  // QJY_SERVICES_CALENDAR_UPDATE_H_
