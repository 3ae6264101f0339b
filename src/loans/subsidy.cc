#include "loans/subsidy.h"

#include <algorithm>
#include <map>

namespace qjy::loans {

using store::Value;



int64_t MonthlySubsidyFen(int64_t base_fen, int64_t rate_bp, int64_t lpr_bp, int64_t borrower_minus_bp,
                          int64_t share_bp) {
  const int64_t borrower_bp = std::max<int64_t>(0, lpr_bp - borrower_minus_bp);
  const int64_t subsidised_bp = rate_bp - borrower_bp;
  if (base_fen <= 0 || subsidised_bp <= 0 || share_bp <= 0) return 0;
  // base × bp/10000 × share/10000 / 12, rounded half up once at the end.
  const __int128 num = static_cast<__int128>(base_fen) * subsidised_bp * share_bp;
  const __int128 den = static_cast<__int128>(10000) * 10000 * 12;
  return static_cast<int64_t>((num * 2 + den) / (2 * den));
}

Result<SubsidyRunResult> RunSubsidies(LoanStore& store, Date through, const std::string& region,
                                      const std::string& actor, const std::function<void(int)>& hook) {
  SubsidyRunResult out;
  store::Db& db = store.db();
  const auto& params = store.params();
  LoanFilter f;
  f.region = region;
  f.limit = 1000000;
  auto loans = store.List(f);
  if (!loans) return std::unexpected(loans.error());
  int index = 0;
  for (const Loan& loan : *loans) {
    if (!loan.disbursed_on || loan.status == "approved") continue;
    ++out.loans;
    auto paid_rows = db.Query(
        "SELECT month_no FROM loan_postings WHERE county_code = ? AND loan_id = ? AND kind = 'subsidy'",
        std::vector<Value>{loan.county_code, loan.loan_id});
    if (!paid_rows) return std::unexpected(paid_rows.error());
    std::map<int64_t, bool> paid;
    for (const auto& r : *paid_rows) paid[r.Int(0)] = true;
    auto reps = db.Query("SELECT paid_on, principal_fen FROM loan_repayments WHERE county_code = ? AND loan_id = ?",
                         std::vector<Value>{loan.county_code, loan.loan_id});
    if (!reps) return std::unexpected(reps.error());
    const Date start = *loan.disbursed_on;
    const int64_t max_months = params.ValueAt("loans.subsidy_max_months", start, loan.county_code).value_or(0);
    const int64_t minus = params.ValueAt("loans.borrower_rate_lpr_minus_bp", start, loan.county_code).value_or(0);
    const int months = static_cast<int>(std::min<int64_t>(loan.term_months, max_months));
    for (int k = 1; k <= months; ++k) {
      const Date from = start.AddMonths(k - 1), to = start.AddMonths(k);
      if (to > through) break;
      if (paid.contains(k)) {
        ++out.months_already;
        continue;
      }
      if (loan.overdue_since && to > *loan.overdue_since) {
        ++out.months_unsubsidised;
        continue;
      }
      int64_t base = loan.disbursed_fen;
      for (const auto& r : *reps) {
        if (Date::Parse(r.Text(0)).value_or(to) <= from) base -= r.Int(1);
      }
      if (base <= 0) break;
      const int64_t share = params.ValueAt("loans.subsidy_share_bp", from, loan.county_code).value_or(0);
      const int64_t amount = MonthlySubsidyFen(base, loan.rate_bp, loan.lpr_bp, minus, share);
      if (amount <= 0) continue;
      const int64_t subsidised_bp = loan.rate_bp - std::max<int64_t>(0, loan.lpr_bp - minus);
      Posting p{"subsidy", k, "loan-subsidy|" + loan.county_code + "|" + std::to_string(loan.loan_id) + "|" +
                                  std::to_string(k),
                from, to, base, subsidised_bp * share / 10000, amount};
      auto tx = store::Transaction::Begin(db);
      if (!tx) return std::unexpected(tx.error());
      auto r = store.PostInTransaction(loan, p, kSubsidyExpense, kSubsidyBank, actor);
      if (!r) {
        if (r.error().code == ErrorCode::kAlreadyExists) {  // posted by a concurrent run
          ++out.months_already;
          continue;
        }
        return std::unexpected(r.error());
      }
      if (hook) hook(index);
      ++index;
      if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
      ++out.months_paid;
      out.paid_fen += amount;
    }
  }
  return out;
}

}  // namespace qjy::loans
