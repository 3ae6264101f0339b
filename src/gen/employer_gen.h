// One generated employer: type and size class by the profile's weights,
// located in a Guizhou township (or, for a share, in a migrant-destination
// county outside Guizhou), with a valid unified social credit code whose
// chars 3–8 are its county code, and its yearly insured headcount,
// layoffs and unemployment-insurance premiums (fen).
//
// Employer `index` (0-based) is a pure function of (seed, index): the same
// index always gives the same employer, and distinct indexes give distinct
// credit codes.
#ifndef QJY_GEN_EMPLOYER_GEN_H_
#define QJY_GEN_EMPLOYER_GEN_H_

#include <cstdint>

#include "gen/tables.h"
#include "registry/model.h"

namespace qjy::gen {

struct GeneratedEmployer {
  registry::Employer employer;
  int county = -1;   // Guizhou county index, or -1 when outside Guizhou
  int outside = -1;  // Geography::outside() index when outside Guizhou
  int township = -1; // index into its county's townships (its registered place), -1 outside
};

GeneratedEmployer GenerateEmployer(const Tables& t, int64_t index, int64_t employer_id);

// The credit code of employer `index` given its type and county code; part
// of GenerateEmployer, exposed for tests. Distinct indexes give distinct
// codes (chars 9–17 are a bijection of the index).
std::string MakeCreditCode(uint64_t seed, int64_t index, registry::EmployerType type,
                           const std::string& county_code);

}  // namespace qjy::gen

#endif  // QJY_GEN_EMPLOYER_GEN_H_
