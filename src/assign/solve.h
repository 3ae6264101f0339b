// The product's assignment: the exact primal-dual solver (primal_dual.h)
// run with the short side of the network as its rows. The jobs offer
// sum_j min(capacity_j, candidates_j) units, the seekers ask for
// sum_s demand(s): jobs' side when the offer is below the demand (then
// each job taking its best seekers is nearly the answer, while every
// seeker taking its best jobs piles them onto too few places), seekers'
// side otherwise (the batch's own instances: capacity 5 x headcount).
// Chosen wrongly, the same solve took 10-40x longer (the batch with 30
// candidates at 1 M seekers: 235 s instead of 15 s); bench/README.md
// ("Which side") has the measurements. (From 2026-12-07 to the auction's
// second pass, offers up to 2 % above the demand went by the two greedy
// starts' excess; with that pass the seekers' side was 1.47-23x LEMON at
// all 46 points measured with offers from 1.00 to 1.03 x demand, and
// slower than the jobs' side by more than 10 % only for one market near
// balance (up to 1.8x), while the excess rule took the jobs' side for
// Zipf there: 0.64-0.98x LEMON. bench/README.md, "The auction's second
// pass".)
//
// Exact either way (the same min-cost flow; the tests compare with LEMON).
// Cost of the choice: a pass over the jobs and the seekers. Deterministic.
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
  PrimalDualStats stats;
};

// report, if given, is overwritten, except that report->stats.check_start
// is read first (PrimalDualStats: the warm start checked before the
// phases).
Solution Solve(const Problem& p, SolveReport* report = nullptr);

}  // namespace qjy::assign

#endif  // QJY_ASSIGN_SOLVE_H_
