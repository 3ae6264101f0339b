// qjy serve            : the HTTP server (JSON API + web UI), server/api.h
// qjy accounts create  : one account; password from stdin or --password-file
// qjy demo-accounts    : the demo set of accounts (demo databases only)
// qjy audit ...        : see audit_cmd.cc
//
// Exit codes: 0 ok, 1 failure (or a broken audit chain), 2 bad usage.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "audit/audit_log.h"
#include "cli/serve_memory.h"
#include "audit/audit_schema.h"
#include "auth/demo_marker.h"
#include "auth/account.h"
#include "auth/auth_schema.h"
#include "auth/clock.h"
#include "monitor/indicator_spec.h"
#include "monitor/monthly_spec.h"
#include "monitor/warning_spec.h"
#include "cli/commands.h"
#include "cli/registry_handle.h"
#include "core/date.h"
#include "core/mask.h"
#include "core/refdata.h"
#include "core/regions.h"
#include "server/api.h"
#include "server/api_context.h"
#include "server/db_pool.h"
#include "server/demo_accounts.h"
#include "server/http_server.h"
#include "server/import_runner.h"
#include "network/duties.h"
#include "server/server_config.h"
#include "store/sqlite_page_pool.h"
#include "core/install_paths.h"

namespace qjy::cli {
namespace {

// Opens the database with every migration the server needs applied.
Result<RegistryHandle> OpenForServer(const std::string& db, const std::string& key_file) {
  auto h = OpenRegistry(db, key_file);
  if (!h) return h;
  if (auto r = auth::MigrateAuth(*h->db); !r) return std::unexpected(r.error());
  if (auto r = audit::MigrateAudit(*h->db); !r) return std::unexpected(r.error());
  return h;
}

int ServeCmdReport(const Error& e) {
  std::cerr << "错误：" << e.message << "\n";
  return 1;
}

// --today DATE: the seconds to add to the system clock so that it is DATE in
// Beijing (time of day kept). Only on the demo database (auth/demo_marker.h):
// a real one runs on the real date, or deadlines, payments and the audit
// trail would carry invented dates. On the demo they do: its audit rows and
// sessions take the moved clock too (a later run on another date may see
// audit times go backwards; the demo's log is not evidence of anything).
// 0 without --today.
Result<int64_t> TodayOffset(store::Db& db, const std::string& today, int64_t now) {
  if (today.empty()) return 0;
  auto date = Date::Parse(today);
  if (!date) return Fail(ErrorCode::kInvalidArgument, "--today：日期格式须为 YYYY-MM-DD（" + today + "）");
  auto demo = auth::IsDemoDatabase(db);
  if (!demo) return std::unexpected(demo.error());
  if (!*demo) {
    return Fail(ErrorCode::kPermissionDenied,
                "--today 只能用于演示库（qjy gen 生成的数据库）；正式数据库按系统日期运行");
  }
  return (int64_t{date->days()} - Date::InChina(now).days()) * 86400;
}

struct ServeArgs {
  std::string db, config, web_root, host, tls_cert, tls_key, key_file, work_dir, log_level;
  std::string today;  // --today: a demo database run as if on that day
  int port = 0;
  int threads = 0;
};

int RunServe(const ServeArgs& args) {
  server::ServeConfig config;
  if (!args.config.empty()) {
    if (auto r = server::LoadServeConfig(args.config, config); !r) return ServeCmdReport(r.error());
  }
  if (!args.host.empty()) config.host = args.host;
  if (args.port > 0) config.port = static_cast<uint16_t>(args.port);
  if (args.threads > 0) config.threads = args.threads;
  if (!args.web_root.empty()) config.web_root = args.web_root;
  if (!args.work_dir.empty()) config.work_dir = args.work_dir;
  if (!args.tls_cert.empty()) config.tls_cert = args.tls_cert;
  if (!args.tls_key.empty()) config.tls_key = args.tls_key;
  if (!args.log_level.empty()) config.log_level = args.log_level;
  if (config.web_root.empty()) config.web_root = ShippedPath("web").string();
  if (config.work_dir.empty()) config.work_dir = args.db + ".uploads";
  if (config.tls_cert.empty() != config.tls_key.empty()) {
    std::cerr << "错误：--tls-cert 与 --tls-key 须同时给出\n";
    return 2;
  }

  auto log = spdlog::get("qjy");  // made once per process (tests run serve more than once)
  if (!log) log = spdlog::stderr_color_mt("qjy");
  log->set_level(spdlog::level::from_str(config.log_level));
  log->info("memory: {}", ConfigureServerMemory());

  // The page cache as one pool, before the first database is opened
  // (store/sqlite_page_pool.h): resident from the start, no creep.
  if (!args.db.starts_with("postgres")) {
    log->info("sqlite: {}", store::ReserveSqlitePagePool(int64_t{config.sqlite_cache_mb} * 1024 * 1024).note);
  }
  auto handle = OpenForServer(args.db, args.key_file);
  if (!handle) return ServeCmdReport(handle.error());
  auth::SystemClock system_clock;
  auto offset = TodayOffset(*handle->db, args.today, system_clock.Now());
  if (!offset) return ServeCmdReport(offset.error());
  auth::OffsetClock clock(system_clock, *offset);
  {
    // The audit key and the first checkpoint before any request: a missing
    // anchor file stops the start with its reason (audit/audit_log.h).
    if (auto r = audit::AuditLog(clock, args.db).Seal(*handle->db); !r) return ServeCmdReport(r.error());
  }
  auto regions = RegionIndex::Load(RefdataDir());
  if (!regions) return ServeCmdReport(regions.error());
  // Data files the pages read: a bad one stops the start, naming file and line.
  if (auto ind = monitor::LoadIndicators(monitor::DefaultIndicatorsDir()); !ind) return ServeCmdReport(ind.error());
  if (auto m = monitor::LoadMonthlyIndicators(monitor::DefaultMonthlyIndicatorsDir()); !m) return ServeCmdReport(m.error());
  if (auto w = monitor::LoadWarnings(monitor::DefaultWarningsDir()); !w) return ServeCmdReport(w.error());
  if (auto d = network::LoadDuties(network::DefaultDutiesFile()); !d) return ServeCmdReport(d.error());
  // The configuration the handlers read (policy parameters, service
  // packages, ad screener, match weights): built once, here.
  auto context = server::LoadApiContext();
  if (!context) return ServeCmdReport(context.error());
  const int threads = config.threads > 0 ? config.threads
                                         : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  auto pool = server::DbPool::Open(args.db, threads + 1, int64_t{config.sqlite_cache_mb} * 1024);
  if (!pool) return ServeCmdReport(pool.error());

  server::ApiOptions options;
  options.web_root = config.web_root;
  options.work_dir = config.work_dir;
  options.log = log;
  options.import_runner = server::MakeImporterRunner(*regions, clock);
  options.import_limits = {config.import_per_account, config.import_total};
  auto api = std::make_unique<server::Api>(options, **pool, *handle->vault, *regions, clock, std::move(*context));

  server::HttpServerOptions http;
  http.host = config.host;
  http.port = config.port;
  http.threads = threads;
  http.tls_cert = config.tls_cert;
  http.tls_key = config.tls_key;
  // Uploads are refused (401/403/429) before their body is read.
  http.admission = [&api](const server::HttpRequest& r) { return api->Admit(r); };
  auto srv = server::HttpServer::Start(http, [&api](const server::HttpRequest& r) {
    return api->Handle(r);
  });
  if (!srv) return ServeCmdReport(srv.error());

  const std::string scheme = (*srv)->tls() ? "https" : "http";
  std::cout << "黔就业 服务已启动 / serving on " << scheme << "://" << config.host << ":"
            << (*srv)->port() << "/  (" << threads << " 线程, web: " << config.web_root << ")\n";
  if (*offset != 0) {
    std::cout << "注意：演示库按 " << args.today << " 为今天运行（--today；实际日期 "
              << Date::InChina(system_clock.Now()).ToString() << "）\n";
  }
  // The published demo credentials are printed for the demo database only.
  // On any other database an account still holding the demo password (demo
  // accounts of a release before the demo marker) is named: login refuses
  // it until an administrator resets it (auth/session_manager.h).
  auto demo_db = auth::IsDemoDatabase(*handle->db);
  if (!demo_db) return ServeCmdReport(demo_db.error());
  if (!*demo_db) {
    auto exposed = auth::DemoPasswordAccounts(*handle->db);
    if (!exposed) return ServeCmdReport(exposed.error());
    if (!exposed->empty()) {
      std::string names;
      for (const auto& n : *exposed) names += (names.empty() ? "" : "、") + n;
      log->warn("{} account(s) still use the published demo password on a database that is not the demo; "
                "their logins are refused until reset: {}", exposed->size(), names);
      std::cerr << "警告：本数据库不是演示库，但以下 " << exposed->size()
                << " 个账号的密码仍是公开的演示密码，已禁止其登录，请系统管理员重置其密码或停用：" << names << "\n";
      audit::AuditEntry e;
      e.actor = "system";
      e.role = "system";
      e.action = "account.demo_password";
      e.target = "accounts";
      e.result = "denied";
      e.detail = "非演示库中仍使用公开演示密码的账号（已禁止登录）：" + names;
      if (auto r = audit::AuditLog(clock, args.db).Append(*handle->db, std::move(e)); !r) return ServeCmdReport(r.error());
    }
  }
  if (auto accounts = auth::AccountStore(*handle->db).List(); accounts && *demo_db) {
    bool header = false;
    for (const auto& a : *accounts) {
      if (!a.demo) continue;
      if (!header) {
        std::cout << "演示账号 / demo accounts (密码 password: " << server::kDemoPassword << ")\n";
        header = true;
      }
      std::cout << "  " << a.username << "  " << auth::RoleLabel(a.role) << " "
                << (a.region_code.empty() ? a.credit_code : a.region_code) << "\n";
    }
  }
  // The start-up connection is idle from here: its cached pages go back
  // to the pool for the request connections.
  (void)handle->db->ExecScript("PRAGMA shrink_memory;");
  std::cout << "按 Ctrl+C 停止 / Ctrl+C to stop" << std::endl;
  // The match index (minutes on a whole province) loads beside the first
  // requests, not inside the first one that needs it (Api::WarmMatchIndex).
  std::thread warm([&api, &log] {
    if (auto r = api->WarmMatchIndex(); !r) log->warn("{}", r.error().message);
  });
  (*srv)->RunUntilSignal();
  log->info("shutting down: in-flight requests finished");
  api->StopMatchIndexLoad();  // a load in progress ends now, not when it would have
  warm.join();
  api->WaitForImports();
  srv->reset();
  api.reset();
  pool->reset();
  std::cout << "已停止 / stopped" << std::endl;
  return 0;
}

// The first line of `file`, or of stdin when empty (never an argument:
// `ps` would show it), without a trailing CR.
Result<std::string> ReadPassword(const std::string& file) {
  std::string password;
  if (!file.empty()) {
    std::ifstream in(file);
    if (!in) return Fail(ErrorCode::kIo, "无法读取密码文件：" + file);
    std::getline(in, password);
  } else {
    std::getline(std::cin, password);
  }
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

struct CreateArgs {
  std::string db, key_file, username, display_name, role, region, credit_code, id_number,
      password_file;
  std::vector<std::string> grants;
};

int RunCreate(const CreateArgs& args) {
  auto role = auth::ParseRole(args.role);
  if (!role) {
    std::cerr << "错误：未知角色 " << args.role
              << "（officer, employer, seeker, auditor, sysadmin, secadmin）\n";
    return 2;
  }
  auto password = ReadPassword(args.password_file);
  if (!password) return ServeCmdReport(password.error());
  auto h = OpenForServer(args.db, args.key_file);
  if (!h) return ServeCmdReport(h.error());
  auth::NewAccount a;
  a.username = args.username;
  a.display_name = args.display_name;
  a.role = *role;
  a.region_code = args.region;
  a.credit_code = args.credit_code;
  if (!args.id_number.empty()) a.id_hash = h->vault->Index(args.id_number);
  a.password = std::move(*password);
  a.grants = args.grants;
  auto created = auth::AccountStore(*h->db).Create(a, auth::SystemClock().Now());
  if (!created) return ServeCmdReport(created.error());
  auth::SystemClock clock;
  audit::AuditLog log(clock, args.db);
  audit::AuditEntry e;
  e.actor = "cli";
  e.role = "cli";
  e.action = "account.create";
  e.target = "account:" + created->username;
  e.result = "ok";
  e.detail = std::string(auth::RoleName(*role));
  if (auto r = log.Append(*h->db, e); !r) return ServeCmdReport(r.error());
  std::cout << "已创建账号 " << created->username << "（" << auth::RoleLabel(*role) << "）\n";
  return 0;
}

// qjy accounts reset-password / disable: by the system administrator on the
// server's machine. The new password is read from --password-file or stdin
// (never an argument: `ps` would show it) and checked like any other; the
// account's sessions end; audited.
struct AccountArgs {
  std::string db, key_file, username, password_file;
  bool enable = false;
};

int RunAccountChange(const AccountArgs& args, bool reset) {
  std::string password;
  if (reset) {
    auto p = ReadPassword(args.password_file);
    if (!p) return ServeCmdReport(p.error());
    password = std::move(*p);
  }
  auto h = OpenForServer(args.db, args.key_file);
  if (!h) return ServeCmdReport(h.error());
  auth::AccountStore accounts(*h->db);
  auto found = accounts.FindByUsername(args.username);
  if (!found) return ServeCmdReport(found.error());
  if (!found->has_value()) return ServeCmdReport(Error{ErrorCode::kNotFound, "没有该账号：" + args.username});
  const int64_t id = (*found)->account_id;
  auto changed = reset ? accounts.SetPassword(id, password) : accounts.SetDisabled(id, !args.enable);
  if (!changed) return ServeCmdReport(changed.error());
  auth::SystemClock clock;
  audit::AuditLog log(clock, args.db);
  audit::AuditEntry e;
  e.actor = "cli";
  e.role = "cli";
  e.action = reset ? "account.password_reset" : (args.enable ? "account.enable" : "account.disable");
  e.target = "account:" + args.username;
  e.result = "ok";
  if (auto r = log.Append(*h->db, e); !r) return ServeCmdReport(r.error());
  std::cout << (reset ? "已重置账号 " : (args.enable ? "已启用账号 " : "已停用账号 ")) << args.username
            << (reset || !args.enable ? "，其登录会话已结束" : "") << "\n";
  return 0;
}

int RunDemoAccounts(const std::string& db, const std::string& key_file) {
  auto h = OpenForServer(db, key_file);
  if (!h) return ServeCmdReport(h.error());
  auto regions = RegionIndex::Load(RefdataDir());
  if (!regions) return ServeCmdReport(regions.error());
  auto made = server::CreateDemoAccounts(*h->db, *h->vault, *regions, auth::SystemClock().Now());
  if (!made) return ServeCmdReport(made.error());
  std::cout << "演示账号 / demo accounts — 密码 password: " << server::kDemoPassword << "\n";
  for (const auto& d : *made) {
    std::cout << "  " << d.username << "\t" << d.role << "\t" << d.binding
              << (d.created ? "" : "\t(已存在 exists)") << "\n";
  }
  return 0;
}


}  // namespace

void AddServeCommands(CLI::App& app, int& exit_code) {
  auto serve_args = std::make_shared<ServeArgs>();
  auto* serve = app.add_subcommand("serve", "启动 HTTP 服务（接口与网页）/ run the HTTP server");
  serve->add_option("--db", serve_args->db, "数据库 / SQLite file or postgresql:// URL")->required();
  serve->add_option("--port", serve_args->port, "端口 / port (default 8080)");
  serve->add_option("--host", serve_args->host, "监听地址 / address (default 127.0.0.1)");
  serve->add_option("--config", serve_args->config, "YAML 配置文件 / config file");
  serve->add_option("--web-root", serve_args->web_root, "网页目录 / static files (default web/)");
  serve->add_option("--work-dir", serve_args->work_dir, "上传目录 / uploads (default <db>.uploads)");
  serve->add_option("--threads", serve_args->threads, "线程数 / worker threads (default cores)");
  serve->add_option("--tls-cert", serve_args->tls_cert, "TLS 证书 PEM / certificate");
  serve->add_option("--tls-key", serve_args->tls_key, "TLS 私钥 PEM / private key");
  serve->add_option("--key-file", serve_args->key_file, "密钥文件 / vault key file");
  serve->add_option("--log-level", serve_args->log_level, "日志级别 / trace|debug|info|warn|error");
  serve->add_option("--today", serve_args->today,
                    "演示库按该日期运行（培训、测试） / run the demo database as if on DATE (YYYY-MM-DD)");
  serve->callback([serve_args, &exit_code] { exit_code = RunServe(*serve_args); });

  auto create_args = std::make_shared<CreateArgs>();
  auto* accounts = app.add_subcommand("accounts", "账号管理 / accounts");
  accounts->require_subcommand(1);
  auto* create = accounts->add_subcommand(
      "create", "创建账号（密码从标准输入读取）/ create an account (password on stdin)");
  create->add_option("--db", create_args->db, "数据库 / database")->required();
  create->add_option("--key-file", create_args->key_file, "密钥文件 / vault key file");
  create->add_option("--username", create_args->username, "用户名 / username")->required();
  create->add_option("--display-name", create_args->display_name, "姓名 / display name");
  create->add_option("--role", create_args->role,
                     "角色 / officer|employer|seeker|auditor|sysadmin|secadmin")
      ->required();
  create->add_option("--region", create_args->region, "经办人员的区划代码 / officer's region");
  create->add_option("--credit-code", create_args->credit_code, "用人单位信用代码 / employer");
  create->add_option("--id-number", create_args->id_number, "求职者身份号码 / seeker's ID");
  create->add_option("--grant", create_args->grants, "权限 / grant (reveal | approve_payment | approve_params | supervise_funds)");
  create->add_option("--password-file", create_args->password_file, "密码文件 / password file");
  create->callback([create_args, &exit_code] { exit_code = RunCreate(*create_args); });

  auto account_args = std::make_shared<AccountArgs>();
  auto* reset = accounts->add_subcommand(
      "reset-password", "重置账号密码（新密码从标准输入或密码文件读取）/ set a new password (stdin)");
  reset->add_option("--db", account_args->db, "数据库 / database")->required();
  reset->add_option("--key-file", account_args->key_file, "密钥文件 / vault key file");
  reset->add_option("--username", account_args->username, "用户名 / username")->required();
  reset->add_option("--password-file", account_args->password_file, "密码文件 / password file");
  reset->callback([account_args, &exit_code] { exit_code = RunAccountChange(*account_args, true); });
  auto* disable = accounts->add_subcommand("disable", "停用账号（--enable 重新启用）/ disable an account");
  disable->add_option("--db", account_args->db, "数据库 / database")->required();
  disable->add_option("--key-file", account_args->key_file, "密钥文件 / vault key file");
  disable->add_option("--username", account_args->username, "用户名 / username")->required();
  disable->add_flag("--enable", account_args->enable, "重新启用 / enable again");
  disable->callback([account_args, &exit_code] { exit_code = RunAccountChange(*account_args, false); });

  auto demo_db = std::make_shared<std::pair<std::string, std::string>>();
  auto* demo = app.add_subcommand("demo-accounts", "创建演示账号（仅演示库）/ demo accounts");
  demo->add_option("--db", demo_db->first, "演示数据库 / demo database")->required();
  demo->add_option("--key-file", demo_db->second, "密钥文件 / vault key file");
  demo->callback([demo_db, &exit_code] {
    exit_code = RunDemoAccounts(demo_db->first, demo_db->second);
  });

}

}  // namespace qjy::cli
