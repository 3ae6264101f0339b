#include "cli/signer.h"

#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>

#include "audit/audit_log.h"
#include "auth/auth_schema.h"
#include "auth/session_manager.h"

namespace qjy::cli {

void AddSigner(CLI::App* cmd, Signer& s) {
  cmd->add_option("--user", s.user, "账号（须为经办人员）/ account")->required();
  cmd->add_option("--password-file", s.password_file,
                  "密码文件（默认读环境变量 QJY_PASSWORD，否则从终端读取）/ password file");
}

namespace {

Result<std::string> ReadPassword(const Signer& s) {
  if (!s.password_file.empty()) {
    std::ifstream in(s.password_file);
    if (!in) return Fail(ErrorCode::kIo, "无法读取密码文件：" + s.password_file);
    std::string line;
    std::getline(in, line);
    return line;
  }
  if (const char* env = std::getenv("QJY_PASSWORD"); env != nullptr && *env != '\0') return std::string(env);
  const bool tty = isatty(STDIN_FILENO) != 0;
  termios old{};
  if (tty) {
    std::cerr << "账号 " << s.user << " 的密码：";
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  const bool got = static_cast<bool>(std::getline(std::cin, line));
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
  }
  if (!got || line.empty()) return Fail(ErrorCode::kPermissionDenied, "未提供密码");
  return line;
}

}  // namespace

Result<auth::Account> SignIn(store::Db& db, const std::string& db_url, const Signer& s, const auth::Clock& clock) {
  if (auto r = auth::MigrateAuth(db); !r) return std::unexpected(r.error());
  auto password = ReadPassword(s);
  if (!password) return std::unexpected(password.error());
  auth::SessionManager sessions(clock);
  auto login = sessions.Login(db, s.user, *password, "cli");
  if (!login) return std::unexpected(login.error());
  if (login->status == auth::LoginStatus::kLocked) {
    return Fail(ErrorCode::kPermissionDenied, "账号已锁定，请稍后再试");
  }
  if (login->status == auth::LoginStatus::kDemoPassword) {
    audit::AuditEntry e;
    e.actor = s.user;
    e.role = "cli";
    e.action = "login";
    e.target = "account";
    e.result = "denied";
    e.client = "cli";
    e.detail = "公开的演示密码，非演示库";
    (void)audit::AuditLog(clock, db_url).Append(db, std::move(e));
    return Fail(ErrorCode::kPermissionDenied, auth::kDemoPasswordRefused);
  }
  if (login->status != auth::LoginStatus::kOk || !login->account) {
    return Fail(ErrorCode::kPermissionDenied, "账号或密码错误");
  }
  // The session the login opened is not needed: close it at once.
  (void)sessions.Logout(db, login->token);
  if (login->account->role != auth::Role::kOfficer) {
    return Fail(ErrorCode::kPermissionDenied, "只有经办人员账号可以提交或审批（支付、政策参数）");
  }
  return *login->account;
}

}  // namespace qjy::cli
