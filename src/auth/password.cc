#include "auth/password.h"

#include <crack.h>
#include <sodium.h>

#include <cstdlib>
#include <mutex>
#include <string>

namespace qjy::auth {
namespace {

void EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) std::abort();
}

// cracklib's verdicts in the users' language; an unknown one is shown
// after a Chinese lead.
std::string CrackReason(std::string_view verdict) {
  struct Text {
    std::string_view en, zh;
  };
  static constexpr Text kTexts[] = {
      {"dictionary word", "以常见单词或其变形为基础"},
      {"DIFFERENT characters", "不同的字符太少"},
      {"too simplistic", "过于简单或有规律"},
      {"too short", "太短"},
      {"empty", "为空"},
      {"palindrome", "是回文"},
      {"based on your password entry", "以账号信息为基础"},
      {"based upon your password entry", "以账号信息为基础"},
      {"derivable from your password entry", "可由账号信息推出"},
      {"derived from your password entry", "可由账号信息推出"},
  };
  for (const auto& t : kTexts) {
    if (verdict.find(t.en) != std::string_view::npos) return "密码" + std::string(t.zh) + "，请换一个不易猜到的密码";
  }
  return "密码强度不足（" + std::string(verdict) + "），请换一个不易猜到的密码";
}

// Runs FascistCheck; "" when cracklib accepts. Serialised: cracklib keeps
// static state.
Result<std::string> Crack(const std::string& candidate) {
  static std::mutex mu;
  std::lock_guard lock(mu);
  const char* dict = GetDefaultCracklibDict();
  const char* verdict = FascistCheck(candidate.c_str(), dict);
  if (verdict == nullptr) return std::string();
  std::string v(verdict);
  if (v.find("error loading dictionary") != std::string::npos) {
    return Fail(ErrorCode::kInternal, "无法加载密码强度字典（cracklib-runtime 未安装？请运行 scripts/deps.sh）");
  }
  return v;
}

// The password's core: lower case, common substitutions undone, digits and
// symbols trimmed from both ends.
std::string Core(std::string_view password) {
  std::string out;
  for (unsigned char c : password) {
    switch (c) {
      case '0': out += 'o'; break;
      case '1': out += 'l'; break;
      case '3': out += 'e'; break;
      case '4': out += 'a'; break;
      case '5': out += 's'; break;
      case '7': out += 't'; break;
      case '@': out += 'a'; break;
      case '$': out += 's'; break;
      default: out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
  }
  // Trim on the original characters (a trailing "1234" is no word), keep
  // substitutions inside the word ("Passw0rd").
  auto letter = [](unsigned char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80; };
  size_t b = 0, e = password.size();
  while (b < e && !letter(password[b])) ++b;
  while (e > b && !letter(password[e - 1])) --e;
  return out.substr(b, e - b);
}

}  // namespace

Result<void> CheckPasswordPolicy(std::string_view password, bool allow_demo_password) {
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
  auto space = [](char c) { return c == ' ' || c == '\t'; };
  if (space(password.front()) || space(password.back())) {
    return Fail(ErrorCode::kInvalidArgument, "密码首尾不能是空格");
  }
  if (!allow_demo_password && password == kDemoPassword) {
    return Fail(ErrorCode::kInvalidArgument, "该密码是公开的演示密码，只能用于演示库，请换一个密码");
  }
  auto verdict = Crack(std::string(password));
  if (!verdict) return std::unexpected(verdict.error());
  if (!verdict->empty()) return Fail(ErrorCode::kInvalidArgument, CrackReason(*verdict));
  // The core is judged only against the dictionary: a strong random
  // password may well have a short core.
  verdict = Crack(Core(password));
  if (!verdict) return std::unexpected(verdict.error());
  if (verdict->find("dictionary word") != std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, CrackReason(*verdict));
  }
  return {};
}

Result<std::string> HashPassword(std::string_view password, HashCost cost) {
  EnsureSodium();
  const bool minimum = cost == HashCost::kMinimumForTests;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(
          out, password.data(), password.size(),
          minimum ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
          minimum ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE,
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

Result<std::string> GeneratePassword() {
  if (sodium_init() < 0) return Fail(ErrorCode::kInternal, "随机数发生器不可用");
  static constexpr std::string_view kUpper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  static constexpr std::string_view kLower = "abcdefghijkmnpqrstuvwxyz";
  static constexpr std::string_view kDigit = "23456789";
  static constexpr std::string_view kAll =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
  auto pick = [](std::string_view from) { return from[randombytes_uniform(static_cast<uint32_t>(from.size()))]; };
  // A random draw fails the policy very rarely (a cracklib pattern): draw again.
  for (int attempt = 0; attempt < 20; ++attempt) {
    std::string chars;
    chars += pick(kUpper);
    chars += pick(kLower);
    chars += pick(kDigit);
    while (chars.size() < 16) chars += pick(kAll);
    // Shuffle (Fisher–Yates), so the guaranteed kinds sit anywhere.
    for (size_t i = chars.size() - 1; i > 0; --i) {
      std::swap(chars[i], chars[randombytes_uniform(static_cast<uint32_t>(i + 1))]);
    }
    std::string out;
    for (size_t i = 0; i < chars.size(); ++i) {
      if (i > 0 && i % 4 == 0) out += '-';
      out += chars[i];
    }
    if (CheckPasswordPolicy(out)) return out;
  }
  return Fail(ErrorCode::kInternal, "无法生成符合密码策略的密码");
}

}  // namespace qjy::auth
