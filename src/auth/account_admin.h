// The administrators' account operations (issue #14), with the rules that
// hold whoever calls them:
//   - the system administrator (Permission::kManageAccounts) creates
//     accounts, disables and enables them, resets passwords and moves an
//     officer to another region; the security administrator
//     (Permission::kGrantPermissions) sets grants — the separation of duties
//     of auth/role.h (三员分立). Anyone else: kPermissionDenied.
//   - nobody disables their own account, and the last enabled system
//     administrator is never disabled (kConflict);
//   - an account created without a password, or a reset without one, gets a
//     generated password (GeneratePassword) returned once; a password the
//     administrator types passes the password policy like any other;
//   - every change to what an account may do (disable, password, grants,
//     region) ends its stored sessions (the caller also drops the ones its
//     SessionManager caches).
// Auditing is the caller's: it knows the client and the request.
//
// Borrows one Db connection: not thread-safe, cheap to build per request.
#ifndef QJY_AUTH_ACCOUNT_ADMIN_H_
#define QJY_AUTH_ACCOUNT_ADMIN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "auth/account.h"

namespace qjy::auth {

struct CreatedAccount {
  Account account;
  std::string generated_password;  // empty when the administrator set one
};

class AccountAdmin {
 public:
  explicit AccountAdmin(store::Db& db, HashCost cost = HashCost::kInteractive)
      : db_(db), accounts_(db, cost) {}

  // `a.password` empty: a generated one. `a.grants` must be empty (grants
  // are the security administrator's). kInvalidArgument for a bad binding
  // or a weak password, kAlreadyExists for a taken username.
  Result<CreatedAccount> Create(const Account& actor, NewAccount a, int64_t now);
  Result<Account> SetDisabled(const Account& actor, int64_t account_id, bool disabled);
  // Returns the generated password, or "" when `password` was given.
  Result<std::string> ResetPassword(const Account& actor, int64_t account_id, const std::string& password);
  Result<Account> SetGrants(const Account& actor, int64_t account_id, std::vector<std::string> grants);
  Result<Account> SetRegion(const Account& actor, int64_t account_id, const std::string& region_code);

 private:
  Result<Account> Find(int64_t account_id);

  store::Db& db_;
  AccountStore accounts_;
};

}  // namespace qjy::auth

#endif  // QJY_AUTH_ACCOUNT_ADMIN_H_
