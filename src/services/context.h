// Everything the services engines need that is loaded once at start-up:
// the holiday calendar and its working-day index, the service packages and
// the policy parameters. A bad data file stops start-up with a clear
// message. Immutable after loading; shared read-only by threads.
#ifndef QJY_SERVICES_CONTEXT_H_
#define QJY_SERVICES_CONTEXT_H_

#include <memory>
#include <string>

#include "core/calendar.h"
#include "core/error.h"
#include "services/obligations.h"
#include "services/package.h"
#include "services/params.h"
#include "services/workday_index.h"

namespace qjy::services {

class ServicesContext {
 public:
  // refdata_dir: holidays (core/refdata.h); data_dir: services YAML files.
  static Result<std::unique_ptr<ServicesContext>> Load(const std::string& refdata_dir,
                                                       const std::string& data_dir);
  static Result<std::unique_ptr<ServicesContext>> LoadDefault();
  // With a calendar already built (the shipped one plus loaded notices:
  // calendar_update.h).
  static Result<std::unique_ptr<ServicesContext>> WithCalendar(WorkCalendar calendar,
                                                               const std::string& data_dir);
  // With a calendar already built and the packages and parameters of
  // `data` (loaded once, e.g. at the server's start: no file is read).
  static Result<std::unique_ptr<ServicesContext>> WithCalendar(WorkCalendar calendar, const ServicesContext& data);

  ServicesContext(const ServicesContext&) = delete;
  ServicesContext& operator=(const ServicesContext&) = delete;

  const WorkCalendar& calendar() const { return calendar_; }
  const WorkdayIndex& workdays() const { return workdays_; }
  const PackageCatalog& catalog() const { return catalog_; }
  const ServiceParams& params() const { return params_; }
  const ObligationEngine& engine() const { return engine_; }

 private:
  ServicesContext(WorkCalendar calendar, WorkdayIndex workdays, PackageCatalog catalog,
                  ServiceParams params)
      : calendar_(std::move(calendar)),
        workdays_(std::move(workdays)),
        catalog_(std::move(catalog)),
        params_(std::move(params)),
        engine_(catalog_, workdays_) {}
  WorkCalendar calendar_;
  WorkdayIndex workdays_;
  PackageCatalog catalog_;
  ServiceParams params_;
  ObligationEngine engine_;
};

}  // namespace qjy::services

#endif  // QJY_SERVICES_CONTEXT_H_
