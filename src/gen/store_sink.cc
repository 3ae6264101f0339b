#include "gen/store_sink.h"

#include "store/contribution_store.h"

namespace qjy::gen {

template <class F>
Result<void> StoreSink::InTransaction(F&& f) {
  if (!indexes_dropped_) {
    if (auto r = registry_.DropIndexesForBulkLoad(true); !r) return r;
    indexes_dropped_ = true;
  }
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  if (auto r = f(); !r) return r;
  return tx->Commit();
}

Result<void> StoreSink::Employers(std::span<const registry::Employer> batch) {
  return InTransaction([&] { return registry_.BulkInsertEmployers(batch); });
}

Result<void> StoreSink::Sites(std::span<const registry::ServiceSite> batch) {
  return InTransaction([&] { return registry_.BulkInsertSites(batch); });
}

Result<void> StoreSink::Jobs(std::span<const registry::Job> batch) {
  return InTransaction([&] { return registry_.BulkInsertJobs(batch); });
}

Result<void> StoreSink::Persons(std::span<const registry::Person> persons,
                                std::span<const registry::Contract> contracts) {
  return InTransaction([&]() -> Result<void> {
    if (auto r = registry_.BulkInsertPersons(persons); !r) return r;
    return registry_.BulkInsertContracts(contracts);
  });
}

Result<void> StoreSink::Contributions(std::span<const registry::Contribution> months) {
  if (months.empty()) return {};
  return InTransaction([&] { return store::ContributionStore(db_).BulkInsert(months); });
}

Result<void> StoreSink::Finish() { return registry_.RestoreIndexes(); }

}  // namespace qjy::gen
