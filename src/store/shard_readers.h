// The registry read shard by shard (#19 §2: "sweeps and indicators run per
// shard in parallel and merge"). For a registry partitioned across shard
// servers (pg_shards.h): one reader per shard that holds persons, each a
// connection of its own to the coordinator, a
// RegistryStore on it and the owning counties that shard holds
// (CountiesPerShard). A reader bounds its reads by its counties
// (`county_code IN (…)`), which the coordinator prunes to that shard, so
// readers on different threads read different shards at once.
//
// SQLite or an unsharded registry: no reader (read it whole, on the
// caller's connection). A reader's store is not safe for concurrent use:
// one thread per reader.
#ifndef QJY_STORE_SHARD_READERS_H_
#define QJY_STORE_SHARD_READERS_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/vault.h"
#include "store/db.h"
#include "store/registry_store.h"

namespace qjy::store {

struct ShardReader {
  std::string shard;                  // foreign server name
  std::vector<std::string> counties;  // not empty
  std::unique_ptr<Db> db;
  std::unique_ptr<RegistryStore> registry;  // on *db
};

// `coordinator` is an open connection to the registry (asked which shards
// hold which counties); `open` opens another connection to it (e.g. OpenDb
// of its URL), called once per reader; `vault` outlives the readers. Its
// errors returned as they are, nothing left open.
using DbOpener = std::function<Result<std::unique_ptr<Db>>()>;
Result<std::vector<ShardReader>> OpenShardReaders(Db& coordinator, const DbOpener& open, const Vault& vault);

}  // namespace qjy::store

#endif  // QJY_STORE_SHARD_READERS_H_
