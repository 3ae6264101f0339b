// Two cited schemes of the service network's quality, each a YAML under
// policy/network/: the grades of market HR agencies (agency_grades.yaml,
// 附件4（二）"优质") and the annual evaluation of public employment service
// institutions (evaluation.yaml, 正文（十三）): criteria with their points
// and the result a total earns. Both are assumed where the document is
// silent (`assumed`, `reason`). Loaded once; immutable.
#ifndef QJY_NETWORK_QUALITY_SCHEMES_H_
#define QJY_NETWORK_QUALITY_SCHEMES_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace qjy::network {

struct AgencyGrade {
  std::string code, label;
  bool quality = false;  // counts as 优质 for the HR-agency duties
};

struct AgencyGrades {
  std::string document, clause, quote, reason;
  bool assumed = false;
  std::vector<AgencyGrade> grades;
  // The grade whose code or label is `text`; nullptr when none.
  const AgencyGrade* Find(std::string_view text) const;
};

// The business scope (经营范围) an HR agency's licence may list
// (agency_scopes.yaml): codes with names; `licensed` the 职业中介活动 the
// licence itself covers, else services only filed (备案).
struct AgencyScope {
  std::string code, label;
  bool licensed = false;
};

struct AgencyScopes {
  std::string document, clause, quote, reason;
  bool assumed = false;
  std::vector<AgencyScope> scopes;
  const AgencyScope* Find(std::string_view code_or_label) const;  // nullptr when none
};

struct EvalCriterion {
  std::string id, label, quote;
  int64_t max_points = 0;
};

struct EvalResult {
  std::string code, label;
  int64_t min_points = 0;
};

struct EvaluationScheme {
  std::string document, clause, quote, reason;
  bool assumed = false;
  int first_year = 0;                    // the first year evaluated
  std::vector<EvalCriterion> criteria;
  std::vector<EvalResult> results;       // by min_points, highest first; the last has 0
  int64_t MaxTotal() const;
  const EvalResult& ResultFor(int64_t total) const;
  const EvalCriterion* FindCriterion(std::string_view id_or_label) const;
};

// Parse the YAML text; `source` names the file in errors. kInvalidArgument
// with the file, the entry and the field for a missing or bad value, an
// unknown key or a duplicate code.
Result<AgencyGrades> ParseAgencyGrades(std::string_view yaml, std::string_view source);
Result<EvaluationScheme> ParseEvaluationScheme(std::string_view yaml, std::string_view source);
Result<AgencyScopes> ParseAgencyScopes(std::string_view yaml, std::string_view source);
// The shipped files (ShippedPath), or $QJY_AGENCY_GRADES / $QJY_EVALUATION_SCHEME.
Result<AgencyGrades> LoadAgencyGrades(const std::filesystem::path& file);
Result<EvaluationScheme> LoadEvaluationScheme(const std::filesystem::path& file);
Result<AgencyScopes> LoadAgencyScopes(const std::filesystem::path& file);  // $QJY_AGENCY_SCOPES
std::filesystem::path DefaultAgencyGradesFile();
std::filesystem::path DefaultAgencyScopesFile();
std::filesystem::path DefaultEvaluationSchemeFile();

}  // namespace qjy::network

#endif  // QJY_NETWORK_QUALITY_SCHEMES_H_
