// The lockout under parallel clients, on SQLite and PostgreSQL: however many
// connections race, at most kMaxFailedLogins passwords are checked before
// the account locks.
#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <thread>
#include <vector>

#include "auth/account.h"
#include "auth/auth_schema.h"
#include "auth/session_manager.h"
#include "store/store_test_support.h"

namespace qjy::auth {
namespace {

constexpr char kLockoutPassword[] = "Officer-Pass-2024";

class LockoutTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    ASSERT_TRUE(MigrateAuth(*db_).has_value());
    NewAccount a;
    a.username = "county_officer";
    a.role = Role::kOfficer;
    a.region_code = "520102";
    a.password = kLockoutPassword;
    auto created = AccountStore(*db_).Create(a, clock_.Now());
    ASSERT_TRUE(created.has_value()) << created.error().message;
  }

  // `n` logins at once with `password`, each on its own connection.
  std::vector<LoginStatus> Race(SessionManager& sm, int n, const std::string& password) {
    std::vector<std::unique_ptr<store::Db>> conns;
    for (int i = 0; i < n; ++i) {
      auto db = Open();
      EXPECT_TRUE(db) << db.error().message;
      if (!db) return {};
      conns.push_back(std::move(*db));
    }
    std::vector<LoginStatus> out(n, LoginStatus::kOk);
    std::atomic<int> errors{0};
    std::barrier start(n);
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i) {
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        auto r = sm.Login(*conns[i], "county_officer", password, "x");
        if (!r) {
          ++errors;
          ADD_FAILURE() << r.error().message;
          return;
        }
        out[i] = r->status;
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(errors.load(), 0);
    return out;
  }

  ManualClock clock_{1'700'000'000};
};

TEST_P(LockoutTest, ParallelWrongPasswordsCheckAtMostFive) {
  SessionManager sm(clock_);
  auto statuses = Race(sm, 10, "Wrong-Pass-2024");
  int checked = 0, locked = 0;
  for (auto s : statuses) {
    checked += s == LoginStatus::kBadCredentials;
    locked += s == LoginStatus::kLocked;
  }
  EXPECT_EQ(checked, kMaxFailedLogins);
  EXPECT_EQ(locked, 10 - kMaxFailedLogins);
  // Locked now, even with the right password; a lock of 15 minutes.
  auto r = sm.Login(*db_, "county_officer", kLockoutPassword, "x");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, LoginStatus::kLocked);
  EXPECT_EQ(r->locked_until, clock_.Now() + kLockoutSeconds);
  clock_.Advance(kLockoutSeconds);
  r = sm.Login(*db_, "county_officer", kLockoutPassword, "x");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, LoginStatus::kOk);
}

TEST_P(LockoutTest, ParallelRightPasswordsAllSucceedAndLeaveNoCount) {
  SessionManager sm(clock_);
  auto statuses = Race(sm, 4, kLockoutPassword);
  for (auto s : statuses) EXPECT_EQ(s, LoginStatus::kOk);
  auto a = AccountStore(*db_).FindByUsername("county_officer");
  ASSERT_TRUE(a && *a);
  EXPECT_EQ((*a)->failed_logins, 0);
  EXPECT_EQ((*a)->locked_until, 0);
}

using store::Dialect;
QJY_INSTANTIATE_STORE_TEST(LockoutTest);

}  // namespace
}  // namespace qjy::auth
