// Guaranteed start-up loans (创业担保贷款) through their life (issue #16 §3;
// main(五), A3(七), A3(十)). A loan is opened from an R14 or R15 entitlement
// an officer approved (policy/ledger.h: status "approved", referred to the
// bank), then follows the bank: disbursement, repayments, overdue, and the
// officer's steps: extension, guarantee-fund compensation, write-off.
//
// Status: applied (已受理待审批, an application opened with `pending`) →
// approved (已审批待放款) → disbursed → repaying → closed; any of
// disbursed/repaying/overdue → extended (once, ≤ r14.extension_max_months,
// applied on or before r14.extension_valid_until, main(五)); disbursed/
// repaying/extended → overdue → compensated (担保基金代偿, after
// loans.compensation_overdue_days) → written_off (呆账核销, after
// loans.write_off_after_months). A repayment that clears the balance closes
// the loan from disbursed/repaying/extended/overdue.
//
// After compensation the fund is owed the compensated amount (应收代偿款,
// receivable_fen). Recovery (追偿回款) from the borrower pays part or all of
// it back to the fund; write-off (核销) may take part of it (the rest stays
// owed) or all of it. The loan stays "compensated" while anything is owed,
// becomes "recovered" (已追偿结清) when recoveries clear it and
// "written_off" when a write-off does.
//
// Limits on opening (loans.yaml, r12_15_startup.yaml): a person's loan is at
// most loans.person_max; at or below r14.max_loan_no_counter_guarantee
// ("10万元及以下", inclusive) the counter-guarantee is waived, above it one
// must be named (A3(七)); a firm's loan is at most r15.max_loan and names a
// counter-guarantee. Terms at most loans.person_max_term_months /
// loans.firm_max_term_months.
//
// Money moves only in the ledger (policy ledger_entries): compensation
// debits 应收代偿款 and credits the guarantee fund's account; write-off
// debits 呆账核销 and credits 应收代偿款. Each is one loan_postings row with
// a once-only key and its two entries in one transaction; a second attempt
// finds the key and posts nothing. Interest subsidies: loans/subsidy.h.
//
// Methods named *InTransaction run inside the caller's open transaction (the
// bank import's all-or-nothing file); the others open their own. One
// LoanStore per connection.
#ifndef QJY_LOANS_LOAN_STORE_H_
#define QJY_LOANS_LOAN_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.h"
#include "auth/clock.h"
#include "core/date.h"
#include "core/error.h"
#include "policy/params.h"
#include "store/db.h"

namespace qjy::loans {

struct LoanInput {
  std::string entitlement_key;    // an approved R14/R15 entitlement
  std::string loan_no;            // empty: "DK" + county + entitlement id
  int64_t amount_fen = 0;
  int term_months = 0;
  std::string bank;               // 经办银行
  std::string guarantee_fund;     // 担保基金
  std::string counter_guarantee;  // 反担保措施; empty: none
  Date applied_on;
  bool pending = false;  // true: status "applied", approved later by Approve
};

struct Loan {
  int64_t loan_id = 0;
  std::string county_code, loan_no, entitlement_key, rule, kind;  // kind: "person" / "firm"
  int64_t person_id = 0;
  std::string employer_code, borrower;
  int64_t amount_fen = 0;
  int term_months = 0;
  std::string bank, guarantee_fund, counter_guarantee;
  bool counter_guarantee_waived = false;
  Date applied_on;
  std::string status;
  std::optional<Date> disbursed_on;
  int64_t disbursed_fen = 0, rate_bp = 0, lpr_bp = 0;
  std::optional<Date> maturity_on;
  int64_t repaid_fen = 0;
  int extended_months = 0;
  std::optional<Date> extension_applied_on;
  std::string extension_reason;
  std::optional<Date> overdue_since, compensated_on;
  int64_t compensated_fen = 0, bank_loss_fen = 0;
  std::optional<Date> written_off_on;
  int64_t recovered_fen = 0, written_off_fen = 0;

  int64_t balance_fen() const { return disbursed_fen - repaid_fen; }
  // What the guarantee fund is still owed after compensation.
  int64_t receivable_fen() const { return compensated_fen - recovered_fen - written_off_fen; }
};

struct LoanFilter {
  std::string region;  // county-code prefix; empty: all
  std::string status;  // empty: all
  int64_t person_id = 0;
  int limit = 1000;
};

struct Posting {
  std::string kind;  // "subsidy", "compensation", "recovery", "write_off"
  int month_no = 0;
  std::string once_key;
  Date period_from, period_to;
  int64_t base_fen = 0, rate_bp = 0, amount_fen = 0;
};

// The verdict on one bank row or one officer's entry (CheckDisbursement…):
// fine (empty why, not unchanged), already recorded with the same values
// (unchanged: nothing to write), or refused (`field` its Chinese name, `why`).
struct RowCheck {
  std::string field, why;
  bool unchanged = false;
  bool refused() const { return !why.empty(); }
};

struct LoanEvent {
  std::string event, on_date, detail, actor;
};

// Chinese name of a status ("已放款"…).
std::string StatusName(std::string_view status);

// The ledger accounts loans post to.
inline constexpr char kSubsidyExpense[] = "贴息支出:创业担保贷款";
inline constexpr char kSubsidyBank[] = "资金专户:创业担保贷款贴息";
inline constexpr char kCompReceivable[] = "应收代偿款:创业担保贷款";
inline constexpr char kFundBank[] = "资金专户:创业担保贷款担保基金";
inline constexpr char kWriteOffExpense[] = "呆账核销:创业担保贷款担保基金";

class LoanStore {
 public:
  // `audit` may be null. `params` must outlive the store.
  LoanStore(store::Db& db, const policy::ParameterSet& params, audit::AuditLog* audit, const auth::Clock& clock)
      : db_(db), params_(params), audit_(audit), clock_(clock) {}

  Result<void> Migrate();

  // Opens a loan (status "approved") from an approved R14/R15 entitlement.
  // kNotFound: no such entitlement; kConflict: not approved, not a loan, or
  // already has a loan; kInvalidArgument: a limit above (Chinese, with the
  // clause). Returns the loan.
  Result<Loan> Create(const LoanInput& in, const std::string& actor);

  Result<std::optional<Loan>> Find(const std::string& loan_no);
  Result<std::optional<Loan>> FindById(int64_t loan_id);
  Result<std::vector<Loan>> List(const LoanFilter& f);
  Result<std::vector<LoanEvent>> Events(const Loan& loan);
  Result<std::vector<Posting>> Postings(const Loan& loan);
  // The repayment schedule: equal monthly principal, the remainder in the
  // last month (written at disbursement).
  Result<std::vector<std::pair<Date, int64_t>>> Schedule(const Loan& loan);

  // The bank's steps (checked by the caller: the bank import checks rows
  // first). Disburse: status approved → disbursed, rate and the LPR of the
  // day, maturity = date + term, schedule. Repay: principal ≤ balance,
  // recorded under the bank's reference (re-recording the same reference is
  // the caller's business). Overdue: from disbursed/repaying/extended.
  Result<void> DisburseInTransaction(const Loan& loan, Date on, int64_t amount_fen, int64_t rate_bp,
                                     const std::string& actor);
  Result<void> RepayInTransaction(const Loan& loan, const std::string& bank_ref, Date on, int64_t principal_fen,
                                  const std::string& file_name, const std::string& actor);
  Result<void> MarkOverdueInTransaction(const Loan& loan, Date since, const std::string& actor);

  // The checks the bank import applies to a disbursement row (Chinese why,
  // empty when fine): amount within the approved amount, date not before
  // the application, rate within LPR + loans.rate_cap_spread_bp.
  std::string DisbursementProblem(const Loan& loan, Date on, int64_t amount_fen, int64_t rate_bp) const;

  // The checks of one disbursement / repayment / overdue entry, shared by
  // the bank import (row by row) and the officer's single entries below.
  // Disbursement: a loan not "approved" is unchanged when it was disbursed
  // with the same date, amount and rate, refused otherwise; then
  // DisbursementProblem. Repayment: a bank reference already recorded is
  // unchanged with the same date and amount, refused otherwise; refused
  // before disbursement, dated before it, in a final status, or above
  // `balance_fen` (the import passes the balance after the file's earlier
  // rows). Overdue: unchanged when already overdue since that day; refused
  // before disbursement, dated before it, or from another status.
  RowCheck CheckDisbursement(const Loan& loan, Date on, int64_t amount_fen, int64_t rate_bp) const;
  Result<RowCheck> CheckRepayment(const Loan& loan, const std::string& bank_ref, Date on, int64_t principal_fen,
                                  int64_t balance_fen);
  RowCheck CheckOverdue(const Loan& loan, Date since) const;

  // An officer's single entries (the same as one row of a bank file), each
  // in its own transaction, audited: the checks above (kInvalidArgument,
  // "字段：why"), then the write; an unchanged entry writes nothing.
  // Returns the loan after.
  Result<Loan> Disburse(const Loan& loan, Date on, int64_t amount_fen, int64_t rate_bp, const std::string& actor);
  Result<Loan> Repay(const Loan& loan, const std::string& bank_ref, Date on, int64_t principal_fen,
                     const std::string& actor);

  // Approval of an application opened with `pending` (status applied →
  // approved) on `on`, not before it was applied for. kConflict when not
  // "applied", kInvalidArgument for the date.
  Result<Loan> Approve(const Loan& loan, Date on, const std::string& actor);

  // Extension for force majeure (main(五), A3(七)): refused (kInvalidArgument,
  // Chinese with the clause) when `applied_on` is after
  // r14.extension_valid_until, `months` is above r14.extension_max_months or
  // not positive, the reason is empty, or the loan is not disbursed/
  // repaying/overdue or already extended. Moves the maturity by `months`.
  Result<Loan> Extend(const std::string& loan_no, Date applied_on, int months, const std::string& reason,
                      const std::string& actor);
  Result<Loan> Extend(const Loan& loan, Date applied_on, int months, const std::string& reason,
                      const std::string& actor);

  // Guarantee-fund compensation (代偿, main(五)): an overdue loan, on or after
  // overdue_since + loans.compensation_overdue_days. The fund pays
  // loans.fund_share_bp of the balance (rounded half up), the bank bears the
  // rest; posted once. Returns the posting (kAlreadyExists never: a second
  // call on a compensated loan is kConflict).
  Result<Posting> Compensate(const std::string& loan_no, Date on, const std::string& actor);
  Result<Posting> Compensate(const Loan& loan, Date on, const std::string& actor);

  // Recovery after compensation (追偿回款, main(五)): money recovered from
  // the borrower that goes back to the guarantee fund, under the reference
  // of the receipt `ref`. A compensated loan, on or after compensated_on,
  // 0 < amount ≤ receivable_fen. Posted once per reference (debit the fund's
  // account, credit 应收代偿款): the same reference again with the same date
  // and amount returns the earlier posting and writes nothing (a retry); with
  // other values it is kConflict. Clearing the receivable makes the loan
  // "recovered".
  Result<Posting> Recover(const Loan& loan, const std::string& ref, Date on, int64_t amount_fen,
                          const std::string& actor);

  // Bad-debt write-off (呆账核销, main(五)): a compensated loan, on or after
  // compensated_on + loans.write_off_after_months; writes off `amount_fen`
  // of what the fund is still owed (0: all of it), each write-off one
  // posting (the first under "loan-writeoff|county|loan", the n-th after it
  // "…|n"). A partial write-off leaves the rest owed (still "compensated",
  // recoverable and writable off later); the last makes it "written_off".
  Result<Posting> WriteOff(const std::string& loan_no, Date on, const std::string& actor, int64_t amount_fen = 0);
  Result<Posting> WriteOff(const Loan& loan, Date on, const std::string& actor, int64_t amount_fen = 0);

  // Inside the caller's transaction: the posting row and its two ledger
  // entries. kAlreadyExists when `p.once_key` is taken.
  Result<void> PostInTransaction(const Loan& loan, const Posting& p, const std::string& debit,
                                 const std::string& credit, const std::string& actor);

  const policy::ParameterSet& params() const { return params_; }
  store::Db& db() { return db_; }
  std::string Now() const;

 private:
  Result<void> Event(const Loan& loan, const std::string& event, Date on, const std::string& detail,
                     const std::string& actor);
  void AuditRow(const std::string& actor, const std::string& action, const std::string& target,
                const std::string& result, const std::string& detail);
  std::optional<int64_t> Param(std::string_view name, Date on, std::string_view county = "") const {
    return params_.ValueAt(name, on, county);
  }

  store::Db& db_;
  const policy::ParameterSet& params_;
  audit::AuditLog* audit_;
  const auth::Clock& clock_;
};

}  // namespace qjy::loans

#endif  // QJY_LOANS_LOAN_STORE_H_
