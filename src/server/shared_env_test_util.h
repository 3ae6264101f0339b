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

inline std::unique_ptr<TestEnv>& EnvSlot() {
  static std::unique_ptr<TestEnv> env;
  return env;
}

inline TestEnv& Env() {
  auto& slot = EnvSlot();
  if (!slot) slot = std::make_unique<TestEnv>();
  return *slot;
}

class SharedEnvCleanup : public ::testing::Environment {
 public:
  void TearDown() override { EnvSlot().reset(); }
};

inline ::testing::Environment* const kSharedEnvCleanup =
    ::testing::AddGlobalTestEnvironment(new SharedEnvCleanup);

inline const Login& As(const std::string& user) {
  static std::mutex mu;
  static std::map<std::string, Login> logins;
  std::lock_guard lock(mu);
  auto it = logins.find(user);
  if (it == logins.end()) it = logins.emplace(user, Env().LogIn(user)).first;
  return it->second;
}

}  // namespace qjy::server::testing

#endif  // QJY_SERVER_SHARED_ENV_TEST_UTIL_H_
