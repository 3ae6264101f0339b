#include "assign/ssp_solver.h"

#include <gtest/gtest.h>

#include "assign/lemon_reference.h"
#include "assign/problem.h"
#include "assign/solution.h"
#include "assign/spread.h"
#include "assign/synthetic.h"

namespace qjy::assign {
namespace {

Totals SspMustCheck(const Problem& p, const Solution& s) {
  auto t = Check(p, s);
  EXPECT_TRUE(t.has_value()) << (t ? "" : t.error().message);
  return t.value_or(Totals{});
}

// The classic case greedy gets wrong: A takes job 0 first, B then only has
// job 1. Optimal: A -> job 1 (9), B -> job 0 (10) = 19, greedy gives 11.
TEST(SspSolver, BeatsGreedyOnExchange) {
  Problem p;
  p.want = 1;
  p.capacity = {1, 1};
  p.AddSeeker({0, 1}, {10, 9});
  p.AddSeeker({0, 1}, {10, 1});
  ASSERT_TRUE(Validate(p));
  const Solution s = SolveSsp(p);
  const Totals t = SspMustCheck(p, s);
  EXPECT_EQ(t.score, 19);
  EXPECT_EQ(t.served, 2u);
  EXPECT_EQ(s.chosen, (std::vector<std::uint8_t>{0, 1, 1, 0}));
}

// Capacity for only 2 of 5 units: as many served as possible, the rest is
// reported as shortfall, and the best-scoring seekers get the places.
TEST(SspSolver, ServesAsManyAsCapacityAllowsThenScore) {
  Problem p;
  p.want = 3;
  p.capacity = {1, 1};
  p.AddSeeker({0}, {5});       // demand 1
  p.AddSeeker({0, 1}, {50, 1});  // demand 2
  p.AddSeeker({1}, {7});       // demand 1
  p.AddSeeker({}, {});         // no candidates: demand 0
  const Solution s = SolveSsp(p);
  const Totals t = SspMustCheck(p, s);
  EXPECT_EQ(t.demand, 4u);
  EXPECT_EQ(t.served, 2u);
  // Serving 2 units: best is seeker 1 -> job 0 (50) and seeker 2 -> job 1 (7).
  EXPECT_EQ(t.score, 57);
  EXPECT_EQ(s.shortfall, (std::vector<std::uint32_t>{1, 1, 0, 0}));
}

// Serving more units beats a higher score: one unit of 100 vs two of 1.
TEST(SspSolver, CountBeforeScore) {
  Problem p;
  p.want = 1;
  p.capacity = {1, 1};
  p.AddSeeker({0, 1}, {100, 1});
  p.AddSeeker({0}, {1});
  const Totals t = SspMustCheck(p, SolveSsp(p));
  EXPECT_EQ(t.served, 2u);
  EXPECT_EQ(t.score, 2);
}

TEST(Validate, RejectsDuplicateJobAndBadIndex) {
  Problem p;
  p.capacity = {1, 1};
  p.AddSeeker({0, 0}, {1, 2});
  auto r = Validate(p);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("重复"), std::string::npos);
  Problem q;
  q.capacity = {1};
  q.AddSeeker({3}, {1});
  auto r2 = Validate(q);
  ASSERT_FALSE(r2);
  EXPECT_NE(r2.error().message.find("超出范围"), std::string::npos);
}

TEST(Check, CatchesOverCapacityAndWrongCounts) {
  Problem p;
  p.want = 1;
  p.capacity = {1};
  p.AddSeeker({0}, {1});
  p.AddSeeker({0}, {1});
  EXPECT_FALSE(Check(p, Solution{{1, 1}, {0, 0}}));  // job over capacity
  EXPECT_FALSE(Check(p, Solution{{1, 0}, {0, 0}}));  // seeker 1 neither served nor short
  EXPECT_TRUE(Check(p, Solution{{1, 0}, {0, 1}}));
}

// The optimality test: many random small instances, tight and loose
// capacity, our objective == LEMON NetworkSimplex's, both feasible.
TEST(SspSolver, MatchesLemonOnRandomInstances) {
  int tight = 0;
  for (std::uint64_t seed = 1; seed <= 400; ++seed) {
    SyntheticSpec spec;
    spec.seed = seed;
    spec.seekers = 1 + seed % 37;
    spec.jobs = 1 + (seed * 7) % 23;
    spec.max_candidates = 1 + seed % 9;
    spec.min_candidates = 0;
    spec.min_headcount = seed % 5 == 0 ? 0 : 1;  // some jobs with no capacity
    spec.max_headcount = 1 + seed % 3;
    spec.multiple = 1 + seed % 3;
    spec.max_score = seed % 11 == 0 ? 3 : 100;  // many ties sometimes
    spec.want = 1 + seed % 4;
    spec.skew = 1.0 + (seed % 4);
    const Problem p = MakeSynthetic(spec);
    ASSERT_TRUE(Validate(p));
    const Solution ours = SolveSsp(p);
    const LemonResult ref = SolveLemon(p);
    ASSERT_TRUE(ref.optimal) << "seed " << seed;
    const Totals a = SspMustCheck(p, ours);
    const Totals b = SspMustCheck(p, ref.solution);
    EXPECT_EQ(a.cost, ref.total_cost) << "seed " << seed;
    EXPECT_EQ(b.cost, ref.total_cost) << "seed " << seed;
    EXPECT_EQ(a.served, b.served) << "seed " << seed;
    EXPECT_EQ(a.score, b.score) << "seed " << seed;
    tight += a.served < a.demand;
  }
  EXPECT_GT(tight, 20);  // the suite really exercises binding capacity
}

TEST(SspSolver, MatchesLemonOnMediumInstanceWithReroutes) {
  SyntheticSpec spec;
  spec.seekers = 5000;
  spec.jobs = 800;
  spec.min_candidates = 5;
  spec.max_candidates = 30;
  spec.multiple = 2;
  spec.skew = 3.0;
  spec.seed = 42;
  const Problem p = MakeSynthetic(spec);
  SolveStats stats;
  const Solution ours = SolveSsp(p, &stats);
  const LemonResult ref = SolveLemon(p);
  ASSERT_TRUE(ref.optimal);
  const Totals a = SspMustCheck(p, ours);
  EXPECT_EQ(a.cost, ref.total_cost);
  EXPECT_GT(stats.reroutes, 0u);
  EXPECT_EQ(stats.searches, a.demand);
}

}  // namespace
}  // namespace qjy::assign

namespace qjy::assign {
namespace {

// Naive top-k piles onto popular jobs; the assignment stays within capacity
// and still serves everyone when capacity suffices.
TEST(Spread, AssignmentStaysWithinCapacityWhereNaiveDoesNot) {
  SyntheticSpec spec;
  spec.seekers = 3000;
  spec.jobs = 1500;
  spec.min_candidates = 5;
  spec.max_candidates = 20;
  spec.skew = 3.0;
  spec.multiple = 3;
  const Problem p = MakeSynthetic(spec);
  const Spread naive = Measure(p, NaiveTopK(p));
  const Solution s = SolveSsp(p);
  const Spread ours = Measure(p, s);
  EXPECT_GT(naive.jobs_over_capacity, 0u);
  EXPECT_EQ(ours.jobs_over_capacity, 0u);
  EXPECT_EQ(ours.load_buckets[11], 0u);
  EXPECT_GT(ours.jobs_used, naive.jobs_used);
  const Totals t = Check(p, s).value();
  EXPECT_EQ(ours.seekers_by_count[3], 3000u - t.short_seekers);
}

}  // namespace
}  // namespace qjy::assign
