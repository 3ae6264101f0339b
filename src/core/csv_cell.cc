#include "core/csv_cell.h"

namespace qjy {
namespace {

// "-5", "+3", "-12.50", "5": an optional sign, digits, an optional
// fraction. Nothing else.
bool PlainNumber(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (digits == 0) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t frac = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++frac;
    if (frac == 0) return false;
  }
  return i == s.size();
}

}  // namespace

bool CsvCellIsFormula(std::string_view cell) {
  if (cell.empty()) return false;
  switch (cell.front()) {
    case '=':
    case '@':
    case '\t':
    case '\r':
      return true;
    case '+':
    case '-':
      return !PlainNumber(cell);
    default:
      return false;
  }
}

std::string NeutraliseCsvCell(std::string_view cell) {
  if (!CsvCellIsFormula(cell)) return std::string(cell);
  std::string out = "'";
  out.append(cell);
  return out;
}

}  // namespace qjy
