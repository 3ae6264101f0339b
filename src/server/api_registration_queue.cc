#include "server/api_registration_queue.h"

#include <algorithm>

#include "auth/account.h"
#include "core/mask.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "services/online_desk.h"
#include "services/services_store.h"
#include "store/registry_store.h"

namespace qjy::server {
namespace {

using nlohmann::json;

constexpr int kQueueLimit = 200;

std::string ApiRegistrationQueueNameOf(const RegionIndex& regions, const std::string& code) {
  const Region* r = regions.Find(code);
  return r ? r->name : code;
}

// Officer accounts that may take a registration of `region` for a caller
// whose scope is `scope`.
bool MayTake(const auth::Account& acc, std::string_view scope, std::string_view region) {
  return acc.role == auth::Role::kOfficer && !acc.disabled && RegionCovers(acc.region_code, region) &&
         RegionCovers(scope, acc.region_code);
}

}  // namespace

OnlineQueueAnswer HandleOnlineQueue(const HttpRequest& req, const std::vector<std::string>& params, store::Db& db,
                                    const auth::Account& a, const Vault& vault, const RegionIndex& regions,
                                    spdlog::logger& log) {
  if (a.role != auth::Role::kOfficer) {
    return {Forbidden(), OnlineQueueAudit{"services.online_queue", "services", "denied", ""}};
  }
  services::OnlineDesk desk(db);
  auth::AccountStore accounts(db);
  const std::string scope = a.region_code;

  if (req.method == "POST") {
    const std::string target = "registration:" + params.at(0);
    int64_t id = 0;
    try {
      id = std::stoll(params.at(0));
    } catch (const std::exception&) {
      return {NotFound("没有该失业登记"), std::nullopt};
    }
    HttpResponse error;
    auto body = ParseJsonObject(req, error);
    if (!body) return {error, std::nullopt};
    auto it = body->find("officer");
    const std::string username = it != body->end() && it->is_string() ? it->get<std::string>() : std::string();
    if (username.empty()) return {BadRequest("经办人：须选择经办人账号"), std::nullopt};
    auto reg = services::ServicesStore(db).GetRegistration(id);
    if (!reg) return {StoreError(reg.error(), log), std::nullopt};
    if (!*reg || !RegionCovers(scope, (*reg)->region_code)) {
      return {NotFound("没有该失业登记"), OnlineQueueAudit{"services.assign", target, "denied", ""}};
    }
    auto acc = accounts.FindByUsername(username);
    if (!acc) return {StoreError(acc.error(), log), std::nullopt};
    if (!*acc || !MayTake(**acc, scope, (*reg)->region_code)) {
      return {BadRequest("经办人：" + username + " 不是负责该登记地（" + ApiRegistrationQueueNameOf(regions, (*reg)->region_code) +
                         "）的在用经办人账号"),
              OnlineQueueAudit{"services.assign", target, "rejected", "officer:" + username}};
    }
    auto done = desk.Assign(id, username);
    if (!done) {
      OnlineQueueAudit audit{"services.assign", target, "rejected", done.error().message};
      switch (done.error().code) {
        case ErrorCode::kConflict: return {HttpResponse::Error(409, "conflict", done.error().message), audit};
        case ErrorCode::kNotFound: return {NotFound("没有该失业登记"), audit};
        case ErrorCode::kInvalidArgument: return {BadRequest(done.error().message), audit};
        default: return {StoreError(done.error(), log), std::nullopt};
      }
    }
    return {JsonOk({{"registration_id", id},
                    {"officer", username},
                    {"officer_name", (*acc)->display_name.empty() ? username : (*acc)->display_name}}),
            OnlineQueueAudit{"services.assign", target, "ok",
                             "officer:" + username + ",person:" + std::to_string((*reg)->person_id)}};
  }

  auto waiting = desk.Waiting(scope, kQueueLimit);
  if (!waiting) return {StoreError(waiting.error(), log), std::nullopt};
  auto all = accounts.List();
  if (!all) return {StoreError(all.error(), log), std::nullopt};
  std::vector<const auth::Account*> officers;
  for (const auto& acc : *all) {
    if (acc.role == auth::Role::kOfficer && !acc.disabled && RegionCovers(scope, acc.region_code)) {
      officers.push_back(&acc);
    }
  }
  std::sort(officers.begin(), officers.end(), [](const auth::Account* x, const auth::Account* y) {
    return std::pair(x->region_code.size(), x->username) > std::pair(y->region_code.size(), y->username);
  });  // the most local officers first
  store::RegistryStore registry(db, vault);
  json items = json::array();
  for (const auto& r : *waiting) {
    auto p = registry.GetPerson(r.person_id);
    if (!p) return {StoreError(p.error(), log), std::nullopt};
    json can = json::array();
    for (const auth::Account* acc : officers) {
      if (!MayTake(*acc, scope, r.region_code)) continue;
      can.push_back({{"username", acc->username},
                     {"display_name", acc->display_name.empty() ? acc->username : acc->display_name},
                     {"region_name", ApiRegistrationQueueNameOf(regions, acc->region_code)}});
    }
    items.push_back({{"registration_id", r.registration_id},
                     {"person_id", r.person_id},
                     {"person_name", *p ? (*p)->name : std::string()},
                     {"id_number", *p ? MaskIdNumber((*p)->id_number) : std::string()},
                     {"registered_on", r.registered_on.ToString()},
                     {"region_code", r.region_code},
                     {"region_name", ApiRegistrationQueueNameOf(regions, r.region_code)},
                     {"channel_label", "线上"},
                     {"officers", std::move(can)}});
  }
  const size_t n = items.size();
  return {JsonOk({{"items", std::move(items)}, {"limit", kQueueLimit}}),
          OnlineQueueAudit{"services.online_queue", "region:" + scope, "ok", std::to_string(n) + " items"}};
}

}  // namespace qjy::server
