// Sink into the registry store: each batch is one transaction through the
// RegistryStore::BulkInsert* fast path (no change history: the records are
// new, ids assigned by the generator). For a new database only: the first
// batch drops the registry's secondary and natural-key indexes
// (RegistryStore::DropIndexesForBulkLoad(true): the generator's ids, ID
// numbers and contract keys are unique by construction) and Finish()
// builds them again, each in one sorted pass.
#ifndef QJY_GEN_STORE_SINK_H_
#define QJY_GEN_STORE_SINK_H_

#include "gen/sink.h"
#include "store/db.h"
#include "store/registry_store.h"

namespace qjy::gen {

class StoreSink : public Sink {
 public:
  StoreSink(store::Db& db, store::RegistryStore& registry) : db_(db), registry_(registry) {}
  Result<void> Employers(std::span<const registry::Employer> batch) override;
  Result<void> Sites(std::span<const registry::ServiceSite> batch) override;
  Result<void> Jobs(std::span<const registry::Job> batch) override;
  Result<void> Persons(std::span<const registry::Person> persons,
                       std::span<const registry::Contract> contracts) override;
  // With a vault (set_vault), the facts go to person_payment_facts as its
  // keyed hashes (store/payment_facts_store.h); without, they are dropped.
  Result<void> PersonsWithFacts(std::span<const registry::Person> persons,
                                std::span<const registry::PaymentFacts> facts,
                                std::span<const registry::Contract> contracts) override;
  Result<void> Contributions(std::span<const registry::Contribution> months) override;
  void set_vault(const Vault* vault) { vault_ = vault; }

  Result<void> Finish() override;

 private:
  template <class F>
  Result<void> InTransaction(F&& f);
  store::Db& db_;
  store::RegistryStore& registry_;
  bool indexes_dropped_ = false;
  const Vault* vault_ = nullptr;
};

}  // namespace qjy::gen

#endif  // QJY_GEN_STORE_SINK_H_
