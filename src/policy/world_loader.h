// Builds a World from the registry store (persons, employers, contracts,
// full-employment communities), a RegistrationSource (the services store:
// policy_services::StoreRegistrations) and the policy's own facts tables
// (internships, start-ups, placements: facts_store.h), and the
// social-insurance contribution months of store/contribution_store.h
// (coalesced into World::insurance runs).
#ifndef QJY_POLICY_WORLD_LOADER_H_
#define QJY_POLICY_WORLD_LOADER_H_

#include <string>

#include "core/error.h"
#include "policy/facts.h"
#include "policy/facts_store.h"
#include "store/db.h"
#include "store/registry_store.h"

namespace qjy::policy {

// A source with no registrations (tests, worlds without a services store).
// The store's source is policy_services::StoreRegistrations.
class NoRegistrations final : public RegistrationSource {
 public:
  Result<void> ForEach(const std::function<void(const Registration&)>&) override { return {}; }
};

// Everything (sweeps), facts tables included (migrates them first: call
// outside a transaction). Indexed on return.
Result<World> LoadWorld(store::Db& db, store::RegistryStore& registry, RegistrationSource& registrations);

// Just what one person's or one employer's evaluation needs. Indexed.
// `facts` (migrated) adds the person's internships, ventures and
// placements with the employers they name, or the employer's as host,
// venture or agency with the persons and contracts R18 reads; null: none.
Result<World> LoadPersonWorld(store::RegistryStore& registry, RegistrationSource& registrations, int64_t person_id,
                              FactsStore* facts = nullptr);
Result<World> LoadEmployerWorld(store::RegistryStore& registry, RegistrationSource& registrations,
                                const std::string& credit_code, FactsStore* facts = nullptr);

}  // namespace qjy::policy

#endif  // QJY_POLICY_WORLD_LOADER_H_
