#include "server/db_pool.h"

namespace qjy::server {

DbPool::Lease::~Lease() {
  if (pool_ && db_) pool_->Release(std::move(db_));
}

Result<std::unique_ptr<DbPool>> DbPool::Open(const std::string& url, int size) {
  std::unique_ptr<DbPool> pool(new DbPool());
  pool->url_ = url;
  for (int i = 0; i < std::max(size, 1); ++i) {
    auto db = store::OpenDb(url);
    if (!db) return std::unexpected(db.error());
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
