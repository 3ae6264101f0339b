// SQLite's page cache as one fixed pool, reserved when a server starts.
//
// Without it every connection allocates cache pages from the heap as it
// touches them, so a server's memory creeps up for as long as its caches
// are filling (the soak of issue #13 §8 measured the page cache as most of
// the growth once the queue stopped loading whole histories), and freed
// pages leave the allocator fragmented. With it the page cache is a single
// block of `bytes`, touched once at start (so it is resident from the first
// minute, like PostgreSQL's shared_buffers), shared by all connections of
// the process and never returned to the allocator. Connections whose caches
// together ask for more than the pool fall back to the heap, as before.
//
// Process-wide: SQLite accepts the setting only before its first use, so
// this must run before any database is opened. Called later (for example
// in a test process that has opened databases already) it changes nothing
// and says so.
#ifndef QJY_STORE_SQLITE_PAGE_POOL_H_
#define QJY_STORE_SQLITE_PAGE_POOL_H_

#include <cstdint>
#include <string>

namespace qjy::store {

struct PagePoolResult {
  bool reserved = false;
  int64_t pages = 0;      // slots in the pool
  int64_t slot_bytes = 0; // one page of `page_size` plus SQLite's header
  std::string note;       // for the log: what was done, or why not
};

// Reserves a pool of `bytes` for pages of up to `page_size` bytes (SQLite's
// default 4096; a larger page does not fit and uses the heap). At most once
// per process; a second call returns the first call's result.
PagePoolResult ReserveSqlitePagePool(int64_t bytes, int page_size = 4096);

// Pool slots in use now and at most since start (sqlite3_status).
struct PagePoolUse {
  int64_t used = 0;
  int64_t high_water = 0;
  int64_t overflow_bytes = 0;  // page cache allocated from the heap instead
};
PagePoolUse SqlitePagePoolUse();

}  // namespace qjy::store

#endif  // QJY_STORE_SQLITE_PAGE_POOL_H_
