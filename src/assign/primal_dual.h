// Exact min-cost assignment for Problem, the production solver: a greedy
// warm start repaired by primal-dual phases on the contested part only.
//
// Same network as SolveSsp / LEMON: seeker s -> job j (cap 1, cost
// max_score - score), job j -> sink (cap capacity[j], cost 0), seeker s ->
// sink (cap demand(s), cost Penalty(p)). Steps:
//  1. Greedy: every seeker takes its demand(s) best candidates (NaiveTopK).
//     This is optimal when no capacity binds. (Start::kGreedy; the
//     product's start, Start::kAuction below, takes them by cost + a
//     column price from an auction instead, and repairs the priced columns
//     it leaves under capacity; step 2 then holds with those prices.)
//  2. Potentials: job 0, sink 0, seeker s = -(cost of its demand(s)-th best
//     candidate). Unchosen candidates cost at least that much and chosen ones
//     at most, so every residual arc has non-negative reduced cost (ties give
//     0). Only jobs loaded above capacity carry excess.
//  3. Phases: one multi-source Dijkstra on reduced costs from every job with
//     excess, stopped when the sink is settled (distance D); potentials of the
//     settled nodes move by dist - D (Johnson), so every shortest path becomes
//     a path of zero-reduced-cost arcs; then, as in Dinic's algorithm, rounds
//     of a breadth-first level graph over zero-reduced-cost residual arcs and
//     depth-first pushes of single units along it (each arc one level up),
//     until no zero-reduced-cost path is left from a job with excess. A unit
//     ends at a job with spare capacity or at the seeker's overflow arc
//     (unmet, Penalty). Reduced costs stay non-negative, so when no excess
//     is left the flow is a min-cost flow (exact, integer).
//     Pruning (same result): each row's arcs are kept best score first and
//     no column potential is above 0, so cost + pot[row] bounds an arc's
//     reduced cost from below and grows along the row; Dijkstra stops a
//     row's scan where that passes the sink's tentative distance (set as
//     soon as a column with room is reached, an upper bound of D), queues
//     nothing beyond it, and records the arcs that may turn admissible,
//     which the level graphs then read instead of every candidate (a
//     row's record survives augmentations through it, filtered in place:
//     the arcs it now holds dropped, the arc it gives up added).
//     Alive nodes (same result): within a phase the set of nodes that can
//     reach a terminal over admissible arcs only shrinks, so once per phase
//     a search backwards from every terminal (each column's in-arcs, an
//     index built on first use; a row's chosen arcs) marks that set, and
//     the rounds label and push from it only; where most sources reach
//     nothing this phase (88 areas, Zipf at capacity = demand) the ~10
//     rounds of a phase no longer re-label them all. Only where the
//     columns are at least as many as the rows (their in-arcs then few: the
//     jobs' side); a phase where a quarter or more of the sources were
//     alive, or where the search marked more nodes than Dijkstra settled,
//     turns it off for the next 8, 16, 32, ... phases (the batch's own
//     instances; many terminals when much demand is unservable).
//     Doomed sources first (same result): after a phase's rounds, one
//     search over the residual graph (any cost) finds the sources from
//     which no column with room can be reached (their excess can only go
//     unserved); if some but not all are so, the next phases run from
//     those only (their first Dijkstra lowers their closed region by about
//     the penalty at once), then from the others (a search that finds
//     nothing to split is off for the next 1, 2, 4, ... 64 phases). Dead
//     nodes (same result): once per phase where the alive nodes are not
//     searched, and again after a round that moved little (until one such
//     marking does not shrink the next round), a search from the sources
//     over admissible arcs marks the nodes that reach no terminal in this
//     phase, and the rounds leave them out.
//     (Dijkstra from any subset of the sources keeps every reduced cost
//     >= 0.)
//     Local phases (same result): a phase may run from one source only,
//     stopped at that source's nearest terminal, and move one unit along
//     the path Dijkstra found instead of the rounds. Where each source has
//     a terminal of its own near by, at distances that differ from source
//     to source (short candidate lists), this settles each source's region
//     once instead of the union of all of them per phase; where the
//     sources share their distance (the batch's crowded areas), a global
//     phase moves thousands of units for one search. Epochs of each kind
//     alternate and the kind with less work per unit moved leads
//     (PhaseKind; stats.local_phases).
//
// Memory of the auction start: 1 byte per arc (held), 12 bytes per unit of
// column capacity (kept bids), ~20 bytes per row; its repair: 8 bytes per
// arc that can still matter (12 where rows reach 2^22, arcs 2^31 or the
// largest score 1024; a row's arcs to priced columns no costlier
// than its worst chosen one: 28 M of 50 M arcs on the batch at 1 M seekers),
// 1 byte per arc (chosen), 16 bytes per unit of demand (each row's chosen
// arcs) and ~10 bytes per row and column.
// Work is proportional to the part of the graph around over-loaded jobs times
// the number of phases (about the range of scores when capacity binds
// widely), not to the whole instance. The rows are sorted by score in a
// copy unless they already are (the batch's lists are). Contract: p passes Validate, fewer than
// 2^31 jobs and nodes. Memory: the solution (whose byte per arc holds the
// arcs' flags while the solver runs; the arcs are read where they are),
// ~60 bytes per seeker and job (8 more where local phases run), 8-16 bytes per chosen arc,
// 8 bytes per arc Dijkstra records in a phase, 8 bytes per admissible arc
// among the nodes the rounds reach and per arc of a round's level graph
// (address space for the three reserved once: 8, 10 and 10 bytes per arc,
// touched only as written), 12 bytes per arc for the
// columns' in-arcs where the alive nodes are searched (columns >= rows); rows
// not sorted by score: a sorted copy (12 bytes per arc).
// Deterministic.
#ifndef QJY_ASSIGN_PRIMAL_DUAL_H_
#define QJY_ASSIGN_PRIMAL_DUAL_H_

#include <cstdint>
#include <span>

#include "assign/problem.h"
#include "assign/solution.h"

namespace qjy::assign {

// Which phases (step 3) run: kAdaptive, the product's, chooses global or
// local ones as they pay (ChooseMode in primal_dual.cc); kGlobal: every
// phase from every source at once; kLocal: each phase from one source.
// The same optimum every way (tests); only the work differs.
enum class PhaseKind { kAdaptive, kGlobal, kLocal };

struct PrimalDualStats {
  std::uint64_t excess_units = 0;   // units over capacity after the greedy start
  std::uint64_t phases = 0;         // Dijkstra runs
  std::uint64_t settled = 0;        // nodes settled over all Dijkstra runs
  std::uint64_t augmentations = 0;  // units moved (== excess_units at the end)
  std::uint64_t dijkstra_steps = 0; // arcs looked at by Dijkstra (candidates and holders)
  std::uint64_t level_steps = 0;    // arcs looked at by the level labelling (breadth-first)
  std::uint64_t dfs_steps = 0;      // level-graph arcs looked at by the depth-first pushes
  std::uint64_t path_nodes = 0;     // nodes on augmenting paths, summed
  std::uint64_t rounds = 0;         // level graphs built (several per phase)
  std::uint64_t orphans_reused = 0; // heap entries of a crowded job revived (holder came back)
  std::uint64_t local_phases = 0;  // phases from one source (PhaseKind)
  std::uint64_t restricted_phases = 0;  // phases whose rounds kept to the alive nodes
  std::uint64_t explored = 0;       // nodes Dijkstra settled in those phases, summed
  std::uint64_t alive = 0;          // nodes that reach a terminal over admissible arcs, in those phases, summed
  std::uint64_t zero_phases = 0;    // global phases after the first with D == 0, not right after a local phase (expected 0)
  std::uint64_t doomed_checks = 0;   // SplitDoomed calls
  std::uint64_t doomed_sources = 0;  // sources found doomed and run first, summed over the calls that split
  std::uint64_t doomed_steps = 0;    // arcs and holders looked at by SplitDoomed
  std::uint64_t dead_steps = 0;      // admissible arcs looked at by MarkDead
  std::uint64_t dead_nodes = 0;      // nodes MarkDead found to reach no terminal, summed over phases
  bool priced_start = false;          // the auction's start was used (Start)
  std::uint64_t auction_bids = 0;     // priced start: bids of the auction (both passes)
  std::uint64_t stopped_rows = 0;     // priced start: rows stopped short of their demand by the eviction limit
  std::uint64_t second_pass_rows = 0;   // priced start: of those, rows with a candidate column with room
  std::uint64_t second_pass_units = 0;  // priced start: their units short when the second pass began
  std::uint64_t second_pass_bids = 0;   // priced start: bids of the second pass
  std::uint64_t deficit_columns = 0;  // priced start: priced columns under capacity repriced
  std::uint64_t start_switches = 0;   // priced start: arcs taken instead of a row's worst
  std::uint64_t start_steps = 0;      // priced start: in-arcs looked at
  std::uint32_t start_entry_bytes = 0;  // priced start: bytes an in-arc takes (8 packed, 12 wide)
  // In: set by the caller (the tests) to check the warm start before the
  // phases (StartViolations below, one more pass over the arcs). A breach
  // of step 2's invariant could make the phases loop; with the check on,
  // the breaches are counted here and the solver returns the start as it
  // is instead (possibly over capacity, possibly not optimal: the caller
  // fails on start_violations > 0).
  bool check_start = false;
  // In: which phases run (the tests force each kind).
  PhaseKind phase_kind = PhaseKind::kAdaptive;
  std::uint64_t start_violations = 0;  // out, with check_start: breaches found (0 expected)
};

// Which side the rows of the network are. kSeekers: as described above.
// kJobs: the same problem transposed (each job a row owed min(capacity,
// candidates) seekers, each seeker a column of capacity demand(s)): serving
// the most units and then the best score is the same b-matching from either
// side, but the greedy start and the phases run from the jobs, which is far
// cheaper when total capacity is short of demand (the seekers' side is then
// the slack one). The result is mapped back to p's arcs and seekers. Extra
// memory for kJobs: a transposed copy of the arcs (12 bytes each).
enum class Side { kSeekers, kJobs };

// The warm start (step 1). kGreedy: as above. kAuction: column prices
// from a forward auction (epsilon = 1, each column's price its lowest kept
// bid, minus 1; a row outbid 8 times stops, and bids again in a second
// pass if a candidate column still has room: stopped_rows and
// second_pass_* in the stats), every row its best arcs by cost + price,
// and priced columns left under capacity repriced down until none is (PricedStart in
// primal_dual.cc); the phases then move far fewer units over far fewer
// distances where the greedy start piles most units onto crowded columns
// (the batch's own instance: half of its units). kAuto: the product's
// choice, kAuction (measured faster or equal on every member of the
// family, bench/README.md). kGreedy is used anyway for scores of 2^28 or
// more (the auction's prices are 32-bit). Same optimum either way (exact); only the
// work differs. kAuctionWide: kAuction with PricedStart's in-arcs kept in
// 12 bytes even where they fit in 8 (the same work and result: the tests
// compare the two layouts).
enum class Start { kAuto, kGreedy, kAuction, kAuctionWide };

// The check behind PrimalDualStats::check_start, on a start given from
// outside (rows = seekers): chosen has one entry per arc (non-zero:
// chosen), potentials p.Seekers() + p.Jobs() entries (the seekers', then
// the jobs'). Counts the breaches of step 2's invariant (0: the phases
// may start from it): a seeker not taking exactly its demand, a residual
// arc of negative reduced cost (an unchosen arc's cost + pot[seeker] -
// pot[job] below 0, a chosen one's above 0; a seeker's overflow arc), a
// job's potential above 0, a job with room whose potential is not 0.
// Costs are MaxScore(p) - score, as in the solver.
std::uint64_t StartViolations(const Problem& p, std::span<const std::uint8_t> chosen,
                              std::span<const std::int64_t> potentials);

Solution SolvePrimalDual(const Problem& p, PrimalDualStats* stats = nullptr, Side side = Side::kSeekers,
                         Start start = Start::kAuto);
// The same, given shape == ShapeOf(p) (Solve has it already: no pass over
// the arcs to find it again). Contract: shape is ShapeOf(p); any other
// (a maximum too small, rows called sorted that are not) gives a wrong
// result without an error.
Solution SolvePrimalDual(const Problem& p, const Shape& shape, PrimalDualStats* stats = nullptr,
                         Side side = Side::kSeekers, Start start = Start::kAuto);

}  // namespace qjy::assign

#endif  // QJY_ASSIGN_PRIMAL_DUAL_H_
