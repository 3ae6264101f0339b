// CSV injection (OWASP "CSV Injection"): a spreadsheet program opening a
// CSV file runs a cell that begins with = + - @ (or a tab or carriage
// return before one) as a formula — `=HYPERLINK(…)`, `@SUM(…)`, DDE. Every
// CSV the server or the CLI writes (exports, rejects files, the batch
// recommendation list) passes its cells through NeutraliseCsvCell, which
// prefixes such a cell with a single quote: the program shows the text as
// typed ('=1+1) and runs nothing.
//
// Numbers: a cell that is a plain decimal number ("-5", "-12.50", "+3") is
// left alone. Spreadsheet programs read a bare number as a number whatever
// the column, and no formula can be written as one, so prefixing it would
// only turn amounts into text (negative fen in ledgers, wage ranges).
// Anything more than a number after the sign ("-5+3", "-1)*cmd") is
// prefixed like any other formula.
//
// Pure functions; thread-safe.
#ifndef QJY_CORE_CSV_CELL_H_
#define QJY_CORE_CSV_CELL_H_

#include <string>
#include <string_view>

namespace qjy {

// True when a spreadsheet could read `cell` as a formula.
bool CsvCellIsFormula(std::string_view cell);

// `cell`, with a leading ' when CsvCellIsFormula.
std::string NeutraliseCsvCell(std::string_view cell);

}  // namespace qjy

#endif  // QJY_CORE_CSV_CELL_H_
