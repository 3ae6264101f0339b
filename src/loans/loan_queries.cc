#include "loans/loan_queries.h"

namespace qjy::loans {

Result<std::map<int64_t, SubsidyTotal>> SubsidiesByLoan(store::Db& db, std::string_view region_prefix) {
  const store::Value params[] = {std::string(region_prefix) + "%"};
  auto rows = db.Query(
      "SELECT p.loan_id, COUNT(*), SUM(p.amount_fen) FROM loan_postings p JOIN loans l ON l.county_code = "
      "p.county_code AND l.loan_id = p.loan_id WHERE p.kind = 'subsidy' AND l.county_code LIKE ? "
      "GROUP BY p.loan_id",
      params);
  if (!rows) return std::unexpected(rows.error());
  std::map<int64_t, SubsidyTotal> out;
  for (const auto& r : *rows) out[r.Int(0)] = {r.Int(1), r.Int(2)};
  return out;
}

Result<std::vector<LoanCandidate>> LoanCandidates(store::Db& db, std::string_view region_prefix, int limit) {
  const store::Value params[] = {std::string(region_prefix) + "%", static_cast<int64_t>(limit)};
  auto rows = db.Query(
      "SELECT e.once_key, e.rule, e.title, e.beneficiary, e.amount_fen, e.county_code FROM policy_entitlements e "
      "WHERE e.county_code LIKE ? AND e.rule IN ('R14', 'R15') AND e.loan = 1 AND e.status = 'approved' AND NOT "
      "EXISTS (SELECT 1 FROM loans l WHERE l.entitlement_key = e.once_key) ORDER BY e.county_code, e.once_key "
      "LIMIT ?",
      params);
  if (!rows) return std::unexpected(rows.error());
  std::vector<LoanCandidate> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) {
    LoanCandidate c;
    c.entitlement_key = r.Text(0);
    c.rule = r.Text(1);
    c.title = r.Text(2);
    c.beneficiary = r.Text(3);
    c.amount_fen = r.Int(4);
    c.county_code = r.Text(5);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace qjy::loans
