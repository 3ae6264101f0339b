// Interest subsidy (贴息) on guaranteed start-up loans, month by month
// (main(五), A1(八) "落实创业担保贷款及贴息"; loans.yaml after 财金〔2020〕21号).
//
// Loan month k (1-based) runs from disbursed_on + (k-1) months to
// disbursed_on + k months. Its subsidy is
//   base × (rate − max(0, LPR − loans.borrower_rate_lpr_minus_bp)) × share / 12
// with base = principal outstanding at the month's start (repayments dated
// on or before it deducted), rate and LPR the loan's at disbursement,
// share = loans.subsidy_share_bp of the loan's county on the month's start,
// rounded half up to the fen. Only months k ≤ min(term, loans.
// subsidy_max_months) are subsidised (not the extension), and none ending
// after the loan fell overdue (展期、逾期不贴息).
//
// A run pays every such month that has ended on or before `through` and is
// not yet paid: each month is one transaction (a loan_postings row under
// the once-only key "loan-subsidy|county|loan|k" and its two ledger
// entries: debit 贴息支出, credit 资金专户). A rerun, or a run after a crash
// mid-way, finds the paid months' keys taken and pays nothing twice.
#ifndef QJY_LOANS_SUBSIDY_H_
#define QJY_LOANS_SUBSIDY_H_

#include <cstdint>
#include <functional>
#include <string>

#include "loans/loan_store.h"

namespace qjy::loans {

// The formula above, for one month. 0 when the loan's rate does not exceed
// the borrower's part.
int64_t MonthlySubsidyFen(int64_t base_fen, int64_t rate_bp, int64_t lpr_bp, int64_t borrower_minus_bp,
                          int64_t share_bp);

struct SubsidyRunResult {
  int64_t loans = 0;         // loans looked at
  int64_t months_paid = 0;   // months posted by this run
  int64_t paid_fen = 0;
  int64_t months_already = 0;  // months found posted before
  int64_t months_unsubsidised = 0;  // overdue months (no subsidy)
};

// `region`: county-code prefix ("" = all). `hook(i)` (tests) runs inside the
// i-th posting's transaction after its entries are written.
Result<SubsidyRunResult> RunSubsidies(LoanStore& store, Date through, const std::string& region,
                                      const std::string& actor, const std::function<void(int)>& hook = {});

}  // namespace qjy::loans

#endif  // QJY_LOANS_SUBSIDY_H_
