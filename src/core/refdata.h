// Where the shipped reference data lives (regions.csv, holidays.csv,
// holiday_years.txt; see tools/refdata.mjs) and how to read its files.
#ifndef QJY_CORE_REFDATA_H_
#define QJY_CORE_REFDATA_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace qjy {

// The reference-data directory: environment variable QJY_REFDATA when set
// and non-empty, else ShippedRoot()/refdata of an installed or $QJY_HOME
// layout, else the build's refdata folder (core/install_paths.h). No trailing slash is added or removed.
std::string RefdataDir();

// Reads a whole file. kIo with a Chinese message naming the file when it
// cannot be opened or read.
Result<std::string> ReadWholeFile(const std::string& path);

// Splits one CSV record (RFC 4180 quoting: "a,b" and "" for a quote) into
// its fields. A trailing '\r' is dropped. The record must not span lines,
// which holds for every refdata file.
std::vector<std::string> SplitCsvLine(std::string_view line);

}  // namespace qjy

#endif  // QJY_CORE_REFDATA_H_
