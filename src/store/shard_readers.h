// The registry read shard by shard (#19 §2: "sweeps and indicators run per
// shard in parallel and merge"). For a registry partitioned across shard
// servers (pg_shards.h): one reader per shard that holds persons, each a
// connection of its own straight to that shard's database (its tables'
// schema on the search path; CountiesPerShard says how to reach it), a
// RegistryStore on it and the owning counties the shard holds. A reader
// sees the shard's own real tables, so its reads are planned by the shard
// with the shard's statistics and indexes (through the coordinator a
// foreign scan, paged with ORDER BY … LIMIT, fetched far more than a page:
// bench/README.md) and readers on different threads read different servers
// at once. Only the sharded tables (ShardedTables) are there: a reader
// serves the counting reads over persons, contracts, groups, separations
// and contributions, not employers or any other subsystem's tables.
//
// SQLite or an unsharded registry: no reader (read it whole, on the
// caller's connection). A reader's store is not safe for concurrent use:
// one thread per reader.
#ifndef QJY_STORE_SHARD_READERS_H_
#define QJY_STORE_SHARD_READERS_H_

#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/vault.h"
#include "store/db.h"
#include "store/registry_store.h"

namespace qjy::store {

struct ShardReader {
  std::string shard;                  // foreign server name
  std::vector<std::string> counties;  // not empty
  std::unique_ptr<Db> db;             // to the shard's database
  std::unique_ptr<RegistryStore> registry;  // on *db
};

// `coordinator` is an open connection to the registry (asked which shards
// hold which counties and how to reach them, with its user's user
// mappings); `vault` outlives the readers. A shard that cannot be reached:
// kIo naming the shard's server (never its password), nothing left open.
Result<std::vector<ShardReader>> OpenShardReaders(Db& coordinator, const Vault& vault);

}  // namespace qjy::store

#endif  // QJY_STORE_SHARD_READERS_H_
