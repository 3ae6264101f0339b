// How recommendations spread over jobs, for reports and the officer's page:
// the naive baseline (each seeker's top-k by score, capacity ignored) and
// histograms of job load relative to capacity and of seekers by count.
#ifndef QJY_ASSIGN_SPREAD_H_
#define QJY_ASSIGN_SPREAD_H_

#include <algorithm>
#include <cstdint>
#include <functional>
#include <numeric>
#include <vector>

#include "assign/problem.h"
#include "assign/solution.h"

namespace qjy::assign {

// Calls f(arc) for each seeker's demand(s) best-scoring candidates (ties:
// earlier arc first), seeker by seeker in order: the first arcs of a row
// already sorted best first (the batch's lists), else a partial sort.
// rows_sorted: every row is known to be sorted (ShapeOf), so none is
// looked at past its first demand(s) arcs.
template <class F>
void ForEachNaiveChoice(const Problem& p, F&& f, bool rows_sorted = false) {
  std::vector<std::uint32_t> order;
  for (std::size_t k = 0; k < p.Seekers(); ++k) {
    const std::uint32_t b = p.offsets[k], e = p.offsets[k + 1];
    const std::uint32_t d = p.Demand(k);
    if (rows_sorted || std::is_sorted(p.score.begin() + b, p.score.begin() + e, std::greater<>())) {
      for (std::uint32_t a = b; a < b + d; ++a) f(a);
      continue;
    }
    order.resize(e - b);
    std::iota(order.begin(), order.end(), b);
    std::partial_sort(order.begin(), order.begin() + d, order.end(), [&](std::uint32_t x, std::uint32_t y) {
      return p.score[x] != p.score[y] ? p.score[x] > p.score[y] : x < y;
    });
    for (std::uint32_t i = 0; i < d; ++i) f(order[i]);
  }
}

// Each seeker's demand(s) best-scoring candidates (ForEachNaiveChoice),
// capacity ignored; shortfall is 0. Jobs may exceed capacity.
Solution NaiveTopK(const Problem& p);

struct Spread {
  // Jobs by load / capacity: bucket i < 10 holds ratios in [i/10, (i+1)/10),
  // bucket 10 exactly 1 (full), 11 over capacity; jobs of capacity 0 with
  // load count as over capacity when load > 0, else bucket 0.
  std::vector<std::uint64_t> load_buckets = std::vector<std::uint64_t>(12, 0);
  // Seekers with a demand, by number of recommendations (index 0..want).
  std::vector<std::uint64_t> seekers_by_count;
  std::uint64_t jobs_over_capacity = 0;
  std::uint64_t jobs_used = 0;
  std::uint32_t max_load = 0;
};

Spread Measure(const Problem& p, const Solution& s);
// Measure(p, NaiveTopK(p)), and the naive choice's total score in *score
// (if not null), without a Solution: reads only the chosen arcs of rows
// already sorted best first (the batch's lists).
Spread MeasureNaive(const Problem& p, std::int64_t* score = nullptr);
// The same from each job's load (p.Jobs() entries) and each seeker's number
// of recommendations (p.Seekers() entries), e.g. the batch's two rounds.
Spread MeasureCounts(const Problem& p, const std::vector<std::uint32_t>& load, const std::vector<std::uint32_t>& got);

}  // namespace qjy::assign

#endif  // QJY_ASSIGN_SPREAD_H_
