#include "server/services_contexts.h"

#include "services/calendar_update.h"
#include "services/services_store.h"

namespace qjy::server {

Result<std::string> ServicesContexts::Stamp(store::Db& db) { return services::CalendarNoticesStamp(db); }

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
