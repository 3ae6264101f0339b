// What the loan page lists beside the loans themselves (issue #16 §3):
// the interest subsidy posted per loan, and the approved R14/R15
// entitlements that have no loan yet (the officers' candidates). Region
// scope is a county-code prefix ("52" the province, "5201" a prefecture).
#ifndef QJY_LOANS_LOAN_QUERIES_H_
#define QJY_LOANS_LOAN_QUERIES_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "store/db.h"

namespace qjy::loans {

// Months and fen of interest subsidy (贴息) posted on one loan.
struct SubsidyTotal {
  int64_t months = 0;
  int64_t fen = 0;
};

// The subsidy postings per loan id of the loans under `region_prefix`;
// loans without any are absent.
Result<std::map<int64_t, SubsidyTotal>> SubsidiesByLoan(store::Db& db, std::string_view region_prefix);

// An approved guaranteed-loan entitlement (R14 a person, R15 a small firm)
// for which no loan has been created.
struct LoanCandidate {
  std::string entitlement_key;  // the entitlement's once_key
  std::string rule;             // R14 | R15
  std::string title, beneficiary, county_code;
  int64_t amount_fen = 0;
};

// At most `limit` candidates under `region_prefix`, by county then key.
Result<std::vector<LoanCandidate>> LoanCandidates(store::Db& db, std::string_view region_prefix, int limit);

}  // namespace qjy::loans

#endif  // QJY_LOANS_LOAN_QUERIES_H_
