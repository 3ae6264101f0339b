// Exact min-cost assignment for Problem by cost scaling (Goldberg's
// push-relabel with epsilon-scaling) on the same network SolveSsp uses:
// seeker -> job (cap 1, cost max_score - score), job -> sink (cap capacity),
// seeker -> sink (cap demand, cost Penalty). Costs are multiplied by
// (nodes + 1), so the final 1-optimal flow is optimal for the integer costs.
//
// Unlike successive shortest paths, its running time does not blow up when
// many seekers compete for the same popular jobs: prices of contested jobs
// rise in epsilon steps for all competitors at once.
//
// Contract: p passes Validate. Memory about 16 bytes per residual arc
// (2 x (arcs + jobs + seekers)). Deterministic.
#ifndef QJY_ASSIGN_COST_SCALING_H_
#define QJY_ASSIGN_COST_SCALING_H_

#include <cstdint>

#include "assign/problem.h"
#include "assign/solution.h"

namespace qjy::assign {

struct CostScalingStats {
  std::uint64_t phases = 0;
  std::uint64_t pushes = 0;
  std::uint64_t relabels = 0;
};

Solution SolveCostScaling(const Problem& p, CostScalingStats* stats = nullptr);

}  // namespace qjy::assign

#endif  // QJY_ASSIGN_COST_SCALING_H_
