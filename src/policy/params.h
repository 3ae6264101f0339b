// Policy parameters as data, in the OpenFisca style: every amount, rate,
// limit, age, duration and valid-until date of R1–R18 is a named parameter
// in policy/params/*.yaml with a unit, a clause reference and dated values.
//
// File format (one YAML map of parameters per file):
//
//   r2.amount:                        # name: lower case, dotted
//     description: 一次性吸纳就业补贴（青年）每人金额
//     unit: fen                       # fen | percent_bp | months | years | count | date | bool | region
//     reference: A1(一)               # a real clause (policy/clauses.h)
//     interpretation: ...             # optional: how the text is read (§0)
//     assumed: true                   # optional: the text says "按规定"; then `note` is required
//     note: ...
//     ceiling: 50000                  # optional: the document's "不超过" bound, in the unit;
//                                     #   every value and override above it is a load error
//     overridable: true               # optional: prefectures/counties may override
//     values:                         # ascending dates; `null` ends the scheme
//       2023-06-15: 100000
//       2024-01-01: null
//     overrides:                      # only when overridable; region code → values
//       "520102": {2023-06-15: 10000}
//
// Amounts are integers: fen for money, basis points for rates (60 % = 6000),
// dates as YYYY-MM-DD, bools true/false. The loader rejects a missing unit or
// reference, an unknown clause, an unknown key, a float or other non-integer
// amount, value dates that repeat or are out of order, and a value or county
// override above the parameter's `ceiling` (naming the clause): the engine refuses
// to start on an invalid parameter set rather than guess.
//
// Immutable after loading; safe to share between threads.
#ifndef QJY_POLICY_PARAMS_H_
#define QJY_POLICY_PARAMS_H_

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"

namespace qjy::policy {

// kRegion: a division code ("52" = Guizhou), kept as its number; rules
// compare places against it (the jurisdiction of Guizhou's funds, #12).
enum class Unit { kFen, kPercentBp, kMonths, kYears, kCount, kDate, kBool, kRegion };

std::string_view UnitName(Unit u);

struct DatedValue {
  Date from;                     // in force from this day (inclusive)
  std::optional<int64_t> value;  // nullopt: no value (scheme ended); dates as days since epoch
};

struct Parameter {
  std::string name;
  std::string description;
  Unit unit = Unit::kFen;
  std::string reference;       // canonical clause
  std::string interpretation;  // reading taken (POLICY-NOTES §0)
  bool assumed = false;
  std::string note;
  bool overridable = false;
  // The document's "不超过/最多/及以下" bound at `reference` (same unit);
  // no value or override may exceed it, and a replacement keeps it.
  std::optional<int64_t> ceiling;
  std::string file;
  std::vector<DatedValue> values;                            // ascending by `from`
  std::map<std::string, std::vector<DatedValue>> overrides;  // region code → values
};

// The value of a timeline on `date`: the last entry with from <= date, or
// nullopt before the first entry or when that entry is null.
std::optional<int64_t> ValueOn(const std::vector<DatedValue>& values, Date date);

class ParameterSet {
 public:
  // Every *.yaml file of `dir`, in name order. A name defined twice is an error.
  static Result<ParameterSet> LoadDir(const std::filesystem::path& dir);
  // One file's text (tests; `file` names it in messages). Adds to this set.
  Result<void> AddYaml(std::string_view yaml, const std::string& file);

  // Replaces existing parameters by the definitions in `yaml` (scenario
  // tests, "extend a deadline" drills); an unknown name is an error.
  Result<void> ReplaceYaml(std::string_view yaml, const std::string& file);

  const Parameter* Find(std::string_view name) const;
  // The value in force on `date` for `region` (a county or finer code, or
  // empty for the province): the county's override, else the prefecture's
  // (first 4 digits), else the province's. nullopt when none is in force.
  std::optional<int64_t> ValueAt(std::string_view name, Date date,
                                 std::string_view region = "") const;
  const std::map<std::string, Parameter, std::less<>>& all() const { return params_; }

 private:
  std::map<std::string, Parameter, std::less<>> params_;
};

}  // namespace qjy::policy

#endif  // QJY_POLICY_PARAMS_H_
