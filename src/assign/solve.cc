#include "assign/solve.h"

#include <algorithm>
#include <functional>
#include <numeric>
#include <utility>
#include <vector>

#include "assign/spread.h"

namespace qjy::assign {

std::uint64_t GreedyExcess(const Problem& p, Side side) {
  const auto S = static_cast<std::uint32_t>(p.Seekers());
  const auto J = static_cast<std::uint32_t>(p.Jobs());
  std::uint64_t excess = 0;
  if (side == Side::kSeekers) {
    // NaiveTopK's choice, counted per job without building the solution
    // (the batch's rows are sorted: their first demand(s) arcs).
    std::vector<std::uint32_t> load(J, 0);
    ForEachNaiveChoice(p, [&](std::uint32_t a) { ++load[p.job[a]]; });
    for (std::uint32_t j = 0; j < J; ++j) excess += load[j] > p.capacity[j] ? load[j] - p.capacity[j] : 0;
    return excess;
  }
  // Small scores (the batch's: below ~150): each job's candidates counted
  // by score, which gives the score of its min(capacity, candidates)-th
  // best and how many of those tied at it it takes; a pass over the
  // seekers in order then hands the offers out (ties to the earlier
  // seeker, as below) without transposing the arcs.
  const std::int64_t span = static_cast<std::int64_t>(MaxScore(p)) + 1;
  if (span * J <= (std::int64_t{1} << 25)) {
    std::vector<std::uint32_t> count(static_cast<std::size_t>(span) * J, 0);
    std::vector<std::uint32_t> degree(J, 0);
    for (std::uint32_t a = 0; a < p.Arcs(); ++a) {
      ++count[static_cast<std::size_t>(p.job[a]) * span + p.score[a]];
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
      const std::uint32_t* c = count.data() + static_cast<std::size_t>(j) * span;
      std::int64_t v = span - 1;
      while (c[v] < k) k -= c[v--];
      threshold[j] = static_cast<std::int32_t>(v);
      quota[j] = k;
    }
    std::uint64_t excess_j = 0;
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
      excess_j += offers > p.Demand(s) ? offers - p.Demand(s) : 0;
    }
    return excess_j;
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

Solution Solve(const Problem& p, SolveReport* report) {
  SolveReport r;
  r.excess_from_seekers = GreedyExcess(p, Side::kSeekers);
  // The jobs' greedy offers sum_j min(capacity, candidates) units against
  // a total demand sum_s demand(s), so it leaves at least the difference
  // over: when that alone is no better, the jobs' pass (a transposition of
  // the arcs) is skipped. Typical of the batch, where capacity is 5 x
  // headcount.
  std::vector<std::uint32_t> degree(p.Jobs(), 0);
  for (std::uint32_t j : p.job) ++degree[j];
  std::int64_t offered = 0, demand = 0;
  for (std::size_t j = 0; j < p.Jobs(); ++j) offered += std::min(degree[j], p.capacity[j]);
  for (std::size_t s = 0; s < p.Seekers(); ++s) demand += p.Demand(s);
  const std::int64_t jobs_at_least = std::max<std::int64_t>(0, offered - demand);
  r.excess_from_jobs = jobs_at_least >= static_cast<std::int64_t>(r.excess_from_seekers)
                           ? static_cast<std::uint64_t>(jobs_at_least)
                           : GreedyExcess(p, Side::kJobs);
  r.side = r.excess_from_jobs < r.excess_from_seekers ? Side::kJobs : Side::kSeekers;
  Solution s = SolvePrimalDual(p, &r.stats, r.side);
  if (report) *report = std::move(r);
  return s;
}

}  // namespace qjy::assign
