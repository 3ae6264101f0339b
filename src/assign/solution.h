// The result of an assignment and an independent check of it.
#ifndef QJY_ASSIGN_SOLUTION_H_
#define QJY_ASSIGN_SOLUTION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "assign/problem.h"
#include "core/error.h"

namespace qjy::assign {

struct Solution {
  std::vector<std::uint8_t> chosen;      // per arc: 1 = recommended
  std::vector<std::uint32_t> shortfall;  // per seeker: demand - recommended
};

struct Totals {
  std::int64_t score = 0;          // sum of scores of chosen arcs
  std::uint64_t served = 0;        // chosen arcs
  std::uint64_t demand = 0;        // sum of demands
  std::uint64_t short_seekers = 0; // seekers with shortfall > 0
  // The min-cost-flow objective both solvers minimise (see Penalty):
  // sum over chosen arcs of (max_score - score) + penalty * shortfall.
  std::int64_t cost = 0;
};

// Cost of one unit of unmet demand. Larger than any score gain an
// exchange path could bring (max_score per arc, at most min(seekers, jobs)+1
// forward arcs on a simple path), so a min-cost solution first serves as
// many units as capacity allows, then maximises the score.
std::int64_t Penalty(const Problem& p);

// What Check counts on the way: each job's chosen arcs (load, p.Jobs()
// entries) and each seeker's (got, p.Seekers() entries).
struct Counts {
  std::vector<std::uint32_t> load, got;
};

// Recomputes everything from the problem and checks feasibility without
// trusting the solver: sizes, each seeker's chosen count + shortfall ==
// demand, no job above capacity (distinctness holds because Validate rejects
// a job twice in one list). Error names the seeker or job at fault.
// With counts (not null), also fills them, for a caller that needs them too
// (the batch's spread and second round); left unspecified when the check
// fails.
Result<Totals> Check(const Problem& p, const Solution& s, Counts* counts = nullptr);

}  // namespace qjy::assign

#endif  // QJY_ASSIGN_SOLUTION_H_
