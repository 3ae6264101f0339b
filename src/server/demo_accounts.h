// The demo set of accounts for the demo database only (`qjy demo-accounts`):
// officers at province, prefecture, county (with the reveal grant) and
// township level, an employer, a seeker, an auditor, a system administrator
// and a security administrator. Their bindings are taken from the data in
// the database (the first person and employer) so that the demo shows
// records. Existing usernames are left alone.
//
// Only a database created as the demo (carrying the marker `qjy gen` writes,
// auth/demo_marker.h) gets them; any other database is refused
// (kPermissionDenied, a Chinese message) and nothing is created.
#ifndef QJY_SERVER_DEMO_ACCOUNTS_H_
#define QJY_SERVER_DEMO_ACCOUNTS_H_

#include <string>
#include <vector>

#include "auth/account.h"
#include "auth/password.h"
#include "core/regions.h"
#include "core/vault.h"
#include "store/db.h"

namespace qjy::server {

// The fixed password of every demo account (auth/password.h). Demo
// databases only: real accounts are made with `qjy accounts create`.
using auth::kDemoPassword;

struct DemoAccount {
  std::string username;
  std::string role;
  std::string binding;  // region code, credit code or masked ID
  bool created = false; // false: it existed already
};

Result<std::vector<DemoAccount>> CreateDemoAccounts(store::Db& db, const Vault& vault,
                                                    const RegionIndex& regions, int64_t now);

}  // namespace qjy::server

#endif  // QJY_SERVER_DEMO_ACCOUNTS_H_
