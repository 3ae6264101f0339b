// The services context (holiday calendar with the notices officials
// loaded, service packages, parameters) of each database the server talks
// to: the shipped one (loaded at start) with the notices stored in that
// database. Loaded on first use, and loaded again when the notices stored in the
// database change, whoever changed them (the web, or `qjy calendar load`
// while the server runs): every request compares a cheap version stamp.
// Thread-safe; contexts are immutable and shared.
#ifndef QJY_SERVER_SERVICES_CONTEXTS_H_
#define QJY_SERVER_SERVICES_CONTEXTS_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "core/error.h"
#include "services/context.h"
#include "store/db.h"

namespace qjy::server {

class ServicesContexts {
 public:
  // `shipped`: the calendar, packages and parameters loaded at start
  // (api_context.h); outlives this.
  explicit ServicesContexts(const services::ServicesContext& shipped) : shipped_(shipped) {}

  // The current context for the database at `url`, reached through `db`.
  Result<std::shared_ptr<const services::ServicesContext>> Get(store::Db& db, const std::string& url);
  // Installs a context just built for `url` (after a load through the API).
  void Put(store::Db& db, const std::string& url, std::unique_ptr<services::ServicesContext> ctx);

 private:
  struct Entry {
    std::string stamp;
    std::shared_ptr<const services::ServicesContext> ctx;
  };
  static Result<std::string> Stamp(store::Db& db);

  const services::ServicesContext& shipped_;
  std::mutex mu_;
  std::map<std::string, Entry> by_url_;  // guarded by mu_
};

}  // namespace qjy::server

#endif  // QJY_SERVER_SERVICES_CONTEXTS_H_
