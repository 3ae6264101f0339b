#include "assign/spread.h"

#include <algorithm>
#include <functional>
#include <numeric>

namespace qjy::assign {

Solution NaiveTopK(const Problem& p) {
  Solution s;
  s.chosen.assign(p.Arcs(), 0);
  s.shortfall.assign(p.Seekers(), 0);
  ForEachNaiveChoice(p, [&](std::uint32_t a) { s.chosen[a] = 1; });
  return s;
}

Spread MeasureNaive(const Problem& p, std::int64_t* score) {
  std::vector<std::uint32_t> load(p.Jobs(), 0), got(p.Seekers(), 0);
  std::int64_t total = 0;
  std::size_t k = 0;  // the row of the arcs f is given (rows come in order)
  ForEachNaiveChoice(p, [&](std::uint32_t a) {
    while (a >= p.offsets[k + 1]) ++k;
    ++got[k];
    ++load[p.job[a]];
    total += p.score[a];
  });
  if (score) *score = total;
  return MeasureCounts(p, load, got);
}

Spread Measure(const Problem& p, const Solution& s) {
  std::vector<std::uint32_t> load(p.Jobs(), 0), got(p.Seekers(), 0);
  for (std::size_t k = 0; k < p.Seekers(); ++k) {
    for (std::uint32_t a = p.offsets[k]; a < p.offsets[k + 1]; ++a) {
      if (s.chosen[a]) {
        ++got[k];
        ++load[p.job[a]];
      }
    }
  }
  return MeasureCounts(p, load, got);
}

Spread MeasureCounts(const Problem& p, const std::vector<std::uint32_t>& load, const std::vector<std::uint32_t>& got) {
  Spread r;
  r.seekers_by_count.assign(p.want + 1, 0);
  for (std::size_t k = 0; k < p.Seekers(); ++k) {
    if (p.Demand(k) > 0) ++r.seekers_by_count[std::min(got[k], p.want)];
  }
  for (std::size_t j = 0; j < p.Jobs(); ++j) {
    const std::uint32_t l = load[j], c = p.capacity[j];
    r.max_load = std::max(r.max_load, l);
    r.jobs_used += l > 0;
    std::size_t bucket;
    if (l > c) {
      bucket = 11;
      ++r.jobs_over_capacity;
    } else if (l == c) {
      bucket = c == 0 ? 0 : 10;
    } else {
      bucket = std::min<std::size_t>(9, l * 10ull / c);
    }
    ++r.load_buckets[bucket];
  }
  return r;
}

}  // namespace qjy::assign
