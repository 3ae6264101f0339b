#include "linkage/person_table.h"

#include <unicode/utf8.h>

#include <cstring>

#include "core/id_number.h"
#include "core/pinyin.h"
#include "linkage/han_fold.h"

namespace qjy::linkage {
namespace {

bool IsHan(uint32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x2FFFF);
}

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool ValidDate(int y, int m, int d) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  if (d > kDays[m - 1]) return false;
  if (m == 2 && d == 29) return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return true;
}

}  // namespace

NameCode NormalizeName(std::string_view text) {
  NameCode code;
  const auto* data = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n && code.length < 4;) {
    UChar32 c = 0;
    U8_NEXT(data, i, n, c);
    if (c < 0 || !IsHan(static_cast<uint32_t>(c))) continue;
    const char32_t simplified = FoldToSimplified(static_cast<char32_t>(c));
    code.chars[code.length] = static_cast<uint32_t>(simplified);
    code.syllables[code.length] = PinyinSyllableId(simplified, code.length == 0);
    ++code.length;
  }
  return code;
}

std::string NormalizeIdNumber(std::string_view text) {
  text = TrimSpace(text);
  std::string s(text);
  if (s.size() == 18) {
    for (size_t i = 0; i < 17; ++i) {
      if (s[i] < '0' || s[i] > '9') return "";
    }
    if (s[17] == 'x') s[17] = 'X';
    if (s[17] != 'X' && (s[17] < '0' || s[17] > '9')) return "";
    return s;
  }
  if (s.size() == 15) {
    for (char c : s) {
      if (c < '0' || c > '9') return "";
    }
    std::string first17 = s.substr(0, 6) + "19" + s.substr(6, 9);
    auto check = ResidentIdCheckChar(first17);
    if (!check) return "";
    return first17 + *check;
  }
  return "";
}

uint32_t NormalizeBirthDate(std::string_view text) {
  text = TrimSpace(text);
  int parts[3] = {0, 0, 0};
  int digits[3] = {0, 0, 0};
  int k = 0;
  if (text.size() == 8 && text.find_first_not_of("0123456789") == std::string_view::npos) {
    parts[0] = std::stoi(std::string(text.substr(0, 4)));
    parts[1] = std::stoi(std::string(text.substr(4, 2)));
    parts[2] = std::stoi(std::string(text.substr(6, 2)));
  } else {
    for (size_t i = 0; i < text.size() && k < 3;) {
      const char c = text[i];
      if (c >= '0' && c <= '9') {
        parts[k] = parts[k] * 10 + (c - '0');
        ++digits[k];
        ++i;
        continue;
      }
      if (digits[k] > 0) ++k;
      // separators: '-', '/', '.', or the UTF-8 of 年/月/日 (3 bytes each)
      i += (static_cast<unsigned char>(c) >= 0x80) ? 3 : 1;
    }
    if (k < 2 || (k == 2 && digits[2] == 0) || digits[0] != 4) return 0;
  }
  if (!ValidDate(parts[0], parts[1], parts[2])) return 0;
  return static_cast<uint32_t>(parts[0] * 10000 + parts[1] * 100 + parts[2]);
}

uint8_t NormalizeSex(std::string_view text) {
  text = TrimSpace(text);
  if (text == "男" || text == "M" || text == "m" || text == "1") return 1;
  if (text == "女" || text == "F" || text == "f" || text == "2") return 2;
  return 0;
}

uint32_t NormalizeDivision(std::string_view text) {
  text = TrimSpace(text);
  uint32_t v = 0;
  size_t n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return 0;
    if (n < 6) v = v * 10 + static_cast<uint32_t>(c - '0');
    ++n;
  }
  if (n == 4) return v * 100;
  if (n < 6) return 0;
  return v;
}

uint64_t NormalizePhone(std::string_view text) {
  text = TrimSpace(text);
  if (text.starts_with("+86")) text.remove_prefix(3);
  uint64_t v = 0;
  int n = 0;
  for (char c : text) {
    if (c == ' ' || c == '-') continue;
    if (c < '0' || c > '9') return 0;
    v = v * 10 + static_cast<uint64_t>(c - '0');
    if (++n > 11) return 0;
  }
  if (n != 11 || v / 10'000'000'000ull != 1) return 0;
  return v;
}

void PersonTable::Reserve(size_t n) {
  name.reserve(n);
  id.reserve(n);
  birth.reserve(n);
  sex.reserve(n);
  division.reserve(n);
  phone.reserve(n);
}

void PersonTable::Add(const PersonFields& p) {
  name.push_back(NormalizeName(p.name));
  std::array<char, 18> code{};
  const std::string idn = NormalizeIdNumber(p.id_number);
  if (!idn.empty()) std::memcpy(code.data(), idn.data(), 18);
  id.push_back(code);
  birth.push_back(NormalizeBirthDate(p.birth_date));
  sex.push_back(NormalizeSex(p.sex));
  division.push_back(NormalizeDivision(p.division_code));
  phone.push_back(NormalizePhone(p.phone));
}

uint32_t PersonTable::EffectiveBirth(size_t row) const {
  if (birth[row] != 0) return birth[row];
  if (id[row][0] == 0) return 0;
  uint32_t v = 0;
  for (size_t i = 6; i < 14; ++i) v = v * 10 + static_cast<uint32_t>(id[row][i] - '0');
  const uint32_t y = v / 10000, m = v / 100 % 100, d = v % 100;
  return ValidDate(static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)) ? v : 0;
}

}  // namespace qjy::linkage
