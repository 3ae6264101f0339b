// `qjy serve --config FILE`: a YAML file with any of
//   host: 127.0.0.1      port: 8080       threads: 2
//   web_root: web        work_dir: var/uploads
//   tls_cert: cert.pem   tls_key: key.pem
//   log_level: info      (trace, debug, info, warn, error)
//   import_per_account: 2   import_total: 4   (imports running at once; 429 beyond)
//   sqlite_cache_mb: 32  (SQLite page cache of all server connections together,
//                         reserved at start as one pool; the rest is read
//                         through the OS page cache)
// Command-line flags override the file. Unknown keys are an error (a typo
// should stop the server at start-up, not be ignored).
#ifndef QJY_SERVER_SERVER_CONFIG_H_
#define QJY_SERVER_SERVER_CONFIG_H_

#include <cstdint>
#include <string>

#include "core/error.h"

namespace qjy::server {

struct ServeConfig {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  int threads = 0;
  std::string web_root;   // default: <source>/web
  std::string work_dir;   // default: <db>.uploads
  std::string tls_cert;
  std::string tls_key;
  std::string log_level = "info";
  int import_per_account = 2;
  int import_total = 4;
  // The SQLite page cache of the server's connection pool, all connections
  // together: the server's memory stays bounded however large the database
  // (a 64 MB cache per connection let a 10-minute soak grow ~1 MB a minute).
  int sqlite_cache_mb = 32;
};

// Overlays the keys present in the file onto `config`.
Result<void> LoadServeConfig(const std::string& path, ServeConfig& config);

}  // namespace qjy::server

#endif  // QJY_SERVER_SERVER_CONFIG_H_
