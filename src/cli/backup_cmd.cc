// qjy backup  --db … --out DIR [--keys-out DIR2] [--method dump|basebackup] : a consistent copy while the server writes
// qjy restore --from DIR --db … [--keys-from DIR2] [--force]
//
// See backup/backup.h. Key files never go into DIR; warnings go to stderr.
// Exit codes: 0 ok, 1 failure, 2 bad usage.
#include <iostream>
#include <memory>
#include <string>

#include "backup/backup.h"
#include "cli/commands.h"

namespace qjy::cli {
namespace {

struct BackupArgs {
  std::string db, out, keys, key_file, audit_key_file, anchor_file, method;
  bool force = false;
};

int BackupCmdReport(const Error& e) {
  std::cerr << "错误：" << e.message << "\n";
  return 1;
}

void PrintRows(const std::map<std::string, int64_t>& rows) {
  for (const auto& [table, n] : rows) std::cout << "  " << table << "\t" << n << "\n";
}

void AddFiles(CLI::App* cmd, BackupArgs& a) {
  cmd->add_option("--db", a.db, "数据库 / SQLite file or postgresql:// URL")->required();
  cmd->add_option("--key-file", a.key_file, "身份密钥文件 / identity key file");
  cmd->add_option("--audit-key-file", a.audit_key_file, "审计密钥文件 / audit key file");
  cmd->add_option("--anchor-file", a.anchor_file, "审计锚定文件 / audit anchor file");
}

}  // namespace

void AddBackupCommands(CLI::App& app, int& exit_code) {
  auto a = std::make_shared<BackupArgs>();
  auto* backup = app.add_subcommand(
      "backup", "在线备份（服务运行时亦可）/ consistent backup while the server writes");
  AddFiles(backup, *a);
  backup->add_option("--out", a->out, "备份目录（须为空）/ backup directory (empty)")->required();
  backup->add_option("--keys-out", a->keys,
                     "密钥另存目录（须与备份目录分开）/ directory for the key files, apart from --out");
  backup->add_option("--method", a->method,
                     "PostgreSQL 备份方式：dump（逻辑，默认）或 basebackup（物理，整个服务器）"
                     " / dump (pg_dump, default) or basebackup (pg_basebackup)")
      ->check(CLI::IsMember({"dump", "basebackup"}));
  backup->callback([a, &exit_code] {
    auto r = backup::Backup(
        {a->db, a->out, a->keys, a->key_file, a->audit_key_file, a->anchor_file, a->method});
    if (!r) {
      exit_code = BackupCmdReport(r.error());
      return;
    }
    std::cout << "已备份到 " << a->out << "（" << r->manifest.at << "），各表行数：\n";
    PrintRows(r->manifest.rows);
    for (const auto& w : r->warnings) std::cerr << "注意：" << w << "\n";
    exit_code = 0;
  });

  auto* restore = app.add_subcommand("restore", "从备份恢复 / restore a backup");
  AddFiles(restore, *a);
  restore->add_option("--from", a->out, "备份目录 / backup directory")->required();
  restore->add_option("--keys-from", a->keys, "密钥备份目录 / the --keys-out of the backup");
  restore->add_flag("--force", a->force, "覆盖已有的 SQLite 文件 / overwrite an existing file");
  restore->callback([a, &exit_code] {
    auto r = backup::Restore(
        {a->out, a->db, a->keys, a->key_file, a->audit_key_file, a->anchor_file, a->force});
    if (!r) {
      exit_code = BackupCmdReport(r.error());
      return;
    }
    std::cout << "已从 " << a->out << "（" << r->manifest.at << "）恢复到 " << a->db
              << "，各表行数：\n";
    PrintRows(r->rows);
    for (const auto& w : r->warnings) std::cerr << "注意：" << w << "\n";
    std::cout << "请运行 qjy audit verify --db " << a->db << " 校验审计记录\n";
    exit_code = r->rows == r->manifest.rows ? 0 : 1;
  });
}

}  // namespace qjy::cli
