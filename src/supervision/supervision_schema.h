// Tables of fund supervision (migrations 1500..1599, store/migrations.h).
// Every table carries county_code (the paying county), in its key where
// the natural key allows.
#ifndef QJY_SUPERVISION_SUPERVISION_SCHEMA_H_
#define QJY_SUPERVISION_SUPERVISION_SCHEMA_H_

#include <span>

#include "core/error.h"
#include "store/db.h"
#include "store/migrations.h"

namespace qjy::supervision {

std::span<const store::Migration> SupervisionMigrations();
// The policy ledger's tables (policy/ledger_schema.h), the payment batches
// and the supervision tables. Outside a transaction.
Result<void> MigrateSupervision(store::Db& db);

}  // namespace qjy::supervision

#endif  // QJY_SUPERVISION_SUPERVISION_SCHEMA_H_
