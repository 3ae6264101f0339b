// Normalisation of an ad's text before the patterns of screening.yaml are
// matched, so that one pattern covers the ways the same words are typed:
// full-width digits and Latin letters become ASCII ("３５岁" -> "35岁"),
// the ideographic space a plain space, zero-width characters vanish, and
// Chinese numerals in a numeric run become digits ("三十五岁以下" ->
// "35岁以下", "一千二" -> "1200", "三万" -> "3万"), an approximate
// "四五十岁" becoming the range "40-50岁". A run is converted only when it
// contains 十/百/千 (two characters or more, or 十 before a unit such as
// 岁/元/人), is one digit before 万/千, or two digits before 后 ("九五后"): "一本", "第一学历", "统一",
// "一个" and "二胎" are left as written. One digit before 元/块/毛/角 is a
// sum ("一条两块" -> "一条2块"; not "一块", which is "together"). The financial numerals count like
// the plain ones ("伍佰圆" -> "500元"), and so do the old tens in one
// character ("廿五" -> "25", "卅五" -> "35", "卌" -> "40"). Pictographs ("✅", "🔥") become a
// space (a separator, as they are used); a variation selector vanishes.
// Text spaced out character by character ("身 份 证 押 公 司") is closed up
// when at least three Han characters in a one-space chain stand alone, or
// two that both stand alone ("押 金 500"); a single character between
// spaces ("前台 女 18-25") keeps them. 廿/卅/卌 are 20/30/40 ("卅五" -> 35).
// A line break becomes "；" (a posting's lines are items of a list: no
// pattern reads across one). ♂/♀ become 男/女; ↓/↑ after a figure, 岁, cm
// or 斤 become 以下/以上 ("28周岁↓"). A requirement table pasted as text (two
// or more lines with the same number of "|", "｜" or tab separators, the
// first the header) is read by column: each non-empty cell of a later line
// is preceded by its column's header and "：" ("岗位 | 户籍" over "文员 | 本市"
// reads "岗位：文员 | 户籍：本市"); a header longer than 16 characters is
// not put before its cells.
//
// Contract: text() is the normalised text; Original(span) maps a span of
// it back to the span of the input it came from (for the matched words a
// finding quotes); a header put before a cell maps to the header itself, so
// a span over both covers the input from the header to the cell. Pure; no allocation beyond the two buffers.
#ifndef QJY_ADS_NORMALISE_H_
#define QJY_ADS_NORMALISE_H_

#include <cstdint>
#include <utility>
#include <vector>

#include <unicode/unistr.h>

namespace qjy::ads {

class NormalisedText {
 public:
  explicit NormalisedText(const icu::UnicodeString& input);
  const icu::UnicodeString& text() const { return text_; }
  // [begin, end) of text() -> [begin, end) of the input.
  std::pair<int32_t, int32_t> Original(int32_t begin, int32_t end) const;

 private:
  void Append(char16_t c, int32_t orig_begin, int32_t orig_end);
  icu::UnicodeString text_;
  std::vector<int32_t> begin_, end_;  // per char of text_: its input span
};

}  // namespace qjy::ads

#endif  // QJY_ADS_NORMALISE_H_
