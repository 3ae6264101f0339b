#include "auth/account.h"

#include <algorithm>

#include "auth/demo_marker.h"
#include "auth/password.h"

namespace qjy::auth {
namespace {

constexpr char kColumns[] =
    "account_id, username, display_name, role, region_code, credit_code, id_hash, "
    "password_hash, grants, demo, failed_logins, locked_until, disabled, created_at";

std::vector<std::string> SplitGrants(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

std::string JoinGrants(const std::vector<std::string>& g) {
  std::string out;
  for (const auto& s : g) {
    if (!out.empty()) out += ',';
    out += s;
  }
  return out;
}

Account FromRow(const store::Row& r) {
  Account a;
  a.account_id = r.Int(0);
  a.username = r.Text(1);
  a.display_name = r.Text(2);
  a.role = ParseRole(r.Text(3)).value_or(Role::kSeeker);
  a.region_code = r.Text(4);
  a.credit_code = r.Text(5);
  a.id_hash = r.Bytes(6);
  a.password_hash = r.Text(7);
  a.grants = SplitGrants(r.Text(8));
  a.demo = r.Int(9) != 0;
  a.failed_logins = static_cast<int>(r.Int(10));
  a.locked_until = r.Int(11);
  a.disabled = r.Int(12) != 0;
  a.created_at = r.Int(13);
  return a;
}

bool ValidUsername(std::string_view u) {
  if (u.size() < 3 || u.size() > 32) return false;
  return std::all_of(u.begin(), u.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '.' || c == '-';
  });
}

bool ValidCreditCodeShape(std::string_view c) {
  if (c.size() != 18) return false;
  return std::all_of(c.begin(), c.end(),
                     [](char ch) { return (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z'); });
}

}  // namespace

bool Account::HasGrant(std::string_view g) const {
  return std::find(grants.begin(), grants.end(), g) != grants.end();
}

Result<void> ValidateBinding(const NewAccount& a) {
  if (!ValidUsername(a.username)) {
    return Fail(ErrorCode::kInvalidArgument, "用户名须为 3～32 个字母、数字或 _ . -");
  }
  switch (a.role) {
    case Role::kOfficer:
      if (RegionLevel(a.region_code) == 0) {
        return Fail(ErrorCode::kInvalidArgument,
                    "经办人员须绑定区划代码（2/4/6/9/12 位数字）：" + a.region_code);
      }
      break;
    case Role::kEmployer:
      if (!ValidCreditCodeShape(a.credit_code)) {
        return Fail(ErrorCode::kInvalidArgument, "用人单位账号须绑定 18 位统一社会信用代码");
      }
      break;
    case Role::kSeeker:
      if (a.id_hash.empty()) {
        return Fail(ErrorCode::kInvalidArgument, "求职者账号须绑定公民身份号码");
      }
      break;
    default:
      break;
  }
  return ValidateGrants(a.role, a.grants);
}

Result<void> ValidateGrants(Role role, const std::vector<std::string>& grants) {
  for (const auto& g : grants) {
    // "approve_payment": 审批支付 of payment batches (policy_services/payment_batch.h).
    // "approve_params": 审批政策参数 (policy_services/param_change_store.h).
    // "supervise_funds": 资金监管 review (supervision/supervisor.h).
    if (g != "reveal" && g != "approve_payment" && g != "approve_params" && g != "supervise_funds") {
      return Fail(ErrorCode::kInvalidArgument, "未知的权限：" + g);
    }
    if (role != Role::kOfficer) {
      return Fail(ErrorCode::kInvalidArgument, "只有经办人员可被授予查看明文、审批支付、审批政策参数或资金监管权限");
    }
  }
  return {};
}

std::string_view GrantLabel(std::string_view grant) {
  if (grant == "reveal") return "查看明文身份信息";
  if (grant == "approve_payment") return "审批支付";
  if (grant == "approve_params") return "审批政策参数";
  if (grant == "supervise_funds") return "资金监管";
  return grant;
}

Result<Account> AccountStore::Create(const NewAccount& a, int64_t now) {
  if (auto v = ValidateBinding(a); !v) return std::unexpected(v.error());
  // The published demo password and demo accounts: the demo database only.
  bool demo_db = false;
  if (a.demo || a.password == kDemoPassword) {
    auto d = IsDemoDatabase(db_);
    if (!d) return std::unexpected(d.error());
    demo_db = *d;
  }
  if (a.demo && !demo_db) return Fail(ErrorCode::kPermissionDenied, "演示账号只能在演示库中创建");
  if (auto p = CheckPasswordPolicy(a.password, demo_db); !p) return std::unexpected(p.error());
  auto hash = HashPassword(a.password, hash_cost_);
  if (!hash) return std::unexpected(hash.error());
  if (auto existing = FindByUsername(a.username); !existing) {
    return std::unexpected(existing.error());
  } else if (existing->has_value()) {
    return Fail(ErrorCode::kAlreadyExists, "用户名已存在：" + a.username);
  }
  store::Value id_hash = a.id_hash.empty() ? store::Value{} : store::Value{a.id_hash};
  const store::Value params[] = {
      a.username, a.display_name.empty() ? a.username : a.display_name,
      std::string(RoleName(a.role)),
      a.role == Role::kOfficer ? a.region_code : std::string(),
      a.role == Role::kEmployer ? a.credit_code : std::string(),
      a.role == Role::kSeeker ? id_hash : store::Value{},
      *hash, JoinGrants(a.grants), int64_t{a.demo}, now};
  auto rows = db_.Query(
      "INSERT INTO accounts (username, display_name, role, region_code, credit_code, id_hash, "
      "password_hash, grants, demo, failed_logins, locked_until, disabled, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?) RETURNING account_id",
      params);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return Fail(ErrorCode::kStore, "创建账号失败");
  auto created = FindById(rows->front().Int(0));
  if (!created) return std::unexpected(created.error());
  if (!created->has_value()) return Fail(ErrorCode::kStore, "创建账号失败");
  return std::move(**created);
}

Result<std::optional<Account>> AccountStore::FindByUsername(std::string_view username) {
  const store::Value params[] = {std::string(username)};
  auto rows = db_.Query(std::string("SELECT ") + kColumns + " FROM accounts WHERE username = ?",
                        params);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<Account>();
  return std::optional<Account>(FromRow(rows->front()));
}

Result<std::optional<Account>> AccountStore::FindById(int64_t account_id) {
  const store::Value params[] = {account_id};
  auto rows = db_.Query(std::string("SELECT ") + kColumns + " FROM accounts WHERE account_id = ?",
                        params);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<Account>();
  return std::optional<Account>(FromRow(rows->front()));
}

Result<std::vector<Account>> AccountStore::List() {
  auto rows = db_.Query(std::string("SELECT ") + kColumns + " FROM accounts ORDER BY account_id");
  if (!rows) return std::unexpected(rows.error());
  std::vector<Account> out;
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

Result<std::optional<int>> AccountStore::ReserveLoginAttempt(int64_t account_id, int64_t now) {
  const store::Value params[] = {account_id, now, int64_t{kMaxFailedLogins}};
  auto rows = db_.Query(
      "UPDATE accounts SET failed_logins = failed_logins + 1 "
      "WHERE account_id = ? AND locked_until <= ? AND failed_logins < ? RETURNING failed_logins",
      params);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<int>();
  return std::optional<int>(static_cast<int>(rows->front().Int(0)));
}

Result<int64_t> AccountStore::FailLoginAttempt(int64_t account_id, int attempt, int64_t now) {
  if (attempt < kMaxFailedLogins) return int64_t{0};  // counted when reserved
  const int64_t until = now + kLockoutSeconds;
  const store::Value params[] = {until, account_id};
  auto r = db_.Exec("UPDATE accounts SET failed_logins = 0, locked_until = ? WHERE account_id = ?", params);
  if (!r) return std::unexpected(r.error());
  return until;
}

Result<void> AccountStore::ResetFailedLogins(int64_t account_id) {
  const store::Value params[] = {account_id};
  auto r = db_.Exec("UPDATE accounts SET failed_logins = 0, locked_until = 0 WHERE account_id = ?",
                    params);
  if (!r) return std::unexpected(r.error());
  return {};
}

Result<void> AccountStore::SetGrants(int64_t account_id, const std::vector<std::string>& grants) {
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  const store::Value params[] = {JoinGrants(grants), account_id};
  auto r = db_.Exec("UPDATE accounts SET grants = ? WHERE account_id = ?", params);
  if (!r) return std::unexpected(r.error());
  if (*r == 0) return Fail(ErrorCode::kNotFound, "没有该账号");
  const store::Value id[] = {account_id};
  if (auto d = db_.Exec("DELETE FROM sessions WHERE account_id = ?", id); !d) return std::unexpected(d.error());
  return tx->Commit();
}

Result<void> AccountStore::SetRegion(int64_t account_id, const std::string& region_code) {
  if (RegionLevel(region_code) == 0) {
    return Fail(ErrorCode::kInvalidArgument, "区划代码须为 2/4/6/9/12 位数字：" + region_code);
  }
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  const store::Value params[] = {region_code, account_id, std::string(RoleName(Role::kOfficer))};
  auto r = db_.Exec("UPDATE accounts SET region_code = ? WHERE account_id = ? AND role = ?", params);
  if (!r) return std::unexpected(r.error());
  if (*r == 0) {
    auto found = FindById(account_id);
    if (!found) return std::unexpected(found.error());
    if (!found->has_value()) return Fail(ErrorCode::kNotFound, "没有该账号");
    return Fail(ErrorCode::kInvalidArgument, "只有经办人员账号绑定区划");
  }
  const store::Value id[] = {account_id};
  if (auto d = db_.Exec("DELETE FROM sessions WHERE account_id = ?", id); !d) return std::unexpected(d.error());
  return tx->Commit();
}

Result<int64_t> AccountStore::CountEnabled(Role role) {
  const store::Value params[] = {std::string(RoleName(role))};
  auto rows = db_.Query("SELECT COUNT(*) FROM accounts WHERE role = ? AND disabled = 0", params);
  if (!rows) return std::unexpected(rows.error());
  return rows->empty() ? int64_t{0} : rows->front().Int(0);
}

Result<void> AccountStore::SetPassword(int64_t account_id, const std::string& password) {
  bool demo_db = false;
  if (password == kDemoPassword) {
    auto d = IsDemoDatabase(db_);
    if (!d) return std::unexpected(d.error());
    demo_db = *d;
  }
  if (auto p = CheckPasswordPolicy(password, demo_db); !p) return std::unexpected(p.error());
  auto hash = HashPassword(password, hash_cost_);
  if (!hash) return std::unexpected(hash.error());
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  const store::Value params[] = {*hash, account_id};
  auto r = db_.Exec("UPDATE accounts SET password_hash = ?, failed_logins = 0, locked_until = 0 WHERE account_id = ?",
                    params);
  if (!r) return std::unexpected(r.error());
  if (*r == 0) return Fail(ErrorCode::kNotFound, "没有该账号");
  const store::Value id[] = {account_id};
  if (auto d = db_.Exec("DELETE FROM sessions WHERE account_id = ?", id); !d) return std::unexpected(d.error());
  return tx->Commit();
}

Result<void> AccountStore::SetDisabled(int64_t account_id, bool disabled) {
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  const store::Value params[] = {int64_t{disabled}, account_id};
  auto r = db_.Exec("UPDATE accounts SET disabled = ? WHERE account_id = ?", params);
  if (!r) return std::unexpected(r.error());
  if (*r == 0) return Fail(ErrorCode::kNotFound, "没有该账号");
  if (disabled) {
    const store::Value id[] = {account_id};
    if (auto d = db_.Exec("DELETE FROM sessions WHERE account_id = ?", id); !d) return std::unexpected(d.error());
  }
  return tx->Commit();
}

}  // namespace qjy::auth
