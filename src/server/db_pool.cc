#include "server/db_pool.h"

namespace qjy::server {

DbPool::Lease::~Lease() {
  if (pool_ && db_) pool_->Release(std::move(db_));
}

Result<std::unique_ptr<DbPool>> DbPool::Open(const std::string& url, int size,
                                             int64_t cache_budget_kib) {
  std::unique_ptr<DbPool> pool(new DbPool());
  pool->url_ = url;
  size = std::max(size, 1);
  for (int i = 0; i < size; ++i) {
    auto db = store::OpenDb(url);
    if (!db) return std::unexpected(db.error());
    if (cache_budget_kib > 0 && (*db)->dialect() == store::Dialect::kSqlite) {
      const int64_t share = std::max<int64_t>(cache_budget_kib / size, 1024);
      // A negative cache_size is in KiB.
      if (auto r = (*db)->ExecScript("PRAGMA cache_size=-" + std::to_string(share) + ";"); !r) {
        return std::unexpected(r.error());
      }
    }
    pool->free_.push_back(std::move(*db));
  }
  return pool;
}

DbPool::Lease DbPool::Acquire() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return !free_.empty(); });
  auto db = std::move(free_.back());
  free_.pop_back();
  return Lease(this, std::move(db));
}

void DbPool::Release(std::unique_ptr<store::Db> db) {
  {
    std::lock_guard lock(mu_);
    free_.push_back(std::move(db));
  }
  cv_.notify_one();
}

}  // namespace qjy::server
