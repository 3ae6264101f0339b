// Counts of persons, employers and jobs per region, kept up to date as the
// registry changes (#19 §2), so an officer's home page (GET /api/stats) reads
// a few rows instead of counting a province's persons on every request.
//
// Table region_counts (store/registry_schema.cc, migration 40):
//   (county_code, kind, region) → n
// county_code is the record's owning county (the sharding key): a write
// touches only its own county's rows, never another county's, so writers of
// different counties never wait for each other. A read sums a region's rows
// over the counties.
//
// What a record counts for (the read rules of server/access.h):
//   "persons"   — every region (2/4/6/9/12-digit prefix) of its household
//                 registration, residence or owning county, once each;
//   "hukou"     — every region of its household registration only (the
//                 per-child counts of the home page: each person once);
//   "employers" — every region of its registered place or owning county;
//   "jobs"      — every region of its workplace or owning county.
// A region R counts a record iff one of those codes starts with R, which is
// what the page's former COUNT(*) over prefix ranges counted.
//
// Every registry write of persons, employers and jobs (RegistryStore upserts,
// batch upserts and bulk loads) applies its Delta in the same transaction as
// the write. Rebuild() recounts from the tables (`qjy stats rebuild`);
// FillIfEmpty() backfills a database written before the table existed.
#ifndef QJY_STORE_REGION_COUNTS_H_
#define QJY_STORE_REGION_COUNTS_H_

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <tuple>

#include "core/error.h"
#include "store/db.h"

namespace qjy::store::region_counts {

// Changes to the counters, summed in memory and written in one go.
class Delta {
 public:
  // sign +1 when the record is written, -1 when its old version goes.
  void Person(std::string_view county, std::string_view hukou, std::string_view residence,
              int sign);
  void Employer(std::string_view county, std::string_view region, int sign);
  void Job(std::string_view county, std::string_view place_region, int sign);
  bool empty() const { return n_.empty(); }
  // (county_code, kind, region) → change; entries that cancelled out are 0.
  const std::map<std::tuple<std::string, std::string, std::string>, int64_t>& entries() const {
    return n_;
  }

 private:
  void Add(std::string_view county, std::string_view kind,
           std::initializer_list<std::string_view> codes, int sign);
  std::map<std::tuple<std::string, std::string, std::string>, int64_t> n_;
};

// Adds `delta` to the stored counters, inside the caller's transaction (key
// order, so concurrent writers lock rows in one order).
Result<void> Apply(Db& db, const Delta& delta);

// Deletes every counter and recounts from persons, employers and jobs, one
// owning county at a time (memory bounded by the largest county), in its own
// transaction. Must be called outside a transaction.
Result<void> Rebuild(Db& db);

// Rebuild() when the table is empty and the registry is not (a database
// written before the counters existed); otherwise nothing. Outside a
// transaction.
Result<void> FillIfEmpty(Db& db);

struct Counts {
  int64_t persons = 0, employers = 0, jobs = 0;
};
// The counts of `region` (a 2/4/6/9/12-digit code).
Result<Counts> Read(Db& db, std::string_view region);
// Persons by household registration in each of `regions` (those with none
// are absent from the map).
Result<std::map<std::string, int64_t>> ReadHukou(Db& db, std::span<const std::string> regions);

// The same counts recounted from the tables by SQL aggregates over prefix
// ranges of the indexed columns (what GET /api/stats did on every request
// before the counters: 4 s on 1 M persons). For tests and the benchmark's
// baseline (store/region_recount.cc).
Result<Counts> Recount(Db& db, std::string_view region);
// Persons by household registration per region of `child_len` digits below
// `region`, recounted.
Result<std::map<std::string, int64_t>> RecountHukou(Db& db, std::string_view region,
                                                    size_t child_len);

}  // namespace qjy::store::region_counts

#endif  // QJY_STORE_REGION_COUNTS_H_
