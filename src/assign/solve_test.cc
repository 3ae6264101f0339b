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
#include "assign/spread.h"

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
    // the alive nodes in most phases.
    EXPECT_GT(2 * report.stats.restricted_phases, report.stats.phases) << FamilyName(kind);
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

// The rows are the short side, whatever the greedy starts say: a slack
// Zipf market (the popular jobs' greedy offers fall on few seekers, so the
// jobs' greedy excess is the smaller) from the seekers, and a short market
// of tied scores (the seekers' greedy excess is the smaller) from the jobs.
// Chosen by the excess alone, both took the slower side (the first 0.20 s
// instead of 0.03 s).
TEST(Solve, RowsAreTheShortSide) {
  FamilySpec spec;
  spec.seekers = 3'000;
  spec.jobs = 300;
  spec.candidates = 30;
  spec.unservable = 0.6;
  SolveReport r;
  CheckedSolve(MakeFamily(spec), &r);
  EXPECT_EQ(r.side, Side::kJobs);
  EXPECT_TRUE(r.by_totals);
  EXPECT_LT(r.offered, r.demand);
  spec.unservable = -1.0;  // twice the room the demand needs
  CheckedSolve(MakeFamily(spec), &r);
  EXPECT_EQ(r.side, Side::kSeekers);
  EXPECT_GE(r.offered, r.demand * 51 / 50);

  spec.kind = FamilyKind::kZipf;
  spec.unservable = -0.2;
  const Problem slack = MakeFamily(spec);
  ASSERT_LT(GreedyExcess(slack, Side::kJobs), GreedyExcess(slack, Side::kSeekers));
  CheckedSolve(slack, &r);
  EXPECT_EQ(r.side, Side::kSeekers);
  EXPECT_TRUE(r.by_totals);
  EXPECT_EQ(r.excess_from_seekers, 0u);  // neither computed
  EXPECT_EQ(r.excess_from_jobs, 0u);

  spec.kind = FamilyKind::kTies;
  spec.unservable = 0.1;
  const Problem short_ties = MakeFamily(spec);
  ASSERT_GT(GreedyExcess(short_ties, Side::kJobs), GreedyExcess(short_ties, Side::kSeekers));
  CheckedSolve(short_ties, &r);
  EXPECT_EQ(r.side, Side::kJobs);
}

// Offered from the demand up to 2 % above it: the jobs' side where its
// greedy start leaves under half the seekers' excess. Two seekers wanting
// one job each, two jobs of one place: offered == demand.
TEST(Solve, BalancedInstancesGoByTheGreedyExcess) {
  // Both seekers' best is job 0 (the seekers' greedy overloads it by 1);
  // job 0's best is seeker 1 and job 1's seeker 0 (no seeker offered twice).
  Problem p;
  p.want = 1;
  p.capacity = {1, 1};
  p.AddSeeker({0, 1}, {9, 8});
  p.AddSeeker({0, 1}, {10, 1});
  ASSERT_TRUE(Validate(p));
  SolveReport r;
  CheckedSolve(p, &r);
  EXPECT_EQ(r.offered, r.demand);
  EXPECT_FALSE(r.by_totals);
  EXPECT_EQ(r.excess_from_seekers, 1u);
  EXPECT_EQ(r.excess_from_jobs, 0u);
  EXPECT_EQ(r.side, Side::kJobs);
  // Each seeker's best a different job (no overload), both jobs' best
  // seeker 1 (offered twice).
  Problem q;
  q.want = 1;
  q.capacity = {1, 1};
  q.AddSeeker({0, 1}, {5, 1});
  q.AddSeeker({0, 1}, {6, 7});
  ASSERT_TRUE(Validate(q));
  CheckedSolve(q, &r);
  EXPECT_FALSE(r.by_totals);
  EXPECT_EQ(r.excess_from_seekers, 0u);
  EXPECT_EQ(r.side, Side::kSeekers);
  // Three seekers all best at job 0 (the seekers' greedy leaves 2 over);
  // jobs 0 and 1 both offer to seeker 0, job 2 to seeker 1 (the jobs'
  // greedy leaves 1 over): fewer, but not under half, so the seekers'
  // side (the 88 areas near balance: 0.81-0.89 of the seekers' excess,
  // 3-4x faster from the seekers).
  Problem t;
  t.want = 1;
  t.capacity = {1, 1, 1};
  t.AddSeeker({0, 1, 2}, {10, 9, 1});
  t.AddSeeker({0, 1, 2}, {8, 2, 7});
  t.AddSeeker({0, 1, 2}, {6, 1, 1});
  ASSERT_TRUE(Validate(t));
  EXPECT_EQ(GreedyExcess(t, Side::kSeekers), 2u);
  EXPECT_EQ(GreedyExcess(t, Side::kJobs), 1u);
  CheckedSolve(t, &r);
  EXPECT_FALSE(r.by_totals);
  EXPECT_EQ(r.side, Side::kSeekers);
  // One place more: 3 offered for 2 wanted, out of the band.
  q.capacity = {2, 1};
  CheckedSolve(q, &r);
  EXPECT_TRUE(r.by_totals);
  EXPECT_EQ(r.side, Side::kSeekers);
}

// GreedyExcess from the jobs' side (counted by score where scores are
// small, by a transposition otherwise) against a plain reference: each job
// sorts its candidates (score descending, earlier seeker first) and offers
// to the first min(capacity, candidates).
std::uint64_t ReferenceJobsExcess(const Problem& p) {
  std::vector<std::vector<std::pair<std::int32_t, std::uint32_t>>> by_job(p.Jobs());
  for (std::uint32_t s = 0; s < p.Seekers(); ++s) {
    for (std::uint32_t a = p.offsets[s]; a < p.offsets[s + 1]; ++a) by_job[p.job[a]].push_back({p.score[a], s});
  }
  std::vector<std::uint32_t> offers(p.Seekers(), 0);
  for (std::size_t j = 0; j < p.Jobs(); ++j) {
    auto& c = by_job[j];
    std::sort(c.begin(), c.end(), [](const auto& x, const auto& y) {
      return x.first != y.first ? x.first > y.first : x.second < y.second;
    });
    const std::size_t k = std::min<std::size_t>(p.capacity[j], c.size());
    for (std::size_t i = 0; i < k; ++i) ++offers[c[i].second];
  }
  std::uint64_t excess = 0;
  for (std::uint32_t s = 0; s < p.Seekers(); ++s) excess += offers[s] > p.Demand(s) ? offers[s] - p.Demand(s) : 0;
  return excess;
}

TEST(Solve, GreedyExcessFromJobsMatchesAReference) {
  std::uint64_t total = 0;
  for (const Case& c : kCases) {
    FamilySpec spec;
    spec.kind = c.kind;
    spec.unservable = c.unservable;
    spec.seekers = 2'000;
    spec.jobs = 400;
    spec.candidates = 20;
    spec.seed = 7;
    Problem p = MakeFamily(spec);
    const std::uint64_t ref = ReferenceJobsExcess(p);
    EXPECT_EQ(GreedyExcess(p, Side::kJobs), ref) << Name(c, 7);  // small scores: counted
    total += ref;
    // The same ties and order with scores too large to count by value:
    // the transposition.
    for (std::int32_t& x : p.score) x *= 100'000;
    EXPECT_EQ(GreedyExcess(p, Side::kJobs), ref) << Name(c, 7) << ", large scores";
  }
  EXPECT_GT(total, 0u);
}

// Counted in bytes (every capacity below 255) or in 32 bits (one of 255 or
// more), with 700 candidates of job 0 tied at one score: the same offers as
// the reference either way. Jobs 1 and 2 offer to seekers 0-9 and from 280
// on, so the seekers offered twice show how far down job 0's offers reach
// (10, 10 and 30 of them).
// The seekers' greedy on rows not sorted by score takes each row's best
// arcs, not its first ones (ShapeOf tells it the rows are unsorted): the
// excess equals the overload of NaiveTopK's choice.
TEST(Solve, GreedyExcessFromSeekersReadsUnsortedRowsWhole) {
  Problem p;
  p.want = 1;
  p.capacity = {1, 1, 1};
  // Every row's first arc is job 0, but each one's best is elsewhere:
  // the first arcs would overload job 0 by 2, the best ones overload
  // job 1 by 1.
  p.AddSeeker({0, 1}, {1, 9});
  p.AddSeeker({0, 1}, {2, 8});
  p.AddSeeker({0, 2}, {3, 7});
  const Solution naive = NaiveTopK(p);
  std::vector<std::uint32_t> load(p.Jobs(), 0);
  for (std::size_t a = 0; a < p.Arcs(); ++a) load[p.job[a]] += naive.chosen[a];
  std::uint64_t expected = 0;
  for (std::size_t j = 0; j < p.Jobs(); ++j) expected += load[j] > p.capacity[j] ? load[j] - p.capacity[j] : 0;
  EXPECT_EQ(expected, 1u);
  EXPECT_EQ(GreedyExcess(p, Side::kSeekers), expected);
}

TEST(Solve, GreedyExcessFromJobsCountsPastAByte) {
  for (const std::uint32_t big : {254u, 255u, 300u}) {
    Problem p;
    p.want = 1;  // a seeker offered both of its jobs has one over
    p.capacity = {big, 50, 50};
    for (std::uint32_t s = 0; s < 700; ++s) {
      p.AddSeeker({0, 1 + s % 2}, {5, s < 10 || s >= 280 ? 6 : 0});
    }
    ASSERT_TRUE(Validate(p));
    const std::uint64_t ref = ReferenceJobsExcess(p);
    EXPECT_EQ(ref, big == 300 ? 30u : 10u);
    EXPECT_EQ(GreedyExcess(p, Side::kJobs), ref) << "capacity " << big;
  }
}

}  // namespace
}  // namespace qjy::assign
