// The risk warnings of 正文（十九）(规模性失业风险) as cited data: one YAML
// file per warning in policy/warnings (see README there), read at start.
// Each file names the kind of warning, what it measures in words, its
// parameters (window, floors) and the thresholds of its two levels
// (关注 amber, 预警 red); every parameter and every level carries either a
// `source` (the text it is taken from) or `assumed: true` with a `note`.
//
// Load errors (kInvalidArgument) name the file and line: a missing field or
// threshold, an unknown kind or separation reason, a parameter without its
// source or note, a red level milder than the amber one, a duplicate id.
// Immutable after loading.
#ifndef QJY_MONITOR_WARNING_SPEC_H_
#define QJY_MONITOR_WARNING_SPEC_H_

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "registry/employment.h"

namespace qjy::monitor {

enum class WarningKind {
  kMassLayoff,           // one employer's separations in a window (count, share of its insured)
  kRegistrationSurge,    // a county's registrations vs the same month of earlier years
  kPovertyOutboundFall,  // poverty-alleviated persons working outside Guizhou vs a year earlier
  kOnTimeRateFall,       // share of obligations met by their deadline vs last month
};
const char* WarningKindCode(WarningKind k);  // "mass_layoff", ...

enum class WarningLevel { kAmber, kRed };
const char* WarningLevelCode(WarningLevel l);   // "amber", "red"
const char* WarningLevelLabel(WarningLevel l);  // "关注", "预警"

// A number with where it comes from.
struct CitedValue {
  double value = 0;
  std::string source;  // cited text, or empty when assumed
  bool assumed = false;
  std::string note;    // why, when assumed
};

// The thresholds of one level (keys by kind: count/share, factor, fall,
// floor/drop) with their common source or assumption.
struct LevelThresholds {
  std::map<std::string, double> values;
  std::string source;
  bool assumed = false;
  std::string note;
  double at(const std::string& key) const { return values.at(key); }
};

struct WarningSpec {
  std::string id;
  WarningKind kind = WarningKind::kMassLayoff;
  std::string name;
  std::string clause;  // 正文（十九）
  std::string definition;
  std::map<std::string, CitedValue> parameters;
  std::vector<registry::SeparationReason> reasons;  // mass_layoff only
  LevelThresholds amber;
  LevelThresholds red;
  std::string file;

  double Param(const std::string& key) const { return parameters.at(key).value; }
};

Result<WarningSpec> ParseWarning(std::string_view yaml_text, std::string_view file);
// Every *.yaml of `dir`, sorted by file name. kIo when the directory is
// missing; kInvalidArgument for a bad file or two files with one id.
Result<std::vector<WarningSpec>> LoadWarnings(const std::filesystem::path& dir);
// $QJY_WARNINGS, else the source tree's policy/warnings.
std::filesystem::path DefaultWarningsDir();

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_WARNING_SPEC_H_
