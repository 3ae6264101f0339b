// Repository of social-insurance contribution months (registry/contribution.h)
// over a Db, SQLite and PostgreSQL alike. Table `contributions` (migration
// 20, registry range; store/employment_schema.cc):
//   PRIMARY KEY (county_code, person_id, employer_credit_code, month)
// county_code first: the production store shards by county, and every
// per-county count (flows, coverage) is a range of the key.
// The month is stored as "YYYY-MM" text (sorts as it reads).
//
// Natural key (what makes a re-import idempotent): person, payer, month.
// A person's owning county never changes (it is the ID's hukou county), so
// the county in the key does not split a person's months.
//
// Not safe for concurrent use (it borrows one Db).
#ifndef QJY_STORE_CONTRIBUTION_STORE_H_
#define QJY_STORE_CONTRIBUTION_STORE_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "registry/contribution.h"
#include "store/db.h"
#include "store/registry_store.h"

namespace qjy::store {

class ContributionStore {
 public:
  explicit ContributionStore(Db& db) : db_(db) {}

  // Upserts one month by natural key inside the caller's transaction:
  // kInserted, kUpdated (kinds or base differ) or kUnchanged (identical:
  // nothing written). Requires person_id > 0, a 6-digit county, kinds in
  // 1..15, base >= 0 (kInvalidArgument otherwise).
  Result<UpsertOutcome> Put(const registry::Contribution& c);

  // Plain appends for the generator, inside the caller's transaction
  // (CopyIn). A clash with a stored month is kAlreadyExists.
  Result<void> BulkInsert(std::span<const registry::Contribution> rows);

  // One person's months, ordered by month then payer (read by the
  // person index, never a scan). person_id_number is left empty.
  Result<std::vector<registry::Contribution>> OfPerson(int64_t person_id);
  // Several persons at once (an employer's evaluation), same order per person.
  Result<std::vector<registry::Contribution>> OfPersons(std::span<const int64_t> person_ids);
  // Every month stored under owning county `county` — its persons' months
  // (see the note on the key above) — in (person, payer, month) order: one
  // range of the primary key, read in key order (no index lookups) in
  // keyset pages of 5,000 (memory bounded by the page, not the county).
  Result<void> ForEachOfCounty(std::string_view county, const std::function<void(const registry::Contribution&)>& fn);
  // The same over a set of owning counties (any order, duplicates ignored),
  // in (county, person, payer, month) order: one range of the key per
  // county, each `county_code = ?` (pruned to its partition where sharded).
  Result<void> ForEachOfCounties(std::span<const std::string> counties,
                                 const std::function<void(const registry::Contribution&)>& fn);
  // The months of these persons of owning county `county`, in (person,
  // payer, month) order: ranges of the primary key, 500 persons a query.
  Result<std::vector<registry::Contribution>> OfPersonsIn(std::string_view county, std::span<const int64_t> person_ids);
  // Every month, in (county, person, payer, month) order, read in pages.
  Result<void> ForEach(const std::function<void(const registry::Contribution&)>& fn);

  // Does the store hold any month at all? (An empty table means the
  // insurance data was never loaded: facts are unknown, not zero.)
  Result<bool> Any();
  Result<int64_t> Count();

 private:
  Db& db_;
};

}  // namespace qjy::store

#endif  // QJY_STORE_CONTRIBUTION_STORE_H_
