// Writing .xlsx workbooks (libxlsxwriter behind a small C++ face): sheets of
// text cells, a bold frozen header row, column widths, text-formatted
// columns (so Excel keeps 18-digit ID numbers as typed) and, for tests, real
// numbers and dates. Not thread-safe; one writer per file.
#ifndef QJY_IMPORTER_XLSX_WRITER_H_
#define QJY_IMPORTER_XLSX_WRITER_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace qjy::importer {

class XlsxWriter {
 public:
  // `streaming` (libxlsxwriter's constant_memory): rows must be written in
  // increasing order and strings are stored inline; use it for big exports.
  static Result<std::unique_ptr<XlsxWriter>> Create(const std::string& path,
                                                    bool streaming = false);
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // Returns the sheet's index for the calls below.
  int AddSheet(std::string_view name);
  // Call before writing rows when streaming.
  void SetColumn(int sheet, int col, double width, bool text_format = false, bool wrap = false);
  // Row 0 in bold, frozen.
  void WriteHeader(int sheet, std::span<const std::string> cells);
  void WriteRow(int sheet, int64_t row, std::span<const std::string> cells);
  void WriteString(int sheet, int64_t row, int col, std::string_view text);
  void WriteNumber(int sheet, int64_t row, int col, double value);
  void WriteDate(int sheet, int64_t row, int col, Date date);  // serial number, yyyy-mm-dd

  // Writes the file. Must be called for the file to exist.
  Result<void> Close();

 private:
  XlsxWriter() = default;
  lxw_workbook* book_ = nullptr;
  std::vector<lxw_worksheet*> sheets_;
  lxw_format* bold_ = nullptr;
  lxw_format* text_ = nullptr;
  lxw_format* wrap_ = nullptr;
  lxw_format* date_ = nullptr;
  std::string path_;
};

}  // namespace qjy::importer

#endif  // QJY_IMPORTER_XLSX_WRITER_H_
