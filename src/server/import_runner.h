// The ImportRunner that runs the real import pipeline (importer/import.h)
// for uploads from the web UI.
#ifndef QJY_SERVER_IMPORT_RUNNER_H_
#define QJY_SERVER_IMPORT_RUNNER_H_

#include "auth/clock.h"
#include "core/regions.h"
#include "server/import_jobs.h"

namespace qjy::server {

// `regions` and `clock` must outlive the runner.
ImportRunner MakeImporterRunner(const RegionIndex& regions, const auth::Clock& clock);

}  // namespace qjy::server

#endif  // QJY_SERVER_IMPORT_RUNNER_H_
