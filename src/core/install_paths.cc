#include "core/install_paths.h"

#include <cstdlib>
#include <fstream>
#include <string>
#include <system_error>

namespace qjy {
namespace {

namespace fs = std::filesystem;

fs::path ExeDir() {
  std::error_code ec;
  const auto exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

// The CMake build tree holding the running executable (build/qjy,
// build/src/core/core_test, build/bench/x): the first of its parent
// directories with a CMakeCache.txt, and the source tree that cache names.
struct BuildTree {
  fs::path build;
  fs::path source;
};

BuildTree FindBuildTree() {
  std::error_code ec;
  fs::path dir = ExeDir();
  for (int up = 0; up < 6 && !dir.empty(); ++up, dir = dir.parent_path()) {
    std::ifstream cache(dir / "CMakeCache.txt");
    if (!cache) {
      if (dir == dir.root_path()) break;
      continue;
    }
    constexpr std::string_view kKey = "CMAKE_HOME_DIRECTORY:INTERNAL=";
    for (std::string line; std::getline(cache, line);) {
      if (line.starts_with(kKey)) return {dir, fs::path(line.substr(kKey.size()))};
    }
    return {dir, {}};
  }
  return {};
}

const BuildTree& Tree() {
  static const BuildTree tree = FindBuildTree();
  return tree;
}

fs::path Resolve() {
  if (const char* env = std::getenv("QJY_HOME"); env != nullptr && *env != '\0') return env;
  std::error_code ec;
  if (auto dir = ExeDir(); !dir.empty()) {
    auto share = dir.parent_path() / "share" / "qianjiuye";
    if (fs::is_directory(share / "policy" / "params", ec)) return share;
  }
  if (!Tree().source.empty()) return Tree().source;
  return ".";
}

}  // namespace

const fs::path& ShippedRoot() {
  static const fs::path root = Resolve();
  return root;
}

fs::path ShippedPath(std::string_view rel) { return ShippedRoot() / rel; }

const fs::path& SourceTreeDir() {
  static const fs::path dir = Tree().source.empty() ? fs::path(".") : Tree().source;
  return dir;
}

const fs::path& BuildRefdataDir() {
  static const fs::path dir = Tree().build.empty() ? fs::path("refdata") : Tree().build / "refdata";
  return dir;
}

}  // namespace qjy
