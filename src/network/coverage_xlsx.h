// The coverage report as an XLSX workbook: sheet 职责达标情况 (one row per
// duty: clause, quoted requirement, counts, status) and sheet 缺口明细 (one
// row per place or period missing).
#ifndef QJY_NETWORK_COVERAGE_XLSX_H_
#define QJY_NETWORK_COVERAGE_XLSX_H_

#include <string>

#include "core/error.h"
#include "network/coverage.h"

namespace qjy::network {

Result<void> WriteCoverageXlsx(const CoverageReport& r, const std::string& path);

}  // namespace qjy::network

#endif  // QJY_NETWORK_COVERAGE_XLSX_H_
