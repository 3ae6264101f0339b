#include "policy_services/store_registrations.h"

#include "services/services_store.h"

namespace qjy::policy_services {

std::optional<policy::Registration> ToPolicyRegistration(const services::Registration& r) {
  if (r.kind != services::RegistrationKind::kUnemployed) return std::nullopt;
  policy::Registration p;
  p.person_id = r.person_id;
  p.registered_on = r.registered_on;
  p.ended_on = r.closed_on;
  p.receives_ui_benefit = std::nullopt;  // not recorded: unknown, never false
  return p;
}

Result<void> StoreRegistrations::Ready() {
  if (migrated_) return {};
  if (auto r = services::ServicesStore(db_).Migrate(); !r) return r;
  migrated_ = true;
  return {};
}

Result<void> StoreRegistrations::ForEach(const std::function<void(const policy::Registration&)>& fn) {
  if (auto r = Ready(); !r) return r;
  auto list = services::ServicesStore(db_).ListRegistrations("");
  if (!list) return std::unexpected(list.error());
  for (const auto& r : *list) {
    if (auto p = ToPolicyRegistration(r)) fn(*p);
  }
  return {};
}

Result<void> StoreRegistrations::ForEachOf(std::span<const int64_t> person_ids,
                                           const std::function<void(const policy::Registration&)>& fn) {
  if (auto r = Ready(); !r) return r;
  services::ServicesStore store(db_);
  for (int64_t id : person_ids) {
    auto list = store.RegistrationsOfPerson(id);
    if (!list) return std::unexpected(list.error());
    for (const auto& r : *list) {
      if (auto p = ToPolicyRegistration(r)) fn(*p);
    }
  }
  return {};
}

}  // namespace qjy::policy_services
