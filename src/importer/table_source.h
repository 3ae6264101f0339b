// One officer file as a header plus data rows, whatever its format: CSV
// (any encoding text_encoding.h detects) or XLSX (the first sheet). Blank
// rows are skipped; row numbers are the ones the officer sees (CSV: record
// number, header = 1; XLSX: Excel's row number).
//
// Structural problems of a single row (over-long CSV record, a quote never
// closed, undecodable bytes in a mixed-encoding CSV) come back as the
// record's `problem`, with the offending column when known; they never
// stop the reading. Problems of the whole file (missing, empty, binary,
// not a workbook, no header) are errors from Open().
#ifndef QJY_IMPORTER_TABLE_SOURCE_H_
#define QJY_IMPORTER_TABLE_SOURCE_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/error.h"
#include "importer/csv_reader.h"
#include "importer/text_encoding.h"
#include "importer/xlsx_reader.h"

namespace qjy::importer {

enum class FileFormat { kCsv, kXlsx };

// By extension (.xlsx / .xlsm → XLSX, anything else CSV).
FileFormat FormatOfPath(std::string_view path);

struct SourceRecord {
  int64_t row = 0;
  std::span<const std::string> cells;
  std::string problem;        // Chinese; empty when the row is readable
  int problem_column = -1;    // 0-based, -1 when the problem is the whole row
};

class TableSource {
 public:
  static Result<std::unique_ptr<TableSource>> Open(
      const std::string& path, size_t max_record_bytes = CsvReader::kDefaultMaxRecordBytes);

  FileFormat format() const { return format_; }
  const std::vector<std::string>& header() const { return header_; }  // trimmed
  std::string_view encoding() const { return encoding_; }  // "utf-8", "gb18030", "xlsx"…

  // The next non-blank data row; false at the end.
  bool Next(SourceRecord& rec);

 private:
  TableSource() = default;
  FileFormat format_ = FileFormat::kCsv;
  std::string encoding_;
  std::vector<std::string> header_;
  bool mixed_ = false;
  size_t max_record_bytes_ = CsvReader::kDefaultMaxRecordBytes;
  // CSV
  std::string text_;
  std::unique_ptr<CsvReader> csv_;
  CsvRecord csv_rec_;
  // XLSX
  std::vector<SheetRow> sheet_;
  size_t next_ = 0;
};

}  // namespace qjy::importer

#endif  // QJY_IMPORTER_TABLE_SOURCE_H_
