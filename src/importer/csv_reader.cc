#include "importer/csv_reader.h"

#include <cstring>

#include "core/csv_cell.h"

namespace qjy::importer {

bool CsvReader::Next(CsvRecord& rec) {
  if (pos_ >= text_.size()) return false;
  rec.row = ++row_;
  rec.cell_count = 0;
  rec.too_long = false;
  rec.unterminated_quote = false;
  const size_t start = pos_;
  const char* p = text_.data() + pos_;
  const char* const end = text_.data() + text_.size();

  auto new_cell = [&rec]() -> std::string& {
    if (rec.cell_count == rec.cells.size()) rec.cells.emplace_back();
    std::string& c = rec.cells[rec.cell_count++];
    c.clear();
    return c;
  };

  std::string* cell = &new_cell();
  bool record_done = false;
  while (!record_done) {
    if (p >= end) break;
    if (*p == '"' && cell->empty()) {
      // Quoted field.
      ++p;
      for (;;) {
        const char* q = static_cast<const char*>(std::memchr(p, '"', end - p));
        if (q == nullptr) {
          if (!rec.too_long) cell->append(p, end);
          p = end;
          rec.unterminated_quote = true;
          break;
        }
        if (!rec.too_long) cell->append(p, q);
        p = q + 1;
        if (p < end && *p == '"') {  // doubled quote
          if (!rec.too_long) cell->push_back('"');
          ++p;
          continue;
        }
        break;
      }
      if (static_cast<size_t>(p - (text_.data() + start)) > max_record_bytes_) {
        rec.too_long = true;
        cell->clear();
      }
      continue;  // what follows the closing quote is handled below
    }
    // Unquoted run up to the next separator or line end.
    const char* q = p;
    while (q < end && *q != ',' && *q != '\n' && *q != '\r') ++q;
    if (!rec.too_long) cell->append(p, q);
    p = q;
    if (static_cast<size_t>(p - (text_.data() + start)) > max_record_bytes_ && !rec.too_long) {
      rec.too_long = true;
      cell->clear();
    }
    if (p >= end) break;
    if (*p == ',') {
      ++p;
      cell = rec.too_long ? cell : &new_cell();
      continue;
    }
    // Line end.
    if (*p == '\r') {
      ++p;
      if (p < end && *p == '\n') ++p;
    } else {
      ++p;
    }
    record_done = true;
  }
  pos_ = static_cast<size_t>(p - text_.data());
  if (rec.too_long) rec.cell_count = 0;
  return true;
}

void AppendCsvField(std::string& out, std::string_view value) {
  // A cell a spreadsheet would run as a formula gets a leading ' (CSV
  // injection, core/csv_cell.h); checked without allocating.
  const bool formula = CsvCellIsFormula(value);
  bool quote = value.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!value.empty() && (value.front() == ' ' || value.front() == '\t'));
  if (!quote) {
    if (formula) out.push_back('\'');
    out.append(value);
    return;
  }
  out.push_back('"');
  if (formula) out.push_back('\'');
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace qjy::importer
