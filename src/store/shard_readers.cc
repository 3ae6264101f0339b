#include "store/shard_readers.h"

#include "store/pg_shards.h"

namespace qjy::store {

Result<std::vector<ShardReader>> OpenShardReaders(Db& coordinator, const DbOpener& open, const Vault& vault) {
  std::vector<ShardReader> out;
  auto per_shard = CountiesPerShard(coordinator);
  if (!per_shard) return std::unexpected(per_shard.error());
  for (auto& sc : *per_shard) {
    if (sc.counties.empty()) continue;
    auto db = open();
    if (!db) return std::unexpected(db.error());
    ShardReader r{.shard = std::move(sc.shard), .counties = std::move(sc.counties), .db = std::move(*db), .registry = nullptr};
    r.registry = std::make_unique<RegistryStore>(*r.db, vault);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace qjy::store
