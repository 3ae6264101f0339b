#include "assign/solve.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <numeric>
#include <utility>
#include <vector>

#include "assign/spread.h"

namespace qjy::assign {

namespace {

// GreedyExcess(p, kJobs) for scores below span, counting each job's
// candidates by score in Count-wide cells (a narrow Count saturates at its
// maximum, which must then exceed every capacity); once the sum reaches
// stop_at, that partial sum (a lower bound, >= stop_at).
template <class Count>
std::uint64_t JobsExcessByCount(const Problem& p, std::int64_t span, std::uint64_t stop_at) {
  const auto S = static_cast<std::uint32_t>(p.Seekers());
  const auto J = static_cast<std::uint32_t>(p.Jobs());
  constexpr Count kMax = std::numeric_limits<Count>::max();
  std::vector<Count> count(static_cast<std::size_t>(span) * J, 0);
  std::vector<std::uint32_t> degree(J, 0);
  for (std::uint32_t a = 0; a < p.Arcs(); ++a) {
    Count& c = count[static_cast<std::size_t>(p.job[a]) * span + p.score[a]];
    c += c < kMax;
    ++degree[p.job[a]];
  }
  // Per job: its threshold score and how many seekers tied at it still
  // get an offer (quota); every seeker above it gets one.
  std::vector<std::int32_t> threshold(J, 0);
  std::vector<std::uint32_t> quota(J, 0);
  for (std::uint32_t j = 0; j < J; ++j) {
    std::uint32_t k = std::min(p.capacity[j], degree[j]);
    if (k == 0) {
      threshold[j] = static_cast<std::int32_t>(span);  // none
      continue;
    }
    const Count* c = count.data() + static_cast<std::size_t>(j) * span;
    std::int64_t v = span - 1;
    while (c[v] < k) k -= c[v--];
    threshold[j] = static_cast<std::int32_t>(v);
    quota[j] = k;
  }
  std::uint64_t excess = 0;
  for (std::uint32_t s = 0; s < S; ++s) {
    std::uint32_t offers = 0;
    for (std::uint32_t a = p.offsets[s]; a < p.offsets[s + 1]; ++a) {
      const std::uint32_t j = p.job[a];
      if (p.score[a] > threshold[j]) {
        ++offers;
      } else if (p.score[a] == threshold[j] && quota[j] > 0) {
        --quota[j];
        ++offers;
      }
    }
    excess += offers > p.Demand(s) ? offers - p.Demand(s) : 0;
    if (excess >= stop_at) break;
  }
  return excess;
}

// GreedyExcess(p, side), except that from the jobs' side with small
// scores it may stop once the sum reaches stop_at and return that partial
// sum (then a lower bound, >= stop_at).
// shape: ShapeOf(p).
std::uint64_t GreedyExcessUpTo(const Problem& p, Side side, std::uint64_t stop_at, const Shape& shape) {
  const auto S = static_cast<std::uint32_t>(p.Seekers());
  const auto J = static_cast<std::uint32_t>(p.Jobs());
  std::uint64_t excess = 0;
  if (side == Side::kSeekers) {
    // NaiveTopK's choice, counted per job without building the solution
    // (the batch's rows are sorted: their first demand(s) arcs).
    std::vector<std::uint32_t> load(J, 0);
    ForEachNaiveChoice(p, [&](std::uint32_t a) { ++load[p.job[a]]; }, shape.rows_sorted);
    for (std::uint32_t j = 0; j < J; ++j) excess += load[j] > p.capacity[j] ? load[j] - p.capacity[j] : 0;
    return excess;
  }
  // Small scores (the batch's: below ~150): each job's candidates counted
  // by score, which gives the score of its min(capacity, candidates)-th
  // best and how many of those tied at it it takes; a pass over the
  // seekers in order then hands the offers out (ties to the earlier
  // seeker, as below) without transposing the arcs.
  const std::int64_t span = static_cast<std::int64_t>(shape.max_score) + 1;
  if (span * J <= (std::int64_t{1} << 25)) {
    // Counts in a byte each, saturating at 255, where every capacity is
    // below 255: a job takes at most capacity < 255 candidates, so a
    // saturated count still passes what it takes and the threshold and
    // quota come out the same (the batch at 1 M seekers: 30 MB of counts
    // instead of 120 MB, read and written at random: 0.78 -> 0.53 s CPU;
    // 0.42 s where Solve stops at the seekers' excess).
    const std::uint32_t max_capacity =
        p.capacity.empty() ? 0 : *std::max_element(p.capacity.begin(), p.capacity.end());
    return max_capacity < 255 ? JobsExcessByCount<std::uint8_t>(p, span, stop_at)
                              : JobsExcessByCount<std::uint32_t>(p, span, stop_at);
  }
  // Each job's candidates as (score, seeker), grouped by job.
  std::vector<std::uint32_t> first(J + 1, 0);
  for (std::uint32_t j : p.job) ++first[j + 1];
  for (std::uint32_t j = 0; j < J; ++j) first[j + 1] += first[j];
  std::vector<std::pair<std::int32_t, std::uint32_t>> by_job(p.Arcs());
  {
    std::vector<std::uint32_t> fill(first.begin(), first.end() - 1);
    for (std::uint32_t s = 0; s < S; ++s) {
      for (std::uint32_t a = p.offsets[s]; a < p.offsets[s + 1]; ++a) by_job[fill[p.job[a]]++] = {p.score[a], s};
    }
  }
  std::vector<std::uint32_t> offers(S, 0);
  for (std::uint32_t j = 0; j < J; ++j) {
    const auto b = by_job.begin() + first[j], e = by_job.begin() + first[j + 1];
    const auto k = std::min<std::ptrdiff_t>(p.capacity[j], e - b);
    std::nth_element(b, b + k - (k > 0), e, [](const auto& x, const auto& y) {
      return x.first != y.first ? x.first > y.first : x.second < y.second;
    });
    for (auto it = b; it != b + k; ++it) ++offers[it->second];
  }
  for (std::uint32_t s = 0; s < S; ++s) excess += offers[s] > p.Demand(s) ? offers[s] - p.Demand(s) : 0;
  return excess;
}

// Offered within demand x (1 + 1/kBalanceBand) of the demand: "balanced",
// where the side is chosen by the greedy excess (bench/README.md, "Which
// side": from 1.00 to 1.02 the faster side varied by kind of instance;
// the jobs' side was the faster where its greedy excess was 0.22-0.39 of
// the seekers', the seekers' where it was 0.81 or more).
constexpr std::uint64_t kBalanceBand = 50;

}  // namespace

std::uint64_t GreedyExcess(const Problem& p, Side side) {
  return GreedyExcessUpTo(p, side, std::numeric_limits<std::uint64_t>::max(), ShapeOf(p));
}

Solution Solve(const Problem& p, SolveReport* report) {
  SolveReport r;
  r.stats.check_start = report && report->stats.check_start;  // the caller's request (tests)
  // The instance's shape and each job's candidates, in one pass.
  std::vector<std::uint32_t> degree;
  const Shape shape = ShapeOf(p, &degree);
  // The rows should be the short side: the jobs offer sum_j min(capacity,
  // candidates) units against a total demand of sum_s demand(s), and the
  // side asking for more ends with that difference unserved at least,
  // each such unit pushed to its overflow arc through phase after phase.
  for (std::size_t j = 0; j < p.Jobs(); ++j) r.offered += std::min(degree[j], p.capacity[j]);
  for (std::size_t s = 0; s < p.Seekers(); ++s) r.demand += p.Demand(s);
  if (r.offered < r.demand) {
    r.side = Side::kJobs;
  } else if ((r.offered - r.demand) * kBalanceBand >= r.demand) {
    r.side = Side::kSeekers;
  } else {
    // Within the band the totals do not tell; the greedy starts' excess
    // does: the jobs' side only where its excess is under half the
    // seekers' (the jobs' pass may stop once it reaches that half).
    r.by_totals = false;
    r.excess_from_seekers =
        GreedyExcessUpTo(p, Side::kSeekers, std::numeric_limits<std::uint64_t>::max(), shape);
    r.excess_from_jobs = GreedyExcessUpTo(p, Side::kJobs, (r.excess_from_seekers + 1) / 2, shape);
    r.side = 2 * r.excess_from_jobs < r.excess_from_seekers ? Side::kJobs : Side::kSeekers;
  }
  Solution s = SolvePrimalDual(p, shape, &r.stats, r.side);
  if (report) *report = std::move(r);
  return s;
}

}  // namespace qjy::assign
