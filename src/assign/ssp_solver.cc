#include "assign/ssp_solver.h"

#include <algorithm>
#include <limits>
#include <utility>
#include <vector>

namespace qjy::assign {
namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
constexpr std::int64_t kSspInf = std::numeric_limits<std::int64_t>::max() / 4;

struct SspHolder {
  std::uint32_t seeker;
  std::uint32_t arc;
};

// Node ids: seekers [0, S), jobs [S, S+J), sink S+J.
class Ssp {
 public:
  explicit Ssp(const Problem& p)
      : p_(p),
        S_(static_cast<std::uint32_t>(p.Seekers())),
        J_(static_cast<std::uint32_t>(p.Jobs())),
        sink_(S_ + J_),
        max_score_(MaxScore(p)),
        penalty_(Penalty(p)),
        pot_(S_ + J_ + 1, 0),
        dist_(S_ + J_ + 1, kSspInf),
        stamp_(S_ + J_ + 1, 0),
        done_(S_ + J_ + 1, 0),
        prev_node_(S_ + J_ + 1, kNone),
        prev_arc_(S_ + J_ + 1, kNone),
        holders_(J_) {
    sol_.chosen.assign(p.Arcs(), 0);
    sol_.shortfall.assign(S_, 0);
  }

  Solution Run(SolveStats* stats, const std::function<void(std::size_t)>& progress) {
    for (std::uint32_t s = 0; s < S_; ++s) {
      const std::uint32_t d = p_.Demand(s);
      if (d == 0) continue;
      Insert(s);
      for (std::uint32_t u = 0; u < d; ++u) Augment(s);
      if (progress && (s & 0xFFFF) == 0xFFFF) progress(s + 1);
    }
    if (stats) *stats = stats_;
    return std::move(sol_);
  }

 private:
  std::int64_t Cost(std::uint32_t a) const { return max_score_ - p_.score[a]; }

  // A new seeker has only outgoing residual arcs; choose its potential so
  // that all of them have non-negative reduced cost.
  void Insert(std::uint32_t s) {
    std::int64_t need = pot_[sink_] - penalty_;
    for (std::uint32_t a = p_.offsets[s]; a < p_.offsets[s + 1]; ++a) {
      need = std::max(need, pot_[S_ + p_.job[a]] - Cost(a));
    }
    pot_[s] = need;
  }

  void Relax(std::uint32_t v, std::int64_t nd, std::uint32_t from, std::uint32_t arc) {
    if (stamp_[v] != iter_) {
      stamp_[v] = iter_;
      dist_[v] = kSspInf;
    }
    if (done_[v] == iter_ || nd >= dist_[v]) return;
    dist_[v] = nd;
    prev_node_[v] = from;
    prev_arc_[v] = arc;
    heap_.emplace_back(nd, v);
    std::push_heap(heap_.begin(), heap_.end(), std::greater<>());
  }

  // One unit from seeker s0 to the sink along a shortest residual path.
  void Augment(std::uint32_t s0) {
    ++iter_;
    ++stats_.searches;
    heap_.clear();
    settled_.clear();
    Relax(s0, 0, kNone, kNone);
    std::int64_t D = kSspInf;
    while (!heap_.empty()) {
      std::pop_heap(heap_.begin(), heap_.end(), std::greater<>());
      const auto [d, u] = heap_.back();
      heap_.pop_back();
      if (done_[u] == iter_ || d != dist_[u]) continue;
      done_[u] = iter_;
      settled_.push_back(u);
      if (u == sink_) {
        D = d;
        break;
      }
      const std::int64_t pu = pot_[u];
      if (u < S_) {
        for (std::uint32_t a = p_.offsets[u]; a < p_.offsets[u + 1]; ++a) {
          ++stats_.arcs_scanned;
          if (sol_.chosen[a]) continue;
          const std::uint32_t v = S_ + p_.job[a];
          Relax(v, d + Cost(a) + pu - pot_[v], u, a);
        }
        if (sol_.shortfall[u] < p_.Demand(u)) {
          Relax(sink_, d + penalty_ + pu - pot_[sink_], u, kNone);
        }
      } else {
        const std::uint32_t j = u - S_;
        if (holders_[j].size() < p_.capacity[j]) {
          Relax(sink_, d + pu - pot_[sink_], u, kNone);
        }
        for (const SspHolder& h : holders_[j]) {
          ++stats_.arcs_scanned;
          Relax(h.seeker, d - Cost(h.arc) + pu - pot_[h.seeker], u, h.arc);
        }
      }
    }
    stats_.settled += settled_.size();
    // Keep reduced costs non-negative: p(v) += d(v) - D for settled v.
    for (std::uint32_t v : settled_) pot_[v] += dist_[v] - D;
    // Walk the path back from the sink.
    std::uint32_t v = sink_;
    bool moved = false;
    while (v != s0) {
      const std::uint32_t u = prev_node_[v];
      const std::uint32_t a = prev_arc_[v];
      if (v == sink_) {
        if (u < S_) ++sol_.shortfall[u];  // overflow arc; job->sink needs no bookkeeping
      } else if (v >= S_) {               // seeker u -> job v: recommend
        sol_.chosen[a] = 1;
        holders_[v - S_].push_back({u, a});
      } else {                            // job u -> seeker v: v gives the job up
        sol_.chosen[a] = 0;
        auto& hs = holders_[u - S_];
        auto it = std::find_if(hs.begin(), hs.end(), [a](const SspHolder& h) { return h.arc == a; });
        *it = hs.back();
        hs.pop_back();
        moved = true;
      }
      v = u;
    }
    stats_.reroutes += moved;
  }

  const Problem& p_;
  const std::uint32_t S_, J_, sink_;
  const std::int64_t max_score_, penalty_;
  std::vector<std::int64_t> pot_, dist_;
  std::vector<std::uint32_t> stamp_, done_, prev_node_, prev_arc_;
  std::vector<std::vector<SspHolder>> holders_;
  std::vector<std::pair<std::int64_t, std::uint32_t>> heap_;
  std::vector<std::uint32_t> settled_;
  std::uint32_t iter_ = 0;
  Solution sol_;
  SolveStats stats_;
};

}  // namespace

Solution SolveSsp(const Problem& p, SolveStats* stats,
                  const std::function<void(std::size_t)>& progress) {
  return Ssp(p).Run(stats, progress);
}

}  // namespace qjy::assign
