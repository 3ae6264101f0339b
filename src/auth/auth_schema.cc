#include "auth/auth_schema.h"

namespace qjy::auth {
namespace {

// Times are Unix seconds. A seeker is bound to a person by the keyed hash of
// the ID number (Vault::Index), never the number itself. `grants` holds
// per-account permissions given by a security administrator ("reveal").
constexpr char kAccounts[] = R"sql(
CREATE TABLE accounts (
  account_id {id},
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  region_code TEXT NOT NULL,
  credit_code TEXT NOT NULL,
  id_hash {blob},
  password_hash TEXT NOT NULL,
  grants TEXT NOT NULL,
  demo {int} NOT NULL,
  failed_logins {int} NOT NULL,
  locked_until {int} NOT NULL,
  disabled {int} NOT NULL,
  created_at {int} NOT NULL
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id {int} NOT NULL REFERENCES accounts (account_id),
  csrf_token TEXT NOT NULL,
  created_at {int} NOT NULL,
  last_seen {int} NOT NULL,
  client TEXT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);
)sql";

// Written by `qjy gen` into the database it creates: only such a database
// may get the published demo accounts (auth/demo_marker.h).
constexpr char kDemoMarker[] = R"sql(
CREATE TABLE demo_marker (
  marked_at {int} NOT NULL,
  by_command TEXT NOT NULL
);
)sql";

const store::Migration kMigrations[] = {
    {500, "auth_accounts_sessions", kAccounts},
    {501, "auth_demo_marker", kDemoMarker},
};

}  // namespace

std::span<const store::Migration> AuthMigrations() { return kMigrations; }

Result<void> MigrateAuth(store::Db& db) { return store::ApplyMigrations(db, AuthMigrations()); }

}  // namespace qjy::auth
