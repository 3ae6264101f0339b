// Password hashing (Argon2id through libsodium's crypto_pwhash_str with the
// INTERACTIVE limits) and the password policy for real accounts:
//   - at least kMinPasswordLength characters (code points), no leading or
//     trailing white space;
//   - at least 3 of the kinds upper case, lower case, digit, symbol (any
//     other non-letter-non-digit counts as a symbol);
//   - Debian's cracklib (FascistCheck with the cracklib-runtime dictionary)
//     accepts the password, and the password's core — lower-cased, common
//     digit/symbol-for-letter substitutions undone, digits and symbols
//     trimmed from both ends ("Password1234" → "password") — is no
//     dictionary word either;
//   - not the published demo password (kDemoPassword), which only the demo
//     database may use (AccountStore::Create enforces that part).
//
// Thread-safe (cracklib itself is not: calls into it are serialised).
// Hashing deliberately costs ~50-100 ms and 64 MiB.
#ifndef QJY_AUTH_PASSWORD_H_
#define QJY_AUTH_PASSWORD_H_

#include <string>
#include <string_view>

#include "core/error.h"

namespace qjy::auth {

inline constexpr size_t kMinPasswordLength = 12;

// The fixed password of every demo account, printed by `qjy demo-accounts`
// and in the README: public, so refused outside the demo database.
inline constexpr char kDemoPassword[] = "Qjy-Demo-2023!";

// kInvalidArgument with a Chinese explanation when the policy is not met.
// `allow_demo_password`: true only for accounts of the demo database.
Result<void> CheckPasswordPolicy(std::string_view password, bool allow_demo_password = false);

// The cost of one hash. kInteractive (libsodium's INTERACTIVE limits:
// 64 MiB, 2 passes) for every real account. kMinimumForTests (libsodium's
// MIN limits: 8 KiB, 1 pass) only for test fixtures that create many
// accounts per test; nothing outside tests passes it. An encoded hash
// records its own cost, so VerifyPassword needs no flag.
enum class HashCost { kInteractive, kMinimumForTests };

// The encoded "$argon2id$v=19$m=...,t=...,p=1$salt$hash" string.
Result<std::string> HashPassword(std::string_view password,
                                 HashCost cost = HashCost::kInteractive);

// A new random password for an account that meets CheckPasswordPolicy:
// four groups of four characters from an alphabet without look-alikes
// (no 0/O, 1/l/I), joined by '-', with upper case, lower case and digits
// (~85 bits). For a password an administrator hands over once (a reset, an
// account created without one). Randomness: the OS CSPRNG (libsodium).
Result<std::string> GeneratePassword();

// Constant-time check against an encoded hash; false for a malformed hash.
bool VerifyPassword(std::string_view encoded_hash, std::string_view password);

}  // namespace qjy::auth

#endif  // QJY_AUTH_PASSWORD_H_
