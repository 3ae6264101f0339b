#include "core/mask.h"

#include "core/utf8.h"

namespace qjy {
namespace {

bool MaskIsAscii(std::string_view v) {
  for (char c : v) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// Keeps the first `head` and last `tail` characters of `v` (counted in
// characters, never cutting one in half) and stars the rest; all stars
// when `v` has fewer than `min_chars` characters.
std::string KeepEnds(std::string_view v, size_t head, size_t tail, size_t min_chars) {
  const size_t chars = Utf8Length(v);
  if (chars < min_chars) return std::string(chars, '*');
  return std::string(Utf8First(v, head)) + std::string(chars - head - tail, '*') +
         std::string(Utf8Last(v, tail));
}

}  // namespace

std::string MaskIdNumber(std::string_view id) { return KeepEnds(id, 4, 4, 10); }

std::string MaskPhone(std::string_view phone) { return KeepEnds(phone, 3, 4, 8); }

std::string MaskValue(std::string_view v) {
  bool digits = !v.empty() && v.find_first_not_of("0123456789") == std::string_view::npos;
  if (digits && v.size() == 11) return MaskPhone(v);
  // ID-like: 15 or 18 ASCII characters. Other text (a note typed into the
  // ID column, a name) shows only its first character.
  if ((v.size() == 15 || v.size() == 18) && MaskIsAscii(v)) return MaskIdNumber(v);
  if (v.empty()) return "";
  return std::string(Utf8First(v, 1)) + "**";
}

std::string MaskPersonName(std::string_view name) {
  if (name.empty()) return {};
  const size_t n = Utf8Length(name);
  return std::string(Utf8First(name, 1)) + std::string(n > 1 ? n - 1 : 1, '*');
}

}  // namespace qjy
