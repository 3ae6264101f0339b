// Fills a MatchIndex from the database: the jobs open on `today` and the
// seekers — registered unemployed persons (an open unemployment
// registration, services tables) FIRST, so they get the lowest
// SeekerIndex values, then persons with a stored profile (match_profiles);
// with `all_persons`, every other person too (demo and benchmarks).
// A seeker's stored profile wins; otherwise one is derived from the
// registry (DeriveProfile). A job's stored requirements win; otherwise
// DeriveRequirements. Jobs the index rejects (unknown occupation code, ...)
// are skipped and counted.
//
// Reads plain columns only (no decryption), and without `all_persons` only
// the rows of the persons it indexes (not the whole registry into memory). ProfileStore::Migrate() must
// have run; missing services tables mean "no registrations".
#ifndef QJY_MATCH_LOAD_H_
#define QJY_MATCH_LOAD_H_

#include <atomic>
#include <cstddef>
#include <vector>

#include "core/error.h"
#include "match/index.h"
#include "store/db.h"

namespace qjy::match {

struct LoadOptions {
  bool all_persons = false;
  // When set and true, the load ends before its next statement with an
  // error (a server shutting down; the caller also interrupts the running
  // statement through store::Db::Interrupt).
  const std::atomic<bool>* stop = nullptr;
};

struct LoadStats {
  size_t jobs = 0, jobs_rejected = 0, seekers = 0, registered = 0, stored_profiles = 0;
};

// Uses index.today() for the open window.
Result<LoadStats> LoadIndex(store::Db& db, MatchIndex& index, const LoadOptions& options = {});

// The jobs open on index.today() that the index does not hold yet (a job
// opening on a later day than the index was loaded, after SetToday), added
// with their stored requirements when any. Returns the indices added;
// `rejected` (optional) counts the jobs the index refused.
Result<std::vector<JobIndex>> AddJobsOpenToday(store::Db& db, MatchIndex& index, size_t* rejected = nullptr);

// The registry job in a row of "SELECT job_id, county_code, ..." (kJobColumns).
extern const char kJobColumns[];
Result<registry::Job> JobFromRow(const store::Row& row);

}  // namespace qjy::match

#endif  // QJY_MATCH_LOAD_H_
