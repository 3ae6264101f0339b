// Reconciliation of the loans' ledger postings, run by `qjy ledger check`
// beside the subsidy payments' (policy::Ledger::Check leaves the "loan:"
// transactions to this check):
//   - every "loan:" transaction of ledger_entries has its loan_postings row
//     (orphan_entries), and every posting has exactly two entries, balanced,
//     equal to its amount (missing_entries / imbalance);
//   - no loan month is subsidised twice, no loan compensated or written off
//     twice (duplicate);
//   - a compensated loan has its compensation posting equal to the fund's
//     part, a written-off loan its write-off posting equal to it, and no
//     posting belongs to a loan that does not exist (status).
#ifndef QJY_LOANS_LOAN_CHECK_H_
#define QJY_LOANS_LOAN_CHECK_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "policy/ledger.h"
#include "store/db.h"

namespace qjy::loans {

struct LoanLedgerReport {
  int64_t loans = 0;
  int64_t subsidy_months = 0, subsidy_fen = 0;
  int64_t compensations = 0, compensation_fen = 0;
  int64_t recoveries = 0, recovery_fen = 0;
  int64_t write_offs = 0, write_off_fen = 0;
  std::vector<policy::LedgerProblem> problems;
  bool ok() const { return problems.empty(); }
};

// Needs the loan tables (MigrateLoans).
Result<LoanLedgerReport> CheckLoanLedger(store::Db& db);

}  // namespace qjy::loans

#endif  // QJY_LOANS_LOAN_CHECK_H_
