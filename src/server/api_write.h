// Api::RecordForWrite: the preamble every write to one record named by the
// path shares (parse the id, officer only, find the record, region scope,
// audit the denial). Include where a handler instantiates it.
#ifndef QJY_SERVER_API_WRITE_H_
#define QJY_SERVER_API_WRITE_H_

#include <cstdint>
#include <optional>
#include <string>

#include "server/access.h"
#include "server/api.h"
#include "server/api_internal.h"

namespace qjy::server {

// A record id written in a path or query: a positive decimal number, else
// nullopt.
std::optional<int64_t> PathId(const std::string& param);

// A reviewer's note from `body` (approving or rejecting a held ad or gig
// post): at most 1,000 bytes, required to reject, ID numbers scrubbed.
// nullopt with `out` a 400 otherwise.
std::optional<std::string> ReviewNote(const nlohmann::json& body, bool approve, HttpResponse& out);

// The record a path parameter names, read with `find(id)` (returning
// Result<std::optional<R>>). Empty, with `out` set, when the id is malformed
// or unknown (404 `missing`) or the store fails (500).
template <class R, class Find>
std::optional<R> PathRecord(const std::string& param, const char* missing, Find&& find, spdlog::logger& log,
                            HttpResponse& out) {
  const auto id = PathId(param);
  if (!id) {
    out = NotFound(missing);
    return std::nullopt;
  }
  auto found = find(*id);
  if (!found) {
    out = StoreError(found.error(), log);
    return std::nullopt;
  }
  if (!*found) {
    out = NotFound(missing);
    return std::nullopt;
  }
  return R(std::move(**found));
}

template <class R, class Find, class InScope>
std::optional<R> Api::RecordForWrite(Call& c, const WriteTarget& t, Find&& find, InScope&& in_scope,
                                     HttpResponse& out) {
  const auto id = PathId(c.params.at(0));
  if (!id) {
    out = NotFound(t.missing);
    return std::nullopt;
  }
  const auth::Account& a = c.account();
  if (!IsOfficer(a)) {
    Audit(c, t.action, t.Target(c), "denied");
    out = Forbidden();
    return std::nullopt;
  }
  auto found = find(*id);
  if (!found) {
    out = StoreError(found.error(), *log_);
    return std::nullopt;
  }
  if (!*found) {
    out = NotFound(t.missing);
    return std::nullopt;
  }
  if (!in_scope(a, **found)) {
    Audit(c, t.action, t.Target(c), "denied");
    out = Forbidden();
    return std::nullopt;
  }
  return R(std::move(**found));
}

}  // namespace qjy::server

#endif  // QJY_SERVER_API_WRITE_H_
