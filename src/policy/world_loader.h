// Builds a World from the registry store (persons, employers, contracts,
// full-employment communities) and a RegistrationSource. Internships,
// start-ups and placements are not in the registry yet: a World loaded
// from the store has none, and R11–R13/R18 find nothing to pay.
#ifndef QJY_POLICY_WORLD_LOADER_H_
#define QJY_POLICY_WORLD_LOADER_H_

#include <string>

#include "core/error.h"
#include "policy/facts.h"
#include "store/db.h"
#include "store/registry_store.h"

namespace qjy::policy {

// A source with no registrations (tests, worlds without a services store).
// The store's source is policy_services::StoreRegistrations.
class NoRegistrations final : public RegistrationSource {
 public:
  Result<void> ForEach(const std::function<void(const Registration&)>&) override { return {}; }
};

// Everything (sweeps). Indexed on return.
Result<World> LoadWorld(store::Db& db, store::RegistryStore& registry, RegistrationSource& registrations);

// Just what one person's or one employer's evaluation needs. Indexed.
Result<World> LoadPersonWorld(store::RegistryStore& registry, RegistrationSource& registrations, int64_t person_id);
Result<World> LoadEmployerWorld(store::RegistryStore& registry, RegistrationSource& registrations,
                                const std::string& credit_code);

}  // namespace qjy::policy

#endif  // QJY_POLICY_WORLD_LOADER_H_
