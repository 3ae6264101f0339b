// Repository of recorded separations (registry/employment.h) over a Db,
// SQLite and PostgreSQL alike. Table `separations` (migration 21,
// store/employment_schema.cc), keyed (county, person, employer, day):
// re-recording the same separation with another reason updates it.
// Not safe for concurrent use (it borrows one Db).
#ifndef QJY_STORE_SEPARATION_STORE_H_
#define QJY_STORE_SEPARATION_STORE_H_

#include <functional>
#include <span>
#include <vector>

#include "core/error.h"
#include "registry/employment.h"
#include "store/db.h"
#include "store/registry_store.h"

namespace qjy::store {

class SeparationStore {
 public:
  explicit SeparationStore(Db& db) : db_(db) {}

  // Upsert by key inside the caller's transaction. kInvalidArgument for a
  // person id <= 0, a county code that is not 6 digits, an empty employer.
  Result<UpsertOutcome> Put(const registry::Separation& s);
  Result<std::vector<registry::Separation>> OfPerson(int64_t person_id);
  // Every row in key order (county, person, employer, day); with
  // `counties` (not empty) only those counties' rows (any order, duplicates
  // ignored; `county_code IN (…)`, pruned to their shards where sharded).
  Result<void> ForEach(const std::function<void(const registry::Separation&)>& fn,
                       std::span<const std::string> counties = {});

 private:
  Db& db_;
};

}  // namespace qjy::store

#endif  // QJY_STORE_SEPARATION_STORE_H_
