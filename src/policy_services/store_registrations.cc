#include "policy_services/store_registrations.h"

#include <algorithm>
#include <climits>

#include "registry/contribution.h"
#include "services/services_store.h"

namespace qjy::policy_services {

std::optional<policy::Registration> ToPolicyRegistration(const services::Registration& r) {
  if (r.kind != services::RegistrationKind::kUnemployed) return std::nullopt;
  policy::Registration p;
  p.person_id = r.person_id;
  p.registered_on = r.registered_on;
  p.ended_on = r.closed_on;
  p.receives_ui_benefit = std::nullopt;  // see ApplyBenefitFacts
  return p;
}

void ApplyBenefitFacts(policy::Registration& p, const std::string& county, const benefits::BenefitFacts& facts) {
  auto spans = facts.SpansOf(p.person_id, county);
  p.ui_benefit_months.clear();
  if (!spans) {
    p.receives_ui_benefit = std::nullopt;
    return;
  }
  const int32_t from = registry::MonthOf(p.registered_on);
  const int32_t through = p.ended_on ? registry::MonthOf(*p.ended_on) : INT32_MAX;
  for (const auto& s : *spans) {
    if (s.through >= from && s.from <= through) p.ui_benefit_months.push_back({s.from, s.through});
  }
  p.receives_ui_benefit = !p.ui_benefit_months.empty();
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
  if (list->empty()) return {};
  auto facts = benefits::BenefitFacts::Load(db_, {});
  if (!facts) return std::unexpected(facts.error());
  for (const auto& r : *list) {
    if (auto p = ToPolicyRegistration(r)) {
      ApplyBenefitFacts(*p, r.county_code, *facts);
      fn(*p);
    }
  }
  return {};
}

Result<void> StoreRegistrations::ForEachOf(std::span<const int64_t> person_ids,
                                           const std::function<void(const policy::Registration&)>& fn) {
  if (auto r = Ready(); !r) return r;
  services::ServicesStore store(db_);
  if (person_ids.empty()) return {};
  auto facts = benefits::BenefitFacts::Load(db_, person_ids);
  if (!facts) return std::unexpected(facts.error());
  for (int64_t id : person_ids) {
    auto list = store.RegistrationsOfPerson(id);
    if (!list) return std::unexpected(list.error());
    for (const auto& r : *list) {
      if (auto p = ToPolicyRegistration(r)) {
        ApplyBenefitFacts(*p, r.county_code, *facts);
        fn(*p);
      }
    }
  }
  return {};
}

Result<void> StoreRegistrations::ForEachOfMany(std::span<const int64_t> person_ids,
                                               const std::function<void(const policy::Registration&)>& fn) {
  if (auto r = Ready(); !r) return r;
  if (person_ids.empty()) return {};
  services::ServicesStore store(db_);
  auto facts = benefits::BenefitFacts::Load(db_, person_ids);
  if (!facts) return std::unexpected(facts.error());
  constexpr size_t kChunk = 500;
  for (size_t i = 0; i < person_ids.size(); i += kChunk) {
    auto list = store.RegistrationsOfPersons(person_ids.subspan(i, std::min(kChunk, person_ids.size() - i)));
    if (!list) return std::unexpected(list.error());
    for (const auto& r : *list) {
      if (auto p = ToPolicyRegistration(r)) {
        ApplyBenefitFacts(*p, r.county_code, *facts);
        fn(*p);
      }
    }
  }
  return {};
}

}  // namespace qjy::policy_services
