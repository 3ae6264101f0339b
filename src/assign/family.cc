#include "assign/family.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

namespace qjy::assign {
namespace {

constexpr std::uint32_t kAreas = 88;

// Samples indices by a cumulative weight table (binary search).
class Sampler {
 public:
  explicit Sampler(const std::vector<double>& w) : cdf_(w.size()) {
    std::partial_sum(w.begin(), w.end(), cdf_.begin());
  }
  std::uint32_t Draw(std::mt19937_64& rng) const {
    const double u = std::uniform_real_distribution<double>(0.0, cdf_.back())(rng);
    const auto it = std::upper_bound(cdf_.begin(), cdf_.end(), u);
    return static_cast<std::uint32_t>(std::min<std::size_t>(it - cdf_.begin(), cdf_.size() - 1));
  }

 private:
  std::vector<double> cdf_;
};

std::vector<double> ZipfWeights(std::uint32_t n, double s) {
  std::vector<double> w(n);
  for (std::uint32_t i = 0; i < n; ++i) w[i] = 1.0 / std::pow(i + 1.0, s);
  return w;
}

}  // namespace

std::string FamilyName(FamilyKind kind) {
  switch (kind) {
    case FamilyKind::kUniform: return "uniform";
    case FamilyKind::kTies: return "ties";
    case FamilyKind::kOneMarket: return "one-market";
    case FamilyKind::kAreas: return "areas";
    case FamilyKind::kZipf: return "zipf";
  }
  return "?";
}

Problem MakeFamily(const FamilySpec& spec) {
  std::mt19937_64 rng(spec.seed * 0x9E3779B97F4A7C15ull + static_cast<std::uint64_t>(spec.kind));
  auto uniform = [&](std::int64_t lo, std::int64_t hi) {  // inclusive
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  const std::uint32_t S = spec.seekers, J = std::max(1u, spec.jobs);
  const std::uint32_t k = std::min(spec.candidates, J);
  const std::int32_t top = spec.kind == FamilyKind::kTies ? 3 : std::max(1, spec.max_score);
  Problem p;
  p.want = spec.want;

  // Per-job traits: how likely it is drawn (weight) and its common quality.
  std::vector<double> weight(J, 1.0), quality(J, 0.0);
  std::vector<std::uint32_t> area(J, 0);
  if (spec.kind == FamilyKind::kOneMarket) {
    std::lognormal_distribution<double> attract(0.0, 1.0);
    for (std::uint32_t j = 0; j < J; ++j) weight[j] = attract(rng);
    const double wmax = *std::max_element(weight.begin(), weight.end());
    for (std::uint32_t j = 0; j < J; ++j) quality[j] = std::log1p(weight[j]) / std::log1p(wmax);
  } else if (spec.kind == FamilyKind::kZipf) {
    std::vector<std::uint32_t> rank(J);
    std::iota(rank.begin(), rank.end(), 0u);
    std::shuffle(rank.begin(), rank.end(), rng);  // popularity unrelated to the index
    const std::vector<double> z = ZipfWeights(J, 1.1);
    for (std::uint32_t j = 0; j < J; ++j) weight[j] = z[rank[j]];
  }
  std::vector<std::uint32_t> seeker_area(S, 0);
  std::vector<std::vector<std::uint32_t>> jobs_in(kAreas);
  if (spec.kind == FamilyKind::kAreas) {
    // Seekers and jobs go to areas by two different skewed weightings, so
    // the seeker/job ratio varies between areas.
    const Sampler seekers_by(ZipfWeights(kAreas, 0.8));
    std::vector<double> jw = ZipfWeights(kAreas, 0.8);
    std::shuffle(jw.begin() + 1, jw.end(), rng);  // the capital stays first
    const Sampler jobs_by(jw);
    for (std::uint32_t j = 0; j < J; ++j) {
      area[j] = jobs_by.Draw(rng);
      jobs_in[area[j]].push_back(j);
    }
    for (std::uint32_t s = 0; s < S; ++s) seeker_area[s] = seekers_by.Draw(rng);
  }
  const Sampler by_weight(weight);

  p.offsets.reserve(S + 1);
  p.job.reserve(static_cast<std::size_t>(S) * k);
  p.score.reserve(static_cast<std::size_t>(S) * k);
  std::vector<std::uint32_t> mark(J, UINT32_MAX);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (std::uint32_t s = 0; s < S; ++s) {
    const auto& local = jobs_in[seeker_area[s]];
    std::uint32_t local_left = static_cast<std::uint32_t>(local.size());
    for (std::uint32_t n = 0, tries = 0; n < k; ++tries) {
      std::uint32_t j;
      if (tries > 20 * k) {  // a skewed draw keeps hitting taken jobs
        j = static_cast<std::uint32_t>(uniform(0, J - 1));
      } else if (spec.kind == FamilyKind::kOneMarket || spec.kind == FamilyKind::kZipf) {
        j = by_weight.Draw(rng);
      } else if (spec.kind == FamilyKind::kAreas && local_left > 0 && unit(rng) < 0.9) {
        j = local[static_cast<std::size_t>(uniform(0, static_cast<std::int64_t>(local.size()) - 1))];
      } else {
        j = static_cast<std::uint32_t>(uniform(0, J - 1));
      }
      if (mark[j] == s) continue;
      mark[j] = s;
      if (spec.kind == FamilyKind::kAreas && area[j] == seeker_area[s]) --local_left;
      std::int32_t score;
      if (spec.kind == FamilyKind::kOneMarket) {
        score = 1 + static_cast<std::int32_t>((top - 1) * (0.7 * quality[j] + 0.3 * unit(rng)));
      } else {
        score = static_cast<std::int32_t>(uniform(1, top));
      }
      p.job.push_back(j);
      p.score.push_back(score);
      ++n;
    }
    p.offsets.push_back(static_cast<std::uint32_t>(p.job.size()));
  }

  // Capacity: headcount 1..10, scaled to (1 - unservable) x demand.
  std::vector<double> head(J);
  double head_sum = 0;
  for (std::uint32_t j = 0; j < J; ++j) head_sum += head[j] = static_cast<double>(uniform(1, 10));
  double demand = 0;
  for (std::uint32_t s = 0; s < S; ++s) demand += p.Demand(s);
  const double scale = std::max(0.0, (1.0 - spec.unservable) * demand / head_sum);
  p.capacity.resize(J);
  for (std::uint32_t j = 0; j < J; ++j) {
    p.capacity[j] = std::max<std::uint32_t>(1, static_cast<std::uint32_t>(std::lround(head[j] * scale)));
  }
  return p;
}

}  // namespace qjy::assign
