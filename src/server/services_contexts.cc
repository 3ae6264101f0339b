#include "server/services_contexts.h"

#include "services/calendar_update.h"
#include "services/services_store.h"

namespace qjy::server {

Result<std::string> ServicesContexts::Stamp(store::Db& db) {
  auto rows = db.Query(
      "SELECT COUNT(*), COALESCE(MAX(loaded_at), ''), "
      "(SELECT COALESCE(MAX(change_id), 0) FROM calendar_deadline_changes) FROM calendar_notices");
  if (!rows) return std::unexpected(rows.error());
  const store::Row& r = rows->at(0);
  return std::to_string(r.Int(0)) + "|" + r.Text(1) + "|" + std::to_string(r.Int(2));
}

Result<std::shared_ptr<const services::ServicesContext>> ServicesContexts::Get(store::Db& db,
                                                                              const std::string& url) {
  std::lock_guard lock(mu_);
  auto it = by_url_.find(url);
  if (it == by_url_.end()) {
    // First use: migrate (creates the notices table) and load.
    auto ctx = services::LoadContextFor(db, shipped_);
    if (!ctx) return std::unexpected(ctx.error());
    auto stamp = Stamp(db);
    if (!stamp) return std::unexpected(stamp.error());
    it = by_url_.emplace(url, Entry{*stamp, std::move(*ctx)}).first;
    return it->second.ctx;
  }
  auto stamp = Stamp(db);
  if (!stamp) return std::unexpected(stamp.error());
  if (*stamp != it->second.stamp) {
    auto ctx = services::LoadContextFor(db, shipped_);
    if (!ctx) return std::unexpected(ctx.error());
    it->second = Entry{*stamp, std::move(*ctx)};
  }
  return it->second.ctx;
}

void ServicesContexts::Put(store::Db& db, const std::string& url,
                           std::unique_ptr<services::ServicesContext> ctx) {
  auto stamp = Stamp(db);
  std::lock_guard lock(mu_);
  by_url_[url] = Entry{stamp ? *stamp : std::string(), std::move(ctx)};
}

}  // namespace qjy::server
