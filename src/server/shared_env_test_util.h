// Test-only: one TestEnv per test binary, with one login per role. It is
// torn down after the last test (a global gtest Environment), so that no
// server thread outlives main().
#ifndef QJY_SERVER_SHARED_ENV_TEST_UTIL_H_
#define QJY_SERVER_SHARED_ENV_TEST_UTIL_H_

#include <map>
#include <memory>
#include <mutex>

#include "server/test_env.h"

namespace qjy::server::testing {

// The environment the tests of this process share, with its logins.
struct SharedEnvSlot {
  std::unique_ptr<TestEnv> env;
  std::map<std::string, Login> logins;
};

inline SharedEnvSlot& EnvSlot() {
  static SharedEnvSlot slot;
  return slot;
}

inline TestEnv& Env() {
  auto& slot = EnvSlot();
  if (!slot.env) slot.env = std::make_unique<TestEnv>();
  return *slot.env;
}

class SharedEnvCleanup : public ::testing::Environment {
 public:
  void TearDown() override { EnvSlot() = SharedEnvSlot{}; }
};

inline ::testing::Environment* const kSharedEnvCleanup =
    ::testing::AddGlobalTestEnvironment(new SharedEnvCleanup);

inline const Login& As(const std::string& user) {
  static std::mutex mu;
  std::lock_guard lock(mu);
  auto& logins = EnvSlot().logins;
  auto it = logins.find(user);
  if (it == logins.end()) it = logins.emplace(user, Env().LogIn(user)).first;
  return it->second;
}

// A suite whose tests write across the whole world (every state-changing
// route, every role) runs in an environment of its own, so that the suites
// after it in the same process still see the shared world as built (their
// rankings and no-leak checks assume it): use it as the suite's fixture.
// Env() and As() answer from the suite's environment until it ends.
class OwnEnvSuite : public ::testing::Test {
 public:
  static void SetUpTestSuite() { std::swap(EnvSlot(), Saved()); }
  static void TearDownTestSuite() {
    std::swap(EnvSlot(), Saved());
    Saved() = SharedEnvSlot{};
  }

 private:
  static SharedEnvSlot& Saved() {
    static SharedEnvSlot saved;
    return saved;
  }
};

}  // namespace qjy::server::testing

#endif  // QJY_SERVER_SHARED_ENV_TEST_UTIL_H_
