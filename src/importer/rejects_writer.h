// The rejects file of an import: the rows that were not stored, with their
// original header and cells plus a 错误原因 column, in the input's format
// (CSV as UTF-8 with BOM so Excel opens it, or XLSX), ready to be corrected
// and imported again.
#ifndef QJY_IMPORTER_REJECTS_WRITER_H_
#define QJY_IMPORTER_REJECTS_WRITER_H_

#include <span>
#include <string>
#include <vector>

#include "core/error.h"
#include "importer/table_source.h"

namespace qjy::importer {

struct RejectedRow {
  int64_t row = 0;
  std::vector<std::string> cells;  // original, without any earlier 错误原因 cell
  std::string reason;
};

// Rows are written in row order. Overwrites `path` whole or not at all
// (a temporary file, mode 0600, renamed over it); a full disk is an error
// that store::IsNoSpace recognises, naming the file.
Result<void> WriteRejects(const std::string& path, FileFormat format,
                          std::span<const std::string> header, std::vector<RejectedRow>& rows);

// A CSV file as Excel expects it: UTF-8 BOM, CRLF line ends.
Result<void> WriteCsvFile(const std::string& path, std::span<const std::string> header,
                          std::span<const std::vector<std::string>> rows);

}  // namespace qjy::importer

#endif  // QJY_IMPORTER_REJECTS_WRITER_H_
