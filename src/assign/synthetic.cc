#include "assign/synthetic.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace qjy::assign {

Problem MakeSynthetic(const SyntheticSpec& spec) {
  std::mt19937_64 rng(spec.seed);
  auto uniform = [&](std::uint64_t lo, std::uint64_t hi) {  // inclusive
    return std::uniform_int_distribution<std::uint64_t>(lo, hi)(rng);
  };
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Problem p;
  p.want = spec.want;
  p.capacity.resize(spec.jobs);
  std::vector<std::int32_t> quality(spec.jobs);
  const std::uint32_t R = std::max(1u, std::min(spec.regions, spec.jobs));
  const auto job_part = static_cast<std::int32_t>(spec.max_score * spec.job_weight);
  const std::int32_t fit_part = spec.max_score - job_part;
  for (std::uint32_t j = 0; j < spec.jobs; ++j) {
    p.capacity[j] = spec.multiple * static_cast<std::uint32_t>(uniform(spec.min_headcount, spec.max_headcount));
    // Popular (low-index) jobs tend to score higher.
    quality[j] = static_cast<std::int32_t>(job_part * (1.0 - double(j) / std::max(1u, spec.jobs)));
  }
  p.offsets.reserve(spec.seekers + 1);
  const std::uint64_t avg = (spec.min_candidates + std::min(spec.max_candidates, spec.jobs)) / 2 + 1;
  p.job.reserve(spec.seekers * avg);
  p.score.reserve(spec.seekers * avg);
  std::vector<std::uint32_t> mark(spec.jobs, UINT32_MAX);
  for (std::uint32_t s = 0; s < spec.seekers; ++s) {
    const std::uint32_t hi = std::min(spec.max_candidates, spec.jobs);
    const std::uint32_t lo = std::min(spec.min_candidates, hi);
    const auto k = static_cast<std::uint32_t>(uniform(lo, hi));
    for (std::uint32_t n = 0; n < k;) {
      std::uint32_t j;
      const std::uint32_t r = s % R;
      const std::uint32_t in_region = (spec.jobs - r + R - 1) / R;  // jobs r, r+R, ...
      if (R > 1 && unit(rng) < spec.local) {
        auto i = static_cast<std::uint32_t>(in_region * std::pow(unit(rng), spec.skew));
        j = std::min(i, in_region - 1) * R + r;
      } else {
        j = static_cast<std::uint32_t>(spec.jobs * std::pow(unit(rng), spec.skew));
      }
      j = std::min(j, spec.jobs - 1);
      if (mark[j] == s) {
        j = static_cast<std::uint32_t>(uniform(0, spec.jobs - 1));  // fall back to uniform
        if (mark[j] == s) continue;
      }
      mark[j] = s;
      p.job.push_back(j);
      p.score.push_back(quality[j] + static_cast<std::int32_t>(uniform(0, fit_part)));
      ++n;
    }
    p.offsets.push_back(static_cast<std::uint32_t>(p.job.size()));
  }
  return p;
}

}  // namespace qjy::assign
