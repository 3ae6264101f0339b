// Accounts: who may log in, with which role and binding.
//
// Bindings by role: an officer to a region code (2/4/6/9/12 digits: province
// .. village), an employer to a unified social credit code, a seeker to the
// keyed hash of a resident ID number (Vault::Index). Auditors and
// administrators are unbound.
//
// AccountStore borrows one Db connection: not thread-safe, cheap to build
// per request.
#ifndef QJY_AUTH_ACCOUNT_H_
#define QJY_AUTH_ACCOUNT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/password.h"
#include "auth/role.h"
#include "core/error.h"
#include "core/vault.h"
#include "store/db.h"

namespace qjy::auth {

inline constexpr int kMaxFailedLogins = 5;
inline constexpr int64_t kLockoutSeconds = 15 * 60;

struct Account {
  int64_t account_id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kOfficer;
  std::string region_code;   // officers
  std::string credit_code;   // employers
  Blob id_hash;              // seekers
  std::string password_hash;
  std::vector<std::string> grants;  // e.g. {"reveal"}
  bool demo = false;
  int failed_logins = 0;
  int64_t locked_until = 0;  // Unix seconds; 0 = not locked
  bool disabled = false;
  int64_t created_at = 0;

  bool HasGrant(std::string_view g) const;
};

struct NewAccount {
  std::string username;      // 3..32 of [A-Za-z0-9_.-]
  std::string display_name;  // defaults to username
  Role role = Role::kOfficer;
  std::string region_code;
  std::string credit_code;
  Blob id_hash;
  std::string password;      // checked against the policy, then hashed
  std::vector<std::string> grants;
  bool demo = false;
};

class AccountStore {
 public:
  // `cost`: how Create hashes passwords; kMinimumForTests only in test
  // fixtures (auth/password.h).
  explicit AccountStore(store::Db& db, HashCost cost = HashCost::kInteractive)
      : db_(db), hash_cost_(cost) {}

  // kInvalidArgument for a bad username, binding or weak password;
  // kAlreadyExists for a taken username.
  Result<Account> Create(const NewAccount& a, int64_t now);
  Result<std::optional<Account>> FindByUsername(std::string_view username);
  Result<std::optional<Account>> FindById(int64_t account_id);
  Result<std::vector<Account>> List();

  // Lockout, atomic under concurrent logins on SQLite and PostgreSQL: a
  // login first reserves an attempt with one conditional
  // UPDATE … RETURNING (failed_logins + 1, only while the account is not
  // locked and fewer than kMaxFailedLogins attempts are counted), then
  // checks the password. So at most kMaxFailedLogins passwords are ever
  // checked before the lock, however many clients race; an attempt still
  // in flight counts until it ends.
  //
  // ReserveLoginAttempt returns the attempt's number (1..kMaxFailedLogins),
  // or nullopt when the account is locked (or the in-flight attempts
  // already reach the limit).
  Result<std::optional<int>> ReserveLoginAttempt(int64_t account_id, int64_t now);
  // The reserved attempt `attempt` had a wrong password: the last one
  // allowed locks the account for kLockoutSeconds from `now` and restarts
  // the counter. Returns locked_until (0 when not locked).
  Result<int64_t> FailLoginAttempt(int64_t account_id, int attempt, int64_t now);
  // A correct password: the counter and any lock are cleared.
  Result<void> ResetFailedLogins(int64_t account_id);
  // Grants as given (checked by ValidateGrants first); the account's stored
  // sessions end, so the new grants apply from its next login.
  Result<void> SetGrants(int64_t account_id, const std::vector<std::string>& grants);
  // An officer's region (RegionLevel > 0; the caller checks that it exists);
  // the stored sessions end. kInvalidArgument for another role.
  Result<void> SetRegion(int64_t account_id, const std::string& region_code);
  // Accounts of the role that are not disabled.
  Result<int64_t> CountEnabled(Role role);
  // A new password, checked against the policy (the published demo
  // password only on the demo database); the lock and the failed-login
  // counter cleared and the account's stored sessions ended (a running
  // server drops a session it cached once the session's row is gone, at
  // its next persist). kNotFound for an unknown account.
  Result<void> SetPassword(int64_t account_id, const std::string& password);
  // Disables (or enables again) an account; disabling ends its stored
  // sessions. kNotFound for an unknown account.
  Result<void> SetDisabled(int64_t account_id, bool disabled);

 private:
  store::Db& db_;
  HashCost hash_cost_;
};

// Validates the binding fields for the role (shared by Create and the CLI).
Result<void> ValidateBinding(const NewAccount& a);
// Known grant names for the role: "reveal" (查看明文身份信息),
// "approve_payment" (审批支付), "approve_params" (审批政策参数) and
// "supervise_funds" (资金监管, supervision/supervisor.h), officers only.
Result<void> ValidateGrants(Role role, const std::vector<std::string>& grants);
// The Chinese name of a grant ("查看明文身份信息"), or the name itself.
std::string_view GrantLabel(std::string_view grant);

}  // namespace qjy::auth

#endif  // QJY_AUTH_ACCOUNT_H_
