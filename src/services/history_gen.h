// A deterministic history of unemployment registrations for a generated
// province (the demo and the benchmarks), so that queues, compliance and
// the monitoring of the document's targets have months to show: each
// person of working age registers with a yearly probability, in a month
// drawn from a seasonal profile (returns after the Spring Festival in
// February–March, graduates in July), stays registered for a spell of 1–18
// months and is re-employed (most), withdraws, moves or is still
// registered on `to`. Most registrations get the "1311" services within a
// few days, some late, some not at all. Same seed, same history.
#ifndef QJY_SERVICES_HISTORY_GEN_H_
#define QJY_SERVICES_HISTORY_GEN_H_

#include <cstdint>
#include <functional>

#include "core/date.h"
#include "core/error.h"
#include "services/params.h"
#include "services/services_store.h"
#include "store/registry_store.h"

namespace qjy::services {

struct HistoryOptions {
  uint64_t seed = 2023;
  Date from;
  Date to;
  double yearly_share = 0.05;  // of persons registering in a year
  int64_t max_job_id = 0;      // recommendations name jobs 1..max_job_id (none when 0)
};

struct HistoryCounts {
  int64_t registrations = 0;
  int64_t reemployed = 0;
  int64_t still_open = 0;
  int64_t records = 0;
};

// Adds the history to `services` (one transaction on `db`). `progress`
// gets (persons looked at, persons in all). kAlreadyExists when the
// database has registrations already (the history is for a fresh
// province).
Result<HistoryCounts> GenerateHistory(store::Db& db, store::RegistryStore& registry, const ServiceParams& params,
                                      const HistoryOptions& options,
                                      const std::function<void(int64_t, int64_t)>& progress = {});

}  // namespace qjy::services

#endif  // QJY_SERVICES_HISTORY_GEN_H_
