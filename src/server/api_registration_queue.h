// Online registrations waiting for an officer over HTTP (issue #14),
// reached through Api::Services (api_services.cc):
//   GET  /api/services/online-registrations
//        officers: the open online registrations (channel 线上) of their
//        region still without an officer, oldest first, with the person's
//        name and masked ID and the officer accounts that may take each
//        (enabled officers whose region covers the registration's and lies
//        within the caller's)
//   POST /api/services/online-registrations/{registration_id}/assign
//        {"officer": "<username>"}: 指派经办人 — one of those accounts; once
//        (409 when assigned already or closed)
// The rules are services::OnlineDesk's; here: who may call, the JSON, and
// what to audit (the caller writes it). From then on the registration's
// obligations carry the officer's username, so they show in that officer's
// queue (GET /api/services/queue?officer=). Out-of-scope registrations
// answer 404 like missing ones. The services tables are migrated by the caller.
#ifndef QJY_SERVER_API_REGISTRATION_QUEUE_H_
#define QJY_SERVER_API_REGISTRATION_QUEUE_H_

#include <optional>
#include <string>
#include <vector>

#include <spdlog/logger.h>

#include "auth/account.h"
#include "core/regions.h"
#include "core/vault.h"
#include "server/http_message.h"
#include "store/db.h"

namespace qjy::server {

struct OnlineQueueAudit {
  std::string action, target, result, detail;
};

struct OnlineQueueAnswer {
  HttpResponse response;
  std::optional<OnlineQueueAudit> audit;
};

inline bool IsOnlineQueuePath(const std::string& path) {
  return path.starts_with("/api/services/online-registrations");
}

// `params`: the path parameters ({registration_id} for assign).
OnlineQueueAnswer HandleOnlineQueue(const HttpRequest& req, const std::vector<std::string>& params, store::Db& db,
                                    const auth::Account& account, const Vault& vault, const RegionIndex& regions,
                                    spdlog::logger& log);

}  // namespace qjy::server

#endif  // QJY_SERVER_API_REGISTRATION_QUEUE_H_
