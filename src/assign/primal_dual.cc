#include "assign/primal_dual.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <numeric>
#include <span>
#include <utility>
#include <vector>

#include "assign/radix_heap.h"
#include "core/uninit_vector.h"
#include "assign/spread.h"

namespace qjy::assign {
namespace {

// The bipartite network the solver works on: rows (with a demand each) and
// columns (with a capacity), row r's arcs offsets[r] .. offsets[r+1]-1 to
// column job[a] with score[a]. Either the problem itself (rows = seekers)
// or its transpose (rows = jobs, see SolveTransposed): serving as many units
// as possible and then maximising the score is the same b-matching from
// either side. Contract (both sides): a row's demand is at most its number
// of arcs, and scores are >= 0 (the warm start's scans and PricedStart's
// packed entries rely on both).
struct Network {
  std::span<const std::uint32_t> offsets, job;
  std::span<const std::int32_t> score;
  std::span<const std::uint32_t> capacity;  // per column
  std::vector<std::uint32_t> demand;        // per row
  std::int64_t max_score = 0;

  std::size_t Rows() const { return offsets.size() - 1; }
  std::size_t Cols() const { return capacity.size(); }
  std::uint32_t Arcs() const { return static_cast<std::uint32_t>(job.size()); }
  std::uint32_t Demand(std::size_t r) const { return demand[r]; }
  // As Penalty(Problem): above any gain of an exchange path.
  std::int64_t Penalty() const {
    return (max_score + 1) * (static_cast<std::int64_t>(std::min(Rows(), Cols())) + 2);
  }
};

// The breaches of what steps 1-2 promise the phases, by a start on p:
// chosen(a) for each arc, pot[0, rows) the rows' potentials and
// pot[rows, rows + cols) the columns'. Every row takes exactly its demand,
// every residual arc has a reduced cost >= 0 (a row's arcs either way,
// its overflow arc, nothing unmet yet; a column's arc to the sink while it
// has room) and no column potential is above 0 (the pruning's bound), so a
// column with room has potential 0. One pass over the arcs.
template <class ChosenFn>
std::uint64_t CountStartViolations(const Network& p, ChosenFn&& chosen, std::span<const std::int64_t> pot) {
  const auto S = static_cast<std::uint32_t>(p.Rows());
  const auto J = static_cast<std::uint32_t>(p.Cols());
  std::vector<std::uint32_t> load(J, 0);
  std::uint64_t bad = 0;
  for (std::uint32_t s = 0; s < S; ++s) {
    std::uint32_t taken = 0;
    for (std::uint32_t a = p.offsets[s]; a < p.offsets[s + 1]; ++a) {
      const std::int64_t rc = p.max_score - p.score[a] + pot[s] - pot[S + p.job[a]];
      const bool c = chosen(a);
      taken += c;
      load[p.job[a]] += c;
      bad += c ? rc > 0 : rc < 0;  // residual: column -> row (-rc), or row -> column
    }
    bad += taken != p.Demand(s);
    bad += p.Penalty() + pot[s] < 0;  // the row's overflow arc
  }
  for (std::uint32_t j = 0; j < J; ++j) {
    bad += pot[S + j] > 0;
    bad += load[j] < p.capacity[j] && pot[S + j] != 0;  // a column with room: its arc to the sink
  }
  return bad;
}

// Each row's demand best arcs (score descending, earlier arc first on ties),
// capacity ignored: NaiveTopK on a Network.
Solution TopRows(const Network& p) {
  Solution s;
  s.chosen.assign(p.Arcs(), 0);
  s.shortfall.assign(p.Rows(), 0);
  std::vector<std::uint32_t> order;
  for (std::size_t r = 0; r < p.Rows(); ++r) {
    const std::uint32_t b = p.offsets[r], e = p.offsets[r + 1], d = p.Demand(r);
    if (std::is_sorted(p.score.begin() + b, p.score.begin() + e, std::greater<>())) {
      // Already best first (the batch's lists are): the first d.
      std::fill(s.chosen.begin() + b, s.chosen.begin() + b + d, 1);
      continue;
    }
    order.resize(e - b);
    std::iota(order.begin(), order.end(), b);
    std::partial_sort(order.begin(), order.begin() + d, order.end(), [&](std::uint32_t x, std::uint32_t y) {
      return p.score[x] != p.score[y] ? p.score[x] > p.score[y] : x < y;
    });
    for (std::uint32_t i = 0; i < d; ++i) s.chosen[order[i]] = 1;
  }
  return s;
}

constexpr std::int64_t kInf = std::numeric_limits<std::int64_t>::max() / 4;

std::vector<std::int64_t> AuctionPrices(const Network& p, std::uint64_t max_bids,
                                        std::uint32_t max_evictions, PrimalDualStats& stats);

constexpr std::uint32_t kCursor = 0x80000000u;
// An arc's flags, a byte each (flag_): chosen (recommended), and orphan:
// the arc was un-recommended but its entry is still in the crowded job's
// heap (removed lazily; reused if it is chosen again). The arcs' jobs and
// scores are read where they are, in the network: until 2026-12-07 the
// solver kept a packed copy (job | flags, cost: 8 bytes an arc, one array
// for the scans), 400 MB at 1 M seekers whose fresh pages the kernel had to
// fault in: 1-2 s of the solve on this project's VMs, while reading two
// arrays instead of one costs the scans nothing measurable (the batch at
// 1 M seekers: the phases 5.1 s either way; bench/README.md, session 33).
constexpr std::uint8_t kChosen = 1;
constexpr std::uint8_t kOrphan = 2;

struct Holder {
  std::uint32_t seeker;
  std::uint32_t arc;
  std::int32_t cost;  // the arc's, kept here: the scans of a job's holders read no arc
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
  // prices: empty, or one per column (>= 0), the warm start's column
  // prices (PricedStart).
  explicit PrimalDual(const Network& p, Start start = Start::kGreedy)
      : p_(p),
        start_(start),
        S_(static_cast<std::uint32_t>(p.Rows())),
        J_(static_cast<std::uint32_t>(p.Cols())),
        sink_(S_ + J_),
        max_score_(p.max_score),
        penalty_(p.Penalty()),
        pot_(S_ + J_ + 1, 0),
        n_(S_ + J_ + 1),
        l_(S_ + J_ + 1),
        ptr_stamp_(S_ + J_ + 1, 0),
        ptr_(S_ + J_ + 1, 0),
        in_arc_(S_ + J_ + 1, 0),
        alive_(S_ + J_ + 1, 0),
        row_term_(S_, 0),
        holders_(J_),
        load_(J_, 0),
        crowded_(J_, 0),
        keyed_(J_) {}

  Solution Run(PrimalDualStats* stats) {
    if (stats) phase_kind_ = stats->phase_kind;
    stats_.phase_kind = phase_kind_;
    WarmStart();
    if (stats && stats->check_start) {
      stats_.check_start = true;
      stats_.start_violations = StartViolations();
      // A start that breaks step 2's invariant could make the phases loop
      // forever: returned as it is (possibly over capacity, possibly not
      // optimal), for the caller to fail on start_violations.
      if (stats_.start_violations > 0) {
        excess_.clear();
        waiting_.clear();
      }
    }
    while (!excess_.empty() || !waiting_.empty()) {
      if (excess_.empty()) {
        // The doomed sources' excess is settled: back to the others.
        excess_.swap(waiting_);
        doomed_first_ = false;
      }
      // The doomed sources' phases are global, and count in the epoch of
      // global phases they follow (SplitDoomed runs only while those lead).
      if (!doomed_first_) {
        if (mode_left_ == 0) ChooseMode();
        --mode_left_;
      }
      // A local phase runs from one source only (the last listed with
      // excess): the others wait in pool_.
      const bool local = local_ && !doomed_first_;
      if (local) {
        pool_.swap(excess_);
        while (!pool_.empty() && Excess(pool_.back()) == 0) pool_.pop_back();
        if (pool_.empty()) continue;  // (not expected: listed sources keep excess)
        excess_.assign(1, pool_.back());
        ++stats_.local_phases;
      }
      ++phase_;
      ++stats_.phases;
      // The rounds below leave no zero-reduced-cost path from any source,
      // so after the first phase D >= 1 (counted, and checked by the
      // tests); not after a local phase, which leaves the other sources'
      // paths as they were (or shorter).
      track_ = local;
      if (local && from_.empty()) {
        from_.assign(n_.size(), kNoArc);
        from_arc_.assign(n_.size(), kNoArc);
      }
      if (Dijkstra() == 0 && phase_ > 1 && !local && !after_local_) ++stats_.zero_phases;
      after_local_ = local;
      // Rows whose overflow arc turned admissible (only settled rows'
      // potentials moved), for MarkAlive and Terminal (row_term_).
      for (std::uint32_t u : settled_) {
        if (u < S_ && !row_term_[u] && CanOverflow(u) && penalty_ + pot_[u] == 0) {
          row_term_[u] = 1;
          row_terms_.push_back(u);
        }
      }
      if (local) {
        PathAugment();
        // Its source is done or waits for the next local phase.
        if (Excess(excess_[0]) == 0) pool_.pop_back();
        excess_.swap(pool_);
        pool_.clear();
        // A probe of local phases ends as soon as it has done more work
        // than its 8 units (one a phase) may cost to take the lead: where
        // the sources share a crowded area, one local phase can settle
        // much of it for its one unit (the batch's own instance at 1 M
        // seekers: 3.1 M steps for a probe's 8 units, against ~940 a
        // unit in the global epoch before it).
        if (probing_ && per_unit_[0] >= 0 &&
            2 * static_cast<double>(Work() - epoch_work_) >= per_unit_[0] * kLocalProbe) {
          mode_left_ = 0;
        }
        continue;
      }
      cadj_.clear();
      // As rec_ in Dijkstra: room reserved once (a wide phase lists tens
      // of millions of admissible arcs; only what is written is touched).
      // The same for Levels' adj_ (each round a subset of cadj_, so the
      // same bound holds), which grew by doubling until 2026-12-07 and
      // touched every smaller copy on the way (the batch at 1 M seekers:
      // 82 MB at most, in a 134 MB buffer).
      if (cadj_.capacity() < p_.Arcs()) cadj_.reserve(p_.Arcs() + p_.Arcs() / 4);
      if (adj_.capacity() < p_.Arcs()) adj_.reserve(p_.Arcs() + p_.Arcs() / 4);
      // Keeping the rounds to the alive nodes pays where most sources
      // reach nothing in a phase (88 areas, Zipf: a few % of the sources
      // alive); where most of them do (the batch's own) or where the
      // terminals are many and reach much (30-60 % unservable: the
      // backward search would cover more than Dijkstra settled) it only
      // adds a search per phase. So a phase where a quarter or more of
      // the sources were alive, or where the search passed its budget,
      // turns it off for the next 8, 16, 32, ... phases (local ones
      // counted too), after which it is tried again. Only where the
      // columns are at least as many as the rows (the jobs' side), so that
      // their in-arcs are few.
      restricted_ = false;
      if (J_ >= S_ && phase_ >= explore_from_) {
        restricted_ = MarkAlive(std::max<std::size_t>(settled_.size(), 1024));
        std::uint32_t sources = 0, alive_sources = 0;
        if (restricted_) {
          ++stats_.restricted_phases;
          for (std::uint32_t j : excess_) {
            sources += Excess(j) > 0;
            alive_sources += Excess(j) > 0 && alive_[S_ + j] == phase_;
          }
        }
        if (!restricted_ || 4 * alive_sources >= sources) {
          explore_from_ = phase_ + 1 + explore_skip_;
          explore_skip_ *= 2;
        }
      }
      if (!restricted_) MarkDead();
      // Rounds of shortest (fewest-arc) admissible paths, as in Dinic's
      // algorithm, until none is left from a job with excess.
      std::uint64_t moved_before = stats_.augmentations;
      std::size_t remarked_at = 0;  // nodes labelled by the round before the last marking (0: none)
      bool remark = !restricted_;
      while (!excess_.empty() && Levels()) {
        ++stats_.rounds;
        // A marking after which the next round labelled more than 3/4 of
        // what the round before it did did not pay: not again this phase.
        if (remarked_at > 0 && 4 * queue_.size() > 3 * remarked_at) remark = false;
        remarked_at = 0;
        moved_before = stats_.augmentations;
        PushAll();
        std::erase_if(excess_, [this](std::uint32_t j) { return Excess(j) == 0; });
        // A round that moved little against the nodes it labelled (the
        // long tail of a phase: paths of 6-22 arcs, a few units each) has
        // left most of its region dead: marked again (the known dead
        // skipped), so that the next rounds label only what still leads
        // somewhere.
        if (remark && (stats_.augmentations - moved_before) * 32 < queue_.size()) {
          MarkDead();
          remarked_at = queue_.size();
        }
      }
      // A search that found nothing is not run again for 1, 2, 4, ...
      // phases, local ones counted too (where nearly all demand is servable, 88 areas or Zipf at
      // capacity = demand, it would otherwise cost a search per phase).
      // (Not while local phases lead: the doomed sources' global phases
      // would then run between them, each over the doomed region, where
      // one local phase from a doomed source lowers that region at once;
      // 88 areas with 10 candidates, 60,000 seekers: 1.9 -> 4.1 s.)
      if (!winner_local_ && !doomed_first_ && !excess_.empty() && phase_ >= doomed_from_) {
        if (SplitDoomed()) {
          doomed_skip_ = 1;
        } else {
          doomed_from_ = phase_ + 1 + doomed_skip_;
          doomed_skip_ = std::min<std::uint32_t>(2 * doomed_skip_, 64);
        }
      }
    }
    for (std::uint32_t a = 0; a < p_.Arcs(); ++a) flag_[a] &= kChosen;
    sol_.chosen = std::move(flag_);
    if (stats) *stats = stats_;
    return std::move(sol_);
  }

 private:
  std::int64_t Cost(std::uint32_t a) const { return max_score_ - p_.score[a]; }
  std::uint32_t Job(std::uint32_t a) const { return p_.job[a]; }
  bool Chosen(std::uint32_t a) const { return flag_[a] & kChosen; }
  void SetChosen(std::uint32_t a, bool c) { flag_[a] = static_cast<std::uint8_t>((flag_[a] & ~kChosen) | (c ? kChosen : 0)); }
  bool Orphan(std::uint32_t a) const { return flag_[a] & kOrphan; }
  void SetOrphan(std::uint32_t a, bool o) { flag_[a] = static_cast<std::uint8_t>((flag_[a] & ~kOrphan) | (o ? kOrphan : 0)); }
  std::uint32_t Excess(std::uint32_t j) const {
    return load_[j] > p_.capacity[j] ? load_[j] - p_.capacity[j] : 0;
  }
  bool Spare(std::uint32_t j) const { return load_[j] < p_.capacity[j]; }

  // Jobs over capacity after the warm start ("crowded") keep their holders
  // in a heap by key, so that searches touch only the few holders cheap to
  // move instead of all of them; other jobs keep a plain list. A holder
  // leaving a crowded job stays in its heap as an orphan until it reaches
  // the top (or is chosen again: then the old entry, whose key is still an
  // upper bound, serves again).
  void AddHolder(std::uint32_t j, std::uint32_t s, std::uint32_t a) {
    ++load_[j];
    if (crowded_[j]) {
      if (Orphan(a)) {
        SetOrphan(a, false);
        ++stats_.orphans_reused;
        return;
      }
      keyed_[j].push_back({pot_[s] + Cost(a), s, a});
      std::push_heap(keyed_[j].begin(), keyed_[j].end());
    } else {
      holders_[j].push_back({s, a, static_cast<std::int32_t>(Cost(a))});
    }
  }
  // Brings a true top to the front of job j's heap; false if empty.
  bool CleanTop(std::uint32_t j) {
    auto& h = keyed_[j];
    while (!h.empty()) {
      Keyed& t = h.front();
      if (!Chosen(t.arc)) {  // an orphan
        SetOrphan(t.arc, false);
        std::pop_heap(h.begin(), h.end());
        h.pop_back();
        continue;
      }
      const std::int64_t key = pot_[t.seeker] + Cost(t.arc);
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

  // The warm start from given column prices (prices_, each >= 0; column
  // potential = -price): every row takes its demand best arcs by reduced
  // cost (cost + price; ties: earlier arc), its potential minus the largest
  // of those. Then no row arc has a negative reduced cost, but a priced
  // column left under capacity would (its arc to the sink): such a column's
  // price is lowered to the largest at which enough rows take it (or 0),
  // the rows whose reduced cost to it falls below their threshold take it
  // instead of their worst arc (a column they leave may fall under
  // capacity in turn: queued), until no priced column is under capacity.
  // Prices only fall, so this ends. The result satisfies what WarmStart's
  // greedy does: reduced costs >= 0, columns with room at price 0, excess
  // only on columns over capacity. Sets sol_.chosen, pot_ (rows, columns).
  // Its lists of in-arcs take 8 bytes an entry where the rows and costs
  // fit (PackedInEntry: the batch's instances), else 12 (WideInEntry).
  void PricedStart() {
    if (start_ != Start::kAuctionWide && S_ < (std::uint32_t{1} << 22) && p_.Arcs() < (std::uint32_t{1} << 31) &&
        max_score_ < 1024) {
      PricedStartWith<PackedInEntry>();
    } else {
      PricedStartWith<WideInEntry>();
    }
  }

  // An in-arc of a priced column in PricedStart: the row s, the arc a,
  // the arc's cost with kHeld (whether the row held the arc when last
  // seen). Costs are below 2^28 wherever the auction runs.
  struct WideInEntry {
    static constexpr std::uint32_t kHeld = 0x80000000u;
    std::uint32_t s, a;
    std::uint32_t cost;
  };
  // The same in 8 bytes, for rows below 2^22, arcs below 2^31 and costs
  // below 2^10 (the batch at 1 M seekers: 28 M entries, 224 MB instead of
  // 336 to fault in and to scatter into; its assignment 12.44-14.90 ->
  // 12.32-13.16 s CPU in alternated runs; the solver alone, where fresh
  // pages cost little, within the noise).
  struct PackedInEntry {
    static constexpr std::uint32_t kHeld = 0x400u;
    std::uint64_t s : 22;
    std::uint64_t a : 31;
    std::uint64_t cost : 11;
  };
  static_assert(sizeof(PackedInEntry) == 8);

  template <class InEntry>
  void PricedStartWith() {
    stats_.start_entry_bytes = sizeof(InEntry);
    sol_.chosen.assign(p_.Arcs(), 0);
    sol_.shortfall.assign(p_.Rows(), 0);
    std::vector<std::int64_t> price(prices_.begin(), prices_.end());
    std::vector<std::uint32_t> load(J_, 0);
    auto cost = [&](std::uint32_t a) { return max_score_ - p_.score[a]; };
    auto rc = [&](std::uint32_t a) { return cost(a) + price[p_.job[a]]; };
    // Rows in order; a row takes its arcs of reduced cost below its d-th
    // best, and of the arcs tied at that value those below: any choice
    // among ties keeps the reduced costs >= 0, and this one leaves less
    // excess and fewer deficits.
    std::vector<std::int64_t> rcs;
    // Each row's chosen arcs (its demand of them) with their columns and
    // costs, kept apart, so that a switch and the recomputation of a row's
    // largest reduced cost read one short record instead of the row.
    struct Slot {
      std::uint32_t a, c;
      std::int64_t cost;
    };
    std::vector<std::uint32_t> slot_first(S_ + 1, 0);
    std::vector<Slot> slots;
    {
      std::uint64_t units = 0;
      for (std::uint32_t s = 0; s < S_; ++s) units += p_.Demand(s);
      slots.reserve(units);
    }
    // first[j + 1]: how many in-arcs of priced column j are kept below
    // (counted here, along the same scan: see there).
    std::vector<std::uint32_t> first(J_ + 1, 0);
    for (std::uint32_t s = 0; s < S_; ++s) {
      const std::uint32_t b = p_.offsets[s], e = p_.offsets[s + 1], d = p_.Demand(s);
      slot_first[s] = static_cast<std::uint32_t>(slots.size());
      if (d == 0) {
        pot_[s] = 0;
        for (std::uint32_t a = b; a < e && cost(a) <= 0; ++a) {
          if (price[p_.job[a]] > 0) ++first[p_.job[a] + 1];
        }
        continue;
      }
      // The d-th best reduced cost w: rows are sorted by cost and prices
      // are >= 0, so the scan stops at the first arc whose cost alone
      // passes the d-th best so far (every arc tied at w comes before it).
      // The d best so far, ascending, in d slots that start empty (above
      // any reduced cost; the row has at least d arcs, so all are filled
      // by the end), so that the scan tests no size (as in AuctionPrices;
      // this scan at 1 M seekers 0.65-0.68 -> 0.56 s, the same choice).
      std::vector<std::int64_t>& top = best_tmp_;
      top.assign(d, std::numeric_limits<std::int64_t>::max());
      if (rcs.size() < e - b) rcs.resize(e - b);
      std::uint32_t end = b, filled = 0;
      for (; end < e; ++end) {
        if (cost(end) > top[d - 1]) break;
        const std::int64_t r = rc(end);
        rcs[end - b] = r;
        if (r >= top[d - 1]) continue;
        std::uint32_t at = std::min(filled, d - 1);  // the first empty slot, or the last
        filled += filled < d;
        for (; at > 0 && r < top[at - 1]; --at) top[at] = top[at - 1];
        top[at] = r;
      }
      const std::int64_t w = top.back();
      std::uint32_t got = 0;
      for (std::uint32_t a = b; a < end; ++a) {
        if (rcs[a - b] < w) {
          sol_.chosen[a] = 1;
          ++load[p_.job[a]];
          ++got;
        }
      }
      // Ties: first priced columns with room (a priced column must end
      // full), then any column with room, then the earlier arc.
      for (int pass = 0; pass < 3 && got < d; ++pass) {
        for (std::uint32_t a = b; a < end && got < d; ++a) {
          if (rcs[a - b] != w || sol_.chosen[a]) continue;
          const std::uint32_t c = p_.job[a];
          if (pass < 2 && load[c] >= p_.capacity[c]) continue;
          if (pass == 0 && price[c] == 0) continue;
          sol_.chosen[a] = 1;
          ++load[p_.job[a]];
          ++got;
        }
      }
      pot_[s] = -w;
      // The arcs of cost <= w all lie before `end` (the scan stopped at
      // the first arc costing more).
      for (std::uint32_t a = b; a < end; ++a) {
        if (sol_.chosen[a]) slots.push_back({a, p_.job[a], cost(a)});
        if (cost(a) <= w && price[p_.job[a]] > 0) ++first[p_.job[a] + 1];
      }
    }
    slot_first[S_] = static_cast<std::uint32_t>(slots.size());
    // Each priced column's in-arcs (row, arc) that can matter: a row's
    // largest chosen reduced cost m only falls (prices only fall; a
    // switch drops the largest), so an unchosen arc with cost > m never
    // turns attractive and is left out (and dropped from the lists when
    // that happens later). The rest is a small part of the arcs.
    // Rows are sorted by cost and every chosen arc costs at most m (its
    // reduced cost is <= m, prices >= 0): the useful arcs are the row's
    // prefix of cost <= m. Each entry keeps the arc's cost and whether
    // the row held it when last seen (kHeld: the row may have dropped it
    // since, which only then is read; an arc is taken only through its
    // own entry, which sets the flag), so that the scans below read no
    // arc of a row that is not a candidate.
    constexpr std::uint32_t kHeld = InEntry::kHeld;
    for (std::uint32_t j = 0; j < J_; ++j) first[j + 1] += first[j];
    // Not zeroed (every entry is written below; 28 M entries at 1 M
    // seekers).
    UninitVector<InEntry> in;
    in.resize(first[J_]);
    std::vector<std::uint32_t> last(first.begin() + 1, first.end());  // live in-arcs: in[first[j], last[j])
    {
      std::vector<std::uint32_t> fill(first.begin(), first.end() - 1);
      for (std::uint32_t s = 0; s < S_; ++s) {
        const std::int64_t m = -pot_[s];
        for (std::uint32_t a = p_.offsets[s]; a < p_.offsets[s + 1] && cost(a) <= m; ++a) {
          // The entries land anywhere in 8 or 12 bytes x 28 M: the one 16 arcs on
          // is fetched ahead (arcs are read in order).
          if (a + 16 < p_.Arcs()) __builtin_prefetch(in.data() + fill[p_.job[a + 16]], 1);
          if (price[p_.job[a]] > 0) {
            in[fill[p_.job[a]]++] = InEntry{s, a, static_cast<std::uint32_t>(cost(a)) | (sol_.chosen[a] ? kHeld : 0u)};
          }
        }
      }
    }
    std::vector<std::uint32_t> queue;
    std::vector<std::uint8_t> queued(J_, 0);
    for (std::uint32_t j = 0; j < J_; ++j) {
      if (price[j] > 0 && load[j] < p_.capacity[j]) {
        queue.push_back(j);
        queued[j] = 1;
      }
    }
    // Each row's largest chosen reduced cost m, kept with a dirty flag in
    // one word (kDirty: to recompute, after a chosen column's price
    // fell; m < 2^29 here). The kept value bounds the new one (m only
    // falls), so a recomputation stops along the row where the cost
    // alone passes it.
    constexpr std::uint32_t kDirty = 0x80000000u;
    std::vector<std::uint32_t> mrow(S_);
    for (std::uint32_t s = 0; s < S_; ++s) mrow[s] = static_cast<std::uint32_t>(-pot_[s]);
    auto row_max = [&](std::uint32_t s) -> std::int64_t {
      if (mrow[s] & kDirty) {
        std::int64_t m = 0;
        for (std::uint32_t i = slot_first[s]; i < slot_first[s + 1]; ++i) {
          m = std::max(m, slots[i].cost + price[slots[i].c]);
        }
        mrow[s] = static_cast<std::uint32_t>(m);
      }
      return mrow[s];
    };
    struct Cand {
      std::int64_t t;  // the price at or below which the row takes the column
      std::uint32_t s, a;
      std::uint32_t k;  // its entry in `in`
    };
    std::vector<Cand> cand;
    for (std::size_t head = 0; head < queue.size(); ++head) {
      const std::uint32_t j = queue[head];
      queued[j] = 0;
      if (price[j] == 0 || load[j] >= p_.capacity[j]) continue;
      ++stats_.deficit_columns;
      // s takes a (column j) instead of its worst arc (largest reduced
      // cost; among ties one whose column is over capacity or unpriced,
      // "safe": leaving it makes no new deficit). only_safe: not if the
      // arc it would drop is not safe. True if it switched.
      auto take = [&](std::uint32_t s, std::uint32_t a, std::uint32_t k, bool only_safe) {
        std::uint32_t drop = ~0u;
        std::int64_t dr = -1;
        bool safe = false;
        for (std::uint32_t i = slot_first[s]; i < slot_first[s + 1]; ++i) {
          const Slot& x = slots[i];
          const bool sx = price[x.c] == 0 || load[x.c] > p_.capacity[x.c];
          const std::int64_t r = x.cost + price[x.c];
          // The largest; among ties a safe one, then the earlier arc (as
          // a scan along the row would).
          if (r > dr || (r == dr && ((sx && !safe) || (sx == safe && x.a < slots[drop].a)))) {
            drop = i;
            dr = r;
            safe = sx;
          }
        }
        if (only_safe && !safe) return false;
        const std::uint32_t c = slots[drop].c;
        sol_.chosen[slots[drop].a] = 0;
        sol_.chosen[a] = 1;
        slots[drop] = {a, j, static_cast<std::int64_t>(in[k].cost & ~kHeld)};
        in[k].cost |= kHeld;
        mrow[s] |= kDirty;
        ++load[j];
        --load[c];
        if (price[c] > 0 && load[c] < p_.capacity[c] && !queued[c]) {
          queued[c] = 1;
          queue.push_back(c);
        }
        ++stats_.start_switches;
        return true;
      };
      cand.clear();
      std::uint32_t live = first[j];
      for (std::uint32_t k = first[j]; k < last[j]; ++k) {
        // What the entries further on will read is fetched ahead, in two
        // stages (rows anywhere in memory): 16 on, the row's largest
        // reduced cost and where its chosen arcs are; 8 on (those two now
        // at hand), the first line of its chosen arcs' records where the
        // largest is to be recomputed (dirty), and the arc's chosen byte
        // where the entry is held (read then). Only the first stage until
        // 2026-12-07: this scan at 1 M seekers 1.30-1.49 -> 1.09-1.11 s by
        // cycle counts, 2 runs each.
        if (k + 16 < last[j]) {
          __builtin_prefetch(&mrow[in[k + 16].s]);
          __builtin_prefetch(&slot_first[in[k + 16].s]);
        }
        if (k + 8 < last[j]) {
          const InEntry f = in[k + 8];
          if (mrow[f.s] & kDirty) __builtin_prefetch(slots.data() + slot_first[f.s]);
          if (f.cost & kHeld) __builtin_prefetch(&sol_.chosen[f.a]);
        }
        InEntry e = in[k];
        ++stats_.start_steps;
        if (e.cost & kHeld) {
          if (sol_.chosen[e.a]) {
            in[live++] = e;
            continue;
          }
          e.cost &= ~kHeld;  // dropped since
        }
        // The largest reduced cost among s's chosen arcs: s takes j
        // (instead of that arc) at a price up to m - cost(a).
        const std::int64_t t = row_max(e.s) - static_cast<std::int64_t>(e.cost);
        if (t < 0) continue;  // for good
        in[live] = e;
        // First the rows tied at j's price (t == price: j is as good as
        // their worst arc) whose switch makes no new deficit, as they are
        // met: if they fill j its price stays, and the rest of its list
        // is not read (a row's switch changes no other row's t, so this
        // is what a second pass over the candidates did until 2026-12-07,
        // reading every list whole: at 1 M seekers 58.5 M in-arcs read,
        // now 39.2 M; the solve 12.09 -> 11.76 s CPU, medians of 10
        // alternated runs, the same choices).
        if (t == price[j] && take(e.s, e.a, live, true)) {
          ++live;
          if (load[j] >= p_.capacity[j]) {
            // Full: the entries not read are kept as they are (moved down
            // over those dropped, if any).
            if (live == k + 1) {
              live = last[j];
            } else {
              live = static_cast<std::uint32_t>(
                  std::copy(in.begin() + k + 1, in.begin() + last[j], in.begin() + live) - in.begin());
            }
            break;
          }
          continue;
        }
        cand.push_back({t, static_cast<std::uint32_t>(e.s), static_cast<std::uint32_t>(e.a), live++});
      }
      last[j] = live;
      if (load[j] < p_.capacity[j]) {
        // Else the new price: the largest at which enough of the other
        // rows take j (the need-th largest t), but at least 1 below the
        // old one, so that every such visit lowers it (ties could
        // otherwise move units back and forth between priced columns for
        // ever); 0 if too few rows would. Lower than necessary only leaves
        // j over capacity (excess, which the phases move).
        const std::uint32_t left = p_.capacity[j] - load[j];
        std::int64_t p = 0;
        if (cand.size() >= left) {
          std::nth_element(cand.begin(), cand.begin() + (left - 1), cand.end(),
                           [](const Cand& x, const Cand& y) { return x.t != y.t ? x.t > y.t : x.a < y.a; });
          p = std::clamp<std::int64_t>(cand[left - 1].t, 0, price[j] - 1);
        }
        price[j] = p;
        pot_[S_ + j] = -p;
        for (std::uint32_t k = first[j]; k < last[j]; ++k) {
          // A holder (or one that was): its largest may have fallen.
          if (in[k].cost & kHeld) mrow[in[k].s] |= kDirty;
        }
        for (const auto& [t, s, a, k] : cand) {
          // t > p: s must take j (its reduced cost to j is below its
          // worst chosen one); t == p > 0: a tie, taken while j has room.
          if (t < p || (t == p && (p == 0 || load[j] >= p_.capacity[j]))) continue;
          take(s, a, k, false);
        }
      }
    }
    // Each row's potential: minus its largest chosen reduced cost m. No
    // unchosen arc costs less than m: a column's price only falls on its
    // visits, where every row it then beats takes it (t > p), and m only
    // falls. So every reduced cost is >= 0.
    for (std::uint32_t s = 0; s < S_; ++s) pot_[s] = -row_max(s);
    for (std::uint32_t j = 0; j < J_; ++j) pot_[S_ + j] = -price[j];
  }

  // Steps 1 and 2: every seeker's best candidates, seeker potential minus
  // the cost of its worst chosen candidate, jobs over capacity listed.
  void WarmStart() {
    // (The auction keeps its prices in 32 bits: scores up to 2^28.)
    const bool priced = start_ != Start::kGreedy && max_score_ < (std::int64_t{1} << 28);
    if (!priced) sol_ = TopRows(p_);
    if (priced) {
      std::uint64_t demand = 0;
      for (std::uint32_t r = 0; r < S_; ++r) demand += p_.Demand(r);
      // Bounds on the auction's work (a start only): at most 16 bids per
      // unit in all (8 until the second pass, 2026-12-07: one market with
      // 20 % to spare ran out at 8, 0.38 -> 0.22 s), and a row outbid 8
      // times stops bidding in the first pass (3 until 2026-12-06: 8 is
      // faster on every member of the family, the batch at 1 M seekers
      // 19.5 -> 16 s; bench/README.md).
      prices_ = AuctionPrices(p_, 16 * demand, 8, stats_);
      // The auction leaves a row's arc up to epsilon = 1 worse than its
      // alternative at the final prices; one below them, fewer priced
      // columns lose rows in PricedStart (measured on the batch's
      // instance: deficits 156 k -> 58 k units at 200,000 seekers).
      for (std::int64_t& x : prices_) x = std::max<std::int64_t>(0, x - 1);
      PricedStart();
      stats_.priced_start = true;
    }
    // The start's choice (0 or 1 per arc) becomes the flags.
    flag_ = std::move(sol_.chosen);
    for (std::uint32_t a = 0; a < p_.Arcs(); ++a) load_[p_.job[a]] += flag_[a];
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
      if (!stats_.priced_start) {
        std::int64_t worst = 0;
        for (std::uint32_t a = p_.offsets[s]; a < p_.offsets[s + 1]; ++a) {
          if (Chosen(a)) worst = std::max(worst, Cost(a));
        }
        pot_[s] = -worst;
      }
      for (std::uint32_t a = p_.offsets[s]; a < p_.offsets[s + 1]; ++a) {
        if (Chosen(a)) AddHolder(Job(a), s, a);
      }
    }
    for (std::uint32_t j = 0; j < J_; ++j) {
      if (Spare(j)) spare_.push_back(j);
    }
    // No row's overflow arc is admissible yet (the penalty exceeds minus
    // any start's row potential), but row_term_ must not miss one
    // (Terminal).
    for (std::uint32_t s = 0; s < S_; ++s) {
      if (CanOverflow(s) && penalty_ + pot_[s] == 0) {
        row_term_[s] = 1;
        row_terms_.push_back(s);
      }
    }
  }

  // PrimalDualStats::check_start: CountStartViolations on this start.
  std::uint64_t StartViolations() const {
    return CountStartViolations(p_, [this](std::uint32_t a) { return Chosen(a); }, pot_);
  }

  // Sources whose every residual path (whatever its cost) ends at an
  // overflow arc, never at a column with room ("doomed": their excess can
  // only go unserved), found by one search per source over the residual
  // graph (Tarjan's strongly connected components, so that each node is
  // looked at once per call: a finished component that reached no column
  // with room is doomed, and whatever reaches a column with room or a node
  // known to do so is marked so; a row first looks along its arcs for a
  // column with room). If some but not all sources are doomed, the phases
  // that follow run from the doomed ones only (their first Dijkstra lowers
  // their region at once by about the penalty), the others waiting
  // (waiting_); the region they reach is closed, so those phases stay
  // inside it. Without this, each phase of the others (D = 1 typically)
  // settled and re-labelled the doomed region again only to lower it by D
  // (the batch at 1 M seekers: ~93 k units unserved, ~170 k nodes, phases
  // 4-12). Any choice of sources keeps every reduced cost >= 0 (Dijkstra
  // from a subset is still Johnson's update), so the result stays exact;
  // only the work differs.
  bool SplitDoomed() {
    ++stats_.doomed_checks;
    const std::uint32_t base = BeginReach();
    // Successors over every residual arc: a row's unchosen arcs, a
    // column's holders (a crowded column's heap: orphans skipped).
    auto succ = [&](std::uint32_t u, std::uint32_t i) -> std::uint32_t {
      ++stats_.doomed_steps;
      if (u < S_) {
        const std::uint32_t a = p_.offsets[u] + i;
        if (a >= p_.offsets[u + 1]) return kEnd;
        return Chosen(a) ? kNone : S_ + Job(a);
      }
      const std::uint32_t j = u - S_;
      if (crowded_[j]) {
        if (i >= keyed_[j].size()) return kEnd;
        const Keyed& k = keyed_[j][i];
        return Chosen(k.arc) ? k.seeker : kNone;
      }
      return i < holders_[j].size() ? holders_[j][i].seeker : kEnd;
    };
    auto goal = [&](std::uint32_t v) { return v >= S_ && Spare(v - S_); };
    std::uint32_t doomed_sources = 0, sources = 0;
    for (std::uint32_t j : excess_) {
      if (Excess(j) == 0) continue;
      ++sources;
      doomed_sources += Reach(S_ + j, base, succ, goal) == kDoomed;
    }
    if (doomed_sources == 0 || doomed_sources == sources) return false;  // nothing to split
    stats_.doomed_sources += doomed_sources;
    waiting_.clear();
    std::erase_if(excess_, [&](std::uint32_t j) {
      if (Excess(j) == 0) return true;
      if (t_res_[S_ + j] == kDoomed) return false;
      waiting_.push_back(j);
      return true;
    });
    doomed_first_ = true;
    return true;
  }

  // The work the phases did so far: nodes settled and arcs looked at.
  std::uint64_t Work() const {
    return stats_.settled + stats_.dijkstra_steps + stats_.level_steps + stats_.dfs_steps +
           stats_.dead_steps + stats_.doomed_steps;
  }

  // Global phases (from every source at once, all at the nearest
  // terminal's distance D) or local ones (from one source, at its own
  // nearest terminal's distance): both keep every reduced cost >= 0 and
  // move units only along shortest paths, so the optimum is the same
  // (among tied optima, the one found may differ); the work is not. Where many sources share one D (the batch's crowded
  // areas) a global phase moves thousands of units for one search; where
  // each source has a terminal of its own near by and D differs from
  // source to source (short candidate lists: 4-10 per seeker), a global
  // phase settles the union of every source's region up to the smallest
  // D and moves the few units that are at it (uniform with 4 candidates
  // and half the demand to spare, 200,000 seekers: 981 phases, 42 k nodes
  // settled each, ~25 units moved). So epochs of each kind run in turn:
  // the one that did less work (settled nodes and arcs looked at) per
  // unit moved last time runs an epoch that doubles while it keeps
  // winning (up to 64 global or 1024 local phases), the other a short
  // probe (1 global or 8 local phases) after each, which can take the
  // lead back (local phases at half the leader's work per unit, global
  // ones at less). No local probe while global phases move a unit for
  // under 1/64 of the nodes in work, and a local probe stops once it is
  // sure to lose. Starts with one global phase (the warm start's excess
  // shares D = 0 or 1 mostly). stats.phase_kind forces one kind (tests).
  void ChooseMode() {
    const std::uint64_t work = Work(), units = stats_.augmentations;
    // (An epoch that moved nothing leaves the estimate as it was.)
    if (phase_ > 0 && units > epoch_units_) {
      per_unit_[local_] = static_cast<double>(work - epoch_work_) / static_cast<double>(units - epoch_units_);
    }
    epoch_work_ = work;
    epoch_units_ = units;
    if (phase_kind_ != PhaseKind::kAdaptive) {
      local_ = phase_kind_ == PhaseKind::kLocal;
      mode_left_ = ~0u;
      return;
    }
    static constexpr std::uint32_t kProbe[2] = {1, kLocalProbe}, kCap[2] = {64, 1024};
    if (phase_ == 0) {
      local_ = winner_local_ = false;
      probing_ = false;
    } else if (!probing_ && !winner_local_ && per_unit_[0] >= 0 &&
               per_unit_[0] * 64 < static_cast<double>(sink_ + 1)) {
      // Global phases that move a unit for under 1/64 of the nodes in
      // work: no local probe. The batch's own instance at 1 M seekers
      // stays under 1/400 (464-2,901 steps per unit for 1.2 M nodes), and
      // its probes, though each stopped after one local phase, cost 4 more
      // global phases and 0.5 s; short lists are at 1/35 of the nodes to
      // several times their number (areas with 10 candidates, uniform
      // with 4, 22 k nodes: 622-85,874 steps a unit).
      winner_len_ = std::min(2 * winner_len_, kCap[0]);
    } else if (!probing_) {
      // The winner's epoch is over: probe the other kind.
      probing_ = true;
      local_ = !winner_local_;
      mode_left_ = kProbe[local_];
      return;
    } else {
      probing_ = false;
      const bool other = !winner_local_;
      // Local phases take the lead at half the work per unit, global ones
      // take it back at less: a local probe's few sources can look cheap
      // by chance where the tail of a contested market's global phases
      // moves a unit or two each (the medium test instance, 8 regions:
      // 0.36 s global, 0.65 s if the lead changed at equal work).
      const double need = other ? 2.0 : 1.0;
      if (per_unit_[other] >= 0 && per_unit_[other] * need < per_unit_[winner_local_]) {
        winner_local_ = other;
        winner_len_ = kProbe[other];
      } else {
        winner_len_ = std::min(2 * winner_len_, kCap[winner_local_]);
      }
      local_ = winner_local_;
    }
    mode_left_ = phase_ == 0 ? 1 : winner_len_;
  }

  // Once per phase, after Dijkstra, and again after a round that moved
  // little (where MarkAlive does not run): marks `dead` the nodes that
  // reach no terminal over admissible arcs, by the same search as
  // SplitDoomed over the admissible arcs (Cache's lists, which the rounds
  // then read; nodes already dead skipped) from every source. Within a
  // phase that set only grows (see MarkAlive), so the rounds leave those
  // nodes out: without it, each round of a phase labelled and searched
  // again the regions of the sources that move nothing in this phase (the
  // batch at 1 M seekers: ~100 k units, 10-25 M depth-first steps a
  // phase), and the tail of a phase (rounds of long paths moving a few
  // units each) labelled the whole region that had reached a terminal at
  // the phase's start.
  void MarkDead() {
    const std::uint32_t base = BeginReach();
    auto succ = [&](std::uint32_t u, std::uint32_t i) -> std::uint32_t {
      if (i == 0) {
        // Reach reads u's list twice (for a goal, then to descend), and
        // goes on to its first successors: when Cache builds the list
        // here, their state and offsets are fetched ahead; when the list
        // is there already (Reach's second read, or a list built earlier
        // in the phase), the first arcs of those rows that still need a
        // list (the batch at 1 M seekers: MarkDead's lists 0.81-0.83 ->
        // 0.69-0.70 s).
        const bool built = l_[u].cstamp != phase_;
        Cache(u);
        const std::uint32_t end = std::min(l_[u].clast, l_[u].cfirst + 8);
        for (std::uint32_t k = l_[u].cfirst; k < end; ++k) {
          const std::uint32_t v = cadj_[k].to;
          if (built) {
            __builtin_prefetch(&l_[v]);
            __builtin_prefetch(&t_idx_[v]);
            if (v < S_) __builtin_prefetch(&p_.offsets[v]);
          } else if (v < S_ && l_[v].cstamp != phase_) {
            const std::uint32_t a = p_.offsets[v];
            __builtin_prefetch(p_.score.data() + a);
            __builtin_prefetch(p_.job.data() + a);
            __builtin_prefetch(flag_.data() + a);
          }
        }
      }
      ++stats_.dead_steps;
      if (l_[u].cfirst + i >= l_[u].clast) return kEnd;
      const std::uint32_t v = cadj_[l_[u].cfirst + i].to;
      return l_[v].dead == phase_ ? kNone : v;  // known dead: leads nowhere
    };
    auto goal = [&](std::uint32_t v) { return Terminal(v); };
    t_doomed_.clear();
    for (std::uint32_t j : excess_) {
      if (Excess(j) > 0) Reach(S_ + j, base, succ, goal);
    }
    for (std::uint32_t v : t_doomed_) l_[v].dead = phase_;
    stats_.dead_nodes += t_doomed_.size();
  }

  static constexpr std::uint32_t kEnd = ~0u, kNone = ~0u - 1;
  static constexpr std::uint32_t kNoArc = ~0u;  // arcs are below 2^31 (contract)
  static constexpr std::uint32_t kStale = 0x80000000u;  // in LevelState::cstamp; phases stay below 2^31
  enum : std::uint8_t { kOpen = 0, kGood = 1, kDoomed = 2 };

  // Starts a pass of Reach; returns its base (visited in this pass:
  // t_idx_ >= base).
  std::uint32_t BeginReach() {
    const std::uint32_t N = S_ + J_ + 1;
    if (t_idx_.empty()) {
      t_idx_.assign(N, 0);
      t_low_.assign(N, 0);
      t_res_.assign(N, 0);
    }
    if (t_next_ > 0xF0000000u - N) {  // the visit numbers would wrap: start again
      std::fill(t_idx_.begin(), t_idx_.end(), 0);
      t_next_ = 0;
    }
    return ++t_next_;
  }

  // Whether s0 reaches a node with goal(v) over the arcs succ(u, i)
  // (i = 0, 1, ...: a node, kNone for no arc at i, kEnd past the last),
  // by Tarjan's strongly connected components with an early exit, so that
  // over a pass (one base) each node is expanded once: a finished
  // component that reached no goal reaches none ("doomed", t_res_, and
  // listed in t_doomed_); once a goal or a node known to reach one is met,
  // every node on the component stack reaches it (through the search's
  // current path) and is marked kGood. A node first looks at all its
  // successors for a goal before it descends. Returns t_res_[s0].
  template <class Succ, class Goal>
  std::uint8_t Reach(std::uint32_t s0, std::uint32_t base, Succ&& succ, Goal&& goal) {
    if (t_idx_[s0] >= base) return t_res_[s0];
    std::vector<TFrame>& frames = t_frames_;
    std::vector<std::uint32_t>& scc = t_scc_;
    frames.clear();
    scc.clear();
    auto visit = [&](std::uint32_t v) {
      t_idx_[v] = t_low_[v] = t_next_++;
      t_res_[v] = kOpen;
      scc.push_back(v);
      frames.push_back({v, 0});
    };
    visit(s0);
    bool good = goal(s0);
    while (!frames.empty() && !good) {
      const std::uint32_t u = frames.back().node;
      std::uint32_t pos = frames.back().pos;
      if (pos == 0) {
        for (std::uint32_t i = 0;; ++i) {
          const std::uint32_t v = succ(u, i);
          if (v == kEnd) break;
          if (v != kNone && goal(v)) {
            good = true;
            break;
          }
        }
        if (good) break;
      }
      std::uint32_t next = kEnd;
      for (;; ++pos) {
        const std::uint32_t v = succ(u, pos);
        if (v == kEnd) break;
        if (v == kNone) continue;
        if (t_idx_[v] < base) {
          next = v;
          ++pos;
          break;
        }
        if (t_res_[v] == kGood) {
          good = true;
          break;
        }
        if (t_res_[v] == kOpen) t_low_[u] = std::min(t_low_[u], t_idx_[v]);
      }
      if (good) break;
      if (next != kEnd) {
        frames.back().pos = pos;
        visit(next);
        continue;
      }
      // u is finished.
      frames.pop_back();
      if (t_low_[u] == t_idx_[u]) {
        // The root of a component that reaches no goal.
        std::uint32_t w;
        do {
          w = scc.back();
          scc.pop_back();
          t_res_[w] = kDoomed;
          t_doomed_.push_back(w);
        } while (w != u);
      }
      if (!frames.empty()) {
        const std::uint32_t p = frames.back().node;
        t_low_[p] = std::min(t_low_[p], t_low_[u]);
      }
    }
    if (good) {
      for (std::uint32_t w : scc) t_res_[w] = kGood;
    }
    frames.clear();
    scc.clear();
    return t_res_[s0];
  }

  // Nodes farther than the sink's tentative distance (sink_bound_, an
  // upper bound of D) are never settled and their arcs never admissible:
  // not queued.
  // In a local phase (track_), the node v was reached from (kNoArc for
  // the source) and the candidate arc behind that step (for the sink:
  // only the node, a column with room or a row by its overflow arc) are
  // kept with its distance, for PathAugment.
  void Relax(std::uint32_t v, std::int64_t nd, std::uint32_t from, std::uint32_t arc) {
    if (nd > sink_bound_) return;
    if (v == sink_) {
      sink_bound_ = nd;
      if (track_) from_[v] = from;
    }
    if (n_[v].stamp != phase_) {
      n_[v].stamp = phase_;
      n_[v].dist = kInf;
    }
    if (n_[v].done == phase_ || nd >= n_[v].dist) return;
    n_[v].dist = nd;
    if (track_) {
      from_[v] = from;
      from_arc_[v] = arc;
    }
    heap_.Push(static_cast<std::uint64_t>(nd), v);
  }

  // A local phase's one unit, along the path Dijkstra found (from_):
  // after its potentials moved, every arc on it has reduced cost 0, as in
  // the rounds, so the flow stays a min-cost flow for what it carries.
  // Used instead of the rounds in a local phase: their level graphs and
  // dead-node searches cost more than the Dijkstra that preceded them
  // (areas with 10 candidates: ~40 % of the work), to move the one unit
  // a local phase moves.
  void PathAugment() {
    stack_.clear();
    const std::uint32_t t = from_[sink_];
    for (std::uint32_t v = t;; v = from_[v]) {
      stack_.push_back(v);
      if (from_[v] == kNoArc) break;  // the source
      in_arc_[v] = from_arc_[v];
    }
    std::reverse(stack_.begin(), stack_.end());
    Augment(t < S_);
  }

  // Multi-source Dijkstra from the jobs with excess, stopped when the sink
  // is settled; then pot[v] += dist[v] - D for the settled nodes.
  std::int64_t Dijkstra() {
    heap_.Clear();
    settled_.clear();
    rec_.clear();
    // Room for a record of every arc (address space: only what a phase
    // writes is touched), so that a wide first phase does not copy its
    // records again and again as they grow (the batch at 1 M seekers:
    // over 32 M entries).
    if (rec_.capacity() < p_.Arcs()) rec_.reserve(p_.Arcs());
    sink_bound_ = kInf;
    for (std::uint32_t j : excess_) Relax(S_ + j, 0, kNoArc, kNoArc);
    std::int64_t D = kInf;
    while (!heap_.Empty()) {
      const auto [key, u] = heap_.Pop();
      const auto d = static_cast<std::int64_t>(key);
      if (d >= sink_bound_) {
        // Everything nearer is settled, so the sink's distance is final;
        // nodes at distance D keep their potentials either way.
        D = sink_bound_;
        break;
      }
      if (u & kCursor) {  // the next-cheapest holder of a crowded job
        const std::uint32_t j = (u & ~kCursor) - S_;
        const Keyed t = keyed_[j].front();
        SetAsideTop(j);
        Relax(t.seeker, d, S_ + j, t.arc);
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
      const std::int64_t pu = pot_[u];
      if (u < S_) {
        // The arcs that may turn admissible when the potentials move are
        // recorded here (Cache then reads them instead of every candidate):
        // an arc ends admissible iff d + reduced cost == min(dist[v], D),
        // and dist[v] only decreases, so an arc whose d + reduced cost
        // already exceeds v's tentative distance never does.
        // Rows are sorted by cost (Network) and no column potential is
        // above 0 (they start at 0 and only decrease), so d + cost + pu is
        // a lower bound of the arc's distance that grows along the row:
        // the scan stops where it passes the sink's tentative distance,
        // which bounds D.
        if (CanOverflow(u)) Relax(sink_, d + penalty_ + pu, u, kNoArc);
        std::int64_t bound = sink_bound_ - d - pu;
        l_[u].rfirst = static_cast<std::uint32_t>(rec_.size());
        for (std::uint32_t a = p_.offsets[u]; a < p_.offsets[u + 1]; ++a) {
          ++stats_.dijkstra_steps;
          if (Cost(a) > bound) break;
          if (Chosen(a)) continue;
          const std::uint32_t v = S_ + Job(a);
          const std::int64_t nd = d + Cost(a) + pu - pot_[v];
          if (nd > sink_bound_) continue;
          if (n_[v].stamp != phase_ || nd <= n_[v].dist) {
            rec_.push_back({v, a});
            Relax(v, nd, u, a);
            // A column with room has potential 0 (it only gains units, and
            // one settled below D would have ended the search there): the
            // sink is at most nd away, which tightens the bound early.
            if (Spare(v - S_) && nd < sink_bound_) {
              Relax(sink_, nd, v, kNoArc);
              bound = nd - d - pu;
            }
          }
        }
        l_[u].rlast = static_cast<std::uint32_t>(rec_.size());
        l_[u].rstamp = phase_;
      } else {
        const std::uint32_t j = u - S_;
        if (Spare(j)) Relax(sink_, d + pu, u, kNoArc);
        if (crowded_[j]) {
          PushCursor(j);
        } else {
          stats_.dijkstra_steps += holders_[j].size();
          for (const Holder& h : holders_[j]) Relax(h.seeker, d - h.cost + pu - pot_[h.seeker], u, h.arc);
        }
      }
    }
    RestoreAside();
    stats_.settled += settled_.size();
    // A holder of an over-loaded job can always drop it (overflow arc), so
    // the sink is reachable while there is excess.
    for (std::uint32_t v : settled_) pot_[v] += n_[v].dist - D;
    return D;
  }

  // Queues crowded job j's cheapest holder at its tentative distance.
  void PushCursor(std::uint32_t j) {
    if (!CleanTop(j)) return;
    const std::uint32_t u = S_ + j;
    heap_.Push(static_cast<std::uint64_t>(n_[u].dist + pot_[u] - keyed_[j].front().key),
               u | kCursor);
  }

  // Admissible (zero-reduced-cost) residual arcs, enumerated for node u;
  // f(v, arc) is called for each (arc = the candidate arc behind it).
  template <class F>
  void ForAdmissible(std::uint32_t u, F&& f) {
    const std::int64_t pu = pot_[u];
    if (u < S_) {
      for (std::uint32_t a = p_.offsets[u]; a < p_.offsets[u + 1]; ++a) {
        ++stats_.level_steps;
        if (Cost(a) + pu > 0) break;  // rows sorted by cost, column potentials <= 0
        if (Chosen(a)) continue;
        const std::uint32_t v = S_ + Job(a);
        if (Cost(a) + pu - pot_[v] == 0) f(v, a);
      }
      return;
    }
    const std::uint32_t j = u - S_;
    if (!crowded_[j]) {
      for (const Holder& h : holders_[j]) {
        ++stats_.level_steps;
        if (pu - h.cost - pot_[h.seeker] == 0) f(h.seeker, h.arc);
      }
      return;
    }
    // Heap order: stored keys are upper bounds of the true keys, and no
    // true key exceeds pot[u] (reduced costs >= 0), so only subtrees whose
    // stored key is >= pot[u] can hold admissible holders.
    const auto& h = keyed_[j];
    walk_.clear();
    if (!h.empty()) walk_.push_back(0);
    while (!walk_.empty()) {
      const std::uint32_t i = walk_.back();
      walk_.pop_back();
      ++stats_.level_steps;
      const Keyed& t = h[i];
      if (t.key < pu) continue;
      if (Chosen(t.arc) && pot_[t.seeker] + Cost(t.arc) == pu) f(t.seeker, t.arc);
      for (std::uint32_t c = 2 * i + 1; c <= 2 * i + 2 && c < h.size(); ++c) walk_.push_back(c);
    }
  }

  // u's admissible arcs, listed once per phase in cadj_[cfirst, clast):
  // within a phase the potentials are fixed, and an augmentation changes
  // the residual arcs of the nodes on its path only, whose lists it drops
  // (Augment). The rounds of a phase then look only at admissible arcs, not
  // at every candidate of every seeker they reach.
  // A list dropped by an augmentation (cstamp phase_ | kStale) is rebuilt
  // in its old place where it still fits: the batch at 1 M seekers
  // otherwise grew the lists of one phase past 64 M entries (512 MB); now
  // at most 22 M.
  void Cache(std::uint32_t u) {
    if (l_[u].cstamp == phase_) return;
    const bool stale = l_[u].cstamp == (phase_ | kStale);
    l_[u].cstamp = phase_;
    const auto at = static_cast<std::uint32_t>(cadj_.size());
    if (u < S_ && l_[u].rstamp == phase_) {
      // Settled by this phase's Dijkstra, no augmentation through it yet.
      const std::int64_t pu = pot_[u];
      for (std::uint32_t i = l_[u].rfirst; i < l_[u].rlast; ++i) {
        ++stats_.level_steps;
        const LevelArc e = rec_[i];
        if (!Chosen(e.arc) && Cost(e.arc) + pu - pot_[e.to] == 0) cadj_.push_back(e);
      }
    } else {
      ForAdmissible(u, [&](std::uint32_t v, std::uint32_t a) { cadj_.push_back({v, a}); });
    }
    const auto n = static_cast<std::uint32_t>(cadj_.size()) - at;
    if (stale && n <= l_[u].clast - l_[u].cfirst) {
      std::copy(cadj_.begin() + at, cadj_.end(), cadj_.begin() + l_[u].cfirst);
      cadj_.resize(at);
      l_[u].clast = l_[u].cfirst + n;
    } else {
      l_[u].cfirst = at;
      l_[u].clast = at + n;
    }
  }

  bool Terminal(std::uint32_t u) const {
    if (u >= S_) return Spare(u - S_) && pot_[u] == 0;
    // row_term_ first: one byte, where the shortfall, the demand and the
    // potential are three reads at random (the batch at 1 M seekers: the
    // phases -0.4 s).
    return row_term_[u] && CanOverflow(u) && penalty_ + pot_[u] == 0;
  }

  // Once per phase, before the rounds: marks alive_ the nodes that can
  // reach a terminal over admissible arcs, by a search backwards from every
  // terminal (columns: their in-arcs, cin_; rows: their chosen arcs, in
  // the prefix of the row with cost + pot <= 0). Nodes marked that no
  // source reaches do no harm: the rounds start at the sources. Within a
  // phase that set only shrinks: an augmentation adds only the reverses
  // of its path's arcs, whose nodes all reached a terminal already, and
  // terminals only go (a column with room fills, a row's overflow is used
  // up; a source never falls below its capacity). So the rounds label and
  // push from alive nodes only, which leaves out the many sources (and
  // their regions) that reach nothing this phase; without it every round
  // re-labelled them. False (the marks incomplete, not to be used) once
  // more than `budget` nodes are marked. (A forward search from the
  // sources first, as before 2026-12-05, walked most of the graph every
  // phase on 88 areas at 3x the size to find the few alive nodes.)
  bool MarkAlive(std::size_t budget) {
    if (cin_first_.empty()) BuildInArcs();
    queue_.clear();
    std::erase_if(spare_, [this](std::uint32_t j) { return !Spare(j); });
    for (std::uint32_t j : spare_) {
      if (pot_[S_ + j] == 0) {
        alive_[S_ + j] = phase_;
        queue_.push_back(S_ + j);
      }
    }
    std::erase_if(row_terms_, [this](std::uint32_t r) {
      if (CanOverflow(r) && penalty_ + pot_[r] == 0) return false;
      row_term_[r] = 0;
      return true;
    });
    for (std::uint32_t r : row_terms_) {
      alive_[r] = phase_;
      queue_.push_back(r);
    }
    for (std::size_t head = 0; head < queue_.size(); ++head) {
      if (queue_.size() > budget) return false;
      const std::uint32_t v = queue_[head];
      const std::int64_t pv = pot_[v];
      if (v >= S_) {
        const std::uint32_t c = v - S_;
        for (std::uint32_t k = cin_first_[c]; k < cin_first_[c + 1]; ++k) {
          ++stats_.level_steps;
          const InArc e = cin_[k];
          // The arc's cost is kept here: the random read of the arc (is it
          // chosen?) is left for the few that are tight.
          if (e.cost + pot_[e.row] - pv == 0 && alive_[e.row] != phase_ && !Chosen(e.arc)) {
            alive_[e.row] = phase_;
            queue_.push_back(e.row);
          }
        }
      } else {
        for (std::uint32_t a = p_.offsets[v]; a < p_.offsets[v + 1]; ++a) {
          ++stats_.level_steps;
          if (Cost(a) + pv > 0) break;  // chosen arcs have cost + pot[v] <= pot[column] <= 0
          if (!Chosen(a)) continue;
          const std::uint32_t u = S_ + Job(a);
          if (alive_[u] != phase_ && pot_[u] - Cost(a) - pv == 0) {
            alive_[u] = phase_;
            queue_.push_back(u);
          }
        }
      }
    }
    stats_.explored += settled_.size();
    stats_.alive += queue_.size();
    return true;
  }

  // Each column's in-arcs (cin_), built the first time MarkAlive runs.
  void BuildInArcs() {
    cin_first_.assign(J_ + 1, 0);
    for (std::uint32_t a = 0; a < p_.Arcs(); ++a) ++cin_first_[Job(a) + 1];
    for (std::uint32_t j = 0; j < J_; ++j) cin_first_[j + 1] += cin_first_[j];
    cin_.resize(p_.Arcs());
    {
      std::vector<std::uint32_t> fill(cin_first_.begin(), cin_first_.end() - 1);
      for (std::uint32_t r = 0; r < S_; ++r) {
        for (std::uint32_t a = p_.offsets[r]; a < p_.offsets[r + 1]; ++a) cin_[fill[Job(a)]++] = {r, a, static_cast<std::int32_t>(Cost(a))};
      }
    }
  }

  // Breadth-first labels over admissible arcs from the jobs with excess, up
  // to the first level holding a node with an admissible arc to the sink
  // (Dinic's level graph); the arcs from each level to the next are kept in
  // adj_. False if no such node is reachable: then no zero-reduced-cost
  // path is left and the phase ends. Pushing along levels (fewest arcs
  // first) keeps paths short and needs no care about the zero-reduced-cost
  // cycles that tied scores make everywhere; an unconfined depth-first
  // search got lost in them (hundreds of millions of arc looks at 100,000
  // seekers, and it missed paths, so most phases ended with D == 0).
  bool Levels() {
    ++round_;
    queue_.clear();
    adj_.clear();
    for (std::uint32_t j : excess_) {
      const std::uint32_t u = S_ + j;
      if (Excess(j) == 0 || (restricted_ && alive_[u] != phase_) || l_[u].dead == phase_) continue;
      l_[u].visit = round_;
      l_[u].level = 0;
      queue_.push_back(u);
    }
    std::uint32_t& top = top_;  // level of the first terminal node
    top = ~0u;
    for (std::size_t head = 0; head < queue_.size(); ++head) {
      // The queue's nodes further on are fetched ahead: their state,
      // potential and row offsets 16 on; 8 on, their admissible lists
      // (read from the state) or, for a row whose list is still to be
      // built, its first arcs and record. Building those lists missed the
      // cache at every row's start (the batch at 1 M seekers: all the
      // phases' lists 2.4-2.8 -> 2.1 s).
      if (head + 16 < queue_.size()) {
        const std::uint32_t x = queue_[head + 16];
        __builtin_prefetch(&l_[x]);
        __builtin_prefetch(&pot_[x]);
        if (x < S_) __builtin_prefetch(&p_.offsets[x]);
      }
      if (head + 8 < queue_.size()) {
        const std::uint32_t x = queue_[head + 8];
        const LevelState& ahead = l_[x];
        if (ahead.cstamp == phase_) {
          __builtin_prefetch(cadj_.data() + ahead.cfirst);
        } else if (x < S_) {
          const std::uint32_t a = p_.offsets[x];
          __builtin_prefetch(p_.score.data() + a);
          __builtin_prefetch(flag_.data() + a);
          if (ahead.rstamp == phase_) {
            __builtin_prefetch(rec_.data() + ahead.rfirst);  // read instead of the row's jobs
          } else {
            __builtin_prefetch(p_.job.data() + a);
          }
        }
      }
      const std::uint32_t u = queue_[head];
      const std::uint32_t level = l_[u].level;
      if (level > top) break;
      l_[u].first = l_[u].last = static_cast<std::uint32_t>(adj_.size());
      if (Terminal(u)) top = level;
      if (level == top) continue;
      Cache(u);
      for (std::uint32_t i = l_[u].cfirst; i < l_[u].clast; ++i) {
        if (i + 4 < l_[u].clast) __builtin_prefetch(&l_[cadj_[i + 4].to]);
        const LevelArc e = cadj_[i];
        const std::uint32_t v = e.to;
        if ((restricted_ && alive_[v] != phase_) || l_[v].dead == phase_) continue;
        if (l_[v].visit != round_) {
          l_[v].visit = round_;
          l_[v].level = level + 1;
          queue_.push_back(v);
        } else if (l_[v].level != level + 1) {
          continue;
        }
        adj_.push_back(e);
      }
      l_[u].last = static_cast<std::uint32_t>(adj_.size());
    }
    if (top != ~0u) {
      // Nodes labelled top + 1 before the first terminal node was met
      // have no arcs recorded: dead ends for this round.
      for (std::size_t i = queue_.size(); i-- > 0 && l_[queue_[i]].level > top;) {
        l_[queue_[i]].round_dead = round_;
      }
      return true;
    }
    return false;
  }

  // Pushes the excess of every listed job along the level graph (each arc
  // one level up) until it is blocked.
  void PushAll() {
    for (std::uint32_t j : excess_) {
      const std::uint32_t u = S_ + j;
      if (l_[u].visit != round_) continue;
      while (Excess(j) > 0 && l_[u].round_dead != round_ && PushOne(u)) {
      }
    }
  }

  // An arc of the level graph still residual (earlier augmentations of the
  // round may have used it).
  bool Residual(std::uint32_t u, std::uint32_t a) const { return u < S_ ? !Chosen(a) : Chosen(a); }

  // Depth-first search in the level graph for one path from job node x to
  // the sink; augments one unit along it. Levels rise by one per arc, so
  // there are no cycles and a node found to lead nowhere stays so for the
  // round.
  bool PushOne(std::uint32_t x) {
    stack_.clear();
    stack_.push_back(x);
    while (!stack_.empty()) {
      const std::uint32_t u = stack_.back();
      if (Terminal(u)) {
        Augment(u < S_);
        return true;
      }
      if (ptr_stamp_[u] != round_) {
        ptr_stamp_[u] = round_;
        ptr_[u] = l_[u].first;
      }
      std::uint32_t& it = ptr_[u];
      bool descended = false;
      for (; it < l_[u].last; ++it) {
        ++stats_.dfs_steps;
        const LevelArc e = adj_[it];
        if (l_[e.to].round_dead == round_ || !Residual(u, e.arc)) continue;
        in_arc_[e.to] = e.arc;
        stack_.push_back(e.to);
        descended = true;
        break;
      }
      if (descended) continue;
      l_[u].round_dead = round_;
      stack_.pop_back();
      if (!stack_.empty()) ++ptr_[stack_.back()];
    }
    return false;
  }

  // Moves one unit along stack_ (job, seeker, job, seeker, ...): every job
  // -> seeker step un-recommends, every seeker -> job step recommends; the
  // path ends at a job with spare capacity or (overflow) at a seeker.
  void Augment(bool overflow) {
    ++stats_.augmentations;
    stats_.path_nodes += stack_.size();
    for (std::uint32_t v : stack_) {
      if (l_[v].cstamp == phase_) l_[v].cstamp = phase_ | kStale;  // rebuilt on next use
    }
    for (std::size_t i = 0; i + 1 < stack_.size(); i += 2) {
      const std::uint32_t s = stack_[i + 1], j = stack_[i] - S_, a = in_arc_[s];
      SetChosen(a, false);
      if (l_[s].rstamp == phase_) {
        // Row s's record stays a superset of its admissible arcs once the
        // arc it gives up (residual again) is added and the arcs it holds
        // (the one it takes on this path too) are dropped. In place: the
        // arc it takes came from this record, so there is room, except at
        // an overflow path's last row, whose record then moves to the end.
        // (Appending a copy each time grew the records of one phase of the
        // batch at 1 M seekers past 64 M entries, a 640 MB buffer.)
        const std::uint32_t taken = i + 2 < stack_.size() ? in_arc_[stack_[i + 2]] : kNoArc;
        const std::uint32_t first = l_[s].rfirst, last = l_[s].rlast;
        std::uint32_t w = first;
        for (std::uint32_t k = first; k < last; ++k) {
          const LevelArc e = rec_[k];
          if (!Chosen(e.arc) && e.arc != taken) rec_[w++] = e;
        }
        if (w == last) {
          l_[s].rfirst = static_cast<std::uint32_t>(rec_.size());
          for (std::uint32_t k = first; k < w; ++k) {
            const LevelArc e = rec_[k];
            rec_.push_back(e);
          }
          rec_.push_back({stack_[i], a});
          l_[s].rlast = static_cast<std::uint32_t>(rec_.size());
        } else {
          rec_[w++] = {stack_[i], a};
          l_[s].rlast = w;
        }
      }
      --load_[j];
      if (crowded_[j]) {
        SetOrphan(a, true);  // dropped from the heap lazily (CleanTop)
      } else {
        auto& hs = holders_[j];
        auto pos = std::find_if(hs.begin(), hs.end(), [a](const Holder& h) { return h.arc == a; });
        *pos = hs.back();
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

  const Network& p_;
  const Start start_;
  std::vector<std::int64_t> prices_;  // the priced start's column prices
  std::vector<std::int64_t> best_tmp_;
  const std::uint32_t S_, J_, sink_;
  const std::int64_t max_score_, penalty_;
  // Potentials apart (8 bytes a node): every arc a scan looks at reads its
  // head's potential, most are then dropped without touching the label.
  std::vector<std::int64_t> pot_;
  // A search's label and marks in one record (16 bytes).
  struct NodeState {
    std::int64_t dist = kInf;
    std::uint32_t stamp = 0, done = 0;
  };
  std::vector<NodeState> n_;
  // Per-node state of the level graphs, apart so that Dijkstra's records
  // stay small (16 bytes). What the scans read for every arc's head comes
  // first: at a 48-byte stride in a 16-byte aligned buffer, a record's
  // first 16 bytes never straddle two cache lines, so one line answers
  // them (with `dead` in an array of its own every arc cost two misses;
  // at the record's end, half of them did).
  struct LevelState {
    std::uint32_t visit = 0, level = 0;  // Levels: labelled in round `visit`
    std::uint32_t dead = 0;              // MarkDead: == phase_, reaches no terminal in this phase
    std::uint32_t round_dead = 0;        // == round_: a dead end of this round
    std::uint32_t first = 0, last = 0;   // its arcs to the next level: adj_[first, last)
    std::uint32_t cstamp = 0, cfirst = 0, clast = 0;  // Cache: phase, cadj_ range
    std::uint32_t rstamp = 0, rfirst = 0, rlast = 0;  // Dijkstra's record: phase, rec_ range
  };
  std::vector<LevelState> l_;
  std::vector<std::uint8_t> flag_;  // per arc: kChosen | kOrphan
  std::vector<std::uint32_t> ptr_stamp_, ptr_, in_arc_;
  // MarkAlive: reaches a terminal in phase alive_.
  std::vector<std::uint32_t> alive_;
  // Each column's in-arcs (row, arc, the arc's cost), for MarkAlive's backward search.
  struct InArc {
    std::uint32_t row, arc;
    std::int32_t cost;
  };
  std::vector<std::uint32_t> cin_first_;
  std::vector<InArc> cin_;
  std::vector<std::uint32_t> spare_;      // columns with room (only ever fill)
  // Rows whose overflow arc is admissible, and possibly some whose arc no
  // longer is (MarkAlive drops those). row_term_ marks the rows listed: it
  // is set for every row whose overflow arc turns admissible (checked at
  // the start and whenever a row's potential moves, that is, when Dijkstra
  // settles it), so a row without it is no terminal (Terminal).
  std::vector<std::uint32_t> row_terms_;
  std::vector<std::uint8_t> row_term_;
  bool restricted_ = false;            // this phase's rounds keep to alive_ nodes
  std::uint32_t explore_from_ = 0;     // next phase that runs MarkAlive
  std::uint32_t explore_skip_ = 8;     // phases MarkAlive is off after it did not pay
  struct LevelArc {
    std::uint32_t to, arc;
  };
  std::vector<LevelArc> adj_, cadj_, rec_;
  std::vector<std::uint32_t> queue_, walk_;
  std::vector<std::vector<Holder>> holders_;
  std::vector<std::uint32_t> load_;
  std::vector<std::uint8_t> crowded_;
  std::vector<std::vector<Keyed>> keyed_;
  std::vector<std::pair<std::uint32_t, Keyed>> aside_;
  std::vector<std::uint32_t> excess_;
  // SplitDoomed: sources set aside while the doomed ones' phases run.
  std::vector<std::uint32_t> waiting_;
  // ChooseMode's state: which phases run (local_: from one source each),
  // how many more before the next choice, the winner's epoch length, the
  // work per unit last measured of each kind (< 0: not yet) and the
  // counters at the epoch's start.
  static constexpr std::uint32_t kLocalProbe = 8;  // local phases in a probe
  PhaseKind phase_kind_ = PhaseKind::kAdaptive;
  bool local_ = false, probing_ = false, after_local_ = false, winner_local_ = false;
  std::uint32_t mode_left_ = 0, winner_len_ = 1;
  double per_unit_[2] = {-1, -1};
  std::uint64_t epoch_work_ = 0, epoch_units_ = 0;
  std::vector<std::uint32_t> pool_;
  bool track_ = false;  // Dijkstra keeps from_ (a local phase)
  std::vector<std::uint32_t> from_, from_arc_;
  bool doomed_first_ = false;
  std::uint32_t doomed_from_ = 0, doomed_skip_ = 1;  // next phase SplitDoomed runs; phases it is off after a miss
  std::vector<std::uint32_t> t_idx_, t_low_, t_scc_, t_doomed_;
  std::vector<std::uint8_t> t_res_;
  struct TFrame {
    std::uint32_t node, pos;
  };
  std::vector<TFrame> t_frames_;
  std::uint32_t t_next_ = 0;
  RadixHeap heap_;
  std::vector<std::uint32_t> settled_, stack_;
  std::uint32_t phase_ = 0, round_ = 0, top_ = 0;
  std::int64_t sink_bound_ = kInf;
  Solution sol_;
  PrimalDualStats stats_;
};


// Column prices for PricedStart from a forward auction with epsilon = 1
// (Bertsekas): rows short of their demand bid, in turn, for their best
// arcs by cost + price; a bid is the price at which the arc is 1 worse
// than the row's next alternative; a full column keeps its best bids and
// evicts the lowest (that row bids again), its price being its lowest
// kept bid (0 while it has room). A row gives up the units whose best
// alternative costs more than max_score + 1 (so prices stay below that; the
// exact phases decide who goes short). A row evicted max_evictions times
// stops; a second pass then restarts the stopped rows that still have a
// candidate column with room (below). At most max_bids bids in all. Only
// a start: the prices are 1-optimal, not optimal; PricedStart and the
// phases make the result exact. Counts go to stats (auction_bids,
// stopped_rows, second_pass_*).
std::vector<std::int64_t> AuctionPrices(const Network& p, std::uint64_t max_bids,
                                        std::uint32_t max_evictions, PrimalDualStats& stats) {
  // The second pass's bids, at most this many per unit it starts with.
  constexpr std::uint64_t kSecondPassBidsPerUnit = 128;
  const auto S = static_cast<std::uint32_t>(p.Rows());
  const auto J = static_cast<std::uint32_t>(p.Cols());
  // Prices stay below limit + 1 (a bid is alt + 1 - cost <= limit + 1), so
  // 32 bits hold them (half the cache footprint of the scans).
  const auto limit = static_cast<std::int32_t>(p.max_score + 1);
  std::vector<std::int32_t> price(J, 0);
  // A column of capacity 0 takes no bid: priced out of reach.
  for (std::uint32_t j = 0; j < J; ++j) {
    if (p.capacity[j] == 0) price[j] = 2 * limit;
  }
  struct Bid {
    std::int32_t bid;
    std::uint32_t row, arc;
    bool operator<(const Bid& o) const { return bid > o.bid; }  // a min-heap
  };
  // Each column's kept bids, a min-heap in its own slice of one array
  // (kept[first, + size)): no allocation per column. Where the slice
  // starts, how full it is and the capacity sit together, so that a bid
  // (at a column anywhere in memory) misses the cache once, not thrice.
  struct Column {
    std::uint64_t first;
    std::uint32_t size, capacity;
  };
  std::vector<Column> col(J);
  std::uint64_t total = 0;
  for (std::uint32_t j = 0; j < J; ++j) {
    col[j] = {total, 0, p.capacity[j]};
    total += p.capacity[j];
  }
  std::vector<Bid> kept(total);
  std::vector<std::uint8_t> held(p.Arcs(), 0);
  // A row's state in one word (an eviction touches one cache line of it):
  // units held, whether queued, times evicted and queued again.
  struct RowState {
    std::uint32_t held;
    std::uint16_t evicted;  // times queued again after an eviction (saturates)
    std::uint8_t queued;
  };
  std::vector<RowState> row(S, RowState{0, 0, 0});
  std::vector<std::uint32_t> queue;
  queue.reserve(S);
  for (std::uint32_t s = 0; s < S; ++s) {
    if (p.Demand(s) > 0) {
      queue.push_back(s);
      row[s].queued = 1;
    }
  }
  std::vector<std::pair<std::int32_t, std::uint32_t>> best;
  constexpr std::int32_t kNone = std::numeric_limits<std::int32_t>::max();
  std::uint64_t n = 0;
  // The queue's rows further on are fetched ahead (the evicted ones it
  // appends lie anywhere in memory): their offsets 8 ahead, their arcs 4.
  constexpr std::size_t kAhead = 4;
  // Whether row s has an unheld candidate column with room (a row stopped
  // by max_evictions may still have one).
  const auto has_room = [&](std::uint32_t s) {
    for (std::uint32_t a = p.offsets[s]; a < p.offsets[s + 1]; ++a) {
      const Column& c = col[p.job[a]];
      if (!held[a] && c.size < c.capacity) return true;
    }
    return false;
  };
  // One pass of bidding until the queue is empty or limit_bids is reached.
  // In the second pass (second == true) an evicted row past max_evictions
  // is queued again if it has a candidate column with room (see below).
  bool second = false;
  std::uint64_t limit_bids = max_bids;
  const auto run = [&] {
    for (std::size_t head = 0; head < queue.size() && n < limit_bids; ++head) {
      if (head + 2 * kAhead < queue.size())
        __builtin_prefetch(&p.offsets[queue[head + 2 * kAhead]]);
      if (head + kAhead < queue.size()) {
        const std::uint32_t b = p.offsets[queue[head + kAhead]];
        __builtin_prefetch(&p.score[b]);
        __builtin_prefetch(&p.job[b]);
        __builtin_prefetch(&held[b]);
        __builtin_prefetch(&row[queue[head + kAhead]]);
      }
      const std::uint32_t s = queue[head];
      row[s].queued = 0;
      const std::uint32_t k = p.Demand(s) - row[s].held;
      if (k == 0) continue;
      // The row's k + 1 best unheld arcs by cost + price, ascending (ties:
      // the earlier arc), in k + 1 slots that start empty (kNone, above any
      // cost + price), so that the scan tests no size: an arc enters where
      // it beats the last slot. Rows are sorted by cost and prices are >= 0,
      // so the scan stops at the first arc whose cost alone does not (until
      // 2026-12-07 a growing list, its size tested at every arc: the
      // auction at 1 M seekers 2.98-3.26 -> 2.54-2.82 s in 8 of 10
      // alternated runs, the same bids).
      // An arc that enters is shifted down from the first empty slot (or
      // the last), so a row of large demand (the jobs' side) costs no more
      // moves than before.
      best.assign(k + 1, {kNone, 0});
      std::uint32_t filled = 0;
      for (std::uint32_t a = p.offsets[s]; a < p.offsets[s + 1]; ++a) {
        const auto cost = static_cast<std::int32_t>(p.max_score - p.score[a]);
        if (cost >= best[k].first) break;
        if (held[a]) continue;
        const std::int32_t x = cost + price[p.job[a]];
        if (x >= best[k].first) continue;
        std::uint32_t at = std::min(filled, k);
        filled += filled <= k;
        for (; at > 0 && x < best[at - 1].first; --at) best[at] = best[at - 1];
        best[at] = {x, a};
      }
      best.resize(filled);
      const std::int32_t alt = std::min(limit, best.size() > k ? best[k].first : limit);
      for (std::uint32_t i = 0; i < k && i < best.size(); ++i) {
        const std::uint32_t j = p.job[best[i].second];
        __builtin_prefetch(kept.data() + col[j].first);
      }
      for (std::uint32_t i = 0; i < k && i < best.size(); ++i) {
        const auto [r, a] = best[i];
        if (r >= limit) break;
        const std::uint32_t j = p.job[a];
        Column& c = col[j];
        Bid* h = kept.data() + c.first;
        std::uint32_t& size = c.size;
        const Bid b{alt + 1 - static_cast<std::int32_t>(p.max_score - p.score[a]), s, a};
        ++n;
        if (size == c.capacity) {
          std::pop_heap(h, h + size);
          const Bid out = h[--size];
          held[out.arc] = 0;
          RowState& o = row[out.row];
          --o.held;
          // A row outbid again and again competes for columns that will
          // not all be served (the batch's crowded areas): it stops bidding,
          // so that no price war runs up to the limit there (in the second
          // pass only while it has a candidate column with room).
          if (!o.queued && (o.evicted < max_evictions || (second && has_room(out.row)))) {
            o.evicted += o.evicted < std::numeric_limits<std::uint16_t>::max();
            o.queued = 1;
            queue.push_back(out.row);
          }
        }
        h[size++] = b;
        std::push_heap(h, h + size);
        held[a] = 1;
        ++row[s].held;
        if (size == c.capacity) price[j] = h[0].bid;
      }
    }
  };
  run();
  // The rows stopped by max_evictions that still have a candidate column
  // with room bid again, and so does any row they evict that has one
  // (where popularity is skewed and room is left, Zipf with 2-10 % to
  // spare, the stopped rows' units are found a column by the auction
  // instead of one Dijkstra phase per few units: 191 phases -> 31 at 5 %).
  // A stopped row whose candidates are all full is left out: there (the
  // batch's crowded areas) the war would run each unit's price up to the
  // limit before the row gives it up; at the end of the first pass at
  // 1 M seekers, 372 of the 46,806 stopped rows had a candidate with room.
  queue.clear();
  std::uint64_t units = 0;
  for (std::uint32_t s = 0; s < S; ++s) {
    if (row[s].evicted < max_evictions || row[s].held == p.Demand(s)) continue;
    ++stats.stopped_rows;
    if (!has_room(s)) continue;
    queue.push_back(s);
    row[s].queued = 1;
    units += p.Demand(s) - row[s].held;
  }
  stats.second_pass_rows = queue.size();
  stats.second_pass_units = units;
  const std::uint64_t first_bids = n;
  second = true;
  limit_bids = std::min(max_bids, n + kSecondPassBidsPerUnit * units);
  run();
  stats.auction_bids = n;
  stats.second_pass_bids = n - first_bids;
  std::vector<std::int64_t> out(J);
  for (std::uint32_t j = 0; j < J; ++j) out[j] = p.capacity[j] == 0 ? 0 : price[j];
  return out;
}

// Sorts every row's arcs by score, best first (ties: earlier arc first), in
// place; orig[a] follows its arc. The solver needs rows in this order
// (Dijkstra and the admissible-arc scans stop early along a row).
void SortRows(std::span<const std::uint32_t> offsets, std::vector<std::uint32_t>& col,
              std::vector<std::int32_t>& score, std::vector<std::uint32_t>& orig) {
  std::vector<std::uint32_t> order;
  std::vector<std::uint32_t> c2;
  std::vector<std::int32_t> s2;
  std::vector<std::uint32_t> o2;
  for (std::size_t r = 0; r + 1 < offsets.size(); ++r) {
    const std::uint32_t b = offsets[r], e = offsets[r + 1];
    if (std::is_sorted(score.begin() + b, score.begin() + e, std::greater<>())) continue;
    order.resize(e - b);
    std::iota(order.begin(), order.end(), b);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) { return score[x] > score[y]; });
    c2.clear();
    s2.clear();
    o2.clear();
    for (std::uint32_t a : order) {
      c2.push_back(col[a]);
      s2.push_back(score[a]);
      o2.push_back(orig[a]);
    }
    std::copy(c2.begin(), c2.end(), col.begin() + b);
    std::copy(s2.begin(), s2.end(), score.begin() + b);
    std::copy(o2.begin(), o2.end(), orig.begin() + b);
  }
}

}  // namespace

Solution SolvePrimalDual(const Problem& p, PrimalDualStats* stats, Side side, Start start) {
  return SolvePrimalDual(p, ShapeOf(p), stats, side, start);
}

Solution SolvePrimalDual(const Problem& p, const Shape& shape, PrimalDualStats* stats, Side side, Start start) {
  const auto S = static_cast<std::uint32_t>(p.Seekers());
  const auto J = static_cast<std::uint32_t>(p.Jobs());
  std::vector<std::uint32_t> seeker_demand(S);
  for (std::uint32_t s = 0; s < S; ++s) seeker_demand[s] = p.Demand(s);
  if (side == Side::kSeekers) {
    if (shape.rows_sorted) {  // the batch's lists are best first: no copy
      Network net{p.offsets, p.job, p.score, p.capacity, std::move(seeker_demand), shape.max_score};
      return PrimalDual(net, start).Run(stats);
    }
    std::vector<std::uint32_t> job(p.job.begin(), p.job.end()), orig(p.Arcs());
    std::vector<std::int32_t> score(p.score.begin(), p.score.end());
    std::iota(orig.begin(), orig.end(), 0u);
    SortRows(p.offsets, job, score, orig);
    Network net{p.offsets, job, score, p.capacity, std::move(seeker_demand), shape.max_score};
    const Solution t = PrimalDual(net, start).Run(stats);
    Solution sol;
    sol.chosen.assign(p.Arcs(), 0);
    sol.shortfall = t.shortfall;
    for (std::uint32_t a = 0; a < p.Arcs(); ++a) sol.chosen[orig[a]] = t.chosen[a];
    return sol;
  }
  // The transpose: row j lists the seekers that have job j as a candidate
  // (best score first, ties in seeker order), its demand is min(capacity,
  // such seekers); column s has capacity demand(s). orig maps a transposed
  // arc to p's arc.
  std::vector<std::uint32_t> offsets(J + 1, 0), seeker(p.Arcs()), orig(p.Arcs()), demand(J);
  std::vector<std::int32_t> score(p.Arcs());
  for (std::uint32_t j : p.job) ++offsets[j + 1];
  for (std::uint32_t j = 0; j < J; ++j) {
    demand[j] = std::min(p.capacity[j], offsets[j + 1]);
    offsets[j + 1] += offsets[j];
  }
  {
    std::vector<std::uint32_t> fill(offsets.begin(), offsets.end() - 1);
    for (std::uint32_t s = 0; s < S; ++s) {
      for (std::uint32_t a = p.offsets[s]; a < p.offsets[s + 1]; ++a) {
        const std::uint32_t t = fill[p.job[a]]++;
        seeker[t] = s;
        score[t] = p.score[a];
        orig[t] = a;
      }
    }
  }
  SortRows(offsets, seeker, score, orig);
  Network net{offsets, seeker, score, seeker_demand, std::move(demand), shape.max_score};
  const Solution t = PrimalDual(net, start).Run(stats);
  Solution sol;
  sol.chosen.assign(p.Arcs(), 0);
  sol.shortfall.assign(S, 0);
  for (std::uint32_t a = 0; a < p.Arcs(); ++a) sol.chosen[orig[a]] = t.chosen[a];
  for (std::uint32_t s = 0; s < S; ++s) {
    std::uint32_t got = 0;
    for (std::uint32_t a = p.offsets[s]; a < p.offsets[s + 1]; ++a) got += sol.chosen[a];
    sol.shortfall[s] = p.Demand(s) - got;
  }
  return sol;
}

std::uint64_t StartViolations(const Problem& p, std::span<const std::uint8_t> chosen,
                              std::span<const std::int64_t> potentials) {
  std::vector<std::uint32_t> demand(p.Seekers());
  for (std::size_t s = 0; s < p.Seekers(); ++s) demand[s] = p.Demand(s);
  const Network net{p.offsets, p.job, p.score, p.capacity, std::move(demand), MaxScore(p)};
  return CountStartViolations(net, [&](std::uint32_t a) { return chosen[a] != 0; }, potentials);
}

}  // namespace qjy::assign
