// Parameters officials change without a release (issue #14): an approved
// change gives a parameter a new province-wide value from a date on, laid
// over the shipped YAML. The timeline keeps every earlier value, so a
// decision dated before the change reads what it read before; a later
// dated value of the YAML (or of another change) still takes over on its
// own date.
//
// The layered set is re-validated by the same loader as the YAML
// (ParameterSet::ReplaceYaml): a change can never produce a parameter the
// files could not hold (ceiling of the clause, percentages up to 100 %, no
// negative amounts).
//
// Pure functions over values; thread-safe.
#ifndef QJY_POLICY_PARAM_CHANGES_H_
#define QJY_POLICY_PARAM_CHANGES_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/date.h"
#include "core/error.h"
#include "policy/params.h"

namespace qjy::policy {

struct ParamValueChange {
  int64_t change_id = 0;         // for messages ("调整 #12")
  std::string name;              // "r2.amount"
  Date from;                     // in force from this day on
  std::optional<int64_t> value;  // in the parameter's unit; nullopt ends the scheme
};

// Whether `change` may be applied to `base`: a known parameter whose unit
// officials edit here (not `region`), a value valid for the unit (bool 0/1,
// percent 0..10000, no negative number, a date's days since the epoch), and
// within the clause's ceiling. kInvalidArgument with a Chinese reason.
Result<void> CheckChange(const ParameterSet& base, const ParamValueChange& change);

// `base` with every change inserted into its parameter's timeline (a change
// on a date the timeline already has replaces that date's value); changes
// are applied in the order given (ascending change_id: a later approval of
// the same date wins).
Result<ParameterSet> WithChanges(const ParameterSet& base, std::span<const ParamValueChange> changes);

}  // namespace qjy::policy

#endif  // QJY_POLICY_PARAM_CHANGES_H_
