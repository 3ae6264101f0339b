#include "auth/demo_marker.h"

#include "auth/auth_schema.h"

namespace qjy::auth {

Result<void> MarkDemoDatabase(store::Db& db, std::string_view by_command, int64_t now) {
  if (auto m = MigrateAuth(db); !m) return m;
  auto is = IsDemoDatabase(db);
  if (!is) return std::unexpected(is.error());
  if (*is) return {};
  const store::Value params[] = {now, std::string(by_command)};
  auto r = db.Exec("INSERT INTO demo_marker (marked_at, by_command) VALUES (?, ?)", params);
  if (!r) return std::unexpected(r.error());
  return {};
}

Result<bool> IsDemoDatabase(store::Db& db) {
  auto rows = db.Query("SELECT COUNT(*) FROM demo_marker");
  if (!rows) return std::unexpected(rows.error());
  return !rows->empty() && rows->front().Int(0) > 0;
}

}  // namespace qjy::auth
