// The data files of the monitoring pages, loaded once on first use (and
// checked by `qjy serve` at start): the indicators of 正文（二）
// (policy/indicators) and the risk warnings of 正文（十九）(policy/warnings).
// Shared by the handlers of api_monitor.cc and api_monitor_warnings.cc;
// read-only after the once_flag. Beside them the kept snapshot of the facts
// (monitor_cache.h) that the dashboard and the web report read.
#ifndef QJY_SERVER_API_MONITOR_H_
#define QJY_SERVER_API_MONITOR_H_

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "auth/clock.h"
#include "core/error.h"
#include "core/vault.h"
#include "monitor/indicator_spec.h"
#include "monitor/monthly_spec.h"
#include "monitor/warning_spec.h"
#include "server/import_jobs.h"
#include "server/monitor_cache.h"

namespace qjy::server {

struct MonitorSpecs {
  std::once_flag once;
  Result<std::vector<monitor::IndicatorSpec>> specs = std::vector<monitor::IndicatorSpec>{};
  std::once_flag monthly_once;  // policy/indicators/monthly
  Result<std::vector<monitor::MonthlySpec>> monthly = std::vector<monitor::MonthlySpec>{};
  std::once_flag warnings_once;
  Result<std::vector<monitor::WarningSpec>> warnings = std::vector<monitor::WarningSpec>{};
  // One chromium at a time per server: a report is printed in seconds, and
  // a burst of requests should queue rather than start a browser each.
  std::mutex printing;
  // The kept snapshot, made by StartMonitorCache in the Api's constructor.
  // Last: destroyed (its build thread joined) before the specs it reads.
  std::shared_ptr<MonitorCache> cache;
};

// The indicator files, loaded once (thread-safe).
const Result<std::vector<monitor::IndicatorSpec>>& IndicatorSpecsOf(MonitorSpecs& s);
const Result<std::vector<monitor::MonthlySpec>>& MonthlySpecsOf(MonitorSpecs& s);

// Makes `s.cache`: the snapshot read on a connection of its own to
// `db_url` (api_monitor.cc).
void StartMonitorCache(MonitorSpecs& s, std::string db_url, const Vault& vault, const auth::Clock& clock);

// Whether a successful request to the route may have created facts the
// snapshot counts (registrations and their closing, a seeker's own
// registration, a gig completion); imports are caught by InvalidatingRunner.
bool WritesMonitorFacts(const std::string& method, const std::string& pattern);

// `runner` followed by `after` (even for a failed import: a batch may have
// been written); empty stays empty.
ImportRunner InvalidatingRunner(ImportRunner runner, std::function<void()> after);

}  // namespace qjy::server

#endif  // QJY_SERVER_API_MONITOR_H_
