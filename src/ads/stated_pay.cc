#include "ads/stated_pay.h"

#include <fmt/format.h>

#include <algorithm>

namespace qjy::ads {
namespace {

// A figure: digits with an optional decimal part, then an optional unit.
constexpr const char* kFigure = "(\\d{1,6}+(?:\\.\\d{1,2})?)\\s*(万|w|W|千|k|K)?";
constexpr const char* kDash = "\\s*(?:-|—|–|－|~|～|至|到)\\s*";

std::string Utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

Result<std::shared_ptr<const icu::RegexPattern>> CompileOne(const std::string& pattern) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError pe;
  std::shared_ptr<const icu::RegexPattern> p(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), pe, status));
  if (U_FAILURE(status) || !p) {
    return Fail(ErrorCode::kInternal, fmt::format("工资表述的正则无法编译：{}", u_errorName(status)));
  }
  return p;
}

}  // namespace

std::optional<int64_t> YuanFigureToFen(const std::string& digits, const std::string& unit) {
  int64_t whole = 0, frac_hundredths = 0;
  size_t i = 0;
  for (; i < digits.size() && digits[i] != '.'; ++i) {
    if (digits[i] < '0' || digits[i] > '9') return std::nullopt;
    whole = whole * 10 + (digits[i] - '0');
    if (whole > 100'000'000) return std::nullopt;
  }
  if (i < digits.size()) {  // '.', then one or two digits
    int scale = 10;
    for (++i; i < digits.size(); ++i) {
      if (digits[i] < '0' || digits[i] > '9' || scale == 0) return std::nullopt;
      frac_hundredths += (digits[i] - '0') * scale;
      scale /= 10;
    }
  }
  int64_t multiplier = 1;
  if (unit == "万" || unit == "w" || unit == "W") multiplier = 10'000;
  if (unit == "千" || unit == "k" || unit == "K") multiplier = 1'000;
  // yuan * 100 = fen; the fraction is in hundredths of the unit.
  return whole * multiplier * 100 + frac_hundredths * multiplier;
}

std::optional<int64_t> ChineseWageToFen(const std::string& text) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  auto digit = [](UChar c) -> int {
    static constexpr std::u16string_view kDigits = u"零一二三四五六七八九";
    if (c == u'两') return 2;
    if (c == u'十') return 10;
    const size_t at = kDigits.find(c);
    return at == std::u16string_view::npos ? -1 : static_cast<int>(at);
  };
  // X万[Y] or X千[Y]: Y is the next unit down (一万五 = 15,000; 三千八 = 3,800).
  if (u.length() < 2 || u.length() > 3) return std::nullopt;
  const int x = digit(u[0]);
  int64_t unit = 0;
  if (u[1] == u'万') unit = 10'000;
  if (u[1] == u'千') unit = 1'000;
  if (x <= 0 || unit == 0) return std::nullopt;
  int64_t yuan = x * unit;
  if (u.length() == 3) {
    const int y = digit(u[2]);
    if (y <= 0 || y >= 10) return std::nullopt;
    yuan += y * unit / 10;
  }
  return yuan * 100;
}

Result<StatedPayReader> StatedPayReader::Make(int64_t days_per_month_x100) {
  if (days_per_month_x100 <= 0) {
    return Fail(ErrorCode::kInvalidArgument, "月计薪天数须为正数（days_per_month_x100）");
  }
  StatedPayReader r;
  r.days_x100_ = days_per_month_x100;
  // By the month: a pay word, a figure, maybe a range; or a figure "/月".
  auto month = CompileOne(fmt::format(
      "(?:(?:月薪|月入|月收入|月工资|工资|薪资|薪水|底薪|税后|到手|综合收入)\\s*[:：]?\\s*{0}(?:{1}{0})?"
      "(?!\\s*(?:元|块)?\\s*(?:/|每|一)\\s*(?:天|日|小时|时|单|件|个))"
      "|{0}(?:{1}{0})?\\s*(?:元|块)?\\s*(?:/|每|一个)\\s*月)",
      kFigure, kDash));
  if (!month) return std::unexpected(month.error());
  // By the day: a day word and a figure, or a figure "/天".
  auto day = CompileOne(fmt::format(
      "(?:(?:日薪|日结|日工资|日收入|一天|每天)\\s*[:：]?\\s*{0}(?:{1}{0})?(?!\\s*(?:个)?小时)"
      "|{0}(?:{1}{0})?\\s*(?:元|块)?\\s*(?:/|每|一)\\s*(?:天|日))",
      kFigure, kDash));
  if (!day) return std::unexpected(day.error());
  auto words = CompileOne(
      "(?:月薪|月入|月收入|月工资|工资|薪资|税后|到手)\\s*[:：]?\\s*"
      "([一二两三四五六七八九十][万千][一二三四五六七八九]?)(?![一二三四五六七八九十百])");
  if (!words) return std::unexpected(words.error());
  r.month_words_ = std::move(*words);
  r.month_ = std::move(*month);
  r.day_ = std::move(*day);
  return r;
}

std::optional<StatedPay> StatedPayReader::Read(const icu::UnicodeString& text) const {
  std::optional<StatedPay> best;
  auto scan = [&](const icu::RegexPattern& pattern, bool by_day) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m(pattern.matcher(text, status));
    if (U_FAILURE(status)) return;
    while (m->find(status) && U_SUCCESS(status)) {
      int64_t high = 0;
      // Groups: (1,2) first figure, (3,4) upper end, then (5..8) for the
      // second alternative; take the largest figure read.
      for (int g = 1; g + 1 <= m->groupCount(); g += 2) {
        const icu::UnicodeString digits = m->group(g, status);
        if (U_FAILURE(status) || digits.isEmpty()) continue;
        auto fen = YuanFigureToFen(Utf8(digits), Utf8(m->group(g + 1, status)));
        if (fen) high = std::max(high, *fen);
      }
      if (by_day) high = high * days_x100_ / 100;
      if (high < 10'000) continue;  // under 100 元 a month: not a wage figure
      if (!best || high > best->monthly_fen) {
        icu::UnicodeString words;
        text.extractBetween(m->start(status), m->end(status), words);
        best = StatedPay{high, Utf8(words)};
      }
    }
  };
  scan(*month_, false);
  scan(*day_, true);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(month_words_->matcher(text, status));
  while (U_SUCCESS(status) && m->find(status) && U_SUCCESS(status)) {
    auto fen = ChineseWageToFen(Utf8(m->group(1, status)));
    if (!fen || (best && *fen <= best->monthly_fen)) continue;
    icu::UnicodeString words;
    text.extractBetween(m->start(status), m->end(status), words);
    best = StatedPay{*fen, Utf8(words)};
  }
  return best;
}

}  // namespace qjy::ads
