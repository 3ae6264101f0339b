// The document's targets as cited data: one YAML file per indicator in
// policy/indicators (see README there), read at start. Each file says what
// the indicator means in words, the statistical definition it follows, the
// computation over the registry's facts that approximates it (and whether
// that is an assumption, with a note), the yearly province targets, how a
// province target is allocated to counties (with per-county overrides
// officials can edit) and the pace thresholds of the red/amber/green status.
//
// Load errors (kInvalidArgument) name the file and line: a missing field,
// an unknown computation or allocation base, a target without a year, a
// duplicate id. Immutable after loading.
#ifndef QJY_MONITOR_INDICATOR_SPEC_H_
#define QJY_MONITOR_INDICATOR_SPEC_H_

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace qjy::monitor {

// What is counted, per county and month (facts.h).
enum class Computation {
  kContractHires,                      // spells starting in the month, minus natural attrition
  kRegistrationsReemployed,            // registrations closed as re-employed
  kRegistrationsReemployedHardToEmploy,  // the same, flagged hard-to-employ
};
const char* ComputationCode(Computation c);  // "contract_hires", ...
Result<Computation> ParseComputation(std::string_view code);

enum class AllocationBase {
  kPreviousYearActual,  // the county's share of last year's actual
  kPersons,             // the county's share of registered labour
};

struct IndicatorSpec {
  std::string id;
  std::string name;
  std::string clause;       // as users see it: 正文（二）
  std::string target_text;  // the document's words
  std::string definition;
  std::string source;       // the statistical definition followed
  Computation computation = Computation::kContractHires;
  bool assumed = false;
  std::string note;
  std::string unit;
  std::map<int, int64_t> targets;  // year -> province target
  AllocationBase allocation = AllocationBase::kPreviousYearActual;
  std::string allocation_note;
  // (county code, year) -> target set by officials instead of the share.
  std::map<std::pair<std::string, int>, int64_t> overrides;
  double green_at = 1.0;  // pace at or above: green
  double amber_at = 0.9;  // pace at or above: amber; below: red
  std::string status_note;
  std::string file;       // where it was read from

  std::optional<int64_t> TargetFor(int year) const;
};

Result<IndicatorSpec> ParseIndicator(std::string_view yaml_text, std::string_view file);
// Every *.yaml of `dir`, sorted by file name. kIo when the directory is
// missing; kInvalidArgument for a bad file or two files with one id.
Result<std::vector<IndicatorSpec>> LoadIndicators(const std::filesystem::path& dir);
// $QJY_INDICATORS, else the source tree's policy/indicators.
std::filesystem::path DefaultIndicatorsDir();

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_INDICATOR_SPEC_H_
