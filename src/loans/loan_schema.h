// Tables of the loans subsystem (migrations 1100..1199, store/migrations.h).
#ifndef QJY_LOANS_LOAN_SCHEMA_H_
#define QJY_LOANS_LOAN_SCHEMA_H_

#include <span>

#include "core/error.h"
#include "store/db.h"
#include "store/migrations.h"

namespace qjy::loans {

std::span<const store::Migration> LoanMigrations();

// The policy ledger's tables (policy/ledger_schema.h) and the loans' own.
Result<void> MigrateLoans(store::Db& db);

}  // namespace qjy::loans

#endif  // QJY_LOANS_LOAN_SCHEMA_H_
