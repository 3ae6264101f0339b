#include "auth/demo_marker.h"

#include "auth/account.h"
#include "auth/auth_schema.h"
#include "auth/password.h"

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

Result<std::vector<std::string>> DemoPasswordAccounts(store::Db& db) {
  std::vector<std::string> out;
  auto demo = IsDemoDatabase(db);
  if (!demo) return std::unexpected(demo.error());
  if (*demo) return out;
  auto accounts = AccountStore(db).List();
  if (!accounts) return std::unexpected(accounts.error());
  constexpr size_t kCheckAllUpTo = 64;
  const bool all = accounts->size() <= kCheckAllUpTo;
  for (const auto& a : *accounts) {
    if (a.disabled || !(all || a.demo)) continue;
    if (VerifyPassword(a.password_hash, kDemoPassword)) out.push_back(a.username);
  }
  return out;
}

}  // namespace qjy::auth
