// A parameter set as data that can be stored with a decision and read back
// (issue #17 §2, replay.h).
//
//   ParamsToJson   canonical JSON of every parameter: definition, dated
//                  values and overrides, object keys sorted, dates as
//                  YYYY-MM-DD; the source file is left out (it names a path
//                  on one machine, not the law).
//   ParamsHash     SHA-256 (hex) of that JSON's compact text: equal sets
//                  have equal hashes wherever they were loaded.
//   ParamsFromJson the inverse, read through the loader of policy/params
//                  (ParameterSet::AddYaml, every check of the files);
//                  kInvalidArgument for a snapshot that does not parse.
//   ParamsAsOf     the set with each timeline cut down to the value in force
//                  on `day` (from the beginning of time), overrides
//                  likewise: "today's parameters" applied to an older
//                  decision date.
//   InForceAt      the value a decision for `region` on `date` read, with the
//                  date that value took effect and the override's region
//                  (empty: the province's), as ParameterSet::ValueAt.
//
// Pure functions; thread-safe.
#ifndef QJY_POLICY_PARAMS_JSON_H_
#define QJY_POLICY_PARAMS_JSON_H_

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "core/error.h"
#include "policy/params.h"

namespace qjy::policy {

nlohmann::json ParamsToJson(const ParameterSet& params);
std::string ParamsHash(const std::string& canonical_json);
Result<ParameterSet> ParamsFromJson(const nlohmann::json& j);
Result<ParameterSet> ParamsAsOf(const ParameterSet& params, Date day);

struct InForce {
  bool defined = false;          // the set has the parameter
  std::optional<int64_t> value;  // nullopt: none in force
  std::optional<Date> from;      // the entry's date (nullopt: before the first entry)
  std::string region;            // override region, empty: province-wide
};
InForce InForceAt(const ParameterSet& params, std::string_view name, Date date, std::string_view region);

// A parameter value as people read it: "1,000.00元", "55.00%", "2025-12-31",
// "6个月", "是"/"否", "无（未实施或已到期）".
std::string ShowValue(const Parameter& p, const std::optional<int64_t>& value);

}  // namespace qjy::policy

#endif  // QJY_POLICY_PARAMS_JSON_H_
