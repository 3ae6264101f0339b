// Where the shipped parameters live: $QJY_POLICY_PARAMS, else the source
// tree's policy/params (compiled in as QJY_POLICY_DIR).
#ifndef QJY_POLICY_POLICY_DIR_H_
#define QJY_POLICY_POLICY_DIR_H_

#include <cstdlib>
#include <filesystem>

namespace qjy::policy {

inline std::filesystem::path DefaultParamsDir() {
  if (const char* env = std::getenv("QJY_POLICY_PARAMS"); env && *env) return env;
  return std::filesystem::path(QJY_POLICY_DIR) / "params";
}

}  // namespace qjy::policy

#endif  // QJY_POLICY_POLICY_DIR_H_
