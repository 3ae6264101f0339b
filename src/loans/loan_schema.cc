#include "loans/loan_schema.h"

#include "policy/ledger_schema.h"

namespace qjy::loans {
namespace {

// county_code leads every key (sharding by county). Amounts in fen, rates in
// basis points, dates YYYY-MM-DD. loans.status: applied (已受理待审批),
// approved (已审批待放款), disbursed, repaying, extended, overdue,
// compensated, recovered, written_off, closed.
// loan_postings is append-only: the subsidy months, compensations and
// write-offs posted to ledger_entries (txn "loan:" || once_key).
constexpr char kLoans[] = R"sql(
CREATE TABLE loans (
  loan_id {id},
  county_code TEXT NOT NULL,
  loan_no TEXT NOT NULL,
  entitlement_key TEXT NOT NULL,
  rule TEXT NOT NULL,
  kind TEXT NOT NULL,
  person_id {int} NOT NULL,
  employer_code TEXT NOT NULL,
  borrower TEXT NOT NULL,
  amount_fen {int} NOT NULL,
  term_months {int} NOT NULL,
  bank TEXT NOT NULL,
  guarantee_fund TEXT NOT NULL,
  counter_guarantee TEXT NOT NULL,
  counter_guarantee_waived {int} NOT NULL,
  applied_on TEXT NOT NULL,
  status TEXT NOT NULL,
  disbursed_on TEXT,
  disbursed_fen {int} NOT NULL DEFAULT 0,
  rate_bp {int} NOT NULL DEFAULT 0,
  lpr_bp {int} NOT NULL DEFAULT 0,
  maturity_on TEXT,
  repaid_fen {int} NOT NULL DEFAULT 0,
  extended_months {int} NOT NULL DEFAULT 0,
  extension_applied_on TEXT,
  extension_reason TEXT,
  overdue_since TEXT,
  compensated_on TEXT,
  compensated_fen {int} NOT NULL DEFAULT 0,
  bank_loss_fen {int} NOT NULL DEFAULT 0,
  written_off_on TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CHECK (amount_fen > 0),
  CHECK (repaid_fen >= 0 AND repaid_fen <= amount_fen)
);
CREATE UNIQUE INDEX loans_no ON loans (county_code, loan_no);
CREATE UNIQUE INDEX loans_entitlement ON loans (entitlement_key);
CREATE INDEX loans_status ON loans (county_code, status);
CREATE INDEX loans_person ON loans (person_id, county_code);
CREATE TABLE loan_schedule (
  county_code TEXT NOT NULL,
  loan_id {int} NOT NULL,
  month_no {int} NOT NULL,
  due_on TEXT NOT NULL,
  principal_fen {int} NOT NULL,
  PRIMARY KEY (county_code, loan_id, month_no)
);
CREATE TABLE loan_repayments (
  repayment_id {id},
  county_code TEXT NOT NULL,
  loan_id {int} NOT NULL,
  bank_ref TEXT NOT NULL,
  paid_on TEXT NOT NULL,
  principal_fen {int} NOT NULL,
  file_name TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  CHECK (principal_fen > 0)
);
CREATE UNIQUE INDEX loan_repayments_key ON loan_repayments (county_code, loan_id, bank_ref);
CREATE TABLE loan_events (
  event_id {id},
  county_code TEXT NOT NULL,
  loan_id {int} NOT NULL,
  event TEXT NOT NULL,
  on_date TEXT NOT NULL,
  detail TEXT NOT NULL,
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX loan_events_loan ON loan_events (county_code, loan_id);
CREATE TABLE loan_postings (
  posting_id {id},
  county_code TEXT NOT NULL,
  loan_id {int} NOT NULL,
  kind TEXT NOT NULL,
  month_no {int} NOT NULL,
  once_key TEXT NOT NULL,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  base_fen {int} NOT NULL,
  rate_bp {int} NOT NULL,
  amount_fen {int} NOT NULL,
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CHECK (amount_fen > 0)
);
CREATE UNIQUE INDEX loan_postings_key ON loan_postings (once_key);
CREATE UNIQUE INDEX loan_postings_month ON loan_postings (county_code, loan_id, kind, month_no);
{sqlite:CREATE TRIGGER loan_postings_no_update BEFORE UPDATE ON loan_postings
BEGIN SELECT RAISE(ABORT, 'loan_postings is append-only'); END;
CREATE TRIGGER loan_postings_no_delete BEFORE DELETE ON loan_postings
BEGIN SELECT RAISE(ABORT, 'loan_postings is append-only'); END;}
{pg:CREATE TRIGGER loan_postings_append_only BEFORE UPDATE OR DELETE ON loan_postings
FOR EACH ROW EXECUTE FUNCTION policy_append_only();}
)sql";

// Recovery after compensation (追偿回款) and partial write-off: what came
// back to the fund and what was written off, each the sum of its postings
// (kind "recovery" / "write_off"). A loan written off before this held its
// whole compensated amount as written off.
constexpr char kRecovery[] = R"sql(
ALTER TABLE loans ADD COLUMN recovered_fen {int} NOT NULL DEFAULT 0;
ALTER TABLE loans ADD COLUMN written_off_fen {int} NOT NULL DEFAULT 0;
UPDATE loans SET written_off_fen = compensated_fen WHERE status = 'written_off';
)sql";

const store::Migration kMigrations[] = {
    {1100, "loans_core", kLoans},
    {1101, "loans_recovery", kRecovery},
};

}  // namespace

std::span<const store::Migration> LoanMigrations() { return kMigrations; }

Result<void> MigrateLoans(store::Db& db) {
  if (auto r = policy::MigratePolicy(db); !r) return r;
  return store::ApplyMigrations(db, LoanMigrations());
}

}  // namespace qjy::loans
