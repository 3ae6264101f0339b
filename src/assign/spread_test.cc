#include "assign/spread.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

#include "assign/synthetic.h"

namespace qjy::assign {
namespace {

// The total score of a solution's chosen arcs.
std::int64_t ScoreOf(const Problem& p, const Solution& s) {
  std::int64_t total = 0;
  for (std::size_t a = 0; a < p.Arcs(); ++a) total += s.chosen[a] ? p.score[a] : 0;
  return total;
}

void ExpectSameSpread(const Spread& x, const Spread& y) {
  EXPECT_EQ(x.load_buckets, y.load_buckets);
  EXPECT_EQ(x.seekers_by_count, y.seekers_by_count);
  EXPECT_EQ(x.jobs_over_capacity, y.jobs_over_capacity);
  EXPECT_EQ(x.jobs_used, y.jobs_used);
  EXPECT_EQ(x.max_load, y.max_load);
}

// p with every row's arcs sorted best first (the batch's lists).
Problem SortedRows(Problem p) {
  for (std::size_t s = 0; s < p.Seekers(); ++s) {
    const std::uint32_t b = p.offsets[s], e = p.offsets[s + 1];
    std::vector<std::uint32_t> order(e - b);
    std::iota(order.begin(), order.end(), b);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) { return p.score[x] > p.score[y]; });
    std::vector<std::uint32_t> job;
    std::vector<std::int32_t> score;
    for (std::uint32_t a : order) job.push_back(p.job[a]), score.push_back(p.score[a]);
    std::copy(job.begin(), job.end(), p.job.begin() + b);
    std::copy(score.begin(), score.end(), p.score.begin() + b);
  }
  return p;
}

// MeasureNaive without a Solution gives what measuring NaiveTopK's does,
// on rows in any order and on rows sorted best first, with per-seeker
// wants (some 0) and seekers without candidates.
TEST(Spread, MeasureNaiveIsMeasureOfNaiveTopK) {
  SyntheticSpec spec;
  spec.seekers = 4000;
  spec.jobs = 600;
  spec.min_candidates = 0;
  spec.max_candidates = 25;
  spec.skew = 2.0;
  spec.multiple = 2;
  Problem p = MakeSynthetic(spec);
  for (int sorted = 0; sorted < 2; ++sorted) {
    for (int with_wants = 0; with_wants < 2; ++with_wants) {
      Problem q = sorted ? SortedRows(p) : p;
      if (with_wants) {
        q.wants.resize(q.Seekers());
        for (std::size_t s = 0; s < q.Seekers(); ++s) q.wants[s] = static_cast<std::uint32_t>(s % (q.want + 1));
      }
      ASSERT_TRUE(Validate(q).has_value());
      const Solution naive = NaiveTopK(q);
      std::int64_t score = -1;
      const Spread fast = MeasureNaive(q, &score);
      ExpectSameSpread(fast, Measure(q, naive));
      EXPECT_EQ(score, ScoreOf(q, naive));
      EXPECT_GT(fast.jobs_over_capacity, 0u);  // the instance is crowded: a spread worth comparing
    }
  }
}

}  // namespace
}  // namespace qjy::assign
