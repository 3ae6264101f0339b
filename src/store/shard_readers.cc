#include "store/shard_readers.h"

#include "store/pg_db.h"
#include "store/pg_shards.h"

namespace qjy::store {

Result<std::vector<ShardReader>> OpenShardReaders(Db& coordinator, const Vault& vault) {
  std::vector<ShardReader> out;
  auto per_shard = CountiesPerShard(coordinator);
  if (!per_shard) return std::unexpected(per_shard.error());
  for (auto& sc : *per_shard) {
    if (sc.counties.empty()) continue;
    auto db = OpenPostgres(sc.conninfo);
    if (!db) return Fail(db.error().code, "无法直接连接分片 " + sc.shard + "：" + db.error().message);
    std::string schema = "\"";
    for (char c : sc.schema) schema += c == '"' ? std::string("\"\"") : std::string(1, c);
    schema += "\"";
    if (auto r = (*db)->ExecScript("SET search_path TO " + schema); !r) return std::unexpected(r.error());
    ShardReader r{.shard = std::move(sc.shard), .counties = std::move(sc.counties), .db = std::move(*db), .registry = nullptr};
    r.registry = std::make_unique<RegistryStore>(*r.db, vault);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace qjy::store
