#include "auth/password.h"

#include <sodium.h>

#include <cstdlib>

namespace qjy::auth {
namespace {

void EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) std::abort();
}

}  // namespace

Result<void> CheckPasswordPolicy(std::string_view password) {
  // Count code points, not bytes, so that a CJK password is judged fairly.
  size_t chars = 0;
  bool upper = false, lower = false, digit = false, symbol = false;
  for (unsigned char c : password) {
    if ((c & 0xC0) != 0x80) ++chars;
    if (c >= 'A' && c <= 'Z') upper = true;
    else if (c >= 'a' && c <= 'z') lower = true;
    else if (c >= '0' && c <= '9') digit = true;
    else if (c > ' ' && c != 0x7F) symbol = true;
  }
  if (chars < kMinPasswordLength) {
    return Fail(ErrorCode::kInvalidArgument, "密码至少需要 12 个字符");
  }
  if (int(upper) + int(lower) + int(digit) + int(symbol) < 3) {
    return Fail(ErrorCode::kInvalidArgument,
                "密码须包含大写字母、小写字母、数字、符号中的至少三类");
  }
  return {};
}

Result<std::string> HashPassword(std::string_view password) {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Fail(ErrorCode::kInternal, "密码哈希计算失败（内存不足）");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view encoded_hash, std::string_view password) {
  EnsureSodium();
  if (encoded_hash.empty() || encoded_hash.size() >= crypto_pwhash_STRBYTES) return false;
  std::string h(encoded_hash);  // NUL-terminated copy
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

}  // namespace qjy::auth
