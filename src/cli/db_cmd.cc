// qjy db shard --db postgresql://… --shards URL,URL[,…] [--key-file F]
//
// Partitions the registry's large county-keyed tables of a PostgreSQL
// database across other PostgreSQL servers through postgres_fdw
// (store/pg_shards.h): migrations first, then the shard layout; rows already
// stored move to the shards. Exit codes: 0 ok, 1 failure, 2 bad usage.
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/registry_handle.h"
#include "store/pg_shards.h"

namespace qjy::cli {

void AddDbCommands(CLI::App& app, int& exit_code) {
  auto* db = app.add_subcommand("db", "数据库维护 / database maintenance");
  db->require_subcommand(1);
  struct Args {
    std::string db, shards, key_file;
  };
  auto a = std::make_shared<Args>();
  auto* shard = db->add_subcommand(
      "shard", "把大表按县分片到其他 PostgreSQL 服务器（postgres_fdw）/ partition the large tables by county across PostgreSQL servers");
  shard->add_option("--db", a->db, "协调库 postgresql:// 地址 / the coordinator's postgresql:// URL")->required();
  shard->add_option("--shards", a->shards, "分片库地址，逗号分隔 / shard database URLs, comma-separated")->required();
  shard->add_option("--key-file", a->key_file, "密钥文件 / key file");
  shard->callback([a, &exit_code] {
    auto h = OpenRegistry(a->db, a->key_file);
    if (!h) {
      std::cerr << "错误：" << h.error().message << "\n";
      exit_code = 1;
      return;
    }
    const auto urls = store::SplitShardUrls(a->shards);
    auto r = store::ApplyShardLayout(*h->db, urls);
    if (!r) {
      std::cerr << "错误：" << r.error().message << "\n";
      exit_code = r.error().code == ErrorCode::kInvalidArgument ? 2 : 1;
      return;
    }
    if (r->tables.empty()) {
      std::cout << "已按 " << urls.size() << " 个分片分好，无需改动\n";
      return;
    }
    std::cout << "已分片到 " << r->shards << " 个 PostgreSQL 服务器（按县代码哈希）：";
    for (size_t i = 0; i < r->tables.size(); ++i) std::cout << (i ? "、" : "") << r->tables[i];
    std::cout << "；迁移已有记录 " << r->rows_moved << " 行\n";
  });
}

}  // namespace qjy::cli
