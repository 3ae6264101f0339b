// Logins and sessions.
//
// A session id is 32 random bytes (base64url) handed to the browser in the
// qjy_session cookie; the database keeps only its SHA-256. Each login makes
// a new id (no fixation) and a per-session CSRF token. A session unused for
// `idle_timeout` seconds (default 30 min, injected clock) is dead. Logout
// deletes it. Lockout: kMaxFailedLogins wrong passwords lock the account for
// kLockoutSeconds (auth/account.h).
//
// The manager keeps live sessions in memory, so that authenticating a
// request costs one SHA-256 and a map look-up; the database is read on a
// cache miss (e.g. after a restart) and last_seen is written back at most
// once a minute.
//
// Thread-safety: all methods may be called concurrently; each call borrows
// the caller's Db connection for its duration.
#ifndef QJY_AUTH_SESSION_MANAGER_H_
#define QJY_AUTH_SESSION_MANAGER_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "auth/account.h"
#include "auth/clock.h"
#include "core/error.h"
#include "store/db.h"

namespace qjy::auth {

inline constexpr int64_t kDefaultIdleTimeout = 30 * 60;

struct Session {
  Account account;
  std::string token_hash;
  std::string csrf_token;
  mutable std::atomic<int64_t> last_seen{0};
  mutable std::atomic<int64_t> persisted_seen{0};
};

// kDemoPassword: the password was right but it is the published demo
// password (kDemoPassword) on a database that is not the demo
// (auth/demo_marker.h), e.g. demo accounts of an older release that had no
// marker: refused like a locked account until an administrator resets it.
// kDisabled: the password was right but an administrator disabled the
// account (a wrong password on a disabled account is kBadCredentials, so
// only its holder learns that it is disabled).
enum class LoginStatus { kOk, kBadCredentials, kLocked, kDemoPassword, kDisabled };

// The Chinese message for kDemoPassword.
inline constexpr char kDemoPasswordRefused[] =
    "此账号仍使用公开的演示密码，而本数据库不是演示库，已禁止登录；请系统管理员重置该账号的密码或停用该账号";

struct LoginResult {
  LoginStatus status = LoginStatus::kBadCredentials;
  std::optional<Account> account;  // set for kOk and kLocked (known account)
  std::string token;               // kOk: the cookie value, shown once
  std::string csrf_token;          // kOk
  int64_t locked_until = 0;        // kLocked
};

class SessionManager {
 public:
  explicit SessionManager(const Clock& clock, int64_t idle_timeout = kDefaultIdleTimeout)
      : clock_(clock), idle_timeout_(idle_timeout) {}

  // Checks the password (Argon2id, ~0.1 s) and the lockout. An unknown
  // username costs the same time as a wrong password. The right password
  // that is the published demo password on a database without the demo
  // marker is kDemoPassword (no session).
  Result<LoginResult> Login(store::Db& db, std::string_view username, std::string_view password,
                            std::string_view client);

  // The live session for a cookie value, refreshing its idle timer; nullptr
  // for an unknown, forged, idle-expired or logged-out one, or when the
  // account was disabled.
  Result<std::shared_ptr<const Session>> Authenticate(store::Db& db, std::string_view token);

  Result<void> Logout(store::Db& db, std::string_view token);

  // Drops every session of the account from memory, after an administrator
  // ended its stored sessions (AccountStore::SetPassword, SetDisabled,
  // SetGrants, SetRegion delete the rows): its next request is 401 at once,
  // not at the next persist of last_seen.
  void ForgetAccount(int64_t account_id);

  int64_t idle_timeout() const { return idle_timeout_; }

 private:
  Result<void> Forget(store::Db& db, const std::string& token_hash);

  const Clock& clock_;
  const int64_t idle_timeout_;
  std::shared_mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<Session>> live_;  // GUARDED_BY(mu_)
  std::atomic<uint64_t> logins_{0};
};

}  // namespace qjy::auth

#endif  // QJY_AUTH_SESSION_MANAGER_H_
