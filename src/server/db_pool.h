// A fixed set of database connections shared by the server's worker
// threads. A Db is not thread-safe, so each request leases one connection
// for its duration; with as many connections as workers a lease never
// waits. SQLite in WAL mode lets the readers run concurrently.
//
// Thread-safety: Acquire() may be called from any thread.
#ifndef QJY_SERVER_DB_POOL_H_
#define QJY_SERVER_DB_POOL_H_

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/error.h"
#include "store/db.h"

namespace qjy::server {

class DbPool {
 public:
  class Lease {
   public:
    Lease(DbPool* pool, std::unique_ptr<store::Db> db) : pool_(pool), db_(std::move(db)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    store::Db& operator*() const { return *db_; }
    store::Db* operator->() const { return db_.get(); }

   private:
    DbPool* pool_;
    std::unique_ptr<store::Db> db_;
  };

  // Opens `size` connections to `url`. For SQLite, `cache_budget_kib` > 0
  // bounds the page cache of all connections together (each gets its share,
  // at least 1 MiB); 0 keeps store::OpenDb's per-connection default.
  static Result<std::unique_ptr<DbPool>> Open(const std::string& url, int size,
                                              int64_t cache_budget_kib = 0);

  // Blocks while every connection is leased.
  Lease Acquire();
  const std::string& url() const { return url_; }

 private:
  DbPool() = default;
  void Release(std::unique_ptr<store::Db> db);

  std::string url_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<store::Db>> free_;  // GUARDED_BY(mu_)
};

}  // namespace qjy::server

#endif  // QJY_SERVER_DB_POOL_H_
