// qjy db shard --db postgresql://… --shards URL,URL[,…] [--key-file F]
//
// Partitions the registry's large county-keyed tables of a PostgreSQL
// database across other PostgreSQL servers through postgres_fdw
// (store/pg_shards.h): migrations first, then the shard layout; rows already
// stored move to the shards. Exit codes: 0 ok, 1 failure, 2 bad usage.
//
// qjy db analyze --db URL [--key-file F]
//
// Refreshes the query planner's statistics where nothing else does:
// PostgreSQL, the partitioned (sharded) tables, whose foreign partitions
// autovacuum never analyzes (store::AnalyzePartitioned); SQLite, PRAGMA
// optimize. Run daily by the package's qianjiuye-analyze.timer.
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

  auto b = std::make_shared<Args>();
  auto* analyze = db->add_subcommand(
      "analyze", "更新查询优化统计信息（分片表；SQLite 为 PRAGMA optimize）/ refresh the planner's statistics");
  analyze->add_option("--db", b->db, "数据库路径或 postgresql:// 地址 / database path or URL")->required();
  analyze->add_option("--key-file", b->key_file, "密钥文件 / key file");
  analyze->callback([b, &exit_code] {
    auto h = OpenRegistry(b->db, b->key_file);
    if (!h) {
      std::cerr << "错误：" << h.error().message << "\n";
      exit_code = 1;
      return;
    }
    if (h->db->dialect() != store::Dialect::kPostgres) {
      if (auto r = h->db->ExecScript("PRAGMA optimize"); !r) {
        std::cerr << "错误：" << r.error().message << "\n";
        exit_code = 1;
        return;
      }
      std::cout << "SQLite：已执行 PRAGMA optimize\n";
      return;
    }
    auto r = store::AnalyzePartitioned(*h->db);
    if (!r) {
      std::cerr << "错误：更新统计信息失败：" << r.error().message << "\n";
      exit_code = 1;
      return;
    }
    if (r->empty()) {
      std::cout << "未分片：普通表的统计信息由 PostgreSQL 自动维护（autovacuum），无需操作\n";
      return;
    }
    std::cout << "已更新 " << r->size() << " 张分片表的统计信息：";
    for (size_t i = 0; i < r->size(); ++i) std::cout << (i ? "、" : "") << (*r)[i];
    std::cout << "\n";
  });
}

}  // namespace qjy::cli
