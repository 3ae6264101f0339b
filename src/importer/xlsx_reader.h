// Reading the cell values of an .xlsx workbook (libzip + pugixml) as text,
// the way the officer sees them: shared and inline strings, numbers in
// their shortest exact form ("13800001234", "1234.56"), cells formatted as
// dates (serial numbers) as ISO dates "2022-05-01", booleans as "1"/"0".
// Cell references may skip columns and rows; gaps read as empty cells.
#ifndef QJY_IMPORTER_XLSX_READER_H_
#define QJY_IMPORTER_XLSX_READER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace qjy::importer {

struct SheetRow {
  int64_t row = 0;                 // 1-based, as Excel numbers rows
  std::vector<std::string> cells;  // column A first; trailing empty cells dropped
};

class XlsxReader {
 public:
  // Fails with a Chinese message when the file is not a readable workbook.
  static Result<std::unique_ptr<XlsxReader>> Open(const std::string& path);
  ~XlsxReader();

  const std::vector<std::string>& sheet_names() const { return sheet_names_; }
  // Rows holding at least one cell, in order.
  Result<std::vector<SheetRow>> ReadSheet(size_t index);
  Result<std::vector<SheetRow>> ReadSheet(std::string_view name);

 private:
  struct Impl;
  explicit XlsxReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::vector<std::string> sheet_names_;
};

// Excel serial day number (1900 date system) to "YYYY-MM-DD"; empty when
// out of range.
std::string ExcelSerialToIsoDate(double serial);
// "C12" → {12, 2} (row, 0-based column); {0,-1} when malformed.
std::pair<int64_t, int> ParseCellRef(std::string_view ref);

}  // namespace qjy::importer

#endif  // QJY_IMPORTER_XLSX_READER_H_
