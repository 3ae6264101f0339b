// Where an indicator stands against its target in one region on a date:
// attainment (actual so far ÷ the year's target), the pace against a
// seasonal profile (actual ÷ what the profile expects by now), year on year,
// and a red/amber/green status with its reason in Chinese.
//
// The seasonal profile: the average cumulative monthly share of the earlier
// years the series holds (their totals weighted together), so that a year
// whose jobs come after the Spring Festival and in July is not called late
// in February; where there is no earlier year, or the earlier years hold
// fewer than kMinProfileEvents (a handful of events says nothing about the
// season: two late in the year would expect nothing by June), linear
// (month ÷ 12). Pure.
#ifndef QJY_MONITOR_PROGRESS_H_
#define QJY_MONITOR_PROGRESS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "monitor/indicator_spec.h"
#include "monitor/series.h"

namespace qjy::monitor {

// kNotDue: the profile expects nothing yet by the month and nothing is
// done — the pace cannot be judged (not "normal"); a target of 0 is no target.
enum class Status { kGreen, kAmber, kRed, kNoTarget, kNotDue };
const char* StatusCode(Status s);   // "green", "amber", "red", "no_target", "not_due"
const char* StatusLabel(Status s);  // "进度正常", "略有滞后", "明显滞后", "无目标", "尚未到考核进度"

struct Profile {
  std::array<double, 12> cumulative_share{};  // by end of month m+1
  std::vector<int> years;                      // the years it was drawn from; empty = linear
  bool thin = false;                           // linear because the earlier years held too few events
  std::string Describe() const;               // "按 2023–2024 年月度进度" / "按均匀进度"
};

// Events the earlier years must hold together for a seasonal profile.
inline constexpr int64_t kMinProfileEvents = 120;

// The profile for `year` from the series' years before it.
Profile SeasonalProfile(const Series& series, int year);

struct Progress {
  int year = 0;
  int month = 0;                      // progress up to the end of this month
  std::optional<int64_t> target;      // the region's target for the year
  int64_t actual = 0;                 // January..month
  int64_t expected = 0;               // target × profile share
  double attainment = 0;              // actual ÷ target
  double pace = 0;                    // actual ÷ expected
  std::optional<int64_t> last_year;   // same months a year earlier
  Profile profile;
  Status status = Status::kNoTarget;
  std::string reason;
};

Progress Evaluate(const IndicatorSpec& spec, const Series& series, std::optional<int64_t> target, int year,
                  int month);

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_PROGRESS_H_
