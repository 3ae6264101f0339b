// The demo marker: a row written by the province generator (`qjy gen`) into
// the database it creates, and only there. The published demo logins (a
// fixed, printed password; province scope; the reveal grant) may be created
// only in a database that carries it, and the demo password is refused for
// accounts anywhere else (auth/password_policy.h).
//
// The marker lives in table demo_marker (migration 501, auth's range); a
// database migrated before it simply has none, i.e. is not a demo.
#ifndef QJY_AUTH_DEMO_MARKER_H_
#define QJY_AUTH_DEMO_MARKER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "store/db.h"

namespace qjy::auth {

// Marks the database as the demo (idempotent). Migrates the auth tables.
Result<void> MarkDemoDatabase(store::Db& db, std::string_view by_command, int64_t now);

// True when the database carries the demo marker. The auth tables must be
// migrated (MigrateAuth); safe inside a transaction.
Result<bool> IsDemoDatabase(store::Db& db);

// On a database that is not the demo: the usernames of accounts whose
// password is still the published demo password (demo accounts made by a
// release before the marker). Empty on the demo database. Checks each
// account flagged demo, and every account when there are at most 64
// (Argon2id, ~0.1 s each). Login refuses them (session_manager.h).
Result<std::vector<std::string>> DemoPasswordAccounts(store::Db& db);

}  // namespace qjy::auth

#endif  // QJY_AUTH_DEMO_MARKER_H_
