#include "assign/solution.h"

#include <algorithm>

namespace qjy::assign {

namespace {
std::int64_t PenaltyFor(const Problem& p, std::int64_t max_score) {
  const std::int64_t n = static_cast<std::int64_t>(std::min(p.Seekers(), p.Jobs()));
  return (max_score + 1) * (n + 2);
}
}  // namespace

std::int64_t Penalty(const Problem& p) { return PenaltyFor(p, MaxScore(p)); }

Result<Totals> Check(const Problem& p, const Solution& s, Counts* counts) {
  if (s.chosen.size() != p.Arcs() || s.shortfall.size() != p.Seekers()) {
    return Fail(ErrorCode::kInternal, "分配结果的大小与问题不符");
  }
  Totals t;
  const std::int64_t max_score = MaxScore(p);  // (one pass over the scores, not two)
  const std::int64_t penalty = PenaltyFor(p, max_score);
  Counts own;
  Counts& c = counts ? *counts : own;
  c.load.assign(p.Jobs(), 0);
  c.got.assign(counts ? p.Seekers() : 0, 0);
  std::vector<std::uint32_t>& load = c.load;
  for (std::size_t k = 0; k < p.Seekers(); ++k) {
    std::uint32_t got = 0;
    for (std::uint32_t a = p.offsets[k]; a < p.offsets[k + 1]; ++a) {
      if (!s.chosen[a]) continue;
      ++got;
      ++load[p.job[a]];
      t.score += p.score[a];
      t.cost += max_score - p.score[a];
    }
    const std::uint32_t d = p.Demand(k);
    if (got + s.shortfall[k] != d) {
      return Fail(ErrorCode::kInternal, "第 " + std::to_string(k) + " 名求职者：推荐 " +
                                            std::to_string(got) + " 个 + 缺口 " +
                                            std::to_string(s.shortfall[k]) + " ≠ 需求 " +
                                            std::to_string(d));
    }
    if (counts) c.got[k] = got;
    t.served += got;
    t.demand += d;
    t.short_seekers += s.shortfall[k] > 0;
    t.cost += penalty * s.shortfall[k];
  }
  for (std::size_t j = 0; j < p.Jobs(); ++j) {
    if (load[j] > p.capacity[j]) {
      return Fail(ErrorCode::kInternal, "第 " + std::to_string(j) + " 个岗位推荐 " +
                                            std::to_string(load[j]) + " 人，超过容量 " +
                                            std::to_string(p.capacity[j]));
    }
  }
  return t;
}

}  // namespace qjy::assign
