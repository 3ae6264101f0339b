// The registry across several PostgreSQL servers (#19 §2): the large
// county-keyed tables become declaratively partitioned tables, PARTITION BY
// HASH (county_code), whose partitions are postgres_fdw foreign tables
// living on other PostgreSQL servers ("shards"). The database the
// application connects to (the coordinator) keeps every other table and the
// partitioned parents; repositories keep querying `persons`, `contracts`,
// ... as before: nothing above the store changes.
//
// Sharded (ShardedTables): persons, person_certificates, person_groups,
// person_search, person_payment_facts, contracts, changes, contributions,
// separations. All rows of one county are on one shard (the hash of
// county_code picks it), so a person's certificates, groups, payment facts,
// contributions and separations sit beside the person. Kept on the coordinator: employers and employer_years (every
// county's contracts point at them by credit code; Citus would make them
// reference tables), jobs and service_sites (their natural keys span
// counties and are enforced as one unique index), and every table of the
// other subsystems (policy, services, ...).
//
// What PostgreSQL does not do across foreign partitions, and how the store
// copes:
// - No unique index or primary key on a partitioned table with foreign
//   partitions, so the coordinator enforces none. Each shard's real tables
//   keep every key and unique index of the migrations, enforced per shard:
//   persons.id_hash is unique within a shard (so within a county); two
//   persons with one ID number in counties on different shards are not
//   caught by the database. The store's upserts look a person up by the ID
//   hash across all shards before inserting, so only two writers racing on
//   one new ID number in two counties could slip through.
// - Identity columns (person_id, contract_id, change_id) are drawn from the
//   coordinator's sequence, so ids stay unique across shards.
// - No foreign keys to or from the partitioned tables on the coordinator.
//   On a shard, person_certificates and person_groups keep their foreign
//   key to persons (same county, same shard; ON DELETE CASCADE works);
//   person_search (a row per county that may see the person) and contracts
//   (employers are on the coordinator) lose theirs.
// - INSERT ... ON CONFLICT DO UPDATE is not supported on foreign tables; the
//   registry repositories do not use it on these tables (payment facts are
//   updated, else inserted: store/payment_facts_store.cc).
// - An UPDATE of a foreign partition is executed by the shard, which knows
//   nothing of the partition bounds: a changed county_code would stay on
//   the old shard, misplaced (PostgreSQL checks no partition constraint on
//   foreign partitions). A trigger on every foreign partition refuses such
//   an update instead, so changing a record's owning county fails on a
//   sharded database (kStore, nothing written; the row triggers also make
//   postgres_fdw update row by row rather than push the UPDATE down).
// - Row triggers of a sharded table (the fund-supervision counters of
//   migrations 1502 and 1504) are re-created on the partitioned table
//   after the rows are copied; PostgreSQL clones them to the partitions.
// - Commits across shards are not atomic: postgres_fdw commits each shard's
//   remote transaction when the coordinator commits, one after another, with
//   no two-phase commit. A crash between two remote commits can leave a
//   multi-county write half done. Single-county writes (the usual case) are
//   on one shard.
// - postgres_fdw connects to the shards as the user in the user mapping; a
//   non-superuser needs a password in the shard URL.
//
// Citus is the drop-in where it can be installed: the same tables
// distributed by county_code (registry_schema.cc has the plan).
#ifndef QJY_STORE_PG_SHARDS_H_
#define QJY_STORE_PG_SHARDS_H_

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "store/db.h"

namespace qjy::store {

// The tables that ApplyShardLayout partitions, parents before children.
std::span<const std::string_view> ShardedTables();

struct ShardLayoutReport {
  std::vector<std::string> tables;   // partitioned now
  int shards = 0;
  int64_t rows_moved = 0;            // rows copied from the unsharded tables
};

// Partitions the registry's large tables of `coordinator`'s current schema
// across `shard_urls` (postgresql:// URLs of databases on other servers, at
// least one). Preconditions: PostgreSQL; the registry migrations applied on
// the coordinator (RegistryStore::Migrate); outside a transaction; the
// coordinator's user may CREATE EXTENSION postgres_fdw and CREATE SERVER.
// Steps: on each shard, the schema of the same name and the registry
// migrations (real tables with their keys and indexes), minus the foreign
// keys that would point off the shard; on the coordinator, in one
// transaction: the extension, one foreign server and user mapping per shard
// (reused when they exist), and for each table of ShardedTables() a
// partitioned table of the same columns with one foreign partition per shard
// (HASH modulus = number of shards), the existing rows copied into it and
// the old table dropped. Idempotent: on an already partitioned database it
// returns an empty report when the shard count matches, kInvalidArgument
// otherwise (re-sharding is not supported). SQLite: kInvalidArgument.
Result<ShardLayoutReport> ApplyShardLayout(Db& coordinator, std::span<const std::string> shard_urls);

// Names of the partitioned tables in `db`'s current schema (empty on SQLite
// or an unsharded database). RegistryStore::Migrate skips the bulk indexes
// of these tables: their indexes live on the shards.
Result<std::vector<std::string>> PartitionedTables(Db& db);

// Planner statistics for the partitioned tables of `db`'s current schema:
// one ANALYZE of each (PostgreSQL samples every partition, the foreign ones
// on their shard through postgres_fdw, and records the partitions' row
// counts and the parent's column statistics). Autovacuum never analyzes a
// partitioned parent or a foreign table, so without this the coordinator
// plans with default guesses: 6 rows for a county's 940 persons, a nested
// loop over two foreign scans (164 ms instead of 12 ms for one county's
// persons joined with their contracts at 60,000 persons, and quadratic in
// the county's size). Run after bulk loads (ApplyShardLayout, qjy gen, qjy
// import, qjy policy gen-facts) and periodically (`qjy db analyze`, the
// package's daily timer). Except the histories (changes, contributions):
// PostgreSQL 15 analyzes a foreign table by reading all of it, so their
// partitions are given use_remote_estimate instead (the planner asks the
// shard, whose autovacuum keeps their statistics; ~25 ms more planning per
// query that reads them). Returns the tables analyzed: empty on SQLite or an
// unsharded database (nothing to do: autovacuum keeps plain tables'
// statistics). Inside or outside a transaction.
Result<std::vector<std::string>> AnalyzePartitioned(Db& db);

// Which shard holds each of `counties`' rows: the name of the foreign
// server (one per shard, ApplyShardLayout) of the partition of `persons`
// whose HASH bound the county code satisfies, asked of the coordinator
// (satisfies_hash_partition), so a county with no rows yet has its shard
// too. Every sharded table is partitioned alike, so this is the shard of
// the county's rows of every table of ShardedTables(). Empty map on SQLite
// or an unsharded database. Read-only; any transaction state.
Result<std::map<std::string, std::string>> ShardOfCounties(Db& db, std::span<const std::string> counties);

// The owning counties each shard holds rows of: per partition of `persons`
// (in HASH remainder order), its foreign server's name, how to reach the
// shard's own database directly (the server's host, port and dbname with the
// current user's user mapping's credentials, and the schema its tables are
// in there) and the distinct county codes of its rows (asked of the shard:
// the DISTINCT is pushed down by postgres_fdw and answered from the shard's
// county index). Every sharded table is partitioned alike and a person's
// rows carry the person's county, so these sets are disjoint and hold every
// county with a registered person. Empty on SQLite or an unsharded
// database. Read-only.
struct ShardCounties {
  std::string shard;                  // foreign server name
  std::string conninfo;               // libpq key='value' string; holds the password: never log it
  std::string schema;                 // the schema of the shard's tables
  std::vector<std::string> counties;  // sorted; empty for a shard with no persons
};
Result<std::vector<ShardCounties>> CountiesPerShard(Db& db);

// Splits "url,url,..." (spaces around commas ignored, empties dropped).
std::vector<std::string> SplitShardUrls(std::string_view list);

}  // namespace qjy::store

#endif  // QJY_STORE_PG_SHARDS_H_
