// The data files of the monitoring pages, loaded once on first use (and
// checked by `qjy serve` at start): the indicators of 正文（二）
// (policy/indicators) and the risk warnings of 正文（十九）(policy/warnings).
// Shared by the handlers of api_monitor.cc and api_monitor_warnings.cc;
// read-only after the once_flag.
#ifndef QJY_SERVER_API_MONITOR_H_
#define QJY_SERVER_API_MONITOR_H_

#include <mutex>
#include <vector>

#include "core/error.h"
#include "monitor/indicator_spec.h"
#include "monitor/monthly_spec.h"
#include "monitor/warning_spec.h"

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
};

}  // namespace qjy::server

#endif  // QJY_SERVER_API_MONITOR_H_
