// RFC 4180 CSV records from UTF-8 text held in memory: comma separated,
// fields optionally in double quotes that may contain commas, line breaks
// and doubled quotes; CRLF, LF or CR line ends. Lenient where Excel is
// (a stray quote inside an unquoted field is kept as a character).
//
// Row numbers count records as a spreadsheet shows them: the first record
// (the header) is row 1, blank lines count as (blank) rows.
//
// A record longer than `max_record_bytes` is not returned cell by cell: it
// comes back with `too_long` set and no cells, and reading goes on with the
// next record. A quote left open at the end of the text sets
// `unterminated_quote` on the last record.
#ifndef QJY_IMPORTER_CSV_READER_H_
#define QJY_IMPORTER_CSV_READER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qjy::importer {

struct CsvRecord {
  int64_t row = 0;
  std::vector<std::string> cells;  // storage reused between records
  size_t cell_count = 0;           // cells[0, cell_count) are this record's
  bool too_long = false;
  bool unterminated_quote = false;
  bool blank() const { return cell_count == 0 || (cell_count == 1 && cells[0].empty()); }
};

class CsvReader {
 public:
  static constexpr size_t kDefaultMaxRecordBytes = 1 << 20;  // 1 MB

  explicit CsvReader(std::string_view text, size_t max_record_bytes = kDefaultMaxRecordBytes)
      : text_(text), max_record_bytes_(max_record_bytes) {}

  // Reads the next record; false at the end of the text.
  bool Next(CsvRecord& rec);

 private:
  std::string_view text_;
  size_t pos_ = 0;
  int64_t row_ = 0;
  size_t max_record_bytes_;
};

// Appends `value` to `out` as one CSV field (quoted when it holds a comma,
// quote, CR or LF, or starts with a blank). A cell a spreadsheet would run
// as a formula is prefixed with ' (core/csv_cell.h): every CSV we write
// goes through here.
void AppendCsvField(std::string& out, std::string_view value);

}  // namespace qjy::importer

#endif  // QJY_IMPORTER_CSV_READER_H_
