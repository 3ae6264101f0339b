// The risk warnings of 正文（十九）(规模性失业风险) for one region and month,
// computed from plain facts (warning_sources.h loads them from the stores)
// against the thresholds of policy/warnings (warning_spec.h). Pure; no I/O.
//
//   mass_layoff            per employer of the region (its owning county):
//                          separations with the spec's reasons in the
//                          window_months ending with the month; warns when
//                          count ≥ level.count, or share of the employer's
//                          insured headcount ≥ level.share with count ≥
//                          min_count.
//   registration_surge     per county: registrations of the month ÷ the
//                          average of the same month over up to
//                          baseline_years earlier years that hold any
//                          registration of the county; warns when the ratio
//                          ≥ level.factor and the month has ≥ min_count.
//                          No earlier year: no baseline, no warning.
//   poverty_outbound_fall  per county of household registration, and the
//                          region itself when it is above a county:
//                          distinct poverty-alleviated persons (membership
//                          valid in the month) with a spell outside Guizhou
//                          overlapping the month, against the same month a
//                          year earlier; warns when the fall ≥ level.fall and
//                          the earlier count ≥ min_base.
//   on_time_rate_fall      per county, and the region above a county:
//                          obligations whose deadline falls in the month,
//                          met on time ÷ decided (met, met late, overdue;
//                          lapsed and not yet due left out), against last
//                          month; warns when the rate < level.floor or it
//                          fell by ≥ level.drop, and the month has ≥
//                          min_decided.
// The red level is checked first. Each warning lists what is behind it:
// the employer (name), the persons (ids and their region, for the caller to
// show masked and only within the reader's scope).
#ifndef QJY_MONITOR_WARNINGS_H_
#define QJY_MONITOR_WARNINGS_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "monitor/warning_spec.h"
#include "registry/employment.h"

namespace qjy::monitor {

struct EmployerFact {
  std::string credit_code;
  std::string name;
  std::string county_code;
  int insured_headcount = 0;
};

struct SeparationFact {
  std::string employer_credit_code;
  std::string county_code;  // the person's owning county
  int64_t person_id = 0;
  Date on;
  registry::SeparationReason reason = registry::SeparationReason::kLayoff;
};

struct RegistrationFact {
  std::string county_code;
  std::string region_code;  // where registered (county or township)
  int64_t person_id = 0;
  Date on;
};

// One spell of work outside Guizhou of a poverty-alleviated person, with the
// validity of the membership.
struct OutboundSpellFact {
  std::string county_code;  // county of household registration
  int64_t person_id = 0;
  Date start;
  std::optional<Date> end;  // inclusive
  Date group_from;
  std::optional<Date> group_to;
};

// One obligation (services/obligations.h) evaluated as of a day on or after
// the end of the month of interest (or today).
struct ObligationFact {
  std::string county_code;
  std::string region_code;
  int64_t person_id = 0;
  std::string title;  // the package's name
  Date deadline;
  enum class Outcome { kOnTime, kLate, kPending, kLapsed } outcome = Outcome::kPending;
};

struct WarningFacts {
  std::vector<EmployerFact> employers;
  std::vector<SeparationFact> separations;
  std::vector<RegistrationFact> registrations;
  std::vector<OutboundSpellFact> outbound;
  std::vector<ObligationFact> obligations;
};

struct WarningPerson {
  int64_t person_id = 0;
  std::string region_code;
  std::string detail;  // "2025-06-12 裁员", "2025-06-03 登记", ...
};

struct Warning {
  const WarningSpec* spec = nullptr;
  std::string region;  // county (or the region asked for)
  std::string employer_credit_code;
  std::string employer_name;
  WarningLevel level = WarningLevel::kAmber;
  double value = 0;      // what was measured (count, ratio, fall, rate)
  double threshold = 0;  // the level's threshold it crossed
  double baseline = 0;   // the comparison (headcount, baseline, a year earlier, last month)
  std::string measure;   // Chinese: the measured value against the threshold
  std::string reason;    // Chinese, citing the clause
  std::vector<WarningPerson> persons;
};

using RegionNamer = std::function<std::string(std::string_view code)>;

// Warnings of `region` (a 2/4/6-digit code) for the month of `year`/`month`,
// red before amber, then by kind and region.
std::vector<Warning> ComputeWarnings(const std::vector<WarningSpec>& specs, const WarningFacts& facts,
                                     const std::string& region, int year, int month, const RegionNamer& name);

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_WARNINGS_H_
