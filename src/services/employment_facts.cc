#include "services/employment_facts.h"

#include "store/contribution_store.h"

namespace qjy::services {

Result<void> LoadEmploymentFacts(store::Db& db, store::RegistryStore& registry, int64_t person_id,
                                 RegistrationRequest& req) {
  auto contracts = registry.ContractsOfPerson(person_id);
  if (!contracts) return std::unexpected(contracts.error());
  req.contracts = std::move(*contracts);
  auto months = store::ContributionStore(db).OfPerson(person_id);
  if (!months) return std::unexpected(months.error());
  req.contributions = std::move(*months);
  auto name = [&](const std::string& code) -> Result<void> {
    if (code.empty() || req.employer_names.contains(code)) return {};
    auto e = registry.FindEmployer(code);
    if (!e) return std::unexpected(e.error());
    if (*e) req.employer_names.emplace(code, (*e)->name);
    return {};
  };
  for (const auto& c : req.contracts) {
    if (auto r = name(c.employer_credit_code); !r) return r;
  }
  for (const auto& m : req.contributions) {
    if (auto r = name(m.employer_credit_code); !r) return r;
  }
  return {};
}

}  // namespace qjy::services
