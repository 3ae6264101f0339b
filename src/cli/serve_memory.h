// Memory settings for the long-running server (`qjy serve`), applied once
// at its start, before it serves.
//
// The batch commands want jemalloc's "thp:always" (malloc_conf_main.cc:
// large arrays on transparent huge pages). A server that runs for months
// does not: its memory is many short-lived response buffers, and a huge
// page stays resident while any byte of it is in use, so RSS crept up
// 28.8 % in a 10-minute soak (bench/README.md) while the live heap stayed
// under 20 MB. For the server:
//   - transparent huge pages are switched off for the process
//     (prctl PR_SET_THP_DISABLE: jemalloc's madvise(MADV_HUGEPAGE) then has
//     no effect on new mappings);
//   - jemalloc returns freed pages to the system from a background thread,
//     after 1 s instead of 10 s (background_thread, dirty_decay_ms,
//     muzzy_decay_ms), through mallctl when jemalloc is the allocator.
// MALLOC_CONF in the environment wins: when set, only the operator's
// settings apply and nothing here changes jemalloc.
#ifndef QJY_CLI_SERVE_MEMORY_H_
#define QJY_CLI_SERVE_MEMORY_H_

#include <string>

namespace qjy::cli {

// What was applied, for the start-up log ("THP off; jemalloc purge 1 s").
// Never fails: a setting the platform refuses is left out of the text.
std::string ConfigureServerMemory();

}  // namespace qjy::cli

#endif  // QJY_CLI_SERVE_MEMORY_H_
