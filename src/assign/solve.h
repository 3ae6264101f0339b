// The product's assignment: the exact primal-dual solver (primal_dual.h)
// run from the side of the network where its greedy start leaves fewer
// units over capacity. Seekers' side when jobs have room to spare (the
// batch's own instances: capacity 5 x headcount, 1.8x the demand); jobs'
// side when capacity is short or everybody wants the same jobs (then each
// job taking its best seekers is nearly the answer, while every seeker
// taking its best jobs piles them onto the few popular ones).
// bench/README.md ("The assignment on every kind of instance") has the
// measurements behind the choice.
//
// Exact either way (the same min-cost flow; the tests compare with LEMON).
// Cost of the choice: one or two greedy passes over the arcs.
// Deterministic.
#ifndef QJY_ASSIGN_SOLVE_H_
#define QJY_ASSIGN_SOLVE_H_

#include <cstdint>

#include "assign/primal_dual.h"
#include "assign/problem.h"
#include "assign/solution.h"

namespace qjy::assign {

struct SolveReport {
  Side side = Side::kSeekers;
  std::uint64_t excess_from_seekers = 0;  // GreedyExcess(p, kSeekers)
  // GreedyExcess(p, kJobs), or a lower bound of it that is already no
  // smaller than excess_from_seekers (then the jobs' pass is skipped).
  std::uint64_t excess_from_jobs = 0;
  PrimalDualStats stats;
};

// report, if given, is overwritten, except that report->stats.check_start
// is read first (PrimalDualStats: the warm start checked before the
// phases).
Solution Solve(const Problem& p, SolveReport* report = nullptr);

// Units the greedy start of the given side leaves beyond a capacity:
// kSeekers: every seeker takes its demand(s) best jobs, the sum over jobs
// of load - capacity where positive; kJobs: every job takes its
// min(capacity, candidates) best seekers (ties: earlier seeker), the sum
// over seekers of offers - demand(s) where positive.
std::uint64_t GreedyExcess(const Problem& p, Side side);

}  // namespace qjy::assign

#endif  // QJY_ASSIGN_SOLVE_H_
