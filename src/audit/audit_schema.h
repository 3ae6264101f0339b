// The audit_log table, as migrations 510..519 (store/migrations.h).
//
// Append-only in the database itself: triggers refuse every UPDATE, and
// every DELETE of a row younger than kRetentionDays (SQLite: RAISE(ABORT);
// PostgreSQL: a PL/pgSQL function raising an exception). The only deletion
// that can ever succeed is the retention purge of rows older than that
// (audit/audit_log.h Purge), which the chain records.
#ifndef QJY_AUDIT_AUDIT_SCHEMA_H_
#define QJY_AUDIT_AUDIT_SCHEMA_H_

#include <span>

#include "store/migrations.h"

namespace qjy::audit {

inline constexpr int kRetentionDays = 180;

std::span<const store::Migration> AuditMigrations();

Result<void> MigrateAudit(store::Db& db);

}  // namespace qjy::audit

#endif  // QJY_AUDIT_AUDIT_SCHEMA_H_
