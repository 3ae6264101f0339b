// Where the files the product ships (policy parameters, data tables, web
// pages, reference data) are found at run time, so that one binary works
// both from a build tree and installed (cmake --install, the .deb).
//
// The root is resolved once per process, in this order:
//   1. $QJY_HOME when set and non-empty (a directory laid out like the
//      source tree: policy/, web/, src/<subsystem>/data, refdata/);
//   2. <dir of the running executable>/../share/qianjiuye when it holds
//      policy/params (the installed layout, e.g. /usr/bin/qjy →
//      /usr/share/qianjiuye);
//   3. in a CMake build tree (a parent of the executable holds
//      CMakeCache.txt): the source tree that cache names (a developer build).
// No path of the machine that built the binary is compiled in.
#ifndef QJY_CORE_INSTALL_PATHS_H_
#define QJY_CORE_INSTALL_PATHS_H_

#include <filesystem>
#include <string_view>

namespace qjy {

// The resolved root (see above). Never empty.
const std::filesystem::path& ShippedRoot();

// ShippedRoot() / rel, where rel is a path as it is in the source tree,
// e.g. ShippedPath("src/ads/data"), ShippedPath("policy/params").
std::filesystem::path ShippedPath(std::string_view rel);

// The source tree of the build tree holding this executable ("." outside
// one), whatever ShippedRoot() says. For tests and benchmarks that read fixtures; product code uses
// ShippedPath().
const std::filesystem::path& SourceTreeDir();

// The build tree's reference-data folder (tools/refdata.mjs output);
// RefdataDir() (core/refdata.h) is what product code reads.
const std::filesystem::path& BuildRefdataDir();

}  // namespace qjy

#endif  // QJY_CORE_INSTALL_PATHS_H_
