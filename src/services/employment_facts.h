// The employment facts a registration is judged on, read from the registry
// in one place for every entry point (the API and `qjy services register`):
// the person's labour contracts, contribution months and the names of the
// employers they mention (so reasons name employers, not credit codes).
#ifndef QJY_SERVICES_EMPLOYMENT_FACTS_H_
#define QJY_SERVICES_EMPLOYMENT_FACTS_H_

#include <cstdint>

#include "core/error.h"
#include "services/registration.h"
#include "store/db.h"
#include "store/registry_store.h"

namespace qjy::services {

// Fills req.contracts, req.contributions and req.employer_names for
// `person_id`. An employer the registry does not hold is left out of the
// names (the reason then says 名称未登记 with its code).
Result<void> LoadEmploymentFacts(store::Db& db, store::RegistryStore& registry, int64_t person_id,
                                 RegistrationRequest& req);

}  // namespace qjy::services

#endif  // QJY_SERVICES_EMPLOYMENT_FACTS_H_
