// One monthly indicator (monthly_spec.h) in one region at one month end:
// its value (a rate in basis points, or a head count), the same month a
// year earlier, a red/amber/green status with its reason in Chinese, the
// twelve months of the year and of the year before (for the trend lines),
// and the same for each child region. For a rate, the surveyed rate the
// officials entered is evaluated against the same target. Pure.
#ifndef QJY_MONITOR_MONTHLY_VIEW_H_
#define QJY_MONITOR_MONTHLY_VIEW_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "monitor/monthly_sources.h"
#include "monitor/monthly_spec.h"
#include "monitor/progress.h"

namespace qjy::monitor {

// The value at one month end: a rate in basis points (rounded half up;
// nullopt when the denominator is 0), or the head count (nullopt when the
// region has no fact that month).
std::optional<int64_t> MonthlyValue(const MonthlySpec& spec, MonthCount c);
// "5.50%" for 550 basis points.
std::string RateText(int64_t bp);

struct MonthlyPoint {
  std::optional<int64_t> value;
  std::optional<int64_t> last_year;  // same month a year earlier
  MonthCount count;
  Status status = Status::kNoTarget;
  std::string reason;
};

// The status of a value: a rate against target_bp / amber_to_bp; a head
// count against the same month a year earlier.
MonthlyPoint EvaluateMonthly(const MonthlySpec& spec, const MonthlyCounts& counts, const std::string& region,
                             int year, int month);
// The status as users read it for this kind: a rate "未超过目标" /
// "略高于目标" / "明显高于目标" / "无数据"; a head count "保持稳定" /
// "略有下降" / "明显下降" / "无上年数据".
const char* MonthlyStatusLabel(const MonthlySpec& spec, Status s);
// A rate entered by officials (basis points) against the spec's target.
Status RateStatus(const MonthlySpec& spec, int64_t bp);
std::string RateReason(const MonthlySpec& spec, const std::string& what, int64_t bp);

struct MonthlyChild {
  std::string code;
  MonthlyPoint point;
};

struct MonthlyView {
  const MonthlySpec* spec = nullptr;
  std::string region;
  MonthlyPoint point;
  std::array<std::optional<int64_t>, 12> this_year{};
  std::array<std::optional<int64_t>, 12> last_year{};
  std::vector<MonthlyChild> children;
};

MonthlyView BuildMonthlyView(const MonthlySpec& spec, const MonthlyCounts& counts, const std::string& region,
                             const std::vector<std::string>& children, int year, int month);

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_MONTHLY_VIEW_H_
