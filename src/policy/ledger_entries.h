// The two entries of one balanced ledger transaction (ledger_entries,
// migration of ledger_schema.cc): `amount_fen` debited to `debit_account`
// and credited to `credit_account` under the transaction id `txn` and the
// once-only key. Every money movement of the platform posts through here —
// subsidy payments and reversals (ledger.cc), 失业保险金 months
// (benefits/monthly_run.cc), loan interest subsidies, compensations and
// write-offs (loans/loan_store.cc) — so `qjy ledger check` sees one shape.
// Writes inside the caller's transaction; `now` is the UTC timestamp text.
#ifndef QJY_POLICY_LEDGER_ENTRIES_H_
#define QJY_POLICY_LEDGER_ENTRIES_H_

#include <cstdint>
#include <string>

#include "core/error.h"
#include "store/db.h"

namespace qjy::policy {

Result<void> PostEntries(store::Db& db, const std::string& txn, const std::string& once_key,
                         const std::string& debit_account, const std::string& credit_account, int64_t amount_fen,
                         const std::string& now);

}  // namespace qjy::policy

#endif  // QJY_POLICY_LEDGER_ENTRIES_H_
