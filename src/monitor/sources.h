// The dated county events each computation counts, read from the stores
// that own them: unemployment registrations (services) and employment
// spells (the registry). The county of an event: where the registration
// was made; for a spell, its place of work when that is a Guizhou county,
// else (unknown place) the person's owning county; spells outside Guizhou
// are not Guizhou's urban jobs and are skipped; recorded separations for
// retirement or death (natural attrition) count -1 in the person's county. Reads whole tables: for
// the province's dashboard and report, not per request at national scale.
#ifndef QJY_MONITOR_SOURCES_H_
#define QJY_MONITOR_SOURCES_H_

#include "core/error.h"
#include "monitor/indicator_spec.h"
#include "monitor/series.h"
#include "services/services_store.h"
#include "store/registry_store.h"

namespace qjy::monitor {

Result<CountySeries> LoadSeries(Computation c, services::ServicesStore& services, store::RegistryStore& registry);

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_SOURCES_H_
