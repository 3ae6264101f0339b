#include "store/sqlite_page_pool.h"

#include <sqlite3.h>

#include <cstring>
#include <memory>
#include <mutex>

namespace qjy::store {

PagePoolResult ReserveSqlitePagePool(int64_t bytes, int page_size) {
  static std::once_flag once;
  static PagePoolResult result;
  std::call_once(once, [&] {
    int header = 0;
    if (sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &header) != SQLITE_OK) {
      result.note = "页缓存池未预留：SQLite 已在使用（须在打开任何数据库之前设置）";
      return;
    }
    const int64_t slot = (page_size + header + 7) / 8 * 8;
    const int64_t pages = bytes / slot;
    if (pages <= 0) {
      result.note = "页缓存池未预留：大小为 0";
      return;
    }
    // Lives as long as the process: SQLite keeps using it until exit.
    static std::unique_ptr<char[]> pool;
    pool = std::make_unique<char[]>(static_cast<size_t>(pages * slot));
    if (sqlite3_config(SQLITE_CONFIG_PAGECACHE, pool.get(), static_cast<int>(slot), static_cast<int>(pages)) !=
        SQLITE_OK) {
      pool.reset();
      result.note = "页缓存池未预留：SQLite 已在使用（须在打开任何数据库之前设置）";
      return;
    }
    // Touched once now: resident from the start instead of creeping up.
    std::memset(pool.get(), 0, static_cast<size_t>(pages * slot));
    result.reserved = true;
    result.pages = pages;
    result.slot_bytes = slot;
    result.note = "页缓存池已预留 " + std::to_string(pages * slot / (1024 * 1024)) + " MiB（" +
                  std::to_string(pages) + " 页 × " + std::to_string(slot) + " 字节）";
  });
  return result;
}

PagePoolUse SqlitePagePoolUse() {
  sqlite3_int64 cur = 0, high = 0;
  PagePoolUse u;
  sqlite3_status64(SQLITE_STATUS_PAGECACHE_USED, &cur, &high, 0);
  u.used = cur;
  u.high_water = high;
  sqlite3_status64(SQLITE_STATUS_PAGECACHE_OVERFLOW, &cur, &high, 0);
  u.overflow_bytes = cur;
  return u;
}

}  // namespace qjy::store
