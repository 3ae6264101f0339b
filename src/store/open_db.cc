#include "store/db.h"
#include "store/pg_db.h"
#include "store/sqlite_db.h"

namespace qjy::store {

Result<std::unique_ptr<Db>> OpenDb(std::string_view url) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return OpenPostgres(url);
  }
  if (url.empty()) return Fail(ErrorCode::kInvalidArgument, "未指定数据库");
  return OpenSqlite(url);
}

}  // namespace qjy::store
