// qjy supervision officers import|list (issue #17 §1): officers' own ID
// numbers and phones registered as keyed hashes for the conflict-of-interest
// check (supervision/officer_hashes.h). The file is checked whole: any bad
// row writes nothing, every bad row printed in Chinese with its row number.
// Numbers are printed masked; the store keeps only the hashes.
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "audit/audit_log.h"
#include "audit/audit_schema.h"
#include "auth/auth_schema.h"
#include "cli/cmd_support.h"
#include "cli/supervision_cmd.h"
#include "cli/registry_handle.h"
#include "supervision/officer_hashes.h"
#include "supervision/supervisor.h"

namespace qjy::cli {
namespace {

struct Args {
  std::string db, file, region;
};

Result<void> Import(const Args& a) {
  std::ifstream in(a.file, std::ios::binary);
  if (!in) return Fail(ErrorCode::kNotFound, "无法读取文件：" + a.file);
  std::stringstream text;
  text << in.rdbuf();
  auto h = OpenRegistry(a.db);
  if (!h) return std::unexpected(h.error());
  if (auto m = auth::MigrateAuth(*h->db); !m) return m;
  if (auto m = audit::MigrateAudit(*h->db); !m) return m;
  if (auto m = supervision::Supervisor::Migrate(*h->db); !m) return m;
  auth::SystemClock clock;
  audit::AuditLog audit(clock, a.db);
  supervision::OfficerHashes officers(*h->db, *h->vault, &audit, clock);
  auto r = officers.Import(text.str(), a.region, Actor());
  if (!r) return std::unexpected(r.error());
  if (!r->errors.empty()) {
    for (const auto& e : r->errors) std::cerr << e.message << "\n";
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("文件有 {} 处错误，未登记任何经办人员（共 {} 行）", r->errors.size(), r->rows));
  }
  for (const auto& o : r->officers) {
    std::cout << fmt::format("{}（{}）  身份证号 {}  手机号 {}\n", o.username, o.county_code,
                             o.id_masked.empty() ? "—" : o.id_masked, o.phone_masked.empty() ? "—" : o.phone_masked);
  }
  std::cout << fmt::format("已登记 {} 名经办人员的身份信息（仅保存散列）\n", r->written);
  return {};
}

Result<void> List(const Args& a) {
  auto h = OpenRegistry(a.db);
  if (!h) return std::unexpected(h.error());
  if (auto m = supervision::Supervisor::Migrate(*h->db); !m) return m;
  auth::SystemClock clock;
  supervision::OfficerHashes officers(*h->db, *h->vault, nullptr, clock);
  auto r = officers.List(a.region);
  if (!r) return std::unexpected(r.error());
  for (const auto& o : *r) {
    std::cout << fmt::format("{}（{}）  身份证号散列 {}  手机号散列 {}  {} 于 {}\n", o.username, o.county_code,
                             o.id_hash_prefix.empty() ? "—" : o.id_hash_prefix + "…",
                             o.phone_hash_prefix.empty() ? "—" : o.phone_hash_prefix + "…", o.recorded_by,
                             o.recorded_at);
  }
  std::cout << fmt::format("共 {} 名经办人员\n", r->size());
  return {};
}

}  // namespace

void AddSupervisionCommands(CLI::App& app, int& exit_code) {
  auto* sup = app.add_subcommand("supervision", "资金监管 / fund supervision");
  auto* officers = sup->add_subcommand("officers", "经办人员身份信息（利益冲突比对）/ officers' identity hashes");
  officers->require_subcommand(1);
  {
    auto* cmd = officers->add_subcommand(
        "import", "导入经办人员身份证号、手机号（CSV：账号,身份证号,手机号；全部或全不）/ import officers' ID and phone");
    auto a = std::make_shared<Args>();
    cmd->add_option("--db", a->db, "数据库（SQLite 路径或 postgresql:// URL）/ database")->required();
    cmd->add_option("--region", a->region, "辖区代码前缀（默认全省）/ region scope");
    cmd->add_option("file", a->file, "CSV 文件 / file")->required();
    cmd->callback([a, &exit_code] { Run(exit_code, [&] { return Import(*a); }); });
  }
  {
    auto* cmd = officers->add_subcommand("list", "已登记的经办人员（只显示散列前缀）/ list registered officers");
    auto a = std::make_shared<Args>();
    cmd->add_option("--db", a->db, "数据库（SQLite 路径或 postgresql:// URL）/ database")->required();
    cmd->add_option("--region", a->region, "辖区代码前缀（默认全省）/ region scope");
    cmd->callback([a, &exit_code] { Run(exit_code, [&] { return List(*a); }); });
  }
}

}  // namespace qjy::cli
