// Month-end indicators of 正文（二） as cited data: one YAML file per
// indicator in policy/indicators/monthly (see the README one folder up).
// Unlike the yearly targets (indicator_spec.h), these are values at the end
// of each month, compared with a level or with the same month a year
// earlier, not counts accumulated towards a yearly target:
//   - kind `rate`: a ratio in basis points (550 = 5.50 %), lower is better;
//     green at or below `target_bp`, amber up to `amber_to_bp`, red above
//     (城镇登记失业率 beside the surveyed rate the officials enter);
//   - kind `stock`: a head count at month end against the same month a year
//     earlier; green when value ÷ last year ≥ green_at, amber ≥ amber_at
//     (防返贫监测对象就业: kept stable).
// Load errors (kInvalidArgument) name the file and line. Immutable after
// loading.
#ifndef QJY_MONITOR_MONTHLY_SPEC_H_
#define QJY_MONITOR_MONTHLY_SPEC_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace qjy::monitor {

enum class MonthlyKind { kRate, kStock };

// What is computed per county at each month end (monthly_sources.h).
enum class MonthlyComputation {
  kRegisteredUnemploymentRate,  // registered unemployed ÷ (registered unemployed + employed)
  kMonitoringObjectsEmployed,   // 防止返贫监测对象 with an employment spell in force
};
const char* MonthlyComputationCode(MonthlyComputation c);
Result<MonthlyComputation> ParseMonthlyComputation(std::string_view code);

// The statistics bureau's figure entered by officials beside a rate.
struct SurveyedSpec {
  std::string name;        // 城镇调查失业率
  std::string definition;
  std::string source;
};

struct MonthlySpec {
  std::string id;
  std::string name;
  MonthlyKind kind = MonthlyKind::kRate;
  std::string clause;
  std::string target_text;
  std::string definition;
  std::string source;
  MonthlyComputation computation = MonthlyComputation::kRegisteredUnemploymentRate;
  bool assumed = false;
  std::string note;
  std::string unit;            // "%" for rates, "人" for stocks
  // kRate: green at or below target_bp, amber up to amber_to_bp.
  int64_t target_bp = 0;
  int64_t amber_to_bp = 0;
  // kStock: ratio to the same month a year earlier.
  double green_at = 1.0;
  double amber_at = 0.95;
  std::string status_note;
  std::optional<SurveyedSpec> surveyed;  // kRate only
  std::string file;
};

Result<MonthlySpec> ParseMonthlyIndicator(std::string_view yaml_text, std::string_view file);
// Every *.yaml of `dir`, sorted by file name; an empty list when the
// directory is missing (older trees). kInvalidArgument for a bad file or a
// duplicate id.
Result<std::vector<MonthlySpec>> LoadMonthlyIndicators(const std::filesystem::path& dir);
// $QJY_INDICATORS/monthly, else the source tree's policy/indicators/monthly.
std::filesystem::path DefaultMonthlyIndicatorsDir();

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_MONTHLY_SPEC_H_
