// Random tokens and digests for sessions and the audit chain.
// Thread-safe.
#ifndef QJY_AUTH_TOKEN_H_
#define QJY_AUTH_TOKEN_H_

#include <string>
#include <string_view>

namespace qjy::auth {

// `bytes` random bytes from the OS CSPRNG, base64url without padding.
std::string RandomToken(size_t bytes = 32);
// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);
// Constant-time equality of two strings (length may leak).
bool SecureEquals(std::string_view a, std::string_view b);

}  // namespace qjy::auth

#endif  // QJY_AUTH_TOKEN_H_
