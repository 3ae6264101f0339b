// The dated county events each computation counts, read from the stores
// that own them: unemployment registrations (services) and employment
// spells (the registry). The county of an event: where the registration
// was made; for a spell, its place of work when that is a Guizhou county,
// else (unknown place) the person's owning county; spells outside Guizhou
// are not Guizhou's urban jobs and are skipped; recorded separations for
// retirement or death (natural attrition) count -1 in the person's county. Reads whole tables: for
// the province's dashboard and report, not per request at national scale.
//
// Township drill-down: an event whose place is known to the township (a
// registration made at a township, a spell whose place of work is a
// township code) is also counted in `townships` under the 9-digit code.
// Events known only to the county (a county-level registration, a spell
// without a township, natural attrition) are in the county series only, so
// a county's townships add up to at most its total; the difference is what
// the data does not place in a township.
#ifndef QJY_MONITOR_SOURCES_H_
#define QJY_MONITOR_SOURCES_H_

#include "core/error.h"
#include "monitor/indicator_spec.h"
#include "monitor/series.h"
#include "services/services_store.h"
#include "store/registry_store.h"

namespace qjy::monitor {

struct SourceSeries {
  CountySeries counties;   // 6-digit county code -> series
  CountySeries townships;  // 9-digit township code -> the township-placed part
};

Result<SourceSeries> LoadSeries(Computation c, services::ServicesStore& services, store::RegistryStore& registry);

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_SOURCES_H_
