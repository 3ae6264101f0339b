// The product's assignment: the exact primal-dual solver (primal_dual.h)
// run with the short side of the network as its rows. The jobs offer
// sum_j min(capacity_j, candidates_j) units, the seekers ask for
// sum_s demand(s): jobs' side when the offer is below the demand (then
// each job taking its best seekers is nearly the answer, while every
// seeker taking its best jobs piles them onto too few places), seekers'
// side when it is 2 % or more above (the batch's own instances: capacity
// 5 x headcount). In between, balanced, the jobs' side where its greedy
// start leaves under half as many units over capacity as the seekers'
// greedy start, else the seekers'. Chosen wrongly, the same solve took
// 10-40x longer (the batch with 30 candidates at 1 M seekers: 235 s
// instead of 15 s); bench/README.md ("Which side") has the measurements.
//
// Exact either way (the same min-cost flow; the tests compare with LEMON).
// Cost of the choice: a pass over the jobs and the seekers; in the band
// also a greedy pass over the seekers' first arcs and one over all arcs.
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
  std::uint64_t offered = 0;  // sum over jobs of min(capacity, candidates)
  std::uint64_t demand = 0;   // sum over seekers of demand(s)
  bool by_totals = true;      // side chosen by offered against demand (else in the band, by the excess)
  // In the band only (by_totals false; else both 0, not computed):
  // GreedyExcess(p, kSeekers), and GreedyExcess(p, kJobs) or a lower bound
  // of it that is already at least half of excess_from_seekers (the pass
  // stops there).
  std::uint64_t excess_from_seekers = 0;
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
