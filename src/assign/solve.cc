#include "assign/solve.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace qjy::assign {

Solution Solve(const Problem& p, SolveReport* report) {
  SolveReport r;
  r.stats.check_start = report && report->stats.check_start;  // the caller's requests (tests)
  if (report) r.stats.phase_kind = report->stats.phase_kind;
  // The instance's shape and each job's candidates, in one pass.
  std::vector<std::uint32_t> degree;
  const Shape shape = ShapeOf(p, &degree);
  // The rows should be the short side: the jobs offer sum_j min(capacity,
  // candidates) units against a total demand of sum_s demand(s), and the
  // side asking for more ends with that difference unserved at least,
  // each such unit pushed to its overflow arc through phase after phase.
  for (std::size_t j = 0; j < p.Jobs(); ++j) r.offered += std::min(degree[j], p.capacity[j]);
  for (std::size_t s = 0; s < p.Seekers(); ++s) r.demand += p.Demand(s);
  r.side = r.offered < r.demand ? Side::kJobs : Side::kSeekers;
  Solution s = SolvePrimalDual(p, shape, &r.stats, r.side);
  if (report) *report = std::move(r);
  return s;
}

}  // namespace qjy::assign
