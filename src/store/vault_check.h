// Binding a database to the vault key its identity fields are sealed with.
//
// ID numbers and phone numbers are encrypted under the key file beside the
// database (core/vault.h). A missing or swapped key file must stop a
// command at start-up: before, a fresh key was created silently, every
// sealed value became unreadable (persons answered 无权访问) and new rows
// were sealed under a second key, so one database held two.
//
// The database records Vault::KeyCheck (a keyed hash of a fixed label; it
// reveals nothing of the key) in the one-row table vault_key (registry
// migration 11). Both dialects.
#ifndef QJY_STORE_VAULT_CHECK_H_
#define QJY_STORE_VAULT_CHECK_H_

#include <string_view>

#include "core/error.h"
#include "core/vault.h"
#include "store/db.h"

namespace qjy::store {

// Whether the database already holds sealed identity fields or a recorded
// key check: asked before a new key file is created for it. Works on a
// database without the tables (a new one): false.
Result<bool> HoldsSealedData(Db& db);

// After the registry migrations: compares the vault's key check with the
// recorded one, or records it when none is (a database sealed before key
// checks existed is first checked by decrypting one person's ID number).
// A key that is not the database's fails with kPermissionDenied and a
// Chinese message naming `key_path` and what to do; nothing is written.
Result<void> BindVaultKey(Db& db, const Vault& vault, std::string_view key_path);

}  // namespace qjy::store

#endif  // QJY_STORE_VAULT_CHECK_H_
