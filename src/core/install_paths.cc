#include "core/install_paths.h"

#include <cstdlib>
#include <system_error>

// Set for this file only (src/core/CMakeLists.txt).
#ifndef QJY_SOURCE_DIR
#define QJY_SOURCE_DIR "."
#endif
#ifndef QJY_REFDATA_DIR
#define QJY_REFDATA_DIR "refdata"
#endif

namespace qjy {
namespace {

std::filesystem::path Resolve() {
  if (const char* env = std::getenv("QJY_HOME"); env != nullptr && *env != '\0') return env;
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto share = exe.parent_path().parent_path() / "share" / "qianjiuye";
    if (std::filesystem::is_directory(share / "policy" / "params", ec)) return share;
  }
  return QJY_SOURCE_DIR;
}

}  // namespace

const std::filesystem::path& ShippedRoot() {
  static const std::filesystem::path root = Resolve();
  return root;
}

std::filesystem::path ShippedPath(std::string_view rel) { return ShippedRoot() / rel; }

const std::filesystem::path& SourceTreeDir() {
  static const std::filesystem::path dir = QJY_SOURCE_DIR;
  return dir;
}

const std::filesystem::path& BuildRefdataDir() {
  static const std::filesystem::path dir = QJY_REFDATA_DIR;
  return dir;
}

}  // namespace qjy
