#include "assign/primal_dual.h"

#include <gtest/gtest.h>

#include "assign/family.h"
#include "assign/lemon_reference.h"
#include "assign/problem.h"
#include "assign/radix_heap.h"
#include "assign/solution.h"
#include "assign/spread.h"
#include "assign/synthetic.h"

namespace qjy::assign {
namespace {

Totals MustCheck(const Problem& p, const Solution& s) {
  auto t = Check(p, s);
  EXPECT_TRUE(t.has_value()) << (t ? "" : t.error().message);
  return t.value_or(Totals{});
}

// The product's solve with its warm start checked first (check_start):
// a start that breaks the phases' invariant fails the test here instead of
// making the phases loop until ctest's time-out.
Solution SolveChecked(const Problem& p) {
  PrimalDualStats st;
  st.check_start = true;
  Solution s = SolvePrimalDual(p, &st);
  EXPECT_EQ(st.start_violations, 0u);
  return s;
}

// The auction start's work, summed over the calls of ExpectOptimal, and
// how many of its solves kept PricedStart's in-arcs packed (8 bytes) and
// wide (12).
PrimalDualStats g_auction;
// Local phases run by the adaptive choice, summed over the calls of
// ExpectOptimal.
std::uint64_t g_adaptive_local = 0;
std::uint32_t g_entry_layouts[2] = {0, 0};

// Solves with ours (both warm starts: the greedy one and the auction's,
// the product's choice; each with global and the product's adaptive
// phases, the product's start also with local ones only: from the greedy
// start they take ten times as long on the medium instances) and LEMON,
// checks each independently, compares the objective; returns the greedy
// start's stats with global phases (the phases' work, as before local
// phases were added).
PrimalDualStats ExpectOptimal(const Problem& p, const std::string& what) {
  const LemonResult ref = SolveLemon(p);
  EXPECT_TRUE(ref.optimal) << what;
  const Totals b = MustCheck(p, ref.solution);
  EXPECT_EQ(b.cost, ref.total_cost) << what;
  PrimalDualStats greedy;
  for (PhaseKind kind : {PhaseKind::kAdaptive, PhaseKind::kLocal, PhaseKind::kGlobal})
  for (Start start : {Start::kGreedy, Start::kAuction, Start::kAuto}) {
    if (kind == PhaseKind::kLocal && start != Start::kAuto) continue;
    PrimalDualStats st;
    st.check_start = true;  // a broken start fails here instead of looping
    st.phase_kind = kind;
    const Solution ours = SolvePrimalDual(p, &st, Side::kSeekers, start);
    const std::string how = what + (start == Start::kGreedy ? ", greedy start" : ", auction start") +
                            (kind == PhaseKind::kLocal    ? ", local phases"
                             : kind == PhaseKind::kGlobal ? ", global phases"
                                                          : "");
    EXPECT_TRUE(st.check_start) << how;
    EXPECT_EQ(st.start_violations, 0u) << how;
    const Totals a = MustCheck(p, ours);
    EXPECT_EQ(a.cost, ref.total_cost) << how;
    EXPECT_EQ(a.served, b.served) << how;
    EXPECT_EQ(a.score, b.score) << how;
    EXPECT_EQ(st.augmentations, st.excess_units) << how;
    // The rounds of a phase leave no zero-reduced-cost path behind.
    EXPECT_EQ(st.zero_phases, 0u) << how;
    EXPECT_EQ(st.priced_start, start != Start::kGreedy) << how;
    // PricedStart's in-arcs in 8 bytes where rows and scores fit, else 12.
    const std::uint32_t entry = MaxScore(p) < 1024 ? 8 : 12;
    EXPECT_EQ(st.start_entry_bytes, start == Start::kGreedy ? 0u : entry) << how;
    if (kind == PhaseKind::kLocal) EXPECT_EQ(st.local_phases, st.phases) << how;
    if (kind == PhaseKind::kGlobal) EXPECT_EQ(st.local_phases, 0u) << how;
    EXPECT_LE(st.local_phases, st.phases) << how;
    if (kind == PhaseKind::kAdaptive) g_adaptive_local += st.local_phases;
    if (kind != PhaseKind::kGlobal) continue;
    if (start == Start::kAuction) ++g_entry_layouts[entry == 8 ? 0 : 1];
    if (start == Start::kGreedy) greedy = st;
    if (start == Start::kAuction) {
      g_auction.auction_bids += st.auction_bids;
      g_auction.deficit_columns += st.deficit_columns;
      g_auction.start_switches += st.start_switches;
      g_auction.excess_units += st.excess_units;
    }
  }
  return greedy;
}

TEST(PrimalDual, BeatsGreedyOnExchange) {
  Problem p;
  p.want = 1;
  p.capacity = {1, 1};
  p.AddSeeker({0, 1}, {10, 9});
  p.AddSeeker({0, 1}, {10, 1});
  const Solution s = SolveChecked(p);
  const Totals t = MustCheck(p, s);
  EXPECT_EQ(t.score, 19);
  EXPECT_EQ(s.chosen, (std::vector<std::uint8_t>{0, 1, 1, 0}));
}

TEST(PrimalDual, ServesAsManyAsCapacityAllowsThenScore) {
  Problem p;
  p.want = 3;
  p.capacity = {1, 1};
  p.AddSeeker({0}, {5});
  p.AddSeeker({0, 1}, {50, 1});
  p.AddSeeker({1}, {7});
  p.AddSeeker({}, {});
  const Solution s = SolveChecked(p);
  const Totals t = MustCheck(p, s);
  EXPECT_EQ(t.served, 2u);
  EXPECT_EQ(t.score, 57);
  EXPECT_EQ(s.shortfall, (std::vector<std::uint32_t>{1, 1, 0, 0}));
}

TEST(PrimalDual, CountBeforeScoreAndZeroCapacity) {
  Problem p;
  p.want = 1;
  p.capacity = {1, 1, 0};
  p.AddSeeker({0, 1, 2}, {100, 1, 100});
  p.AddSeeker({0, 2}, {1, 100});
  const Totals t = MustCheck(p, SolveChecked(p));
  EXPECT_EQ(t.served, 2u);
  EXPECT_EQ(t.score, 2);
}

// No capacity binds: the greedy start is the answer, no phase runs.
TEST(PrimalDual, LooseCapacityNeedsNoPhase) {
  SyntheticSpec spec;
  spec.seekers = 500;
  spec.jobs = 100;
  spec.max_candidates = 10;
  spec.min_headcount = 1000;
  spec.max_headcount = 1000;
  const Problem p = MakeSynthetic(spec);
  const PrimalDualStats st = ExpectOptimal(p, "loose");
  EXPECT_EQ(st.phases, 0u);
  EXPECT_EQ(MustCheck(p, SolveChecked(p)).score, MustCheck(p, NaiveTopK(p)).score);
}

// The optimality test: 400 random small instances (tight and loose capacity,
// some jobs of capacity 0, sometimes scores 0..3 so that ties abound).
TEST(PrimalDual, MatchesLemonOnRandomInstances) {
  int tight = 0, moved = 0;
  g_adaptive_local = 0;
  PrimalDualStats sum;
  for (std::uint64_t seed = 1; seed <= 400; ++seed) {
    SyntheticSpec spec;
    spec.seed = seed;
    spec.seekers = 1 + seed % 37;
    spec.jobs = 1 + (seed * 7) % 23;
    spec.max_candidates = 1 + seed % 9;
    spec.min_headcount = seed % 5 == 0 ? 0 : 1;
    spec.max_headcount = 1 + seed % 3;
    spec.multiple = 1 + seed % 3;
    spec.max_score = seed % 11 == 0 ? 3 : 100;
    spec.want = 1 + seed % 4;
    spec.skew = 1.0 + (seed % 4);
    const Problem p = MakeSynthetic(spec);
    ASSERT_TRUE(Validate(p));
    const PrimalDualStats st = ExpectOptimal(p, "seed " + std::to_string(seed));
    const Totals t = MustCheck(p, SolveChecked(p));
    tight += t.served < t.demand;
    moved += st.augmentations > 0;
    sum.rounds += st.rounds;
    sum.phases += st.phases;
    sum.doomed_sources += st.doomed_sources;
    sum.dead_nodes += st.dead_nodes;
  }
  EXPECT_GT(tight, 20);
  EXPECT_GT(moved, 100);
  EXPECT_GT(g_adaptive_local, 0u);  // the adaptive runs mixed both kinds somewhere
  EXPECT_GT(sum.rounds, sum.phases);  // several level graphs in some phase
  // Some phases ran from the doomed sources first (SplitDoomed), and some
  // rounds left out nodes that reach no terminal (MarkDead): both exact.
  EXPECT_GT(sum.doomed_sources, 0u);
  EXPECT_GT(sum.dead_nodes, 0u);
}

// The auction start's repair (PricedStart: priced columns left under
// capacity repriced, rows switching to them) must have run on these
// instances, and the start must leave fewer units to move than the greedy
// one on contested ones; exactness is checked by ExpectOptimal.
TEST(PrimalDual, AuctionStartRepairsDeficitsAndStaysExact) {
  g_auction = {};
  g_entry_layouts[0] = g_entry_layouts[1] = 0;
  std::uint64_t greedy_excess = 0;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    SyntheticSpec spec;
    spec.seed = 5000 + seed;
    spec.seekers = 300 + 10 * seed;
    spec.jobs = 60;
    spec.min_candidates = 5;
    spec.max_candidates = 15;
    // Coarse scores (ties everywhere), or scores up to 1023 (the largest
    // PricedStart keeps in its packed in-arcs) or past it (then wide).
    spec.max_score = seed % 3 == 0 ? 4 : (seed % 3 == 1 ? 60 : (seed % 2 == 1 ? 1023 : 5000));
    spec.min_headcount = 1;
    spec.max_headcount = 4;
    spec.multiple = 1 + seed % 3;
    spec.want = 3;
    spec.skew = 3.0;
    const Problem p = MakeSynthetic(spec);
    greedy_excess += ExpectOptimal(p, "auction seed " + std::to_string(seed)).excess_units;
  }
  EXPECT_GT(g_auction.auction_bids, 0u);
  EXPECT_GT(g_entry_layouts[0], 0u);  // both layouts ran
  EXPECT_GT(g_entry_layouts[1], 0u);
  EXPECT_GT(g_auction.deficit_columns, 0u);
  EXPECT_GT(g_auction.start_switches, 0u);
  EXPECT_LT(g_auction.excess_units, greedy_excess);
}

// The auction's second pass: rows stopped by the eviction limit bid again
// where a candidate column still has room. Zipf popularity with 5 % to
// spare (every row's list is mostly popular jobs, so rows are outbid
// again and again before they reach the free ones): the second pass
// places most of the stopped rows' units, and the phases start with fewer
// units than the stopped rows lacked. A short uniform market from the
// seekers' side (60 % of the demand unservable: the stopped rows fight
// for full columns): few stopped rows have a column with room, so the
// second pass does not restart the price war. Exact either way.
TEST(PrimalDual, AuctionSecondPassOnlyWhereRoomIsLeft) {
  FamilySpec spec;
  spec.kind = FamilyKind::kZipf;
  spec.seekers = 5'000;
  spec.jobs = 500;
  spec.unservable = -0.05;
  Problem p = MakeFamily(spec);
  PrimalDualStats zipf;
  const Totals z = MustCheck(p, SolvePrimalDual(p, &zipf, Side::kSeekers, Start::kAuction));
  EXPECT_EQ(z.cost, SolveLemon(p).total_cost);
  EXPECT_GT(zipf.stopped_rows, 0u);
  EXPECT_GT(zipf.second_pass_rows, zipf.stopped_rows / 2);
  EXPECT_GT(zipf.second_pass_bids, 0u);
  EXPECT_LT(zipf.excess_units, zipf.second_pass_units / 4);

  spec.kind = FamilyKind::kUniform;
  spec.unservable = 0.6;
  p = MakeFamily(spec);
  PrimalDualStats crowded;
  const Totals c = MustCheck(p, SolvePrimalDual(p, &crowded, Side::kSeekers, Start::kAuction));
  EXPECT_EQ(c.cost, SolveLemon(p).total_cost);
  EXPECT_GT(crowded.stopped_rows, 100u);
  EXPECT_LT(crowded.second_pass_rows, crowded.stopped_rows / 10);
}

// The medium instance (MatchesLemonOnMediumInstances: a contested market
// of 5-30 candidates, skewed popularity) at a chosen size.
SyntheticSpec MediumSpec(std::uint32_t seekers, std::uint32_t jobs, std::uint32_t regions) {
  SyntheticSpec spec;
  spec.seekers = seekers;
  spec.jobs = jobs;
  spec.min_candidates = 5;
  spec.max_candidates = 30;
  spec.multiple = 2;
  spec.skew = 3.0;
  spec.seed = 42;
  spec.regions = regions;
  return spec;
}

std::uint64_t PhaseWork(const PrimalDualStats& st) {
  return st.settled + st.dijkstra_steps + st.level_steps + st.dfs_steps + st.dead_steps + st.doomed_steps;
}

// Short candidate lists (4 per seeker, half the demand to spare): each
// source has a column with room of its own near by, at a distance that
// differs from source to source, so a global phase settles every source's
// region to move the few units at the smallest distance. The adaptive
// phases run nearly all of them local, with a fraction of the work. On a
// contested market (8 regions, 5-30 candidates, skewed popularity), where
// the warm start's excess shares its distances and local phases alone do
// six times the work, they stay near the global phases' work. Exact every
// way.
TEST(PrimalDual, LocalPhasesWhereEachSourceHasATerminalOfItsOwn) {
  const PhaseKind kinds[3] = {PhaseKind::kAdaptive, PhaseKind::kGlobal, PhaseKind::kLocal};
  auto solve_each = [&](const Problem& p, PrimalDualStats (&st)[3], const std::string& what) {
    const std::int64_t best = SolveLemon(p).total_cost;
    for (int k = 0; k < 3; ++k) {
      st[k].phase_kind = kinds[k];
      st[k].check_start = true;
      EXPECT_EQ(MustCheck(p, SolvePrimalDual(p, &st[k])).cost, best) << what << ", kind " << k;
      EXPECT_EQ(st[k].start_violations, 0u) << what;
    }
    EXPECT_EQ(st[1].local_phases, 0u) << what;
    EXPECT_EQ(st[2].local_phases, st[2].phases) << what;
    EXPECT_LT(st[0].local_phases, st[0].phases) << what;  // the first phase is global
  };

  FamilySpec spec;
  spec.kind = FamilyKind::kUniform;
  spec.seekers = 8'000;
  spec.jobs = 800;
  spec.candidates = 4;
  spec.unservable = -0.5;
  PrimalDualStats short_lists[3];
  solve_each(MakeFamily(spec), short_lists, "short lists");
  // Measured: 811 of 818 phases local, 0.64 M steps against 8.7 M.
  EXPECT_GT(short_lists[0].local_phases, short_lists[0].phases * 9 / 10);
  EXPECT_LT(PhaseWork(short_lists[0]) * 4, PhaseWork(short_lists[1]));

  PrimalDualStats market[3];
  solve_each(MakeSynthetic(MediumSpec(8'000, 1'200, 8)), market, "contested");
  // Measured: 13.9 M steps adaptive (70 of 114 phases local, the probes),
  // 11.0 M global, 66.3 M local.
  EXPECT_GT(PhaseWork(market[2]), PhaseWork(market[1]) * 3);
  EXPECT_LT(PhaseWork(market[0]) * 2, PhaseWork(market[1]) * 3);
}

// PricedStart's in-arcs are packed (8 bytes, costs in 10 bits) up to a
// largest score of 1023 and wide from 1024: both sides of that line, on
// coarse scores scaled up (ties, so priced columns are repriced and their
// entries read; score-0 arcs, whose cost is the largest score); and the
// packed entries do exactly what the wide ones do.
TEST(PrimalDual, AuctionStartPacksCostsUpTo1023AndNoFurther) {
  std::uint64_t deficits = 0;  // priced columns repriced: the entries were read
  for (const std::int32_t top : {1023, 1024}) {
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
      SyntheticSpec spec;
      spec.seed = 7000 + seed;
      spec.seekers = 300 + 10 * static_cast<std::uint32_t>(seed);
      spec.jobs = 60;
      spec.min_candidates = 3;
      spec.max_candidates = 15;
      spec.max_score = 4;  // coarse (ties: repriced columns), scaled below
      spec.max_headcount = 4;
      spec.multiple = 1 + static_cast<std::uint32_t>(seed % 3);
      spec.want = 3;
      spec.skew = 3.0;
      Problem p = MakeSynthetic(spec);
      // Scores 0, 255, ..., 1020 (costs up to the largest score), and one
      // arc at `top`.
      for (auto& x : p.score) x *= 255;
      p.score[p.offsets[0]] = top;
      ASSERT_TRUE(Validate(p).has_value());
      ASSERT_EQ(MaxScore(p), top);
      const std::string what = "largest score " + std::to_string(top) + ", seed " + std::to_string(seed);
      ExpectOptimal(p, what);
      // The packed and the wide entries do the same work, step for step.
      PrimalDualStats packed, wide;
      packed.check_start = wide.check_start = true;
      SolvePrimalDual(p, &packed, Side::kSeekers, Start::kAuction);
      SolvePrimalDual(p, &wide, Side::kSeekers, Start::kAuctionWide);
      EXPECT_EQ(wide.start_entry_bytes, 12u) << what;
      EXPECT_EQ(packed.start_violations, 0u) << what;
      EXPECT_EQ(wide.start_violations, 0u) << what;
      EXPECT_EQ(packed.start_steps, wide.start_steps) << what;
      EXPECT_EQ(packed.start_switches, wide.start_switches) << what;
      EXPECT_EQ(packed.deficit_columns, wide.deficit_columns) << what;
      EXPECT_EQ(packed.excess_units, wide.excess_units) << what;
      EXPECT_EQ(packed.settled, wide.settled) << what;
      deficits += packed.deficit_columns;
    }
  }
  EXPECT_GT(deficits, 0u);
}

// The start check (check_start) on hand-made starts: the greedy start of
// a small contested instance passes it, and each breach of step 2's
// invariant is counted.
TEST(PrimalDual, StartCheckCountsEachBreach) {
  Problem p;
  p.want = 1;
  p.capacity = {1, 1};
  p.AddSeeker({0, 1}, {10, 9});  // costs (largest score 10): 0 and 1
  p.AddSeeker({0, 1}, {10, 1});  // 0 and 9
  ASSERT_TRUE(Validate(p).has_value());
  // Both take job 0 (over capacity: excess, allowed); job 1 has room.
  // Potentials: seekers minus their worst chosen cost (0), jobs 0.
  const std::vector<std::uint8_t> greedy = {1, 0, 1, 0};
  const std::vector<std::int64_t> pot = {0, 0, 0, 0};
  EXPECT_EQ(StartViolations(p, greedy, pot), 0u);
  // A seeker taking more than its demand (and an arc of cost 1 above its
  // potential: a chosen arc of positive reduced cost).
  EXPECT_EQ(StartViolations(p, std::vector<std::uint8_t>{1, 1, 1, 0}, pot), 2u);
  // A seeker taking less.
  EXPECT_EQ(StartViolations(p, std::vector<std::uint8_t>{0, 0, 1, 0}, pot), 1u);
  // A job with room whose potential is not 0.
  EXPECT_EQ(StartViolations(p, greedy, std::vector<std::int64_t>{0, 0, 0, -1}), 1u);
  // A job's potential above 0.
  EXPECT_EQ(StartViolations(p, greedy, std::vector<std::int64_t>{0, 0, 1, 0}), 1u);
  // A seeker's potential too high: its chosen arc's reduced cost above 0.
  EXPECT_EQ(StartViolations(p, greedy, std::vector<std::int64_t>{1, 0, 0, 0}), 1u);
  // Too low: its unchosen arc (cost 1) at reduced cost -1.
  EXPECT_EQ(StartViolations(p, greedy, std::vector<std::int64_t>{-2, 0, 0, 0}), 1u);
  // So low that its overflow arc is negative too (and its arc to job 1).
  EXPECT_EQ(StartViolations(p, greedy, std::vector<std::int64_t>{-Penalty(p) - 1, 0, 0, 0}), 2u);
}

// Heavy ties: scores 0..1 (or all equal) with binding capacity, where a
// careless tie rule in the warm start or the potentials gives a wrong
// optimum or an infinite loop.
TEST(PrimalDual, MatchesLemonWithHeavyTiesAndBindingCapacity) {
  std::uint64_t rounds = 0, phases = 0;
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    SyntheticSpec spec;
    spec.seed = 1000 + seed;
    spec.seekers = 20 + seed % 80;
    spec.jobs = 5 + seed % 30;
    spec.min_candidates = 1;
    spec.max_candidates = 2 + seed % 12;
    spec.max_score = static_cast<std::int32_t>(seed % 3);  // 0, 1 or 2
    spec.min_headcount = 0;
    spec.max_headcount = 2;
    spec.multiple = 1;
    spec.want = 1 + seed % 3;
    spec.skew = 2.0;
    const Problem p = MakeSynthetic(spec);
    const Totals t = MustCheck(p, SolveChecked(p));
    EXPECT_LT(t.served, t.demand) << "capacity should bind, seed " << seed;
    const PrimalDualStats st = ExpectOptimal(p, "ties seed " + std::to_string(seed));
    rounds += st.rounds;
    phases += st.phases;
  }
  EXPECT_GT(rounds, phases);
}

TEST(PrimalDual, MatchesLemonOnMediumInstances) {
  for (std::uint32_t regions : {1u, 8u}) {
    const Problem p = MakeSynthetic(MediumSpec(20'000, 3'000, regions));
    const PrimalDualStats st = ExpectOptimal(p, "medium, regions " + std::to_string(regions));
    EXPECT_GT(st.excess_units, 1000u);
    // A holder left a crowded job and came back (its old heap entry serves
    // again).
    EXPECT_GT(st.orphans_reused, 0u);
  }
}

}  // namespace
}  // namespace qjy::assign

namespace qjy::assign {
namespace {

TEST(RadixHeap, PopsInKeyOrderWithMonotonePushes) {
  RadixHeap h;
  h.Push(5, 1);
  h.Push(3, 2);
  h.Push(1ull << 40, 3);
  h.Push(3, 4);
  EXPECT_EQ(h.Pop().first, 3u);
  h.Push(4, 5);  // >= last popped
  EXPECT_EQ(h.Pop().first, 3u);
  EXPECT_EQ(h.Pop(), (RadixHeap::Item{4, 5}));
  EXPECT_EQ(h.Pop(), (RadixHeap::Item{5, 1}));
  EXPECT_EQ(h.Pop(), (RadixHeap::Item{1ull << 40, 3}));
  EXPECT_TRUE(h.Empty());
}

}  // namespace
}  // namespace qjy::assign
