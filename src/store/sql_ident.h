// Checks for identifiers that drivers splice into SQL text (CopyIn's table
// and column names): only [A-Za-z_][A-Za-z0-9_]* is accepted, so a name can
// never carry SQL.
#ifndef QJY_STORE_SQL_IDENT_H_
#define QJY_STORE_SQL_IDENT_H_

#include <span>
#include <string>
#include <string_view>

#include "core/error.h"

namespace qjy::store {

bool IsPlainIdentifier(std::string_view name);
Result<void> CheckIdentifiers(std::string_view table, std::span<const std::string> columns);

}  // namespace qjy::store

#endif  // QJY_STORE_SQL_IDENT_H_
