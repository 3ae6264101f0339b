#include "assign/primal_dual.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <utility>
#include <vector>

#include "assign/radix_heap.h"
#include "assign/spread.h"

namespace qjy::assign {
namespace {

constexpr std::int64_t kInf = std::numeric_limits<std::int64_t>::max() / 4;

constexpr std::uint32_t kCursor = 0x80000000u;
constexpr std::uint32_t kChosen = 0x80000000u;  // flag in PackedArc::job

// The solver's copy of an arc: job, cost and "recommended" in 8 bytes, so
// that scanning a seeker's candidates reads one array (the searches are
// bound by memory traffic).
struct PackedArc {
  std::uint32_t job;  // | kChosen
  std::int32_t cost;  // max_score - score
};

struct Holder {
  std::uint32_t seeker;
  std::uint32_t arc;
};

// A holder of a crowded job, keyed by pot[seeker] + cost: the job -> seeker
// residual arc has reduced cost pot[job] - key, so the largest key is the
// cheapest seeker to move. Keys only decrease (potentials only decrease), so
// a stale key is an upper bound, fixed when it reaches the top.
struct Keyed {
  std::int64_t key;
  std::uint32_t seeker;
  std::uint32_t arc;
  bool operator<(const Keyed& o) const { return key != o.key ? key < o.key : arc < o.arc; }
};

// Node ids: seekers [0, S), jobs [S, S+J), sink S+J. Reduced cost of a
// residual arc u -> v of cost c: c + pot[u] - pot[v]; the sink's potential
// stays 0 (it is settled last, at distance D, and never moves).
class PrimalDual {
 public:
  explicit PrimalDual(const Problem& p)
      : p_(p),
        S_(static_cast<std::uint32_t>(p.Seekers())),
        J_(static_cast<std::uint32_t>(p.Jobs())),
        sink_(S_ + J_),
        max_score_(MaxScore(p)),
        penalty_(Penalty(p)),
        n_(S_ + J_ + 1),
        ptr_stamp_(S_ + J_ + 1, 0),
        ptr_(S_ + J_ + 1, 0),
        in_arc_(S_ + J_ + 1, 0),
        in_idx_(S_ + J_ + 1, 0),
        holders_(J_),
        load_(J_, 0),
        crowded_(J_, 0),
        keyed_(J_) {}

  Solution Run(PrimalDualStats* stats) {
    WarmStart();
    while (!excess_.empty()) {
      ++phase_;
      ++stats_.phases;
      Dijkstra();
      PushAll();
      std::erase_if(excess_, [this](std::uint32_t j) { return Excess(j) == 0; });
    }
    for (std::uint32_t a = 0; a < p_.Arcs(); ++a) sol_.chosen[a] = Chosen(a);
    if (stats) *stats = stats_;
    return std::move(sol_);
  }

 private:
  std::int64_t Cost(std::uint32_t a) const { return arcs_[a].cost; }
  std::uint32_t Job(std::uint32_t a) const { return arcs_[a].job & ~kChosen; }
  bool Chosen(std::uint32_t a) const { return arcs_[a].job & kChosen; }
  void SetChosen(std::uint32_t a, bool c) { arcs_[a].job = Job(a) | (c ? kChosen : 0); }
  std::uint32_t Excess(std::uint32_t j) const {
    return load_[j] > p_.capacity[j] ? load_[j] - p_.capacity[j] : 0;
  }
  bool Spare(std::uint32_t j) const { return load_[j] < p_.capacity[j]; }

  // Jobs over capacity after the warm start ("crowded") keep their holders
  // in a heap by key, so that searches touch only the few holders cheap to
  // move instead of all of them; other jobs keep a plain list.
  void AddHolder(std::uint32_t j, std::uint32_t s, std::uint32_t a) {
    ++load_[j];
    if (crowded_[j]) {
      keyed_[j].push_back({n_[s].pot + Cost(a), s, a});
      std::push_heap(keyed_[j].begin(), keyed_[j].end());
    } else {
      holders_[j].push_back({s, a});
    }
  }
  // Brings a true top to the front of job j's heap; false if empty.
  bool CleanTop(std::uint32_t j) {
    auto& h = keyed_[j];
    while (!h.empty()) {
      Keyed& t = h.front();
      const std::int64_t key = n_[t.seeker].pot + Cost(t.arc);
      if (key == t.key) return true;
      std::pop_heap(h.begin(), h.end());
      h.back().key = key;
      std::push_heap(h.begin(), h.end());
    }
    return false;
  }
  // Moves job j's top holder aside until the end of the search.
  void SetAsideTop(std::uint32_t j) {
    auto& h = keyed_[j];
    std::pop_heap(h.begin(), h.end());
    aside_.emplace_back(j, h.back());
    h.pop_back();
  }
  void RestoreAside() {
    for (const auto& [j, k] : aside_) {
      keyed_[j].push_back(k);
      std::push_heap(keyed_[j].begin(), keyed_[j].end());
    }
    aside_.clear();
  }
  bool CanOverflow(std::uint32_t s) const { return sol_.shortfall[s] < p_.Demand(s); }

  // Steps 1 and 2: every seeker's best candidates, seeker potential minus
  // the cost of its worst chosen candidate, jobs over capacity listed.
  void WarmStart() {
    sol_ = NaiveTopK(p_);
    arcs_.resize(p_.Arcs());
    for (std::uint32_t a = 0; a < p_.Arcs(); ++a) {
      arcs_[a] = {p_.job[a] | (sol_.chosen[a] ? kChosen : 0),
                  static_cast<std::int32_t>(max_score_ - p_.score[a])};
      load_[p_.job[a]] += sol_.chosen[a];
    }
    for (std::uint32_t j = 0; j < J_; ++j) {
      if (const std::uint32_t e = Excess(j); e > 0) {
        excess_.push_back(j);
        stats_.excess_units += e;
        crowded_[j] = 1;
        keyed_[j].reserve(load_[j]);
      } else {
        holders_[j].reserve(load_[j]);
      }
      load_[j] = 0;
    }
    for (std::uint32_t s = 0; s < S_; ++s) {
      std::int64_t worst = 0;
      for (std::uint32_t a = p_.offsets[s]; a < p_.offsets[s + 1]; ++a) {
        if (Chosen(a)) worst = std::max(worst, Cost(a));
      }
      n_[s].pot = -worst;
      for (std::uint32_t a = p_.offsets[s]; a < p_.offsets[s + 1]; ++a) {
        if (Chosen(a)) AddHolder(Job(a), s, a);
      }
    }
  }

  void Relax(std::uint32_t v, std::int64_t nd) {
    if (n_[v].stamp != phase_) {
      n_[v].stamp = phase_;
      n_[v].dist = kInf;
    }
    if (n_[v].done == phase_ || nd >= n_[v].dist) return;
    n_[v].dist = nd;
    heap_.Push(static_cast<std::uint64_t>(nd), v);
  }

  // Multi-source Dijkstra from the jobs with excess, stopped when the sink
  // is settled; then pot[v] += dist[v] - D for the settled nodes.
  void Dijkstra() {
    heap_.Clear();
    settled_.clear();
    for (std::uint32_t j : excess_) Relax(S_ + j, 0);
    std::int64_t D = kInf;
    while (!heap_.Empty()) {
      const auto [key, u] = heap_.Pop();
      const auto d = static_cast<std::int64_t>(key);
      if (u & kCursor) {  // the next-cheapest holder of a crowded job
        const std::uint32_t j = (u & ~kCursor) - S_;
        const Keyed t = keyed_[j].front();
        SetAsideTop(j);
        Relax(t.seeker, d);
        PushCursor(j);
        continue;
      }
      if (n_[u].done == phase_ || d != n_[u].dist) continue;
      n_[u].done = phase_;
      if (u == sink_) {
        D = d;
        break;
      }
      settled_.push_back(u);
      const std::int64_t pu = n_[u].pot;
      if (u < S_) {
        for (std::uint32_t a = p_.offsets[u]; a < p_.offsets[u + 1]; ++a) {
          if (Chosen(a)) continue;
          const std::uint32_t v = S_ + Job(a);
          Relax(v, d + Cost(a) + pu - n_[v].pot);
        }
        if (CanOverflow(u)) Relax(sink_, d + penalty_ + pu);
      } else {
        const std::uint32_t j = u - S_;
        if (Spare(j)) Relax(sink_, d + pu);
        if (crowded_[j]) {
          PushCursor(j);
        } else {
          for (const Holder& h : holders_[j]) Relax(h.seeker, d - Cost(h.arc) + pu - n_[h.seeker].pot);
        }
      }
    }
    RestoreAside();
    stats_.settled += settled_.size();
    // A holder of an over-loaded job can always drop it (overflow arc), so
    // the sink is reachable while there is excess.
    for (std::uint32_t v : settled_) n_[v].pot += n_[v].dist - D;
  }

  // Queues crowded job j's cheapest holder at its tentative distance.
  void PushCursor(std::uint32_t j) {
    if (!CleanTop(j)) return;
    const std::uint32_t u = S_ + j;
    heap_.Push(static_cast<std::uint64_t>(n_[u].dist + n_[u].pot - keyed_[j].front().key),
               u | kCursor);
  }

  std::uint32_t& Ptr(std::uint32_t v) {
    if (ptr_stamp_[v] != phase_) {
      ptr_stamp_[v] = phase_;
      ptr_[v] = v < S_ ? p_.offsets[v] : 0;
    }
    return ptr_[v];
  }

  // Pushes the excess of every listed job along zero-reduced-cost paths
  // until no such path is found.
  void PushAll() {
    for (std::uint32_t j : excess_) {
      while (Excess(j) > 0 && n_[S_ + j].dead != phase_ && PushOne(S_ + j)) {
      }
    }
    RestoreAside();
  }

  // A node the depth-first search may enter: not known to be a dead end,
  // not on the current path. The search is not confined to the nodes this
  // phase's Dijkstra settled: zero-reduced-cost paths through nodes at
  // distance exactly D (ties are common with integer scores) are shortest
  // too, and confining the search to the settled region multiplies the
  // number of phases (measured: 120 -> 1,319 phases on 20,000 seekers).
  bool Open(std::uint32_t v) const { return n_[v].dead != phase_ && n_[v].on_stack != dfs_id_; }
  void Enter(std::uint32_t v) {
    stack_.push_back(v);
    n_[v].on_stack = dfs_id_;
  }

  // Depth-first search for one zero-reduced-cost path from job node x to the
  // sink; augments one unit along it. Nodes found to lead nowhere are dead
  // for the rest of the phase (a later phase finds any path missed).
  bool PushOne(std::uint32_t x) {
    ++dfs_id_;
    stack_.clear();
    stack_.push_back(x);
    n_[x].on_stack = dfs_id_;
    while (!stack_.empty()) {
      const std::uint32_t u = stack_.back();
      std::uint32_t& it = Ptr(u);
      bool descended = false;
      if (u >= S_) {
        const std::uint32_t j = u - S_;
        if (Spare(j) && n_[u].pot == 0) {
          Augment(false);
          return true;
        }
        if (crowded_[j]) {
          while (CleanTop(j)) {
            ++stats_.dfs_steps;
            const Keyed& t = keyed_[j].front();
            if (t.key != n_[u].pot) break;  // cheapest holder not admissible
            if (!Open(t.seeker)) {
              SetAsideTop(j);
              continue;
            }
            in_arc_[t.seeker] = t.arc;
            descended = true;
            Enter(t.seeker);
            break;
          }
        }
        const auto& hs = holders_[j];
        for (; !descended && it < hs.size(); ++it) {
          ++stats_.dfs_steps;
          const std::uint32_t s = hs[it].seeker;
          if (!Open(s)) continue;
          if (n_[u].pot - Cost(hs[it].arc) - n_[s].pot != 0) continue;
          in_arc_[s] = hs[it].arc;
          in_idx_[s] = it;
          descended = true;
          Enter(s);
          break;
        }
      } else {
        for (; it < p_.offsets[u + 1]; ++it) {
          ++stats_.dfs_steps;
          if (Chosen(it)) continue;
          const std::uint32_t v = S_ + Job(it);
          if (!Open(v)) continue;
          if (Cost(it) + n_[u].pot - n_[v].pot != 0) continue;
          in_arc_[v] = it;
          descended = true;
          Enter(v);
          break;
        }
        if (!descended && CanOverflow(u) && penalty_ + n_[u].pot == 0) {
          Augment(true);
          return true;
        }
      }
      if (descended) continue;
      n_[u].dead = phase_;
      stack_.pop_back();
      if (stack_.empty()) break;
      const std::uint32_t parent = stack_.back();
      if (parent >= S_ && crowded_[parent - S_]) {
        SetAsideTop(parent - S_);  // the dead seeker is its top
      } else {
        ++Ptr(parent);
      }
    }
    return false;
  }

  // Moves one unit along stack_ (job, seeker, job, seeker, ...): every job
  // -> seeker step un-recommends, every seeker -> job step recommends; the
  // path ends at a job with spare capacity or (overflow) at a seeker.
  void Augment(bool overflow) {
    ++stats_.augmentations;
    stats_.path_nodes += stack_.size();
    // Removals first: holder indices were recorded before any change.
    for (std::size_t i = 0; i + 1 < stack_.size(); i += 2) {
      const std::uint32_t s = stack_[i + 1], j = stack_[i] - S_;
      SetChosen(in_arc_[s], false);
      --load_[j];
      if (crowded_[j]) {  // s is the top of the heap (it was descended to)
        std::pop_heap(keyed_[j].begin(), keyed_[j].end());
        keyed_[j].pop_back();
      } else {
        auto& hs = holders_[j];
        hs[in_idx_[s]] = hs.back();
        hs.pop_back();
      }
    }
    for (std::size_t i = 2; i < stack_.size(); i += 2) {
      const std::uint32_t j = stack_[i], s = stack_[i - 1];
      SetChosen(in_arc_[j], true);
      AddHolder(j - S_, s, in_arc_[j]);
    }
    if (overflow) ++sol_.shortfall[stack_.back()];
  }

  const Problem& p_;
  const std::uint32_t S_, J_, sink_;
  const std::int64_t max_score_, penalty_;
  // Per-node state in one record: a search touches a node's potential,
  // label and marks together (one cache line instead of six).
  struct NodeState {
    std::int64_t pot = 0;
    std::int64_t dist = kInf;
    std::uint32_t stamp = 0, done = 0, dead = 0, on_stack = 0;
  };
  std::vector<NodeState> n_;
  std::vector<PackedArc> arcs_;
  std::vector<std::uint32_t> ptr_stamp_, ptr_, in_arc_, in_idx_;
  std::vector<std::vector<Holder>> holders_;
  std::vector<std::uint32_t> load_;
  std::vector<std::uint8_t> crowded_;
  std::vector<std::vector<Keyed>> keyed_;
  std::vector<std::pair<std::uint32_t, Keyed>> aside_;
  std::vector<std::uint32_t> excess_;
  RadixHeap heap_;
  std::vector<std::uint32_t> settled_, stack_;
  std::uint32_t phase_ = 0, dfs_id_ = 0;
  Solution sol_;
  PrimalDualStats stats_;
};

}  // namespace

Solution SolvePrimalDual(const Problem& p, PrimalDualStats* stats) {
  return PrimalDual(p).Run(stats);
}

}  // namespace qjy::assign
