// One officer file as a header plus data rows, whatever its format: CSV
// (any encoding text_encoding.h detects) or XLSX (the first sheet). Blank
// rows are skipped; row numbers are the ones the officer sees (CSV: record
// number, header = 1; XLSX: Excel's row number).
//
// Officers' sheets (Excel, WPS) often carry title rows above the header
// ("七星关区劳动力台账（2025年6月）", merged across) and a notes/signature
// block below the table. Open() therefore takes the header to be the row,
// among the first kHeaderSearchRows non-blank ones, that holds the most of
// the `known_columns` (the first non-blank row when none holds any); the
// rows above it are skipped as titles. After SetTailRule(), a trailing
// block of note rows is dropped (see SetTailRule).
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

// Text that starts like a note or signature line below a table: 填表人、
// 制表人、审核人、负责人、备注、说明、注：、签字、盖章、填表日期、合计、总计…
// (after trimming blanks).
bool IsNoteText(std::string_view cell);

struct SourceRecord {
  int64_t row = 0;
  std::span<const std::string> cells;
  std::string problem;        // Chinese; empty when the row is readable
  int problem_column = -1;    // 0-based, -1 when the problem is the whole row
};

class TableSource {
 public:
  static constexpr int kHeaderSearchRows = 10;

  static Result<std::unique_ptr<TableSource>> Open(
      const std::string& path, size_t max_record_bytes = CsvReader::kDefaultMaxRecordBytes,
      std::span<const std::string_view> known_columns = {});

  FileFormat format() const { return format_; }
  const std::vector<std::string>& header() const { return header_; }  // trimmed
  std::string_view encoding() const { return encoding_; }  // "utf-8", "gb18030", "xlsx"…

  int64_t header_row() const { return header_row_; }  // as the officer numbers rows
  int64_t title_rows() const { return title_rows_; }  // non-blank rows above the header

  // The tail rule. A row is note-like when all of `required` (0-based
  // columns) are empty, or when its first non-empty cell begins like a note
  // or signature (IsNoteText: 填表人、审核人、备注、说明、注：、合计…). Note-like
  // rows are held back; if only note-like (or blank) rows follow them to
  // the end, they are the table's tail and are not returned (counted in
  // tail_rows()); if a data row follows, they are returned in order after
  // all, as ordinary rows. Costs one check of a few cells per row; rows are
  // copied only while held.
  void SetTailRule(std::vector<int> required);
  int64_t tail_rows() const { return tail_rows_; }
  int64_t first_tail_row() const { return first_tail_row_; }  // 0 when none

  // The next non-blank data row; false at the end. `rec.cells` stays valid
  // until the next call.
  bool Next(SourceRecord& rec);

 private:
  struct HeldRow {
    int64_t row = 0;
    std::vector<std::string> cells;
    std::string problem;
    int problem_column = -1;
  };
  TableSource() = default;
  bool NextRaw(SourceRecord& rec);  // the next non-blank row, no tail rule
  bool NoteLike(std::span<const std::string> cells) const;
  static HeldRow Hold(const SourceRecord& rec);
  void Serve(const HeldRow& h, SourceRecord& rec) const;

  FileFormat format_ = FileFormat::kCsv;
  int64_t header_row_ = 0, title_rows_ = 0;
  bool tail_rule_ = false;
  std::vector<int> required_;
  std::vector<HeldRow> held_;     // note-like rows not yet known to be the tail
  std::vector<HeldRow> release_;  // held rows (and the data row after them) to return
  size_t release_next_ = 0;
  int64_t tail_rows_ = 0, first_tail_row_ = 0;
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
