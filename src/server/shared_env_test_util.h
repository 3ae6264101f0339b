// Test-only: one TestEnv per test binary, with one login per role.
#ifndef QJY_SERVER_SHARED_ENV_TEST_UTIL_H_
#define QJY_SERVER_SHARED_ENV_TEST_UTIL_H_

#include <map>
#include <mutex>

#include "server/test_env.h"

namespace qjy::server::testing {

inline TestEnv& Env() {
  static TestEnv* env = new TestEnv();  // lives until exit: the server threads keep running
  return *env;
}

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
