#include "audit/audit_schema.h"

namespace qjy::audit {
namespace {

// `at` is ISO UTC text ("2024-05-01T08:30:00Z"), so it sorts and compares
// as text on both dialects. `hash` = SHA-256(prev_hash || "\n" || canonical
// row), see audit_log.cc.
constexpr char kAuditLog[] = R"sql(
CREATE TABLE audit_log (
  seq {int} PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  region TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  result TEXT NOT NULL,
  client TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);
{sqlite:CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN OLD.at >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-180 days')
BEGIN SELECT RAISE(ABORT, 'audit_log rows younger than 180 days cannot be deleted'); END;}
{pg:CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'TRUNCATE') THEN
    RAISE EXCEPTION 'audit_log is append-only';
  END IF;
  IF OLD.at >= to_char((now() AT TIME ZONE 'UTC') - interval '180 days', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') THEN
    RAISE EXCEPTION 'audit_log rows younger than 180 days cannot be deleted';
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER audit_log_guard BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION audit_log_guard();}
)sql";

const store::Migration kMigrations[] = {
    {510, "audit_log", kAuditLog},
};

}  // namespace

std::span<const store::Migration> AuditMigrations() { return kMigrations; }

Result<void> MigrateAudit(store::Db& db) { return store::ApplyMigrations(db, AuditMigrations()); }

}  // namespace qjy::audit
