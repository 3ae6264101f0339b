// The facts the risk warnings (warnings.h) read, loaded from the stores
// that own them: employers and recorded separations (the registry), the
// spells outside Guizhou of poverty-alleviated persons (contracts whose
// place of work is outside Guizhou; the person's household-registration
// county), unemployment registrations and the obligations of each
// registration evaluated as of `as_of` (services). `region` limits what is
// read where the store can (registrations, obligations); the registry's
// tables are read whole, like the indicators' series (sources.h): for the
// dashboard, not per request at national scale.
#ifndef QJY_MONITOR_WARNING_SOURCES_H_
#define QJY_MONITOR_WARNING_SOURCES_H_

#include <string_view>

#include "core/date.h"
#include "core/error.h"
#include "monitor/warning_spec.h"
#include "monitor/warnings.h"
#include "services/obligations.h"
#include "services/services_store.h"
#include "store/registry_store.h"

namespace qjy::monitor {

// Loads only what `specs` need.
Result<WarningFacts> LoadWarningFacts(const std::vector<WarningSpec>& specs, services::ServicesStore& services,
                                      store::RegistryStore& registry, const services::ObligationEngine& engine,
                                      std::string_view region, Date as_of);

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_WARNING_SOURCES_H_
