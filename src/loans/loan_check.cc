#include "loans/loan_check.h"

namespace qjy::loans {

Result<LoanLedgerReport> CheckLoanLedger(store::Db& db) {
  LoanLedgerReport rep;
  auto loans = db.Query("SELECT COUNT(*) FROM loans");
  if (!loans) return std::unexpected(loans.error());
  rep.loans = loans->front().Int(0);
  auto sums = db.Query("SELECT kind, COUNT(*), COALESCE(SUM(amount_fen), 0) FROM loan_postings GROUP BY kind");
  if (!sums) return std::unexpected(sums.error());
  for (const auto& r : *sums) {
    const std::string kind = r.Text(0);
    if (kind == "subsidy") {
      rep.subsidy_months = r.Int(1);
      rep.subsidy_fen = r.Int(2);
    } else if (kind == "compensation") {
      rep.compensations = r.Int(1);
      rep.compensation_fen = r.Int(2);
    } else if (kind == "recovery") {
      rep.recoveries = r.Int(1);
      rep.recovery_fen = r.Int(2);
    } else if (kind == "write_off") {
      rep.write_offs = r.Int(1);
      rep.write_off_fen = r.Int(2);
    }
  }
  struct Probe {
    const char* kind;
    const char* sql;
    const char* what;
  };
  const Probe probes[] = {
      {"orphan_entries",
       "SELECT DISTINCT e.txn FROM ledger_entries e WHERE e.txn LIKE 'loan:%' AND NOT EXISTS (SELECT 1 FROM "
       "loan_postings p WHERE e.txn = 'loan:' || p.once_key)",
       "贷款分录没有对应的贴息/代偿/核销记录："},
      {"missing_entries",
       "SELECT p.once_key FROM loan_postings p LEFT JOIN (SELECT txn, COUNT(*) AS n, SUM(debit_fen) AS d, "
       "SUM(credit_fen) AS c FROM ledger_entries WHERE txn LIKE 'loan:%' GROUP BY txn) t ON t.txn = 'loan:' || "
       "p.once_key WHERE t.d IS NULL OR t.n <> 2 OR t.d <> p.amount_fen OR t.c <> p.amount_fen",
       "贷款记账缺少分录或金额不符："},
      {"duplicate",
       "SELECT county_code || '|' || CAST(loan_id AS TEXT) || '|' || kind || '|' || CAST(month_no AS TEXT) FROM "
       "loan_postings GROUP BY county_code, loan_id, kind, month_no HAVING COUNT(*) > 1",
       "同一贷款同一月份/事项重复记账："},
      {"status",
       "SELECT l.loan_no FROM loans l WHERE l.status IN ('compensated', 'recovered', 'written_off') AND NOT EXISTS "
       "(SELECT 1 FROM loan_postings p WHERE p.county_code = l.county_code AND p.loan_id = l.loan_id AND p.kind = "
       "'compensation' AND p.amount_fen = l.compensated_fen)",
       "贷款标记已代偿但无相符的代偿记账："},
      {"status",
       "SELECT l.loan_no FROM loans l WHERE l.recovered_fen <> (SELECT COALESCE(SUM(p.amount_fen), 0) FROM "
       "loan_postings p WHERE p.county_code = l.county_code AND p.loan_id = l.loan_id AND p.kind = 'recovery')",
       "贷款追偿回款金额与追偿记账不符："},
      {"status",
       "SELECT l.loan_no FROM loans l WHERE l.written_off_fen <> (SELECT COALESCE(SUM(p.amount_fen), 0) FROM "
       "loan_postings p WHERE p.county_code = l.county_code AND p.loan_id = l.loan_id AND p.kind = 'write_off')",
       "贷款核销金额与核销记账不符："},
      {"status",
       "SELECT l.loan_no FROM loans l WHERE l.recovered_fen + l.written_off_fen > l.compensated_fen OR (l.status IN "
       "('recovered', 'written_off') AND l.recovered_fen + l.written_off_fen <> l.compensated_fen)",
       "贷款追偿与核销合计与代偿金额不符："},
      {"status",
       "SELECT p.once_key FROM loan_postings p WHERE NOT EXISTS (SELECT 1 FROM loans l WHERE l.county_code = "
       "p.county_code AND l.loan_id = p.loan_id)",
       "记账对应的贷款不存在："},
  };
  for (const auto& p : probes) {
    auto rows = db.Query(p.sql);
    if (!rows) return std::unexpected(rows.error());
    for (const auto& r : *rows) rep.problems.push_back({p.kind, p.what + r.Text(0)});
  }
  return rep;
}

}  // namespace qjy::loans
