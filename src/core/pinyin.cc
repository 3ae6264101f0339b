#include "core/pinyin.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace qjy {
namespace {

constexpr UChar32 kExtABegin = 0x3400, kExtAEnd = 0x4DBF;
constexpr UChar32 kUnifiedBegin = 0x4E00, kUnifiedEnd = 0x9FFF;

// Surnames whose reading as a surname differs from the character's most
// common reading (which ICU gives).
struct SurnameReading {
  const char* han;
  const char* syllable;
};
constexpr SurnameReading kSurnames[] = {
    {"单", "shan"}, {"曾", "zeng"}, {"解", "xie"},  {"仇", "qiu"},   {"朴", "piao"},
    {"区", "ou"},   {"查", "zha"},  {"盖", "ge"},   {"覃", "qin"},   {"缪", "miao"},
    {"翟", "zhai"}, {"尉", "yu"},   {"乐", "yue"},  {"长", "chang"}, {"种", "chong"},
    {"员", "yun"},  {"令", "ling"},
};

// Toneless syllable id per code point of the two blocks (0 when none), and
// the syllables' text by id (id 0 is "").
class SyllableTable {
 public:
  SyllableTable() : ext_a_(kExtAEnd - kExtABegin + 1), unified_(kUnifiedEnd - kUnifiedBegin + 1) {
    text_.emplace_back();
    for (const auto& s : kSurnames) Intern(s.syllable);
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("Han-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !t) return;  // no ICU data: no readings (search by name still works)
    Fill(*t, kExtABegin, ext_a_);
    Fill(*t, kUnifiedBegin, unified_);
  }

  uint16_t Of(UChar32 c) const {
    if (c >= kUnifiedBegin && c <= kUnifiedEnd) return unified_[c - kUnifiedBegin];
    if (c >= kExtABegin && c <= kExtAEnd) return ext_a_[c - kExtABegin];
    return 0;
  }
  std::string_view Text(uint16_t id) const {
    return id < text_.size() ? std::string_view(text_[id]) : std::string_view();
  }
  uint16_t Find(std::string_view syllable) const {
    for (size_t i = 1; i < text_.size(); ++i) {
      if (text_[i] == syllable) return static_cast<uint16_t>(i);
    }
    return 0;
  }

 private:
  uint16_t Intern(const std::string& s) {
    if (s.empty()) return 0;
    auto [it, inserted] = ids_.try_emplace(s, static_cast<uint16_t>(text_.size()));
    if (inserted) text_.push_back(s);
    return it->second;
  }

  void Fill(icu::Transliterator& t, UChar32 first, std::vector<uint16_t>& out) {
    std::string letters;
    for (size_t i = 0; i < out.size(); ++i) {
      icu::UnicodeString s(static_cast<UChar32>(first + static_cast<UChar32>(i)));
      t.transliterate(s);
      letters.clear();
      for (int32_t k = 0; k < s.length(); ++k) {
        const char16_t c = s.charAt(k);
        if (c >= 'a' && c <= 'z') letters.push_back(static_cast<char>(c));
        else if (c >= 'A' && c <= 'Z') letters.push_back(static_cast<char>(c - 'A' + 'a'));
        else break;
      }
      out[i] = Intern(letters);
    }
  }

  std::vector<uint16_t> ext_a_, unified_;
  std::vector<std::string> text_;
  std::unordered_map<std::string, uint16_t> ids_;
};

const SyllableTable& Table() {
  static const SyllableTable table;  // immutable after construction
  return table;
}

UChar32 FirstCodePoint(std::string_view s) {
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return c;
}

uint16_t SurnameSyllable(UChar32 c) {
  for (const auto& s : kSurnames) {
    if (FirstCodePoint(s.han) == c) return Table().Find(s.syllable);
  }
  return 0;
}

char InitialOf(uint16_t id) {
  const std::string_view t = Table().Text(id);
  return t.empty() ? 0 : t[0];
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
      if (first && surname_first) letter = InitialOf(SurnameSyllable(c));
      if (letter == 0) letter = InitialOf(Table().Of(c));
    }
    if (letter != 0) out.push_back(letter);
    if (c >= 0x80 || letter != 0) first = false;
  }
  return out;
}

uint16_t PinyinSyllableId(char32_t c, bool as_surname) {
  const auto cp = static_cast<UChar32>(c);
  if (as_surname) {
    if (const uint16_t id = SurnameSyllable(cp); id != 0) return id;
  }
  return Table().Of(cp);
}

std::string_view PinyinSyllableText(uint16_t id) { return Table().Text(id); }

bool LooksLikeInitials(std::string_view text) {
  if (text.empty()) return false;
  for (char ch : text) {
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))) return false;
  }
  return true;
}

}  // namespace qjy
