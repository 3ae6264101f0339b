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

// A date as Date::Parse accepts it, or an Excel serial day number as a
// date column shows it when its cells are not formatted as dates: five
// digits, optionally with a time fraction ("45458", "45458.5"; 10000 =
// 1927-05-18 … 99999 = 2173-10-14), read in the 1900 date system.
std::optional<Date> ParseDateCell(std::string_view text);

// Excel 1900-system serial day number → date: serial 1 = 1900-01-01 and,
// since Excel counts the fictitious 1900-02-29 as serial 60, serials from
// 61 on are one day less than the count from 1899-12-31. nullopt for 60
// and outside 1 … 2958465 (9999-12-31); a time fraction is dropped.
std::optional<Date> ExcelSerialDate(double serial);

// A reason (Chinese) when an ID number cell shows that a spreadsheet stored
// it as a number, which keeps 15 significant digits: scientific notation
// ("5.22728E+17") or 18 digits ending in 000 whose check digit fails
// ("522728199001011000"). "" when the text does not look like that.
std::string IdDigitsLostReason(std::string_view text);

// Splits on ';' '；' (full-width) and '、', trimming and dropping empty parts.
std::vector<std::string_view> SplitList(std::string_view text);

}  // namespace qjy::importer

#endif  // QJY_IMPORTER_CELL_VALUES_H_
