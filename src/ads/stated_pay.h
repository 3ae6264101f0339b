// The pay an ad states in its own words ("月薪2万起", "月薪15000-25000",
// "税后16000/月", "日薪800现结"), so that pay bait (screening.yaml
// `pay_bait`) is judged on the text as well as on the structured wage: a
// poster who leaves the wage fields empty and writes "月入2万" in the text
// is still comparing simple work with 15,000 元 a month.
//
// Contract: Read() returns the highest monthly figure the text states, in
// fen, with the words it was read from; a range counts by its upper end; a
// day rate is converted to a month with `days_per_month_x100` (21.75 days,
// the statutory 月计薪天数, is 2175). Figures are read as yuan with 万/w
// (×10,000) or 千/k (×1,000), or in Chinese numerals after a pay word
// ("月薪一万五"); "年薪" is not read (pay bait is about simple
// work paid by the month or the day). Nothing stated: nullopt. Integer
// arithmetic only (a decimal such as 2.5万 is read digit by digit).
// Immutable after construction; safe to use from several threads.
#ifndef QJY_ADS_STATED_PAY_H_
#define QJY_ADS_STATED_PAY_H_

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/error.h"

namespace qjy::ads {

struct StatedPay {
  int64_t monthly_fen = 0;
  std::string words;  // the stretch of text the figure was read from
};

class StatedPayReader {
 public:
  static Result<StatedPayReader> Make(int64_t days_per_month_x100);
  std::optional<StatedPay> Read(const icu::UnicodeString& text) const;

 private:
  StatedPayReader() = default;
  int64_t days_x100_ = 0;
  std::shared_ptr<const icu::RegexPattern> month_, day_, month_words_;
};

// Chinese numerals as written in ads: "一万五" (15,000 元), "两万" (20,000),
// "三千八" (3,800); in fen, nullopt for anything else.
std::optional<int64_t> ChineseWageToFen(const std::string& text);

// "2.5" with unit "万" -> 2,500,000 fen; "15000" with no unit -> 1,500,000.
// nullopt when the figure does not fit or is not a number.
std::optional<int64_t> YuanFigureToFen(const std::string& digits, const std::string& unit);

}  // namespace qjy::ads

#endif  // QJY_ADS_STATED_PAY_H_
