// Password hashing (Argon2id through libsodium's crypto_pwhash_str with the
// INTERACTIVE limits) and the password policy: at least 12 characters
// drawn from at least 3 of the kinds upper case, lower case, digit, symbol
// (any other non-letter-non-digit counts as a symbol).
//
// Thread-safe. Hashing deliberately costs ~50-100 ms and 64 MiB.
#ifndef QJY_AUTH_PASSWORD_H_
#define QJY_AUTH_PASSWORD_H_

#include <string>
#include <string_view>

#include "core/error.h"

namespace qjy::auth {

inline constexpr size_t kMinPasswordLength = 12;

// kInvalidArgument with a Chinese explanation when the policy is not met.
Result<void> CheckPasswordPolicy(std::string_view password);

// The encoded "$argon2id$v=19$m=...,t=...,p=1$salt$hash" string.
Result<std::string> HashPassword(std::string_view password);

// Constant-time check against an encoded hash; false for a malformed hash.
bool VerifyPassword(std::string_view encoded_hash, std::string_view password);

}  // namespace qjy::auth

#endif  // QJY_AUTH_PASSWORD_H_
