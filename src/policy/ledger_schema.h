// Tables of the review list and the payment ledger (migration range
// 200..299, store/migrations.h):
//   policy_entitlements  the review list a sweep writes: one row per
//                        once-only key (UNIQUE), status proposed → paid |
//                        approved (loans: referred to a bank) | reversed;
//                        proposed → withdrawn (已撤回: today's rules no
//                        longer grant it, checked when a batch is submitted
//                        or a sweep revisits it; never paid)
//   policy_payments      one row per payment, once_key UNIQUE, idempotency_key UNIQUE
//   ledger_entries       append-only double entry: each transaction (txn)
//                        has debit and credit rows of equal sums
//   policy_reversals     one per reversed payment (once_key UNIQUE)
//   policy_internships, policy_ventures, policy_placements (201): facts the
//                        registry does not hold, see facts_store.h
// ledger_entries, policy_payments and policy_reversals refuse UPDATE and
// DELETE (triggers): corrections are reversals.
#ifndef QJY_POLICY_LEDGER_SCHEMA_H_
#define QJY_POLICY_LEDGER_SCHEMA_H_

#include <span>

#include "core/error.h"
#include "store/db.h"
#include "store/migrations.h"

namespace qjy::policy {

std::span<const store::Migration> PolicyMigrations();
Result<void> MigratePolicy(store::Db& db);

}  // namespace qjy::policy

#endif  // QJY_POLICY_LEDGER_SCHEMA_H_
