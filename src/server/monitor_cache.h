// The monitoring facts of `qjy serve`, counted once and kept (issue #12 §3):
// one snapshot — the dashboard's series (monitor_data.h LoadMonitorData)
// and the month-end counts (LoadMonthlyData) — shared read-only by every
// dashboard request, the rates and the web report, instead of each request
// reading registrations, contracts, separations and group memberships
// again.
//
// Kept current by marking it stale and rebuilding in the background:
//   - Invalidate() when a write may have created facts (the server calls it
//     after a successful registration/deregistration, a gig completion and
//     at the end of every import job);
//   - a snapshot older than `max_age` seconds is stale too, for writers the
//     server does not see (CLI imports, another server on the database);
//   - a snapshot built for another day is stale (the latest month and the
//     month-end range depend on today).
// A stale snapshot is still served (with its as-of time and `stale`) while
// one rebuild runs on its own thread; writes meanwhile only move the
// generation, so a burst of writes costs one more rebuild, not one each.
// Why not ApplyEvents: a stock run is merged per person (a new spell or a
// closed registration changes the person's merged run, not just adds
// events), so applying a write's events alone would not equal a
// recomputation; a rebuild does by construction.
//
// The first request finds no snapshot: it starts the build and waits up
// to `first_wait`; beyond that it is told "preparing" (the page shows
// 正在准备… and asks again) rather than holding a server thread for the
// whole read of a large province.
//
// Thread-safety: every method may be called from any thread. Snapshots are
// immutable once published (shared_ptr<const>). The destructor waits for a
// running build.
#ifndef QJY_SERVER_MONITOR_CACHE_H_
#define QJY_SERVER_MONITOR_CACHE_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "auth/clock.h"
#include "core/date.h"
#include "core/error.h"
#include "monitor/monitor_data.h"
#include "monitor/monthly_sources.h"
#include "monitor/warnings.h"
#include "network/coverage.h"

namespace qjy::server {

struct MonitorSnapshot {
  monitor::MonitorData data;                    // the indicators' series (LoadMonitorData)
  std::vector<monitor::MonthlyCounts> monthly;  // month-end counts, per monthly spec
  // The risk warnings' facts of the whole province as of `today`
  // (monitor::LoadWarningFacts, region "52"): GET /api/monitor/warnings of
  // the current month reads them for any region (ComputeWarnings keeps to
  // the region) instead of reading employers, separations, registrations
  // and poverty spells per request. Empty when the warning files or the
  // services context could not be loaded (requests then read their own).
  std::optional<monitor::WarningFacts> warnings;
  // The outbound workers of every county on `today` (network::
  // OutboundTallies, region "52"): GET /api/network/coverage as of today
  // keeps to its region's counties instead of reading the contracts per
  // request. Empty when they could not be read (requests then read their own).
  std::optional<std::vector<network::OutboundTally>> outbound;
  Date today;                                   // the day it was built for (China)
  int64_t built_at = 0;                         // clock seconds when the facts were read
  uint64_t generation = 0;                      // Invalidate() count the read started after
};

class MonitorCache {
 public:
  // Reads the facts; called on the cache's own thread.
  using Builder = std::function<Result<MonitorSnapshot>(Date today)>;
  struct Options {
    std::chrono::milliseconds first_wait{3000};
    int64_t max_age = 600;  // seconds
  };
  MonitorCache(Builder builder, const auth::Clock& clock, Options options);
  MonitorCache(Builder builder, const auth::Clock& clock) : MonitorCache(std::move(builder), clock, Options{}) {}
  ~MonitorCache();
  MonitorCache(const MonitorCache&) = delete;
  MonitorCache& operator=(const MonitorCache&) = delete;

  // Facts may have changed: the snapshot is stale from now on.
  void Invalidate();

  struct View {
    std::shared_ptr<const MonitorSnapshot> snapshot;  // null: still preparing
    bool stale = false;                               // a rebuild is due or running
  };
  // The current snapshot, starting a rebuild when it is stale. Without
  // one, waits up to `first_wait` (or `wait` when given) for the first.
  // The last build's error when there is no snapshot and it failed (the
  // next call tries again).
  Result<View> Get();
  Result<View> Get(std::chrono::milliseconds wait);

 private:
  bool StaleLocked(const MonitorSnapshot& s, Date today, int64_t now) const;
  void StartLocked(Date today);
  void Run(Date today, uint64_t generation);

  const Builder builder_;
  const auth::Clock& clock_;
  const Options options_;
  std::mutex mu_;
  std::condition_variable built_;
  std::shared_ptr<const MonitorSnapshot> current_;  // guarded by mu_
  uint64_t generation_ = 0;                         // guarded by mu_
  bool running_ = false;                            // guarded by mu_
  std::optional<Error> failed_;                     // guarded by mu_: the last build's error
  std::thread worker_;                              // guarded by mu_
};

}  // namespace qjy::server

#endif  // QJY_SERVER_MONITOR_CACHE_H_
