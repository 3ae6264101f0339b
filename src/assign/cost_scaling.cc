#include "assign/cost_scaling.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <vector>

namespace qjy::assign {
namespace {

// Residual graph in compressed rows: arcs of node u are first_[u] ..
// first_[u+1]-1; rev_[a] is the paired arc. Original arc k of the network
// has its forward residual arc at fwd_[k].
class CostScaling {
 public:
  explicit CostScaling(const Problem& p) : p_(p) {
    S_ = static_cast<std::uint32_t>(p.Seekers());
    J_ = static_cast<std::uint32_t>(p.Jobs());
    N_ = S_ + J_ + 1;
    sink_ = S_ + J_;
    const std::int64_t max_score = MaxScore(p);
    const std::int64_t penalty = Penalty(p);
    const std::size_t A = p.Arcs();
    const std::size_t M = A + J_ + S_;  // original arcs
    // Degrees.
    first_.assign(N_ + 1, 0);
    auto tail_head = [&](std::size_t k, std::uint32_t& u, std::uint32_t& v) {
      if (k < A) {
        v = S_ + p.job[k];
        u = 0;  // filled by caller for candidate arcs
      } else if (k < A + J_) {
        u = S_ + static_cast<std::uint32_t>(k - A);
        v = sink_;
      } else {
        u = static_cast<std::uint32_t>(k - A - J_);
        v = sink_;
      }
    };
    std::vector<std::uint32_t> tail(M), head(M);
    for (std::uint32_t s = 0; s < S_; ++s)
      for (std::uint32_t a = p.offsets[s]; a < p.offsets[s + 1]; ++a) tail[a] = s;
    for (std::size_t k = 0; k < M; ++k) {
      std::uint32_t u = 0, v = 0;
      tail_head(k, u, v);
      if (k >= A) tail[k] = u;
      head[k] = v;
      ++first_[tail[k] + 1];
      ++first_[v + 1];
    }
    for (std::uint32_t v = 0; v < N_; ++v) first_[v + 1] += first_[v];
    const std::size_t R = first_[N_];
    head_.resize(R);
    rev_.resize(R);
    cap_.resize(R);
    cost_.resize(R);
    fwd_.resize(M);
    std::vector<std::uint64_t> fill(first_.begin(), first_.end() - 1);
    for (std::size_t k = 0; k < M; ++k) {
      const std::uint32_t u = tail[k], v = head[k];
      std::int32_t c, cap;
      if (k < A) {
        c = static_cast<std::int32_t>(max_score - p.score[k]);
        cap = 1;
      } else if (k < A + J_) {
        c = 0;
        cap = static_cast<std::int32_t>(p.capacity[k - A]);
      } else {
        c = static_cast<std::int32_t>(penalty);
        cap = static_cast<std::int32_t>(p.Demand(u));
      }
      const std::uint64_t a = fill[u]++, b = fill[v]++;
      head_[a] = v;
      head_[b] = u;
      rev_[a] = static_cast<std::uint32_t>(b);
      rev_[b] = static_cast<std::uint32_t>(a);
      cap_[a] = cap;
      cap_[b] = 0;
      cost_[a] = c;
      cost_[b] = -c;
      fwd_[k] = static_cast<std::uint32_t>(a);
    }
    excess_.assign(N_, 0);
    std::int64_t total = 0;
    for (std::uint32_t s = 0; s < S_; ++s) {
      excess_[s] = p.Demand(s);
      total += p.Demand(s);
    }
    excess_[sink_] = -total;
    price_.assign(N_, 0);
    current_.assign(first_.begin(), first_.end() - 1);
    in_queue_.assign(N_, 0);
    holders_.resize(J_);
    scale_ = static_cast<std::int64_t>(N_) + 1;
    max_cost_ = std::max<std::int64_t>(penalty, max_score);
  }

  Solution Run(CostScalingStats* stats) {
    const char* ea = std::getenv("QJY_CS_ALPHA");
    const char* ee = std::getenv("QJY_CS_EPS0");
    const std::int64_t alpha = ea ? std::atoll(ea) : 16;
    look_ahead_ = !std::getenv("QJY_CS_NOLOOK");
    if (const char* j = std::getenv("QJY_CS_JUMP")) jump_ = std::atoll(j);
    std::int64_t eps = (ee ? std::atoll(ee) : max_cost_) * scale_;
    do {
      eps = std::max<std::int64_t>(1, eps / alpha);
      if (jump_ > 0 && eps < scale_ / jump_) eps = 1;
      const auto r0 = stats_.relabels, p0 = stats_.pushes;
      Refine(eps);
      ++stats_.phases;
      if (std::getenv("QJY_CS_DEBUG")) {
        std::fprintf(stderr, "phase eps=%lld relabels=%llu pushes=%llu\n", (long long)eps,
                     (unsigned long long)(stats_.relabels - r0), (unsigned long long)(stats_.pushes - p0));
      }
    } while (eps > 1);
    if (stats) *stats = stats_;
    Solution s;
    s.chosen.assign(p_.Arcs(), 0);
    s.shortfall.assign(S_, 0);
    for (std::size_t k = 0; k < p_.Arcs(); ++k) s.chosen[k] = cap_[fwd_[k]] == 0;
    const std::size_t base = p_.Arcs() + J_;
    for (std::uint32_t u = 0; u < S_; ++u) {
      s.shortfall[u] = static_cast<std::uint32_t>(p_.Demand(u) - cap_[fwd_[base + u]]);
    }
    return s;
  }

 private:
  std::int64_t Rc(std::uint32_t u, std::uint64_t a) const {
    return cost_[a] * scale_ + price_[u] - price_[head_[a]];
  }

  bool IsJob(std::uint32_t v) const { return v >= S_ && v < sink_; }

  // Keeps holders_ (a job's residual arcs back to seekers) in step with a
  // change of flow on arc a from u.
  void Track(std::uint32_t u, std::uint64_t a) {
    const std::uint32_t v = head_[a];
    if (u < S_ && IsJob(v)) {
      holders_[v - S_].push_back(static_cast<std::uint32_t>(rev_[a]));
    } else if (IsJob(u) && v < S_) {
      auto& hs = holders_[u - S_];
      auto it = std::find(hs.begin(), hs.end(), static_cast<std::uint32_t>(a));
      *it = hs.back();
      hs.pop_back();
    }
  }

  void Push(std::uint32_t u, std::uint64_t a, std::int32_t delta) {
    const std::uint32_t v = head_[a];
    Track(u, a);
    cap_[a] -= delta;
    cap_[rev_[a]] += delta;
    excess_[u] -= delta;
    excess_[v] += delta;
    ++stats_.pushes;
    if (excess_[v] > 0 && !in_queue_[v]) {
      in_queue_[v] = 1;
      queue_.push_back(v);
    }
  }

  void Refine(std::int64_t eps) {
    // Saturate every admissible arc: the pseudoflow becomes 0-optimal.
    auto saturate = [&](std::uint32_t u, std::uint64_t a) {
        if (cap_[a] > 0 && Rc(u, a) < 0) {
          const std::int32_t d = cap_[a];
          const std::uint32_t v = head_[a];
          Track(u, a);
          cap_[a] = 0;
          cap_[rev_[a]] += d;
          excess_[u] -= d;
          excess_[v] += d;
        }
    };
    for (std::uint32_t u = 0; u < N_; ++u) {
      if (IsJob(u)) {
        scratch_ = holders_[u - S_];
        for (std::uint32_t a : scratch_) saturate(u, a);
        saturate(u, fwd_[p_.Arcs() + (u - S_)]);
      } else {
        for (std::uint64_t a = first_[u]; a < first_[u + 1]; ++a) saturate(u, a);
      }
    }
    queue_.clear();
    for (std::uint32_t u = 0; u < N_; ++u) {
      current_[u] = first_[u];
      in_queue_[u] = excess_[u] > 0;
      if (in_queue_[u]) queue_.push_back(u);
    }
    for (std::size_t qi = 0; qi < queue_.size(); ++qi) {
      const std::uint32_t u = queue_[qi];
      in_queue_[u] = 0;
      Discharge(u, eps);
      if (qi > (1u << 20) && qi * 2 > queue_.size()) {  // compact the FIFO
        queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(qi) + 1);
        qi = static_cast<std::size_t>(-1);
      }
    }
    queue_.clear();
  }

  // A job's residual arcs are its holders and its arc to the sink; the
  // reverse arcs of candidates it does not hold have no capacity and are
  // skipped (a popular job is on thousands of lists).
  void DischargeJob(std::uint32_t u, std::int64_t eps) {
    auto& hs = holders_[u - S_];
    const std::uint64_t to_sink = fwd_[p_.Arcs() + (u - S_)];
    while (excess_[u] > 0) {
      if (cap_[to_sink] > 0 && Rc(u, to_sink) < 0) {
        Push(u, to_sink, static_cast<std::int32_t>(std::min<std::int64_t>(excess_[u], cap_[to_sink])));
        continue;
      }
      bool pushed = false;
      for (std::size_t i = 0; i < hs.size() && excess_[u] > 0;) {
        const std::uint32_t b = hs[i];
        if (Rc(u, b) < 0) {
          Push(u, b, 1);  // removes hs[i]; hs[i] is now another arc
          pushed = true;
        } else {
          ++i;
        }
      }
      if (excess_[u] == 0 || pushed) continue;
      RelabelJob(u, eps);
    }
  }

  // Lowers a job's price so that its best residual arc becomes admissible.
  // Returns false when the job has no residual arc at all.
  bool RelabelJob(std::uint32_t u, std::int64_t eps) {
    const std::uint64_t to_sink = fwd_[p_.Arcs() + (u - S_)];
    const auto& hs = holders_[u - S_];
    if (cap_[to_sink] == 0 && hs.empty()) return false;
    std::int64_t best = std::numeric_limits<std::int64_t>::min();
    if (cap_[to_sink] > 0) best = price_[sink_] - cost_[to_sink] * scale_;
    for (std::uint32_t b : hs) best = std::max(best, price_[head_[b]] - cost_[b] * scale_);
    price_[u] = best - eps;
    ++stats_.relabels;
    return true;
  }

  bool JobHasAdmissible(std::uint32_t u) const {
    const std::uint64_t to_sink = fwd_[p_.Arcs() + (u - S_)];
    if (cap_[to_sink] > 0 && Rc(u, to_sink) < 0) return true;
    for (std::uint32_t b : holders_[u - S_]) {
      if (Rc(u, b) < 0) return true;
    }
    return false;
  }

  void Discharge(std::uint32_t u, std::int64_t eps) {
    if (IsJob(u)) return DischargeJob(u, eps);
    while (excess_[u] > 0) {
      std::uint64_t a = current_[u];
      const std::uint64_t end = first_[u + 1];
      for (; a < end; ++a) {
        if (cap_[a] > 0 && Rc(u, a) < 0) {
          // Look ahead: a job that could not pass the unit on gets its
          // price lowered first, which may make this arc inadmissible.
          const std::uint32_t v = head_[a];
          if (look_ahead_ && IsJob(v) && excess_[v] >= 0 && !JobHasAdmissible(v) &&
              RelabelJob(v, eps) && Rc(u, a) >= 0) {
            continue;
          }
          const auto d = static_cast<std::int32_t>(std::min<std::int64_t>(excess_[u], cap_[a]));
          Push(u, a, d);
          if (excess_[u] == 0) break;
        }
      }
      if (a < end) {
        current_[u] = a;
        return;
      }
      // Relabel: the largest price keeping all residual arcs eps-optimal
      // with at least one admissible.
      std::int64_t best = std::numeric_limits<std::int64_t>::min();
      for (std::uint64_t b = first_[u]; b < end; ++b) {
        if (cap_[b] > 0) best = std::max(best, price_[head_[b]] - cost_[b] * scale_);
      }
      price_[u] = best - eps;
      current_[u] = first_[u];
      ++stats_.relabels;
    }
  }

  const Problem& p_;
  std::uint32_t S_ = 0, J_ = 0, N_ = 0, sink_ = 0;
  std::int64_t scale_ = 1, max_cost_ = 0;
  std::vector<std::uint64_t> first_, current_;
  std::vector<std::uint32_t> head_, rev_, fwd_;
  std::vector<std::int32_t> cap_, cost_;
  std::vector<std::int64_t> excess_, price_;
  std::vector<std::uint8_t> in_queue_;
  std::vector<std::uint32_t> queue_, scratch_;
  std::vector<std::vector<std::uint32_t>> holders_;
  CostScalingStats stats_;
  bool look_ahead_ = true;
  std::int64_t jump_ = 0;
};

}  // namespace

Solution SolveCostScaling(const Problem& p, CostScalingStats* stats) {
  return CostScaling(p).Run(stats);
}

}  // namespace qjy::assign
