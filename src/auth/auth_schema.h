// The accounts and sessions tables, as migrations 500..509
// (store/migrations.h assigns 500..599 to the server; audit uses 510..519).
#ifndef QJY_AUTH_AUTH_SCHEMA_H_
#define QJY_AUTH_AUTH_SCHEMA_H_

#include <span>

#include "store/migrations.h"

namespace qjy::auth {

std::span<const store::Migration> AuthMigrations();

// Applies AuthMigrations() (idempotent; outside a transaction).
Result<void> MigrateAuth(store::Db& db);

}  // namespace qjy::auth

#endif  // QJY_AUTH_AUTH_SCHEMA_H_
