#include "cli/serve_memory.h"

#include <sys/prctl.h>

#include <cstdlib>
#include <cstdint>

// jemalloc's control interface. Weak: absent (null) when the program does
// not link jemalloc (the test binaries).
extern "C" int mallctl(const char* name, void* oldp, size_t* oldlenp, void* newp, size_t newlen)
    __attribute__((weak));

namespace qjy::cli {

std::string ConfigureServerMemory() {
  if (std::getenv("MALLOC_CONF") != nullptr) return "MALLOC_CONF as set";
  std::string applied;
  auto note = [&](const char* what) {
    if (!applied.empty()) applied += "; ";
    applied += what;
  };
  if (prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0) == 0) note("THP off");
  if (mallctl != nullptr) {
    bool on = true;
    ssize_t decay_ms = 1000, muzzy_ms = 0;
    if (mallctl("background_thread", nullptr, nullptr, &on, sizeof(on)) == 0) note("jemalloc background purge");
    // Arenas made from now on (the server's threads get theirs lazily) ...
    bool decay = mallctl("arenas.dirty_decay_ms", nullptr, nullptr, &decay_ms, sizeof(decay_ms)) == 0;
    decay = mallctl("arenas.muzzy_decay_ms", nullptr, nullptr, &muzzy_ms, sizeof(muzzy_ms)) == 0 && decay;
    // ... and those that exist already.
    unsigned narenas = 0;
    size_t len = sizeof(narenas);
    if (mallctl("arenas.narenas", &narenas, &len, nullptr, 0) == 0) {
      for (unsigned i = 0; i < narenas; ++i) {
        const std::string base = "arena." + std::to_string(i) + ".";
        (void)mallctl((base + "dirty_decay_ms").c_str(), nullptr, nullptr, &decay_ms, sizeof(decay_ms));
        (void)mallctl((base + "muzzy_decay_ms").c_str(), nullptr, nullptr, &muzzy_ms, sizeof(muzzy_ms));
      }
    }
    if (decay) note("jemalloc decay 1 s");
  }
  return applied.empty() ? "defaults" : applied;
}

}  // namespace qjy::cli
