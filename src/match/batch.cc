#include "match/batch.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "assign/solve.h"
#include "assign/problem.h"
#include "core/first_exception.h"
#include "core/install_paths.h"

namespace qjy::match {

Result<BatchParams> LoadBatchParams(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("无法读取批量推荐参数文件 {}：{}", path, e.what()));
  }
  if (!root["valid_from"] || !root["source"]) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：缺少 valid_from 或 source（须注明日期与依据）", path));
  }
  BatchParams p;
  p.valid_from = root["valid_from"].as<std::string>();
  p.source = root["source"].as<std::string>();
  auto get = [&](const char* key, std::uint32_t lo, std::uint32_t hi) -> Result<std::uint32_t> {
    const YAML::Node n = root[key];
    if (!n || !n.IsScalar()) return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：缺少 {}", path, key));
    try {
      const long v = n.as<long>();
      if (v < lo || v > hi) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：{} 应在 {}–{} 之间", path, key, lo, hi));
      }
      return static_cast<std::uint32_t>(v);
    } catch (const std::exception&) {
      return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：{} 应为整数", path, key));
    }
  };
  auto r = get("recommendations", 1, 20);
  if (!r) return std::unexpected(r.error());
  auto m = get("multiple", 1, 1000);
  if (!m) return std::unexpected(m.error());
  p.recommendations = *r;
  p.multiple = *m;
  return p;
}

Result<BatchParams> LoadDefaultBatchParams() {
  return LoadBatchParams(ShippedPath("src/match/data/batch.yaml").string());
}

namespace {

struct Slice {  // one thread's seekers and their candidates, in index order
  std::vector<SeekerIndex> seekers;
  std::vector<std::uint32_t> counts;
  std::vector<Candidate> candidates;
};

void Collect(const MatchIndex& index, const BatchOptions& o, SeekerIndex from, SeekerIndex to, Slice& out) {
  for (SeekerIndex s = from; s < to; ++s) {
    if (o.progress && (s - from) % 1024 == 1023) o.progress->seekers_done.fetch_add(1024, std::memory_order_relaxed);
    if (o.registered_only || !o.region_prefix.empty()) {
      const SeekerInfo info = index.Seeker(s);
      if (o.registered_only && !info.registered_unemployed) continue;
      if (!info.county_code.starts_with(o.region_prefix)) continue;
    }
    std::vector<Candidate> c = index.Candidates(s, o.candidates);
    out.seekers.push_back(s);
    out.counts.push_back(static_cast<std::uint32_t>(c.size()));
    out.candidates.insert(out.candidates.end(), c.begin(), c.end());
  }
}

}  // namespace

Result<BatchProblem> BuildBatchProblem(const MatchIndex& index, const BatchOptions& o) {
  const auto n = static_cast<SeekerIndex>(index.seeker_count());
  const int threads = std::clamp(o.threads, 1, 16);
  if (o.progress) {
    o.progress->seekers_total.store(n, std::memory_order_relaxed);
    o.progress->phase.store(0, std::memory_order_relaxed);
  }
  std::vector<Slice> slices(threads);
  FirstException failure;  // rethrown here, not left to end the process
  {
    std::vector<std::jthread> pool;
    for (int t = 0; t < threads; ++t) {
      const SeekerIndex from = static_cast<SeekerIndex>(std::uint64_t(n) * t / threads);
      const SeekerIndex to = static_cast<SeekerIndex>(std::uint64_t(n) * (t + 1) / threads);
      pool.emplace_back([&, from, to, t] {
        failure.Run([&] { Collect(index, o, from, to, slices[t]); });
      });
    }
  }
  failure.Rethrow();
  BatchProblem bp;
  assign::Problem& p = bp.problem;
  std::vector<SeekerIndex>& who = bp.who;
  p.want = o.params.recommendations;
  const std::size_t jobs = index.job_count();
  p.capacity.resize(jobs);
  for (JobIndex j = 0; j < jobs; ++j) {
    p.capacity[j] = index.Open(j) ? o.params.multiple * static_cast<std::uint32_t>(index.Capacity(j)) : 0;
  }
  for (const Slice& sl : slices) {
    std::size_t k = 0;
    for (std::size_t i = 0; i < sl.seekers.size(); ++i) {
      who.push_back(sl.seekers[i]);
      for (std::uint32_t c = 0; c < sl.counts[i]; ++c, ++k) {
        p.job.push_back(sl.candidates[k].index);
        p.score.push_back(sl.candidates[k].score);
      }
      p.offsets.push_back(static_cast<std::uint32_t>(p.job.size()));
    }
  }
  slices.clear();
  if (auto v = assign::Validate(p); !v) return std::unexpected(v.error());
  if (o.progress) o.progress->seekers_done.store(n, std::memory_order_relaxed);
  return bp;
}

namespace {

double SecondsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// Seeker k's recommendations (score descending) with reasons, and why fewer
// than owed when so.
void Outcome(const MatchIndex& index, const BatchOptions& o, const assign::Problem& p, const assign::Solution& sol,
             const std::vector<SeekerIndex>& who, std::size_t k, SeekerOutcome& out) {
  out.seeker = who[k];
  out.feasible = p.offsets[k + 1] - p.offsets[k];
  for (std::uint32_t a = p.offsets[k]; a < p.offsets[k + 1]; ++a) {
    if (!sol.chosen[a]) continue;
    out.jobs.push_back({p.job[a], p.score[a], index.Explain(who[k], p.job[a]).Joined()});
  }
  std::stable_sort(out.jobs.begin(), out.jobs.end(),
                   [](const Recommendation& x, const Recommendation& y) { return x.score > y.score; });
  if (out.jobs.size() >= p.want) return;
  if (out.feasible < p.want) {
    out.shortfall = fmt::format("符合条件的在招岗位只有 {} 个（少于 {} 个）", out.feasible, p.want);
  } else if (out.feasible < o.candidates) {  // every feasible job was considered
    out.shortfall = fmt::format("符合条件的 {} 个岗位推荐名额已满（每个岗位最多推荐招聘人数的 {} 倍）",
                                out.feasible, o.params.multiple);
  } else {  // only the best `candidates` were: others may have room
    out.shortfall = fmt::format(
        "得分最高的 {} 个符合条件岗位推荐名额已满（每个岗位最多推荐招聘人数的 {} 倍），"
        "其余岗位未纳入本次批量推荐，可单独查看推荐岗位",
        out.feasible, o.params.multiple);
  }
}

}  // namespace

Result<BatchResult> RunBatch(const MatchIndex& index, const BatchOptions& o) {
  const auto t_candidates = std::chrono::steady_clock::now();
  auto built = BuildBatchProblem(index, o);
  if (!built) return std::unexpected(built.error());
  const double seconds_candidates = SecondsSince(t_candidates);
  const auto t_assign = std::chrono::steady_clock::now();
  const assign::Problem& p = built->problem;
  const std::vector<SeekerIndex>& who = built->who;
  if (o.progress) o.progress->phase.store(1, std::memory_order_relaxed);
  // The naive top-k the result is compared with, on another thread while
  // the (single-threaded) solver runs.
  assign::Spread naive_spread;
  std::int64_t naive_score = 0;
  FirstException failure;  // a worker's exception is rethrown on this thread
  std::jthread naive_thread([&] {
    failure.Run([&] {
      const assign::Solution naive = assign::NaiveTopK(p);
      naive_spread = assign::Measure(p, naive);
      for (std::size_t a = 0; a < p.Arcs(); ++a) naive_score += naive.chosen[a] ? p.score[a] : 0;
    });
  });
  const assign::Solution sol = assign::Solve(p);
  naive_thread.join();
  failure.Rethrow();
  if (o.progress) o.progress->phase.store(2, std::memory_order_relaxed);
  auto totals = assign::Check(p, sol);
  if (!totals) return std::unexpected(totals.error());
  BatchResult r;
  r.seconds_candidates = seconds_candidates;
  r.totals = *totals;
  r.spread = assign::Measure(p, sol);
  r.naive = naive_spread;
  r.naive_score = naive_score;

  r.seconds_assign = SecondsSince(t_assign);
  const auto t_reasons = std::chrono::steady_clock::now();
  r.seekers.resize(who.size());
  // Reasons (Explain under the index's read lock) on the batch's threads,
  // each a contiguous range of seekers.
  {
    const int threads = std::clamp(o.threads, 1, 16);
    std::vector<std::jthread> pool;
    for (int t = 0; t < threads; ++t) {
      const std::size_t from = who.size() * t / threads, to = who.size() * (t + 1) / threads;
      pool.emplace_back([&, from, to] {
        failure.Run([&] {
          for (std::size_t k = from; k < to; ++k) Outcome(index, o, p, sol, who, k, r.seekers[k]);
        });
      });
    }
  }
  failure.Rethrow();
  for (const SeekerOutcome& out : r.seekers) {
    if (out.jobs.size() >= p.want) continue;
    ++(out.feasible < p.want ? r.short_few_feasible : r.short_capacity);
  }
  r.seconds_reasons = SecondsSince(t_reasons);
  if (o.progress) o.progress->phase.store(3, std::memory_order_relaxed);
  return r;
}

}  // namespace qjy::match
