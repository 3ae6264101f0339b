// Scenario tests in the OpenFisca tradition: YAML files of named cases,
// each with an evaluation date, the facts involved and the expected
// decisions. One runner (`qjy policy test FILE…`) runs them.
//
// File format (policy/tests/*.yaml):
//
//   world:                      # optional facts shared by every case of the file
//     employers: [...]
//     persons: [...]
//   cases:
//     - name: 应届毕业生，合同恰好1年
//       date: 2023-10-01        # the decision date
//       params:                 # optional: parameters replaced for this case,
//         r2.valid_until: {...} #   full definitions as in policy/params
//       world:                  # facts added to the shared ones
//         persons:
//           - {id: 1, birth: 2000-05-01, county: "520102", school_left_on: 2023-06-30,
//              hukou: "520102001",                  # 户籍地; default: the county
//              insured_region: "520102",            # 个人参保地; default: the county; unknown: not recorded
//              groups: [college_graduate],          # or {group, from, to}
//              certificates: [{name: 焊工, level: 4, issued: 2023-08-01}]}
//         employers:
//           - {code: E1, type: enterprise, size: small, county: "520102", insured: 10,
//              region: "520102",          # 登记地; default: the county
//              insured_region: "440305",  # 参保地; default: the county; unknown: not recorded
//              years: [{year: 2022, insured: 10, layoffs: 0, premium_fen: 100000}]}
//         contracts:
//           - {person: 1, employer: E1, start: 2023-07-01, end: 2024-06-30,
//              work: "440305",   # place of work; default: unknown (R6/R7/R18 derive 跨县/跨省 from it)
//              flexible: false, new_form: false}
//         registrations: [{person: 1, from: 2023-01-01, to: 2023-06-30, ui_benefit: false}]
//                                 # ui_benefit absent = unknown (as in the store)
//         internships: [{person: 1, host: E1, start: 2023-07-01, end: 2023-12-31, retained: 2023-09-01}]
//         ventures: [{person: 1, code: E1, founded: 2022-07-01, first_time: true}]
//         placements: [{agency: E2, person: 1, start: 2023-07-01}]
//         sites: [{id: 1, kind: full_employment_community, county: "520102",
//                  level: province, recognised: 2023-08-01}]   # the recognition officials
//                                 # recorded (national | province | prefecture | none); level absent = unknown
//         workshops:      # 就业帮扶车间 registry; the key present = registry loaded (even [])
//           - {id: 1, operator: E1, status: recognised, recognised: 2023-08-01, revoked: …,
//              poverty_employed: 12, source: 台账, as_of: 2023-09-30}  # entered count, used
//                                 # when the registry holds no contract of the operator
//         insurance:          # contribution months, as runs (registry/contribution.h)
//           - {person: 1, employer: E1, from: 2023-07, to: 2023-09, kinds: 养老;失业;医疗;工伤}
//             # employer absent = paid as an individual; to absent = from;
//             # kinds absent = all four. A person with no run has no
//             # contribution data: insurance conditions are unknown.
//       expect:
//         - rule: R2            # must name a rule R1..R19
//           employer: E1        # optional filters: person, employer, site, workshop, period
//           person: 1
//           eligible: true
//           amount_fen: 100000  # optional
//           fund: employment_subsidy   # optional, code or label
//           failed: [contract_1yr]     # optional: these conditions must be among the failed ones
//                                      #   (known to fail, not unknown)
//           unknown: [si_months]       # optional: these must be unknown for missing data
//           count: 1            # optional: number of matching decisions (default: at least one,
//                               #   and every match must satisfy the expectation)
//
// Unknown keys, unknown rules, bad dates and unknown enumeration codes are
// load errors. Groups given as plain codes hold from 1900-01-01.
#ifndef QJY_POLICY_SCENARIO_H_
#define QJY_POLICY_SCENARIO_H_

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "policy/engine.h"
#include "policy/facts.h"
#include "policy/params.h"

namespace qjy::policy {

struct Expectation {
  std::string rule;
  std::optional<int64_t> person_id;
  std::optional<std::string> employer;
  std::optional<int64_t> site_id;
  std::optional<int64_t> workshop_id;  // R19: the beneficiary "W:<id>"
  std::optional<std::string> period;
  std::optional<bool> eligible;
  std::optional<int64_t> amount_fen;
  std::optional<Fund> fund;
  std::vector<std::string> failed;   // conditions known to fail
  std::vector<std::string> unknown;  // conditions unknown for missing data
  std::optional<int> count;
};

struct ScenarioCase {
  std::string file;
  std::string name;
  Date date;
  std::string params_yaml;  // replacement parameter definitions (YAML text), may be empty
  World world;
  std::vector<Expectation> expect;
};

// Parses one scenario file.
Result<std::vector<ScenarioCase>> LoadScenarioFile(const std::filesystem::path& path);

struct CaseResult {
  bool passed = false;
  std::string report;  // for a failure: what differed, with the explanations
};

// Runs one case with `base` parameters (plus the case's replacements).
CaseResult RunCase(const ParameterSet& base, const ScenarioCase& c);

// Runs every case of every file, printing failures to `out` and ending with
// "N passed, N failed". Returns the number failed; a file that does not
// load counts as one failure.
int RunScenarioFiles(const ParameterSet& base, const std::vector<std::filesystem::path>& files,
                     std::ostream& out, bool verbose = false);

}  // namespace qjy::policy

#endif  // QJY_POLICY_SCENARIO_H_
