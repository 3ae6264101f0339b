// Exact min-cost assignment for Problem by successive shortest paths,
// fitted to the bipartite structure: seekers are inserted one at a time and
// each unit of a seeker's demand is routed along a shortest path (Dijkstra
// on reduced costs, node potentials kept feasible) from that seeker to the
// sink, through free job capacity or by moving earlier seekers to other jobs.
// Unmet demand goes over a per-seeker overflow arc of cost Penalty(p).
//
// Network: seeker s -> job j (capacity 1, cost max_score - score), job j ->
// sink (capacity capacity[j], cost 0), seeker s -> sink (capacity demand(s),
// cost Penalty). Each augmentation keeps the flow optimal for the supplies
// inserted so far, so the final flow is a min-cost flow: maximal served
// units, then maximal total score. All arithmetic is integer (exact).
//
// Contract: p passes Validate. Time is proportional to the arcs each
// Dijkstra touches; with ample capacity a search stops after the seeker's own
// candidates. Memory O(arcs + seekers + jobs). Deterministic.
#ifndef QJY_ASSIGN_SSP_SOLVER_H_
#define QJY_ASSIGN_SSP_SOLVER_H_

#include <cstdint>
#include <functional>

#include "assign/problem.h"
#include "assign/solution.h"

namespace qjy::assign {

struct SolveStats {
  std::uint64_t searches = 0;       // Dijkstra runs (one per unit of demand)
  std::uint64_t settled = 0;        // nodes settled over all runs
  std::uint64_t arcs_scanned = 0;   // arcs relaxed over all runs
  std::uint64_t reroutes = 0;       // augmenting paths that moved another seeker
};

// progress(done_seekers) is called every 65,536 seekers when given.
Solution SolveSsp(const Problem& p, SolveStats* stats = nullptr,
                  const std::function<void(std::size_t)>& progress = {});

}  // namespace qjy::assign

#endif  // QJY_ASSIGN_SSP_SOLVER_H_
