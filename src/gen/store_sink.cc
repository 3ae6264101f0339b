#include "gen/store_sink.h"

#include "core/date.h"
#include "store/contribution_store.h"
#include "store/payment_facts_store.h"

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

Result<void> StoreSink::PersonsWithFacts(std::span<const registry::Person> persons,
                                         std::span<const registry::PaymentFacts> facts,
                                         std::span<const registry::Contract> contracts) {
  if (!vault_) return Persons(persons, contracts);
  return InTransaction([&]() -> Result<void> {
    if (auto r = registry_.BulkInsertPersons(persons); !r) return r;
    if (auto r = registry_.BulkInsertContracts(contracts); !r) return r;
    // New persons only: appended, one multi-row insert (COPY on PostgreSQL).
    std::vector<std::vector<store::Value>> rows;
    const std::string now = Date::FromDays(0).ToString();  // no clock here: a fixed, obviously synthetic day
    for (size_t i = 0; i < persons.size() && i < facts.size(); ++i) {
      auto v = store::PaymentFactValues(persons[i].person_id, persons[i].county_code, facts[i], *vault_, now);
      if (!v) return std::unexpected(v.error());
      if (*v) rows.push_back(std::move(**v));
    }
    if (rows.empty()) return {};
    static const std::vector<std::string> kCols = {"person_id", "county_code", "bank_hash", "bank_last4",
                                                   "address_hash", "updated_at"};
    return db_.CopyIn("person_payment_facts", kCols, rows);
  });
}

Result<void> StoreSink::Contributions(std::span<const registry::Contribution> months) {
  if (months.empty()) return {};
  return InTransaction([&] { return store::ContributionStore(db_).BulkInsert(months); });
}

Result<void> StoreSink::Finish() { return registry_.RestoreIndexes(); }

}  // namespace qjy::gen
