// Exports of the registry in the import layout (same Chinese headers, same
// cell formats), so that an exported file of employers or jobs can be
// edited and imported again. Identity fields (ID number, phone) are always
// masked: the CLI has no reveal permission yet. A masked person or
// contract export therefore does not re-import (its ID numbers are not
// valid); it is for reading.
//
// CSV is UTF-8 with BOM and CRLF (what Excel opens without asking);
// XLSX has one sheet with a bold, frozen header and text-formatted cells.
// Both stream: memory does not grow with the registry.
#ifndef QJY_IMPORTER_EXPORT_H_
#define QJY_IMPORTER_EXPORT_H_

#include <cstdint>
#include <iosfwd>
#include <string>

#include "core/error.h"
#include "importer/entity.h"
#include "store/registry_store.h"

namespace qjy::importer {

// Returns the number of data rows written.
Result<int64_t> ExportCsv(Entity entity, store::RegistryStore& registry, std::ostream& out);
Result<int64_t> ExportXlsx(Entity entity, store::RegistryStore& registry, const std::string& path);

// A blank workbook to fill in: the header row (bold, frozen, text-format
// columns of the right width) and a second sheet "填写说明" describing
// each column (required or not, format, example) in Chinese.
Result<void> WriteTemplate(Entity entity, const std::string& path);

}  // namespace qjy::importer

#endif  // QJY_IMPORTER_EXPORT_H_
