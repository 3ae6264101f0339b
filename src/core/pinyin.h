// Pinyin initials of Chinese text, for searching persons by 拼音首字母
// ("张伟" -> "zw"), as officers type them into a search box.
//
// Readings come from ICU's Han-Latin transliteration (Unihan kMandarin, the
// most common reading of each character), looked up once per character into
// a table of the CJK Unified Ideographs block and Extension A (about 28k
// characters, built on first use in a few hundred milliseconds). A handful
// of surnames read differently as a surname (单 shàn, 曾 zēng, 解 xiè, 覃 qín…)
// take their surname reading when they are the first character of a name.
// Thread-safe: the table is immutable once built.
#ifndef QJY_CORE_PINYIN_H_
#define QJY_CORE_PINYIN_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace qjy {

// Lower-case initials of each Han character of `name`; ASCII letters are
// kept (lower-cased), everything else (digits, "·", spaces, characters
// without a reading) is dropped. With `surname_first`, the first character
// takes its surname reading when it has one.
std::string PinyinInitials(std::string_view name, bool surname_first = true);

// The toneless reading of one Han character as a small dense id (equal ids
// = the same syllable ignoring tone, i.e. homophones for record linkage:
// 张/章 both "zhang"); 0 for a character without a reading. With
// `as_surname`, the surname reading where it differs (单 -> "shan").
uint16_t PinyinSyllableId(char32_t c, bool as_surname = false);
// The syllable's text ("zhang"); "" for 0 or an unknown id. The view lives
// as long as the program.
std::string_view PinyinSyllableText(uint16_t id);

// Whether `text` is a non-empty run of ASCII letters (what an officer types
// as initials: "zw", "ZW").
bool LooksLikeInitials(std::string_view text);

}  // namespace qjy

#endif  // QJY_CORE_PINYIN_H_
