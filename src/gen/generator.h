// The whole synthetic province: employers, the service network, jobs, then
// persons with their contracts, streamed in batches to the sinks. Memory
// stays bounded by the batch size plus the employer directory (~40 bytes
// per employer) and the ID allocator (~8 MB), so 20,000,000 persons and
// 1,000,000 employers fit easily.
//
// Two threads: one generates the next batch while the caller's thread
// writes the current one to the sinks. Output is identical whatever the
// batch size (records depend only on seed and index; IDs are allocated in
// index order).
#ifndef QJY_GEN_GENERATOR_H_
#define QJY_GEN_GENERATOR_H_

#include <cstdint>
#include <span>

#include "core/error.h"
#include "gen/progress.h"
#include "gen/sink.h"
#include "gen/tables.h"

namespace qjy::gen {

// Ids are numbered from these + 1 (the store's MaxId for each entity).
struct IdBase {
  int64_t person = 0, employer = 0, job = 0, contract = 0, site = 0;
};

struct GenCounts {
  int64_t persons = 0, employers = 0, jobs = 0, contracts = 0, sites = 0;
  int64_t contributions = 0;  // contribution months (contribution_gen.h)
  int64_t employer_years = 0, groups = 0;
};

struct RunOptions {
  int batch_size = 10'000;
  Progress* progress = nullptr;  // may be null
};

Result<GenCounts> Generate(const Tables& tables, const IdBase& base, std::span<Sink* const> sinks,
                           const RunOptions& run = {});

}  // namespace qjy::gen

#endif  // QJY_GEN_GENERATOR_H_
