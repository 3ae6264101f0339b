// The data files of the monitoring pages, loaded once on first use (and
// checked by `qjy serve` at start): the indicators of 正文（二）
// (policy/indicators) and the risk warnings of 正文（十九）(policy/warnings).
// Shared by the handlers of api_monitor.cc and api_monitor_warnings.cc;
// read-only after the once_flag. Beside them the kept snapshot of the facts
// (monitor_cache.h) that the dashboard and the web report read.
#ifndef QJY_SERVER_API_MONITOR_H_
#define QJY_SERVER_API_MONITOR_H_

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <spdlog/logger.h>

#include "auth/account.h"
#include "auth/clock.h"
#include "core/date.h"
#include "core/error.h"
#include "core/regions.h"
#include "core/vault.h"
#include "linkage/indicator_counts.h"
#include "monitor/indicator_spec.h"
#include "monitor/linkage_spec.h"
#include "monitor/monthly_spec.h"
#include "monitor/warning_spec.h"
#include "server/http_message.h"
#include "server/import_jobs.h"
#include "server/monitor_cache.h"
#include "store/db.h"

namespace qjy::server {

struct MonitorSpecs {
  std::once_flag once;
  Result<std::vector<monitor::IndicatorSpec>> specs = std::vector<monitor::IndicatorSpec>{};
  std::once_flag monthly_once;  // policy/indicators/monthly
  Result<std::vector<monitor::MonthlySpec>> monthly = std::vector<monitor::MonthlySpec>{};
  std::once_flag linkage_once;  // policy/indicators/linkage
  Result<std::vector<monitor::LinkageSpec>> linkage = std::vector<monitor::LinkageSpec>{};
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
const Result<std::vector<monitor::LinkageSpec>>& LinkageSpecsOf(MonitorSpecs& s);
const Result<std::vector<monitor::WarningSpec>>& WarningSpecsOf(MonitorSpecs& s);

// The kept snapshot when it is of `today` and `has(snapshot)` (what the
// caller reads from it was loaded), without waiting for a build (the first
// call starts one); null otherwise. `snapshot_json` is set to {as_of,
// stale} when one is returned, null when not.
std::shared_ptr<const MonitorSnapshot> TodaysSnapshot(MonitorCache* cache, Date today,
                                                      bool (*has)(const MonitorSnapshot&),
                                                      nlohmann::json& snapshot_json);

// The comparison indicator files (policy/indicators/linkage); nullptr and a
// 503 in `error` when they fail to load.
const std::vector<monitor::LinkageSpec>* LinkageSpecList(MonitorSpecs& s, HttpResponse& error);

// The scoped region of a monitor request (api_monitor.cc): ?region=
// (default the caller's region, the province for auditors) within the
// caller's scope (or the county containing a township officer's), cut to
// the finest level the answer has (4: the township, 3: the county) with a
// note saying so. nullopt with 403/400 in `error`.
struct MonitorRequest {
  std::string region;
  std::string note;
};
std::optional<MonitorRequest> ScopeMonitorRequest(const auth::Account& a, const std::map<std::string, std::string>& q,
                                                  int finest_level, HttpResponse& error);

class ServicesContexts;
// What a read of the comparison's counts needs from the Api (it borrows).
struct LinkageReader {
  store::Db& db;
  const Vault& vault;
  ServicesContexts& contexts;  // the working-day calendar of the deadlines
  std::string db_url;
  Date today;                  // China
  spdlog::logger& log;
};
// The comparison's counts of `region` for the months `first`..`last`
// (YYYY-MM) as of `today` (linkage/indicator_counts.h); nullopt with the
// answer (400/503/store error) in `error`.
std::optional<std::vector<linkage::LinkageMonthCounts>> LinkageCountsFor(const LinkageReader& r,
                                                                         const std::string& region,
                                                                         const std::string& first,
                                                                         const std::string& last,
                                                                         HttpResponse& error);
// GET /api/monitor/linkage for an officer or auditor `a` (the role checked
// by the caller): api_monitor_linkage.cc.
HttpResponse MonitorLinkageResponse(const LinkageReader& r, MonitorSpecs& specs, const RegionIndex& regions,
                                    const std::function<std::string(const std::string&)>& region_name,
                                    const auth::Account& a, const std::map<std::string, std::string>& query);

// Makes `s.cache`: the snapshot read on a connection of its own to
// `db_url` (api_monitor.cc); `contexts` gives the services context whose
// obligation engine the warnings' on-time rates are judged by.
void StartMonitorCache(MonitorSpecs& s, std::string db_url, const Vault& vault, const auth::Clock& clock,
                       std::shared_ptr<ServicesContexts> contexts);

// Whether a successful request to the route may have created facts the
// snapshot counts (registrations and their closing, a seeker's own
// registration, a gig completion) or changed the comparison's results (any
// write under /api/linkage/: a review decided, a follow-up or flag closed);
// imports are caught by InvalidatingRunner.
bool WritesMonitorFacts(const std::string& method, const std::string& pattern);

// `runner` followed by `after` (even for a failed import: a batch may have
// been written); empty stays empty.
ImportRunner InvalidatingRunner(ImportRunner runner, std::function<void()> after);

}  // namespace qjy::server

#endif  // QJY_SERVER_API_MONITOR_H_
