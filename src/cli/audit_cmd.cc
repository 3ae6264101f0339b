// qjy audit verify : checks the keyed chain against the key and the anchors
// qjy audit seal   : creates the audit key and writes the first checkpoint
//                    (seals the SHA-256 chain of a database from before)
// qjy audit purge  : retention purge (refused within 180 days)
//
// The key and anchor files default to those of the database
// (audit/anchor.h): "<db>.audit.key" and "<db>.audit-anchor" beside a
// SQLite file; $QJY_AUDIT_KEY_FILE, $QJY_AUDIT_ANCHOR_FILE (default
// var/qjy.audit.key, var/qjy.audit-anchor) and $QJY_AUDIT_ANCHOR_COPY
// (default syslog:authpriv) for PostgreSQL. --key-file / --anchor-file
// override them.
//
// Exit codes: 0 ok, 1 failure or a tampered log, 2 bad usage.
#include <ctime>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "audit/audit_log.h"
#include "audit/audit_schema.h"
#include "auth/clock.h"
#include "cli/commands.h"
#include "core/clock.h"
#include "core/date.h"
#include "store/db.h"

namespace qjy::cli {
namespace {

struct AuditArgs {
  std::string db, before, key_file, anchor_file;
  std::vector<std::string> anchors;  // extra checkpoint sources (verify)
};

int Report(const Error& e) {
  std::cerr << "错误：" << e.message << "\n";
  return 1;
}

// Today in China (UTC+8), as every command reads it.
Date Today() { return TheSystemClock().TodayInChina(); }

audit::SealConfig Config(const AuditArgs& a) {
  auto c = audit::SealConfig::ForDb(a.db);
  if (!a.key_file.empty()) c.key_path = a.key_file;
  if (!a.anchor_file.empty()) c.anchor_path = a.anchor_file;
  return c;
}

int RunVerify(const AuditArgs& a) {
  auto db = store::OpenDb(a.db);
  if (!db) return Report(db.error());
  if (auto m = audit::MigrateAudit(**db); !m) return Report(m.error());
  auth::SystemClock clock;
  audit::AuditLog log(clock, Config(a));
  auto report = log.Verify(**db, a.anchors);
  if (!report) return Report(report.error());
  constexpr size_t kShown = 50;
  for (size_t i = 0; i < report->problems.size() && i < kShown; ++i) {
    std::cout << report->problems[i].what << "\n";
  }
  if (report->problems.size() > kShown) {
    std::cout << "……共 " << report->problems.size() << " 处问题\n";
  }
  std::cout << "已校验 " << report->rows_checked << " 条记录、" << report->checkpoints
            << " 条锚定记录；锚定到第 " << report->anchored_seq << " 条（" << report->anchored_at
            << "）";
  if (report->unanchored_rows > 0) std::cout << "，其后 " << report->unanchored_rows << " 条尚未锚定";
  if (report->legacy_seq > 0) {
    std::cout << "；第 " << report->legacy_seq << " 条及以前为升级前的 SHA-256 链（升级时封存）";
  }
  std::cout << "\n"
            << (report->ok() ? "审计记录完整 / OK" : "审计记录被篡改 / TAMPERED") << "\n";
  return report->ok() ? 0 : 1;
}

int RunSeal(const AuditArgs& a) {
  auto db = store::OpenDb(a.db);
  if (!db) return Report(db.error());
  if (auto m = audit::MigrateAudit(**db); !m) return Report(m.error());
  auth::SystemClock clock;
  const auto config = Config(a);
  audit::AuditLog log(clock, config);
  if (auto r = log.Seal(**db); !r) return Report(r.error());
  std::cout << "审计记录已锚定：密钥 " << config.key_path << "，锚定文件 " << config.anchor_path
            << "\n";
  return 0;
}

int RunPurge(const AuditArgs& a) {
  auto before = Date::Parse(a.before);
  if (!before) return Report(before.error());
  auto db = store::OpenDb(a.db);
  if (!db) return Report(db.error());
  if (auto m = audit::MigrateAudit(**db); !m) return Report(m.error());
  auth::SystemClock clock;
  audit::AuditLog log(clock, Config(a));
  auto n = log.Purge(**db, *before, Today(), "cli");
  if (!n) return Report(n.error());
  std::cout << "已清理 " << *n << " 条审计记录\n";
  return 0;
}

void AddCommon(CLI::App* cmd, AuditArgs& a) {
  cmd->add_option("--db", a.db, "数据库 / database")->required();
  cmd->add_option("--key-file", a.key_file, "审计密钥文件 / audit key file");
  cmd->add_option("--anchor-file", a.anchor_file, "锚定文件 / anchor file");
}

}  // namespace

void AddAuditCommands(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<AuditArgs>();
  auto* audit_cmd = app.add_subcommand("audit", "审计记录 / audit trail");
  audit_cmd->require_subcommand(1);
  auto* verify = audit_cmd->add_subcommand(
      "verify", "校验签名链与锚定记录 / verify the keyed chain against its anchors");
  AddCommon(verify, *args);
  verify->add_option("--anchor", args->anchors,
                     "另一份锚定记录（如 syslog 摘录）/ another checkpoint source, e.g. a syslog extract");
  verify->callback([args, &exit_code] { exit_code = RunVerify(*args); });
  auto* seal = audit_cmd->add_subcommand(
      "seal", "创建审计密钥并写入首条锚定记录 / create the audit key and the first checkpoint");
  AddCommon(seal, *args);
  seal->callback([args, &exit_code] { exit_code = RunSeal(*args); });
  auto* purge = audit_cmd->add_subcommand(
      "purge", "清理早于某日的审计记录（须早于 180 天前）/ retention purge");
  AddCommon(purge, *args);
  purge->add_option("--before", args->before, "日期 / YYYY-MM-DD")->required();
  purge->callback([args, &exit_code] { exit_code = RunPurge(*args); });
}

}  // namespace qjy::cli
