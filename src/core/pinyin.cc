#include "core/pinyin.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <memory>
#include <vector>

namespace qjy {
namespace {

constexpr UChar32 kExtABegin = 0x3400, kExtAEnd = 0x4DBF;
constexpr UChar32 kUnifiedBegin = 0x4E00, kUnifiedEnd = 0x9FFF;

// Surnames whose reading as a surname differs from the character's most
// common reading (which ICU gives).
struct SurnameReading {
  const char* han;
  char initial;
};
constexpr SurnameReading kSurnames[] = {
    {"单", 's'}, {"曾", 'z'}, {"解", 'x'}, {"仇", 'q'}, {"朴", 'p'}, {"区", 'o'},
    {"查", 'z'}, {"盖", 'g'}, {"覃", 'q'}, {"缪", 'm'}, {"翟", 'z'}, {"尉", 'y'},
    {"乐", 'y'}, {"长", 'c'}, {"种", 'c'}, {"员", 'y'}, {"令", 'l'},
};

// Initial letter per code point of the two blocks, 0 when none.
class InitialTable {
 public:
  InitialTable() : ext_a_(kExtAEnd - kExtABegin + 1), unified_(kUnifiedEnd - kUnifiedBegin + 1) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("Han-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !t) return;  // no ICU data: no initials (search by name still works)
    Fill(*t, kExtABegin, ext_a_);
    Fill(*t, kUnifiedBegin, unified_);
  }

  char Of(UChar32 c) const {
    if (c >= kUnifiedBegin && c <= kUnifiedEnd) return unified_[c - kUnifiedBegin];
    if (c >= kExtABegin && c <= kExtAEnd) return ext_a_[c - kExtABegin];
    return 0;
  }

 private:
  static void Fill(icu::Transliterator& t, UChar32 first, std::vector<char>& out) {
    for (size_t i = 0; i < out.size(); ++i) {
      icu::UnicodeString s(static_cast<UChar32>(first + static_cast<UChar32>(i)));
      t.transliterate(s);
      const char16_t c = s.length() > 0 ? s.charAt(0) : 0;
      out[i] = c >= 'a' && c <= 'z' ? static_cast<char>(c)
               : c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a')
                                      : 0;
    }
  }

  std::vector<char> ext_a_, unified_;
};

const InitialTable& Table() {
  static const InitialTable table;  // immutable after construction
  return table;
}

UChar32 FirstCodePoint(std::string_view s) {
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return c;
}

char SurnameInitial(UChar32 c) {
  for (const auto& s : kSurnames) {
    if (FirstCodePoint(s.han) == c) return s.initial;
  }
  return 0;
}

}  // namespace

std::string PinyinInitials(std::string_view name, bool surname_first) {
  std::string out;
  const auto* data = reinterpret_cast<const uint8_t*>(name.data());
  const int32_t n = static_cast<int32_t>(name.size());
  bool first = true;
  for (int32_t i = 0; i < n;) {
    UChar32 c = 0;
    U8_NEXT(data, i, n, c);
    if (c < 0) continue;  // invalid byte
    char letter = 0;
    if (c < 0x80) {
      if (c >= 'a' && c <= 'z') letter = static_cast<char>(c);
      if (c >= 'A' && c <= 'Z') letter = static_cast<char>(c - 'A' + 'a');
    } else {
      if (first && surname_first) letter = SurnameInitial(c);
      if (letter == 0) letter = Table().Of(c);
    }
    if (letter != 0) out.push_back(letter);
    if (c >= 0x80 || letter != 0) first = false;
  }
  return out;
}

bool LooksLikeInitials(std::string_view text) {
  if (text.empty()) return false;
  for (char ch : text) {
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))) return false;
  }
  return true;
}

}  // namespace qjy
