#include "linkage/engine.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <thread>

namespace qjy::linkage {
namespace {

using Clock = std::chrono::steady_clock;
double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Runs f(chunk, thread) for chunks [0, chunks) on `threads` threads; chunk c
// goes to thread c % threads. Callers keep per-chunk outputs, so results do
// not depend on scheduling.
template <class F>
void ParallelChunks(int threads, size_t chunks, F&& f) {
  threads = std::max(1, threads);
  if (threads == 1 || chunks <= 1) {
    for (size_t c = 0; c < chunks; ++c) f(c, 0);
    return;
  }
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (size_t c = static_cast<size_t>(t); c < chunks; c += static_cast<size_t>(threads)) f(c, t);
    });
  }
  for (auto& th : pool) th.join();
}

// Open-addressing map pattern -> count.
class PatternCounts {
 public:
  PatternCounts() : keys_(1024, kEmpty), counts_(1024, 0) {}
  void Add(uint32_t pattern, uint64_t n = 1) {
    size_t mask = keys_.size() - 1;
    size_t i = Hash(pattern) & mask;
    while (keys_[i] != kEmpty && keys_[i] != pattern) i = (i + 1) & mask;
    if (keys_[i] == kEmpty) {
      keys_[i] = pattern;
      if (++used_ * 2 > keys_.size()) {
        counts_[i] += n;
        Grow();
        return;
      }
    }
    counts_[i] += n;
  }
  void Merge(const PatternCounts& other) {
    for (size_t i = 0; i < other.keys_.size(); ++i) {
      if (other.keys_[i] != kEmpty) Add(other.keys_[i], other.counts_[i]);
    }
  }
  // (pattern, count) sorted by pattern.
  std::vector<std::pair<uint32_t, uint64_t>> Sorted() const {
    std::vector<std::pair<uint32_t, uint64_t>> out;
    for (size_t i = 0; i < keys_.size(); ++i) {
      if (keys_[i] != kEmpty) out.emplace_back(keys_[i], counts_[i]);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  static constexpr uint32_t kEmpty = std::numeric_limits<uint32_t>::max();
  static size_t Hash(uint32_t x) { return (x * 0x9E3779B1u) ^ (x >> 15); }
  void Grow() {
    std::vector<uint32_t> keys = std::move(keys_);
    std::vector<uint64_t> counts = std::move(counts_);
    keys_.assign(keys.size() * 2, kEmpty);
    counts_.assign(keys.size() * 2, 0);
    used_ = 0;
    for (size_t i = 0; i < keys.size(); ++i) {
      if (keys[i] != kEmpty) Add(keys[i], counts[i]);
    }
  }
  std::vector<uint32_t> keys_;
  std::vector<uint64_t> counts_;
  size_t used_ = 0;
};

// Floor of an estimated m: a level no match showed in training still
// costs at most log2(u/1e-4) bits, not an unbounded penalty.
constexpr double kMinM = 1e-4;

struct Candidate {
  uint32_t left, right, pattern;
};

struct Layout {
  std::vector<int> levels;
  std::vector<uint32_t> stride;
  int Level(uint32_t pattern, size_t f) const {
    return static_cast<int>((pattern / stride[f]) % static_cast<uint32_t>(levels[f]));
  }
};

std::vector<double> InitialM(int levels) {
  // Non-missing levels 1..L-1 weighted 4^level: most matches agree closely.
  std::vector<double> m(static_cast<size_t>(levels), 0.0);
  double total = 0;
  for (int l = 1; l < levels; ++l) total += m[static_cast<size_t>(l)] = std::pow(4.0, l);
  for (int l = 1; l < levels; ++l) m[static_cast<size_t>(l)] /= total;
  m[0] = 1;
  return m;
}

// Log-likelihood ratio terms per pattern given m, u over `active` fields.
struct PatternTable {
  std::vector<std::vector<int>> levels;  // [pattern index][field]
  std::vector<double> count;
};

PatternTable Decode(const std::vector<std::pair<uint32_t, uint64_t>>& hist, const Layout& layout) {
  PatternTable t;
  for (const auto& [p, c] : hist) {
    std::vector<int> lv(layout.levels.size());
    for (size_t f = 0; f < lv.size(); ++f) lv[f] = layout.Level(p, f);
    t.levels.push_back(std::move(lv));
    t.count.push_back(static_cast<double>(c));
  }
  return t;
}

double Posterior(const PatternTable& t, size_t i, const std::vector<LevelParams>& params,
                 const std::vector<bool>& active, double lambda) {
  double log_ratio = std::log(lambda) - std::log1p(-lambda);
  for (size_t f = 0; f < params.size(); ++f) {
    if (!active[f]) continue;
    const int l = t.levels[i][f];
    if (l == 0) continue;
    log_ratio += std::log(params[f].m[static_cast<size_t>(l)]) -
                 std::log(params[f].u[static_cast<size_t>(l)]);
  }
  return 1.0 / (1.0 + std::exp(-log_ratio));
}

// EM for m (active fields) and λ with u fixed. Returns iterations.
int RunEm(const PatternTable& t, std::vector<LevelParams>& params, const std::vector<bool>& active,
          double& lambda, bool update_m, const LinkOptions& options) {
  double total = 0;
  for (double c : t.count) total += c;
  if (total == 0) return 0;
  int it = 0;
  for (; it < options.max_em_iterations; ++it) {
    std::vector<std::vector<double>> num(params.size());
    for (size_t f = 0; f < params.size(); ++f) num[f].assign(params[f].m.size(), 0.0);
    double matched = 0;
    for (size_t i = 0; i < t.count.size(); ++i) {
      const double g = Posterior(t, i, params, active, lambda) * t.count[i];
      matched += g;
      for (size_t f = 0; f < params.size(); ++f) {
        if (active[f]) num[f][static_cast<size_t>(t.levels[i][f])] += g;
      }
    }
    double change = std::abs(matched / total - lambda);
    lambda = std::clamp(matched / total, 1e-9, 1 - 1e-9);
    if (update_m) {
      for (size_t f = 0; f < params.size(); ++f) {
        if (!active[f]) continue;
        double sum = 0;
        for (size_t l = 1; l < num[f].size(); ++l) sum += num[f][l];
        if (sum <= 0) continue;
        for (size_t l = 1; l < num[f].size(); ++l) {
          const double m = std::max(num[f][l] / sum, kMinM);
          change = std::max(change, std::abs(m - params[f].m[l]));
          params[f].m[l] = m;
        }
      }
    }
    if (change < options.em_tolerance) {
      ++it;
      break;
    }
  }
  return it;
}

}  // namespace

Result<LinkResult> Link(size_t left_rows, size_t right_rows,
                        std::span<const Comparison* const> comparisons,
                        std::span<const BlockingRule> rules, const LinkOptions& options) {
  LinkResult result;
  const size_t nf = comparisons.size();
  if (nf == 0) return Fail(ErrorCode::kInvalidArgument, "没有比较字段");
  if (left_rows >= std::numeric_limits<uint32_t>::max() ||
      right_rows >= std::numeric_limits<uint32_t>::max()) {
    return Fail(ErrorCode::kOutOfRange, "记录数超出上限");
  }
  Layout layout;
  uint64_t radix = 1;
  for (const Comparison* c : comparisons) {
    if (c->levels() < 2) return Fail(ErrorCode::kInvalidArgument, "比较字段至少要有两个级别");
    layout.levels.push_back(c->levels());
    layout.stride.push_back(static_cast<uint32_t>(radix));
    radix *= static_cast<uint64_t>(c->levels());
    if (radix >= std::numeric_limits<uint32_t>::max()) {
      return Fail(ErrorCode::kInvalidArgument, "比较级别组合过多");
    }
  }
  if (options.dedup && left_rows != right_rows) {
    return Fail(ErrorCode::kInvalidArgument, "文件内查重时左右两侧必须是同一份记录");
  }
  for (const BlockingRule& r : rules) {
    if (r.left_keys.size() != left_rows || r.right_keys.size() != right_rows) {
      return Fail(ErrorCode::kInvalidArgument, "分块规则“" + r.name + "”的键数与记录数不符");
    }
    for (int f : r.comparisons) {
      if (f < 0 || static_cast<size_t>(f) >= nf) {
        return Fail(ErrorCode::kInvalidArgument, "分块规则“" + r.name + "”引用了不存在的比较字段");
      }
    }
  }
  const int threads = std::max(1, options.threads);
  auto pattern_of = [&](uint32_t a, uint32_t b) {
    uint32_t p = 0;
    for (size_t f = 0; f < nf; ++f) {
      p += static_cast<uint32_t>(comparisons[f]->Level(a, b)) * layout.stride[f];
    }
    return p;
  };

  // 1. u from random pairs.
  auto t0 = Clock::now();
  std::vector<LevelParams>& params = result.model.fields;
  params.resize(nf);
  std::vector<std::vector<bool>> u_zero(nf);
  if (options.model != nullptr) {
    if (options.model->fields.size() != nf) {
      return Fail(ErrorCode::kInvalidArgument, "模型的比较字段数与本次不符");
    }
    for (size_t f = 0; f < nf; ++f) {
      const LevelParams& p = options.model->fields[f];
      if (p.m.size() != static_cast<size_t>(layout.levels[f]) || p.u.size() != p.m.size()) {
        return Fail(ErrorCode::kInvalidArgument, "模型与比较字段“" + comparisons[f]->name() + "”的级别不符");
      }
      params[f] = p;
      u_zero[f].assign(p.m.size(), false);
    }
  } else {
    constexpr size_t kChunks = 64;
    std::vector<std::vector<std::vector<uint64_t>>> counts(
        kChunks, std::vector<std::vector<uint64_t>>(nf));
    const uint64_t per_chunk = options.u_sample_pairs / kChunks + 1;
    if (left_rows > 0 && right_rows > 0) {
      ParallelChunks(threads, kChunks, [&](size_t c, int) {
        auto& cnt = counts[c];
        for (size_t f = 0; f < nf; ++f) cnt[f].assign(static_cast<size_t>(layout.levels[f]), 0);
        uint64_t state = options.seed ^ (0xA0761D6478BD642Full * (c + 1));
        auto next = [&] {  // SplitMix64
          uint64_t z = (state += 0x9E3779B97F4A7C15ull);
          z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
          z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
          return z ^ (z >> 31);
        };
        for (uint64_t k = 0; k < per_chunk; ++k) {
          const auto a = static_cast<uint32_t>(next() % left_rows);
          auto b = static_cast<uint32_t>(next() % right_rows);
          if (options.dedup && a == b) {
            if (right_rows < 2) continue;
            b = static_cast<uint32_t>((b + 1) % right_rows);
          }
          for (size_t f = 0; f < nf; ++f) ++cnt[f][static_cast<size_t>(comparisons[f]->Level(a, b))];
        }
      });
    }
    for (size_t f = 0; f < nf; ++f) {
      const auto L = static_cast<size_t>(layout.levels[f]);
      std::vector<uint64_t> sum(L, 0);
      for (size_t c = 0; c < kChunks; ++c) {
        for (size_t l = 0; l < L && l < counts[c][f].size(); ++l) sum[l] += counts[c][f][l];
      }
      uint64_t present = 0;
      for (size_t l = 1; l < L; ++l) present += sum[l];
      params[f].u.assign(L, 1.0);
      u_zero[f].assign(L, false);
      for (size_t l = 1; l < L; ++l) u_zero[f][l] = sum[l] == 0;
      for (size_t l = 1; l < L; ++l) {
        params[f].u[l] = (static_cast<double>(sum[l]) + 0.5) / (static_cast<double>(present) + 0.5 * static_cast<double>(L - 1));
      }
      params[f].m = InitialM(layout.levels[f]);
    }
  }
  result.stats.seconds_u = Since(t0);

  // 2. Blocking: right rows sorted by key per rule; each left row's range.
  t0 = Clock::now();
  const size_t nr = rules.size();
  std::vector<std::vector<std::pair<uint64_t, uint32_t>>> index(nr);
  ParallelChunks(threads, nr, [&](size_t r, int) {
    auto& ix = index[r];
    for (size_t j = 0; j < right_rows; ++j) {
      if (rules[r].right_keys[j] != 0) ix.emplace_back(rules[r].right_keys[j], static_cast<uint32_t>(j));
    }
    std::sort(ix.begin(), ix.end());
  });
  constexpr size_t kRowsPerChunk = 4096;
  const size_t chunks = (left_rows + kRowsPerChunk - 1) / kRowsPerChunk;
  // [left row][rule] -> range in index[rule].
  std::vector<std::pair<uint32_t, uint32_t>> ranges(left_rows * nr);
  std::vector<uint64_t> chunk_pairs(chunks, 0);
  ParallelChunks(threads, chunks, [&](size_t c, int) {
    const size_t end = std::min(left_rows, (c + 1) * kRowsPerChunk);
    uint64_t n = 0;
    for (size_t i = c * kRowsPerChunk; i < end; ++i) {
      for (size_t r = 0; r < nr; ++r) {
        const uint64_t key = rules[r].left_keys[i];
        auto& range = ranges[i * nr + r];
        if (key == 0) continue;
        const auto& ix = index[r];
        auto lo = std::lower_bound(ix.begin(), ix.end(), std::pair<uint64_t, uint32_t>(key, 0));
        auto hi = lo;
        while (hi != ix.end() && hi->first == key) ++hi;
        range = {static_cast<uint32_t>(lo - ix.begin()), static_cast<uint32_t>(hi - ix.begin())};
        n += range.second - range.first;
      }
    }
    chunk_pairs[c] = n;
  });
  uint64_t rule_pairs = 0;
  for (uint64_t n : chunk_pairs) rule_pairs += n;
  result.stats.rule_pairs = rule_pairs;
  if (rule_pairs > options.max_candidate_pairs) {
    return Fail(ErrorCode::kOutOfRange, "分块规则产生的候选对过多（" + std::to_string(rule_pairs) +
                                            "），请收紧分块规则");
  }

  // 3. Candidate pairs with their patterns; per-rule training histograms.
  std::vector<std::vector<Candidate>> chunk_candidates(chunks);
  std::vector<std::vector<PatternCounts>> thread_rule_hist(
      static_cast<size_t>(threads), std::vector<PatternCounts>(nr));
  std::vector<PatternCounts> thread_hist(static_cast<size_t>(threads));
  ParallelChunks(threads, chunks, [&](size_t c, int t) {
    const size_t end = std::min(left_rows, (c + 1) * kRowsPerChunk);
    auto& out = chunk_candidates[c];
    out.reserve(chunk_pairs[c]);
    auto& rule_hist = thread_rule_hist[static_cast<size_t>(t)];
    auto& hist = thread_hist[static_cast<size_t>(t)];
    for (size_t i = c * kRowsPerChunk; i < end; ++i) {
      for (size_t r = 0; r < nr; ++r) {
        const auto [lo, hi] = ranges[i * nr + r];
        for (uint32_t k = lo; k < hi; ++k) {
          const uint32_t j = index[r][k].second;
          if (options.dedup && j <= i) continue;  // no self-pairs, each pair once
          const uint32_t p = pattern_of(static_cast<uint32_t>(i), j);
          rule_hist[r].Add(p);
          bool seen = false;
          for (size_t q = 0; q < r && !seen; ++q) {
            const uint64_t key = rules[q].left_keys[i];
            seen = key != 0 && key == rules[q].right_keys[j];
          }
          if (seen) continue;
          out.push_back({static_cast<uint32_t>(i), j, p});
          hist.Add(p);
        }
      }
    }
    out.shrink_to_fit();
  });
  std::vector<std::pair<uint32_t, uint32_t>>().swap(ranges);
  for (size_t t = 1; t < thread_hist.size(); ++t) {
    thread_hist[0].Merge(thread_hist[t]);
    for (size_t r = 0; r < nr; ++r) thread_rule_hist[0][r].Merge(thread_rule_hist[t][r]);
  }
  for (const auto& v : chunk_candidates) result.stats.candidate_pairs += v.size();
  const auto hist = thread_hist[0].Sorted();
  result.stats.distinct_patterns = hist.size();
  result.stats.seconds_pairs = Since(t0);

  // 4. m by EM per rule (u fixed), then λ among the candidates.
  t0 = Clock::now();
  if (options.train_m && options.model == nullptr) {
    std::vector<std::vector<double>> m_sum(nf);
    std::vector<int> sessions(nf, 0);
    for (size_t f = 0; f < nf; ++f) m_sum[f].assign(static_cast<size_t>(layout.levels[f]), 0.0);
    for (size_t r = 0; r < nr; ++r) {
      std::vector<bool> active(nf, true);
      for (int f : rules[r].comparisons) active[static_cast<size_t>(f)] = false;
      std::vector<LevelParams> session = params;
      for (size_t f = 0; f < nf; ++f) session[f].m = InitialM(layout.levels[f]);
      double lambda = 0.3;
      const PatternTable table = Decode(thread_rule_hist[0][r].Sorted(), layout);
      result.model.em_iterations += RunEm(table, session, active, lambda, true, options);
      for (size_t f = 0; f < nf; ++f) {
        if (!active[f]) continue;
        ++sessions[f];
        for (size_t l = 1; l < m_sum[f].size(); ++l) m_sum[f][l] += session[f].m[l];
      }
    }
    for (size_t f = 0; f < nf; ++f) {
      if (sessions[f] == 0) continue;  // conditioned on by every rule: initial m
      for (size_t l = 1; l < m_sum[f].size(); ++l) params[f].m[l] = m_sum[f][l] / sessions[f];
    }
  }
  const PatternTable table = Decode(hist, layout);
  double lambda = 0.1;
  const std::vector<bool> all(nf, true);
  if (options.model != nullptr) {
    lambda = options.model->lambda;
  } else {
    result.model.em_iterations += RunEm(table, params, all, lambda, false, options);
  }
  result.model.lambda = lambda;
  for (size_t f = 0; f < nf && options.model == nullptr; ++f) {
    LevelParams& p = params[f];
    p.weight.assign(p.m.size(), 0.0);
    for (size_t l = 1; l < p.m.size(); ++l) {
      // A level seen neither among random pairs nor among trained matches
      // carries no evidence either way.
      if (u_zero[f][l] && p.m[l] <= kMinM) continue;
      p.weight[l] = std::log2(p.m[l] / p.u[l]);
    }
  }
  result.stats.seconds_em = Since(t0);

  // 5. Score: weight per pattern, pairs above the review threshold.
  t0 = Clock::now();
  PatternCounts pattern_index;  // pattern -> index + 1 into weights
  std::vector<float> pattern_weight;
  const double prior = std::log2(lambda / (1 - lambda));
  for (size_t i = 0; i < hist.size(); ++i) {
    double w = prior;
    for (size_t f = 0; f < nf; ++f) w += params[f].weight[static_cast<size_t>(table.levels[i][f])];
    pattern_weight.push_back(static_cast<float>(w));
  }
  auto weight_of = [&](uint32_t p) {
    auto it = std::lower_bound(hist.begin(), hist.end(), std::pair<uint32_t, uint64_t>(p, 0));
    return pattern_weight[static_cast<size_t>(it - hist.begin())];
  };
  const double review_w = std::log2(options.review_probability / (1 - options.review_probability));
  std::vector<std::vector<ScoredPair>> kept(chunks);
  ParallelChunks(threads, chunks, [&](size_t c, int) {
    for (const Candidate& cand : chunk_candidates[c]) {
      const float w = weight_of(cand.pattern);
      if (w < review_w) continue;
      const float p = static_cast<float>(1.0 / (1.0 + std::exp2(-static_cast<double>(w))));
      kept[c].push_back({cand.left, cand.right, w, p});
    }
    std::vector<Candidate>().swap(chunk_candidates[c]);
  });
  std::vector<ScoredPair> pairs;
  for (auto& v : kept) pairs.insert(pairs.end(), v.begin(), v.end());
  if (options.one_to_one && !options.dedup) {
    std::sort(pairs.begin(), pairs.end(), [](const ScoredPair& a, const ScoredPair& b) {
      if (a.weight != b.weight) return a.weight > b.weight;
      if (a.left != b.left) return a.left < b.left;
      return a.right < b.right;
    });
    std::vector<bool> used_l(left_rows, false), used_r(right_rows, false);
    std::vector<ScoredPair> chosen;
    for (const ScoredPair& p : pairs) {
      if (used_l[p.left] || used_r[p.right]) continue;
      used_l[p.left] = used_r[p.right] = true;
      chosen.push_back(p);
    }
    pairs = std::move(chosen);
  }
  std::sort(pairs.begin(), pairs.end(), [](const ScoredPair& a, const ScoredPair& b) {
    return a.left != b.left ? a.left < b.left : a.right < b.right;
  });
  for (const ScoredPair& p : pairs) {
    (p.probability >= options.match_probability ? result.links : result.review).push_back(p);
  }
  result.stats.seconds_score = Since(t0);
  return result;
}

Accuracy Score(std::span<const ScoredPair> links,
               std::span<const std::pair<uint32_t, uint32_t>> truth) {
  Accuracy a;
  a.predicted = links.size();
  a.actual = truth.size();
  for (const ScoredPair& p : links) {
    if (std::binary_search(truth.begin(), truth.end(), std::pair<uint32_t, uint32_t>(p.left, p.right))) {
      ++a.true_positives;
    }
  }
  a.precision = a.predicted ? static_cast<double>(a.true_positives) / a.predicted : 0;
  a.recall = a.actual ? static_cast<double>(a.true_positives) / a.actual : 0;
  a.f1 = a.precision + a.recall > 0 ? 2 * a.precision * a.recall / (a.precision + a.recall) : 0;
  return a;
}

}  // namespace qjy::linkage
