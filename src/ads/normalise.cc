#include "ads/normalise.h"

#include <string>

namespace qjy::ads {
namespace {

int Digit(char16_t c) {
  switch (c) {
    case u'零': case u'〇': return 0;
    case u'一': return 1;
    case u'二': case u'两': return 2;
    case u'三': return 3;
    case u'四': return 4;
    case u'五': return 5;
    case u'六': return 6;
    case u'七': return 7;
    case u'八': return 8;
    case u'九': return 9;
    default: return -1;
  }
}

int Unit(char16_t c) { return c == u'十' ? 10 : c == u'百' ? 100 : c == u'千' ? 1000 : 0; }

bool NumeralChar(char16_t c) { return Digit(c) >= 0 || Unit(c) > 0; }

// After a lone 十 ("十人", "十岁"): units that make it a number.
bool CountUnit(char16_t c) {
  return c == u'岁' || c == u'周' || c == u'元' || c == u'块' || c == u'人' || c == u'名' ||
         c == u'位' || c == u'个' || c == u'天' || c == u'年' || c == u'万';
}

// "三十五" -> 35, "一千二" -> 1200, "两百" -> 200, "十八" -> 18; -1 when
// the run is not one number ("一二三").
long ParseNumber(const std::u16string& run) {
  long total = 0, digit = -1;
  int last_unit = 0;
  bool zero = false;  // "一千零五": the digit after 零 counts as ones
  for (char16_t c : run) {
    if (int d = Digit(c); d >= 0) {
      if (digit >= 0) return -1;  // two digits in a row
      if (d == 0) {
        zero = true;
      } else {
        digit = d;
      }
      continue;
    }
    int u = Unit(c);
    if (last_unit != 0 && u >= last_unit) return -1;
    total += (digit < 0 ? 1 : digit) * u;
    digit = -1;
    zero = false;
    last_unit = u;
  }
  if (digit >= 0) total += !zero && last_unit >= 10 ? digit * (last_unit / 10) : digit;
  return total;
}

}  // namespace

void NormalisedText::Append(char16_t c, int32_t b, int32_t e) {
  text_.append(c);
  begin_.push_back(b);
  end_.push_back(e);
}

NormalisedText::NormalisedText(const icu::UnicodeString& in) {
  const int32_t n = in.length();
  begin_.reserve(n);
  end_.reserve(n);
  for (int32_t i = 0; i < n;) {
    char16_t c = in.charAt(i);
    if (c == 0x200B || c == 0x200C || c == 0x200D || c == 0xFEFF) {
      ++i;
      continue;
    }
    if (c == 0x3000) c = u' ';
    if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A)) {
      c = static_cast<char16_t>(c - 0xFEE0);
    }
    if (!NumeralChar(c)) {
      Append(c, i, i + 1);
      ++i;
      continue;
    }
    int32_t j = i;
    std::u16string run;
    while (j < n && NumeralChar(in.charAt(j))) run.push_back(in.charAt(j++));
    const char16_t next = j < n ? in.charAt(j) : 0;
    bool has_unit = false;
    for (char16_t r : run) has_unit |= Unit(r) > 0;
    std::string digits;
    // "四五十" / "三四十": two neighbouring digits before 十, a range.
    if (run.size() == 3 && Digit(run[0]) > 0 && Digit(run[1]) == Digit(run[0]) + 1 && run[2] == u'十') {
      digits = std::to_string(Digit(run[0]) * 10) + "-" + std::to_string(Digit(run[1]) * 10);
    } else if (has_unit && (run.size() >= 2 || CountUnit(next))) {
      if (long v = ParseNumber(run); v > 0) digits = std::to_string(v);
    } else if (run.size() == 2 && !has_unit && next == u'后') {  // "九五后", "零零后"
      digits = {static_cast<char>('0' + Digit(run[0])), static_cast<char>('0' + Digit(run[1]))};
    } else if (run.size() == 1 && Digit(run[0]) > 0 && (next == u'万' || next == u'千')) {
      digits = std::to_string(Digit(run[0]));
    }
    if (digits.empty()) {
      for (int32_t k = i; k < j; ++k) Append(in.charAt(k), k, k + 1);
    } else {
      for (char d : digits) Append(static_cast<char16_t>(d), i, j);
    }
    i = j;
  }
}

std::pair<int32_t, int32_t> NormalisedText::Original(int32_t begin, int32_t end) const {
  if (begin >= end || begin < 0 || end > static_cast<int32_t>(begin_.size())) return {0, 0};
  return {begin_[begin], end_[end - 1]};
}

}  // namespace qjy::ads
