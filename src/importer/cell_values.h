// Parsing of single spreadsheet cells as officers fill them: yuan amounts
// to integer fen (decimal text, never floating point), counts, yes/no
// flags, dates, and `;`-separated lists. Every parser trims blanks
// (including the full-width space) and returns nullopt / an error reason in
// Chinese for text it cannot read. Pure functions.
#ifndef QJY_IMPORTER_CELL_VALUES_H_
#define QJY_IMPORTER_CELL_VALUES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace qjy::importer {

std::string_view TrimCell(std::string_view s);

// "1234", "1,234.5", "1234.56", "￥1234.56", "1234.56元" → fen. At most two
// decimals; negative amounts and more than 10^12 yuan are rejected.
std::optional<int64_t> ParseYuanToFen(std::string_view text);
// Fen → "1234.56" / "1234" (no trailing ".00"), the form imports accept.
std::string FenToYuanText(int64_t fen);

// Non-negative whole number up to 10^9 ("12", "12.0" from a spreadsheet).
std::optional<int64_t> ParseCount(std::string_view text);

// 是/否, Y/N, yes/no, true/false, 1/0, √/×; empty is nullopt.
std::optional<bool> ParseYesNo(std::string_view text);
inline std::string_view YesNoText(bool b) { return b ? "是" : "否"; }

// A date as Date::Parse accepts it; the error reason is Chinese.
std::optional<Date> ParseDateCell(std::string_view text);

// Splits on ';' '；' (full-width) and '、', trimming and dropping empty parts.
std::vector<std::string_view> SplitList(std::string_view text);

}  // namespace qjy::importer

#endif  // QJY_IMPORTER_CELL_VALUES_H_
