#include "registry/payment_facts.h"

#include <array>
#include <cstdint>

namespace qjy::registry {
namespace {

// Decodes one UTF-8 code point at `i` (advancing it); invalid bytes are
// returned as themselves.
char32_t Next(std::string_view s, size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  int n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
  if (i + n > s.size()) n = 1;
  char32_t c = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
  for (int k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += n;
  return c;
}

void Append(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// Full-width ASCII (U+FF01..U+FF5E) and the ideographic space folded.
char32_t Fold(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFF01 + 0x21;
  if (c == 0x3000) return U' ';
  return c;
}

bool IsMark(char32_t c) {
  if (c < 0x80) return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
  static constexpr std::array<char32_t, 22> kMarks = {U'，', U'。', U'、', U'；', U'：', U'“', U'”', U'‘',
                                                      U'’', U'（', U'）', U'《', U'》', U'—', U'·', U'【',
                                                      U'】', U'…', U'－', U'～', U'\u00A0', U'\u2013'};
  for (char32_t m : kMarks) {
    if (c == m) return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> NormaliseBankAccount(std::string_view text) {
  std::string digits;
  for (size_t i = 0; i < text.size();) {
    const char32_t c = Fold(Next(text, i));
    if (c >= '0' && c <= '9') {
      digits.push_back(static_cast<char>(c));
    } else if (c != ' ' && c != '-' && c != '\t') {
      return std::nullopt;
    }
  }
  if (digits.size() < 12 || digits.size() > 30) return std::nullopt;
  return digits;
}

std::string BankLast4(std::string_view digits) {
  return digits.size() < 4 ? std::string() : std::string(digits.substr(digits.size() - 4));
}

std::string MaskBankAccount(std::string_view digits) {
  const std::string last4 = digits.size() == 4 ? std::string(digits) : BankLast4(digits);
  return last4.empty() ? std::string() : "尾号" + last4;
}

std::string NormaliseAddress(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    char32_t c = Fold(Next(text, i));
    if (IsMark(c)) continue;
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
    Append(out, c);
  }
  return out;
}

std::string BankHashInput(std::string_view digits) { return "bank:" + std::string(digits); }
std::string AddressHashInput(std::string_view normalised) { return "addr:" + std::string(normalised); }

}  // namespace qjy::registry
