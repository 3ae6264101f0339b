#include "auth/session_manager.h"

#include <mutex>

#include "auth/demo_marker.h"
#include "auth/password.h"
#include "auth/token.h"

namespace qjy::auth {
namespace {

// Persist last_seen at most this often (seconds): the idle timeout is 30
// min, so a restart loses at most a minute of idleness accounting.
constexpr int64_t kPersistEvery = 60;

const std::string& DummyHash() {
  static const std::string h = HashPassword("Dummy-password-0").value_or("");
  return h;
}

}  // namespace

Result<LoginResult> SessionManager::Login(store::Db& db, std::string_view username,
                                          std::string_view password, std::string_view client) {
  AccountStore accounts(db);
  auto found = accounts.FindByUsername(username);
  if (!found) return std::unexpected(found.error());
  const int64_t now = clock_.Now();
  LoginResult out;
  if (!found->has_value()) {
    VerifyPassword(DummyHash(), password);  // same cost as a real check
    return out;
  }
  if ((*found)->disabled) {
    // No attempt is counted: a disabled account cannot be locked or opened.
    if (VerifyPassword((*found)->password_hash, password)) out.status = LoginStatus::kDisabled;
    return out;
  }
  Account account = std::move(**found);
  // Reserve the attempt before the (slow) password check, atomically: a
  // read-then-write counter let parallel clients check more passwords
  // than kMaxFailedLogins before the lock.
  auto attempt = accounts.ReserveLoginAttempt(account.account_id, now);
  if (!attempt) return std::unexpected(attempt.error());
  if (!*attempt) {
    auto fresh = accounts.FindById(account.account_id);
    if (!fresh) return std::unexpected(fresh.error());
    if (*fresh) account = std::move(**fresh);
    out.status = LoginStatus::kLocked;
    out.locked_until = account.locked_until;
    out.account = std::move(account);
    return out;
  }
  if (!VerifyPassword(account.password_hash, password)) {
    auto until = accounts.FailLoginAttempt(account.account_id, **attempt, now);
    if (!until) return std::unexpected(until.error());
    account.failed_logins = *until ? 0 : **attempt;
    account.locked_until = *until;
    out.account = std::move(account);
    return out;
  }
  if (auto r = accounts.ResetFailedLogins(account.account_id); !r) return std::unexpected(r.error());
  account.failed_logins = 0;
  account.locked_until = 0;
  if (password == kDemoPassword) {
    auto demo = IsDemoDatabase(db);
    if (!demo) return std::unexpected(demo.error());
    if (!*demo) {
      out.status = LoginStatus::kDemoPassword;
      out.account = std::move(account);
      return out;
    }
  }

  auto session = std::make_shared<Session>();
  out.token = RandomToken(32);
  out.csrf_token = RandomToken(32);
  session->account = account;
  session->token_hash = Sha256Hex(out.token);
  session->csrf_token = out.csrf_token;
  session->last_seen = now;
  session->persisted_seen = now;
  const store::Value params[] = {session->token_hash, account.account_id, out.csrf_token, now, now,
                                 std::string(client)};
  if (auto r = db.Exec("INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, "
                       "last_seen, client) VALUES (?, ?, ?, ?, ?, ?)",
                       params);
      !r) {
    return std::unexpected(r.error());
  }
  {
    std::unique_lock lock(mu_);
    live_[session->token_hash] = session;
    // Now and then drop dead sessions from memory (the rows stay until a
    // lookup or logout removes them; they are useless without the token).
    if (++logins_ % 256 == 0) {
      std::erase_if(live_, [&](const auto& kv) {
        return now - kv.second->last_seen.load() > idle_timeout_;
      });
    }
  }
  out.status = LoginStatus::kOk;
  out.account = std::move(account);
  return out;
}

Result<std::shared_ptr<const Session>> SessionManager::Authenticate(store::Db& db,
                                                                    std::string_view token) {
  if (token.empty() || token.size() > 128) return std::shared_ptr<const Session>();
  const std::string hash = Sha256Hex(token);
  const int64_t now = clock_.Now();
  std::shared_ptr<Session> s;
  {
    std::shared_lock lock(mu_);
    if (auto it = live_.find(hash); it != live_.end()) s = it->second;
  }
  if (!s) {
    const store::Value params[] = {hash};
    auto rows = db.Query(
        "SELECT account_id, csrf_token, last_seen FROM sessions WHERE token_hash = ?", params);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return std::shared_ptr<const Session>();
    auto account = AccountStore(db).FindById(rows->front().Int(0));
    if (!account) return std::unexpected(account.error());
    if (!account->has_value()) return std::shared_ptr<const Session>();
    s = std::make_shared<Session>();
    s->account = std::move(**account);
    s->token_hash = hash;
    s->csrf_token = rows->front().Text(1);
    s->last_seen = rows->front().Int(2);
    s->persisted_seen = s->last_seen.load();
    std::unique_lock lock(mu_);
    live_.try_emplace(hash, s);
  }
  if (s->account.disabled || now - s->last_seen.load() > idle_timeout_) {
    if (auto r = Forget(db, hash); !r) return std::unexpected(r.error());
    return std::shared_ptr<const Session>();
  }
  s->last_seen = now;
  int64_t persisted = s->persisted_seen.load();
  if (now - persisted >= kPersistEvery &&
      s->persisted_seen.compare_exchange_strong(persisted, now)) {
    const store::Value params[] = {now, hash};
    auto r = db.Exec("UPDATE sessions SET last_seen = ? WHERE token_hash = ?", params);
    if (!r) return std::unexpected(r.error());
    if (*r == 0) {  // the row is gone: a password reset, a disabled account, a logout elsewhere
      std::unique_lock lock(mu_);
      live_.erase(hash);
      return std::shared_ptr<const Session>();
    }
  }
  return std::shared_ptr<const Session>(std::move(s));
}

Result<void> SessionManager::Logout(store::Db& db, std::string_view token) {
  return Forget(db, Sha256Hex(token));
}

void SessionManager::ForgetAccount(int64_t account_id) {
  std::unique_lock lock(mu_);
  std::erase_if(live_, [&](const auto& kv) { return kv.second->account.account_id == account_id; });
}

Result<void> SessionManager::Forget(store::Db& db, const std::string& token_hash) {
  {
    std::unique_lock lock(mu_);
    live_.erase(token_hash);
  }
  const store::Value params[] = {token_hash};
  if (auto r = db.Exec("DELETE FROM sessions WHERE token_hash = ?", params); !r) {
    return std::unexpected(r.error());
  }
  return {};
}

}  // namespace qjy::auth
