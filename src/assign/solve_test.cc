#include "assign/solve.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "assign/family.h"
#include "assign/lemon_reference.h"
#include "assign/primal_dual.h"
#include "assign/solution.h"

namespace qjy::assign {
namespace {

// Small members of every kind of the family, with and without shortage.
struct Case {
  FamilyKind kind;
  double unservable;
};
constexpr Case kCases[] = {
    {FamilyKind::kUniform, -0.2}, {FamilyKind::kUniform, 0.0},   {FamilyKind::kUniform, 0.3},
    {FamilyKind::kUniform, 0.6},  {FamilyKind::kTies, 0.3},      {FamilyKind::kTies, -0.2},
    {FamilyKind::kOneMarket, 0.0}, {FamilyKind::kOneMarket, 0.3}, {FamilyKind::kAreas, 0.0},
    {FamilyKind::kAreas, -0.2},   {FamilyKind::kZipf, 0.0},      {FamilyKind::kZipf, 0.3},
    {FamilyKind::kZipf, -0.2},    {FamilyKind::kOneMarket, -0.2},
};

std::string Name(const Case& c, std::uint64_t seed) {
  return FamilyName(c.kind) + " unservable " + std::to_string(c.unservable) + " seed " + std::to_string(seed);
}

// Solve, and SolvePrimalDual from one side, with the warm start checked
// first (check_start): a start that breaks the phases' invariant fails the
// test here instead of making the phases loop until ctest's time-out.
Solution CheckedSolve(const Problem& p, SolveReport* report = nullptr) {
  SolveReport r;
  r.stats.check_start = true;
  Solution s = Solve(p, &r);
  EXPECT_EQ(r.stats.start_violations, 0u) << "side " << (r.side == Side::kJobs ? "jobs" : "seekers");
  if (report) *report = std::move(r);
  return s;
}
Solution CheckedSide(const Problem& p, Side side) {
  PrimalDualStats st;
  st.check_start = true;
  Solution s = SolvePrimalDual(p, &st, side);
  EXPECT_EQ(st.start_violations, 0u) << "side " << (side == Side::kJobs ? "jobs" : "seekers");
  return s;
}

// Ours (the product's choice and both sides forced) against LEMON: same
// objective, every solution feasible by the independent Check.
TEST(Solve, MatchesLemonOnEveryKindOfTheFamily) {
  for (const Case& c : kCases) {
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
      FamilySpec spec;
      spec.kind = c.kind;
      spec.unservable = c.unservable;
      spec.seekers = 800;
      spec.jobs = 80;
      spec.candidates = 20;
      spec.seed = seed;
      const Problem p = MakeFamily(spec);
      ASSERT_TRUE(Validate(p).has_value()) << Name(c, seed);
      const LemonResult ref = SolveLemon(p);
      ASSERT_TRUE(ref.optimal) << Name(c, seed);
      SolveReport report;
      const Solution chosen = CheckedSolve(p, &report);
      const Solution seekers = CheckedSide(p, Side::kSeekers);
      const Solution jobs = CheckedSide(p, Side::kJobs);
      for (const Solution* s : {&chosen, &seekers, &jobs}) {
        auto t = Check(p, *s);
        ASSERT_TRUE(t.has_value()) << Name(c, seed) << ": " << t.error().message;
        EXPECT_EQ(t->cost, ref.total_cost) << Name(c, seed);
      }
      EXPECT_EQ(report.stats.augmentations, report.stats.excess_units) << Name(c, seed);
      EXPECT_EQ(report.stats.zero_phases, 0u) << Name(c, seed);
    }
  }
}

// Where most sources reach no terminal in a phase (88 areas, Zipf, with
// capacity = demand), the rounds keep to the nodes MarkAlive found alive
// (those that reach a terminal, searched backwards from the terminals): it
// must have stayed on in most phases, and the result stays LEMON's with no
// zero-reduced-cost path left behind after any phase.
TEST(Solve, RoundsRestrictedToAliveNodesStayExact) {
  for (FamilyKind kind : {FamilyKind::kAreas, FamilyKind::kZipf}) {
    FamilySpec spec;
    spec.kind = kind;
    spec.unservable = 0.0;
    spec.seekers = 4000;
    spec.jobs = 400;
    spec.candidates = 30;
    spec.seed = 7;
    const Problem p = MakeFamily(spec);
    const LemonResult ref = SolveLemon(p);
    ASSERT_TRUE(ref.optimal);
    SolveReport report;
    const Solution s = CheckedSolve(p, &report);
    auto t = Check(p, s);
    ASSERT_TRUE(t.has_value()) << t.error().message;
    EXPECT_EQ(t->cost, ref.total_cost) << FamilyName(kind);
    EXPECT_EQ(report.stats.zero_phases, 0u) << FamilyName(kind);
    // Few sources reach a terminal in a phase here, so the rounds keep to
    // the alive nodes in some phases (most of them until the auction's
    // second pass left far fewer phases: 88 areas 4 of 12).
    EXPECT_GT(report.stats.restricted_phases, 0u) << FamilyName(kind);
    EXPECT_GT(report.stats.alive, 0u) << FamilyName(kind);
  }
}

// Per-seeker wants (the batch's second round owes each person what the
// first left short): both sides and the product's choice give LEMON's
// objective, every seeker gets at most its own want, and Validate rejects
// wants of the wrong size or above `want`.
TEST(Solve, HonoursPerSeekerWants) {
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    FamilySpec spec;
    spec.kind = seed == 2 ? FamilyKind::kAreas : FamilyKind::kUniform;
    spec.unservable = 0.3;
    spec.seekers = 600;
    spec.jobs = 60;
    spec.candidates = 15;
    spec.seed = seed;
    Problem p = MakeFamily(spec);
    for (std::size_t s = 0; s < p.Seekers(); ++s) p.wants.push_back(static_cast<std::uint32_t>(s % (p.want + 1)));
    ASSERT_TRUE(Validate(p).has_value());
    const LemonResult ref = SolveLemon(p);
    ASSERT_TRUE(ref.optimal);
    const Solution chosen = CheckedSolve(p);
    const Solution seekers = CheckedSide(p, Side::kSeekers);
    const Solution jobs = CheckedSide(p, Side::kJobs);
    for (const Solution* sol : {&chosen, &seekers, &jobs}) {
      auto t = Check(p, *sol);
      ASSERT_TRUE(t.has_value()) << t.error().message;
      EXPECT_EQ(t->cost, ref.total_cost) << "seed " << seed;
      for (std::size_t s = 0; s < p.Seekers(); ++s) {
        std::uint32_t got = 0;
        for (std::uint32_t a = p.offsets[s]; a < p.offsets[s + 1]; ++a) got += sol->chosen[a];
        EXPECT_LE(got, p.wants[s]) << "seeker " << s;
      }
    }
  }
  Problem bad;
  bad.want = 2;
  bad.capacity = {1};
  bad.AddSeeker({0}, {5});
  bad.wants = {3};
  EXPECT_FALSE(Validate(bad).has_value());
  bad.wants = {1, 1};
  EXPECT_FALSE(Validate(bad).has_value());
  bad.wants = {1};
  EXPECT_TRUE(Validate(bad).has_value());
}

TEST(Family, DrawsWhatItsKindPromises) {
  FamilySpec spec;
  spec.seekers = 2'000;
  spec.jobs = 200;
  spec.candidates = 30;
  for (double u : {0.0, 0.3, 0.6}) {
    spec.kind = FamilyKind::kUniform;
    spec.unservable = u;
    const Problem p = MakeFamily(spec);
    ASSERT_TRUE(Validate(p).has_value());
    ASSERT_EQ(p.Seekers(), 2'000u);
    std::uint64_t capacity = 0, demand = 0;
    for (std::uint32_t c : p.capacity) capacity += c;
    for (std::size_t s = 0; s < p.Seekers(); ++s) demand += p.Demand(s);
    EXPECT_EQ(demand, 6'000u);
    // Total capacity is (1 - u) x demand up to the rounding of each job.
    EXPECT_NEAR(double(capacity), (1 - u) * double(demand), double(p.Jobs())) << u;
    // Served at the optimum: at most the capacity, and with 30 uniform
    // candidates nearly all of it.
    const auto t = Check(p, CheckedSolve(p));
    ASSERT_TRUE(t.has_value());
    EXPECT_LE(t->served, capacity);
    EXPECT_GE(t->served, std::min(capacity, demand) * 97 / 100) << u;
  }
  spec.unservable = 0.0;
  spec.kind = FamilyKind::kTies;
  const Problem ties = MakeFamily(spec);
  for (std::int32_t v : ties.score) {
    ASSERT_GE(v, 1);
    ASSERT_LE(v, 3);
  }
  // Zipf: the most drawn job is on far more lists than the average.
  spec.kind = FamilyKind::kZipf;
  const Problem zipf = MakeFamily(spec);
  std::vector<std::uint32_t> lists(zipf.Jobs(), 0);
  for (std::uint32_t j : zipf.job) ++lists[j];
  const std::uint32_t most = *std::max_element(lists.begin(), lists.end());
  EXPECT_GT(most, 5 * zipf.Arcs() / zipf.Jobs());
  // The same spec draws the same instance.
  const Problem again = MakeFamily(spec);
  EXPECT_EQ(again.job, zipf.job);
  EXPECT_EQ(again.score, zipf.score);
  EXPECT_EQ(again.capacity, zipf.capacity);
}

// The rows are the short side: a slack Zipf market (the popular jobs'
// greedy offers fall on few seekers, so the jobs' greedy start would leave
// the smaller excess) from the seekers, and a short market of tied scores
// from the jobs. Chosen by the greedy excess alone, both took the slower
// side (the first 0.20 s instead of 0.03 s).
TEST(Solve, RowsAreTheShortSide) {
  FamilySpec spec;
  spec.seekers = 3'000;
  spec.jobs = 300;
  spec.candidates = 30;
  spec.unservable = 0.6;
  SolveReport r;
  CheckedSolve(MakeFamily(spec), &r);
  EXPECT_EQ(r.side, Side::kJobs);
  EXPECT_LT(r.offered, r.demand);
  spec.unservable = -1.0;  // twice the room the demand needs
  CheckedSolve(MakeFamily(spec), &r);
  EXPECT_EQ(r.side, Side::kSeekers);
  EXPECT_GE(r.offered, r.demand * 51 / 50);

  spec.kind = FamilyKind::kZipf;
  spec.unservable = -0.2;
  CheckedSolve(MakeFamily(spec), &r);
  EXPECT_EQ(r.side, Side::kSeekers);

  spec.kind = FamilyKind::kTies;
  spec.unservable = 0.1;
  CheckedSolve(MakeFamily(spec), &r);
  EXPECT_EQ(r.side, Side::kJobs);
}

// At the boundary: an offer equal to the demand goes to the seekers' side
// (until 2026-12-07 offers up to 2 % above the demand went by the greedy
// starts' excess; that chose the jobs' side on Zipf with 1.5-2.5 % to
// spare, 0.64-0.98x LEMON, once the auction's second pass had made the
// seekers' side 2.5-3.3x), one unit less offered to the jobs' side. Two
// seekers wanting one job each.
TEST(Solve, AnOfferEqualToTheDemandGoesToTheSeekers) {
  // Both seekers' best is job 0; job 0's best is seeker 1 and job 1's
  // seeker 0 (the jobs' greedy start leaves nothing over).
  Problem p;
  p.want = 1;
  p.capacity = {1, 1};
  p.AddSeeker({0, 1}, {9, 8});
  p.AddSeeker({0, 1}, {10, 1});
  ASSERT_TRUE(Validate(p));
  SolveReport r;
  const Solution s = CheckedSolve(p, &r);
  EXPECT_EQ(r.offered, 2u);
  EXPECT_EQ(r.demand, 2u);
  EXPECT_EQ(r.side, Side::kSeekers);
  const auto total = Check(p, s);
  ASSERT_TRUE(total);
  EXPECT_EQ(total->served, 2u);
  EXPECT_EQ(total->cost, (10 - 8) + (10 - 10));  // seeker 0 at job 1, seeker 1 at job 0
  // No room at job 1: one unit offered for two wanted.
  p.capacity = {1, 0};
  CheckedSolve(p, &r);
  EXPECT_EQ(r.offered, 1u);
  EXPECT_EQ(r.side, Side::kJobs);
}

}  // namespace
}  // namespace qjy::assign
