// Where the shipped parameters live: $QJY_POLICY_PARAMS, else policy/params
// under the shipped root (core/install_paths.h).
#ifndef QJY_POLICY_POLICY_DIR_H_
#define QJY_POLICY_POLICY_DIR_H_

#include <cstdlib>
#include <filesystem>

#include "core/install_paths.h"

namespace qjy::policy {

inline std::filesystem::path DefaultParamsDir() {
  if (const char* env = std::getenv("QJY_POLICY_PARAMS"); env && *env) return env;
  return ShippedPath("policy/params");
}

}  // namespace qjy::policy

#endif  // QJY_POLICY_POLICY_DIR_H_
