#include "match/batch.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <ctime>
#include <span>
#include <stdexcept>
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

// One thread's share of the candidate lists: its seekers, and where each
// one's arcs end, counted from the thread's first arc (the arcs themselves
// are written in place in the problem's arrays).
struct Rows {
  std::vector<SeekerIndex> seekers;
  std::vector<std::uint32_t> ends;
  std::size_t arcs = 0;
};

// Writes the lists of the seekers from..to-1 (those the options select) at
// job and score, which have room for `room` arcs ((to - from) lists of
// o.candidates); what it wrote is described in `out`.
void Collect(const MatchIndex& index, const BatchOptions& o, SeekerIndex from, SeekerIndex to, std::uint32_t* job,
             std::int32_t* score, std::size_t room, Rows& out) {
  out.seekers.reserve(to - from);
  out.ends.reserve(to - from);
  // In chunks of kChunk seekers (the index's read lock is held for one,
  // twice where a filter selects the chunk's persons first);
  // a chunk's lists are built in small buffers that stay in cache, then
  // copied into place.
  constexpr SeekerIndex kChunk = 2048;
  std::vector<std::uint32_t> chunk_job, chunk_ends;
  std::vector<std::int32_t> chunk_score;
  for (SeekerIndex b = from; b < to; b += std::min(kChunk, to - b)) {
    const SeekerIndex e = b + std::min(kChunk, to - b);
    const std::size_t first = out.seekers.size();
    if (o.registered_only || !o.region_prefix.empty()) {
      index.SelectSeekers(b, e, o.registered_only, o.region_prefix, out.seekers);
    } else {
      for (SeekerIndex s = b; s < e; ++s) out.seekers.push_back(s);
    }
    chunk_job.clear();
    chunk_score.clear();
    chunk_ends.clear();
    index.AppendCandidates(std::span<const SeekerIndex>(out.seekers).subspan(first), o.candidates, chunk_job,
                           chunk_score, chunk_ends);
    if (out.arcs + chunk_job.size() > room) throw std::logic_error("batch: a candidate list longer than asked");
    std::copy(chunk_job.begin(), chunk_job.end(), job + out.arcs);
    std::copy(chunk_score.begin(), chunk_score.end(), score + out.arcs);
    for (std::uint32_t end : chunk_ends) out.ends.push_back(static_cast<std::uint32_t>(out.arcs + end));
    out.arcs += chunk_job.size();
    if (o.progress) o.progress->seekers_done.fetch_add(e - b, std::memory_order_relaxed);
  }
}

// Gives the whole pages of v[from, to) back to the system (they read as
// zeros if touched again): what a buffer no longer holds.
template <class T>
void ReleaseTail(T* v, std::size_t from, std::size_t to) {
  if (to <= from) return;
  const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
  const auto lo = (reinterpret_cast<std::uintptr_t>(v + from) + page - 1) / page * page;
  const auto hi = reinterpret_cast<std::uintptr_t>(v + to) / page * page;
  if (hi > lo) madvise(reinterpret_cast<void*>(lo), hi - lo, MADV_DONTNEED);
}

}  // namespace

Result<BatchProblem> BuildBatchProblem(const MatchIndex& index, const BatchOptions& o) {
  const auto n = static_cast<SeekerIndex>(index.seeker_count());
  const int threads = std::clamp(o.threads, 1, 16);
  if (o.progress) {
    o.progress->seekers_total.store(n, std::memory_order_relaxed);
    o.progress->phase.store(0, std::memory_order_relaxed);
  }
  BatchProblem bp;
  assign::Problem& p = bp.problem;
  // Room for a full list for everybody, not zeroed: each thread writes its
  // lists straight into its own range (so a page is first touched by the
  // thread that fills it, and no list is copied from one thread's buffer
  // into another's); the ranges are closed up below.
  const std::size_t k = o.candidates;
  if (std::size_t(n) * k > UINT32_MAX) {  // (about 86 M persons at 50 each)
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("批量推荐：登记的 {} 名求职者各留 {} 个候选岗位，超出单批上限（{} 个）", n, k,
                            std::uint64_t{UINT32_MAX}));
  }
  p.job.resize(std::size_t(n) * k);
  p.score.resize(std::size_t(n) * k);
  std::vector<Rows> rows(threads);
  std::vector<SeekerIndex> froms(threads + 1);
  for (int t = 0; t <= threads; ++t) froms[t] = static_cast<SeekerIndex>(std::uint64_t(n) * t / threads);
  FirstException failure;  // rethrown here, not left to end the process
  {
    std::vector<std::jthread> pool;
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        failure.Run([&] {
          const std::size_t base = std::size_t(froms[t]) * k, room = std::size_t(froms[t + 1] - froms[t]) * k;
          Collect(index, o, froms[t], froms[t + 1], p.job.data() + base, p.score.data() + base, room, rows[t]);
        });
      });
    }
  }
  failure.Rethrow();
  std::vector<SeekerIndex>& who = bp.who;
  p.want = o.params.recommendations;
  index.OpenCapacities(o.params.multiple, p.capacity);
  std::size_t seekers = 0;
  for (const Rows& r : rows) seekers += r.seekers.size();
  who = std::move(rows[0].seekers);
  who.reserve(seekers);
  p.offsets.reserve(seekers + 1);
  p.offsets.insert(p.offsets.end(), rows[0].ends.begin(), rows[0].ends.end());
  std::size_t at = rows[0].arcs;  // arcs in place so far
  std::size_t written_end = at;   // past the last arc any thread wrote
  for (int t = 1; t < threads; ++t) {
    Rows& r = rows[t];
    const std::size_t base = std::size_t(froms[t]) * k;
    if (base != at) {  // close the gap left by shorter lists (at < base)
      std::memmove(p.job.data() + at, p.job.data() + base, r.arcs * sizeof(std::uint32_t));
      std::memmove(p.score.data() + at, p.score.data() + base, r.arcs * sizeof(std::int32_t));
    }
    who.insert(who.end(), r.seekers.begin(), r.seekers.end());
    for (std::uint32_t e : r.ends) p.offsets.push_back(static_cast<std::uint32_t>(at + e));
    written_end = std::max(written_end, base + r.arcs);
    at += r.arcs;
    r = Rows{};  // free as we go
  }
  p.job.resize(at);  // (keeps the capacity: untouched pages cost address space only)
  p.score.resize(at);
  // The pages past `at` that a thread wrote before its lists moved down
  // (most of the buffer when the filter leaves few seekers) go back to the
  // system; nothing is kept there.
  ReleaseTail(p.job.data(), at, written_end);
  ReleaseTail(p.score.data(), at, written_end);
  if (auto v = assign::Validate(p); !v) return std::unexpected(v.error());
  if (o.progress) o.progress->seekers_done.store(n, std::memory_order_relaxed);
  return bp;
}

namespace {

double SecondsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}
// CPU seconds of the whole process since `c` (std::clock counts every thread).
double CpuSince(std::clock_t c) { return double(std::clock() - c) / CLOCKS_PER_SEC; }

// The second round (BatchOptions::second_round_candidates): the persons
// the main assignment left short whose list was cut at o.candidates, their
// best feasible jobs among those that still have room (searched among the
// jobs with room alone, MatchIndex::SubsetOf and AppendCandidatesExcept:
// the full ones are neither walked nor scored), and the exact
// assignment among them of the room left, each owed what it is short.
// row[i] is the first round's row of round-2 seeker i; found[i] how many
// jobs with room its search kept (at most o.second_round_candidates);
// seen[i], when found[i] is below the cap, how many feasible jobs it has,
// full ones included; else how many jobs with room the search met.
struct SecondRound {
  assign::Problem problem;
  std::vector<std::size_t> row;
  std::vector<std::uint32_t> found, seen;
  assign::Solution solution;
};

// load: each job's units in the first round.
SecondRound RunSecondRound(const MatchIndex& index, const BatchOptions& o, const assign::Problem& p,
                           const assign::Solution& sol, const std::vector<SeekerIndex>& who,
                           const std::vector<std::uint32_t>& load) {
  SecondRound r2;
  if (o.second_round_candidates == 0) return r2;
  for (std::size_t k = 0; k < p.Seekers(); ++k) {
    if (sol.shortfall[k] > 0 && p.offsets[k + 1] - p.offsets[k] >= o.candidates) r2.row.push_back(k);
  }
  if (r2.row.empty()) return r2;
  std::vector<std::uint32_t> room(p.Jobs());
  std::vector<std::uint8_t> full(p.Jobs());
  for (std::size_t j = 0; j < p.Jobs(); ++j) {
    room[j] = p.capacity[j] > load[j] ? p.capacity[j] - load[j] : 0;
    full[j] = room[j] == 0;
  }
  // The jobs with room, bucketed apart (the searches then neither walk nor
  // score the full ones).
  const MatchIndex::JobSubset with_room = index.SubsetOf(full);
  // Each thread searches a contiguous range of the short persons.
  const int threads = std::clamp(o.threads, 1, 16);
  std::vector<Slice> slices(threads);
  std::vector<std::vector<std::uint32_t>> found(threads), seen(threads);
  FirstException failure;
  {
    std::vector<std::jthread> pool;
    for (int t = 0; t < threads; ++t) {
      const std::size_t from = r2.row.size() * t / threads, to = r2.row.size() * (t + 1) / threads;
      pool.emplace_back([&, from, to, t] {
        failure.Run([&] {
          std::vector<std::uint32_t> mark(p.Jobs(), UINT32_MAX);
          // Their lists in chunks (the index's read lock is held for one).
          constexpr std::size_t kChunk = 512;
          std::vector<SeekerIndex> ask;
          std::vector<std::uint32_t> job, ends, met;
          std::vector<std::int32_t> score;
          for (std::size_t b = from; b < to; b += kChunk) {
            const std::size_t e = std::min(to, b + kChunk);
            ask.clear();
            job.clear();
            score.clear();
            ends.clear();
            met.clear();
            for (std::size_t i = b; i < e; ++i) ask.push_back(who[r2.row[i]]);
            index.AppendCandidatesExcept(with_room, full, ask, o.second_round_candidates, job, score, ends, met);
            for (std::size_t i = b; i < e; ++i) {
              const std::size_t k = r2.row[i];
              // (A job of its first list with room would have been given
              // to it by the exact first round: none is; kept out anyway.)
              for (std::uint32_t a = p.offsets[k]; a < p.offsets[k + 1]; ++a) {
                mark[p.job[a]] = static_cast<std::uint32_t>(i);
              }
              const std::uint32_t c0 = i == b ? 0 : ends[i - b - 1], c1 = ends[i - b];
              std::uint32_t n = 0;
              for (std::uint32_t c = c0; c < c1; ++c) {
                if (job[c] >= room.size() || room[job[c]] == 0 || mark[job[c]] == i) continue;
                slices[t].candidates.push_back({job[c], score[c]});
                ++n;
              }
              slices[t].counts.push_back(n);
              found[t].push_back(c1 - c0);
              seen[t].push_back(std::max<std::uint32_t>(met[i - b], p.offsets[k + 1] - p.offsets[k]));
            }
          }
        });
      });
    }
  }
  failure.Rethrow();
  assign::Problem& q = r2.problem;
  q.want = p.want;
  q.capacity = std::move(room);
  for (int t = 0; t < threads; ++t) {
    std::size_t c = 0;
    for (std::size_t i = 0; i < slices[t].counts.size(); ++i) {
      for (std::uint32_t n = 0; n < slices[t].counts[i]; ++n, ++c) {
        q.job.push_back(slices[t].candidates[c].index);
        q.score.push_back(slices[t].candidates[c].score);
      }
      q.offsets.push_back(static_cast<std::uint32_t>(q.job.size()));
    }
    r2.found.insert(r2.found.end(), found[t].begin(), found[t].end());
    r2.seen.insert(r2.seen.end(), seen[t].begin(), seen[t].end());
  }
  for (std::size_t k : r2.row) q.wants.push_back(sol.shortfall[k]);
  r2.solution = assign::Solve(q);
  return r2;
}

// Appends seeker k's chosen jobs, the first round's then the second's (i2:
// its row in the second round, or SIZE_MAX), in the order Outcome reads
// their reasons.
void AppendChosen(const assign::Problem& p, const assign::Solution& sol, std::size_t k, const SecondRound& r2,
                  std::size_t i2, std::vector<JobIndex>& jobs) {
  for (std::uint32_t a = p.offsets[k]; a < p.offsets[k + 1]; ++a) {
    if (sol.chosen[a]) jobs.push_back(p.job[a]);
  }
  if (i2 != SIZE_MAX) {
    const assign::Problem& q = r2.problem;
    for (std::uint32_t a = q.offsets[i2]; a < q.offsets[i2 + 1]; ++a) {
      if (r2.solution.chosen[a]) jobs.push_back(q.job[a]);
    }
  }
}

// Seeker k's recommendations (score descending) with reasons, and why fewer
// than owed when so. i2: its row in the second round, or SIZE_MAX.
// reasons: those of its chosen jobs, in AppendChosen's order (moved from).
void Outcome(const BatchOptions& o, const assign::Problem& p, const assign::Solution& sol,
             const std::vector<SeekerIndex>& who, std::size_t k, const SecondRound& r2, std::size_t i2,
             SeekerOutcome& out, std::span<std::string> reasons) {
  out.seeker = who[k];
  out.feasible = p.offsets[k + 1] - p.offsets[k];
  out.jobs.reserve(reasons.size());  // (one allocation, not one per doubling)
  std::size_t n = 0;
  for (std::uint32_t a = p.offsets[k]; a < p.offsets[k + 1]; ++a) {
    if (!sol.chosen[a]) continue;
    out.jobs.push_back({p.job[a], p.score[a], std::move(reasons[n++])});
  }
  std::uint32_t second = 0;
  if (i2 != SIZE_MAX) {
    const assign::Problem& q = r2.problem;
    out.feasible = r2.seen[i2];
    for (std::uint32_t a = q.offsets[i2]; a < q.offsets[i2 + 1]; ++a) {
      if (!r2.solution.chosen[a]) continue;
      out.jobs.push_back({q.job[a], q.score[a], std::move(reasons[n++]) + " · 第二轮补充推荐", true});
      ++second;
    }
  }
  // Score descending, stably (first round before second on ties): an
  // insertion sort of these few, as std::stable_sort would take a buffer
  // from the heap for each of a million seekers.
  for (std::size_t i = 1; i < out.jobs.size(); ++i) {
    for (std::size_t j = i; j > 0 && out.jobs[j - 1].score < out.jobs[j].score; --j) {
      std::swap(out.jobs[j - 1], out.jobs[j]);
    }
  }
  if (out.jobs.size() >= p.want) return;
  if (out.feasible < p.want) {
    out.shortfall = fmt::format("符合条件的在招岗位只有 {} 个（少于 {} 个）", out.feasible, p.want);
    return;
  }
  if (i2 == SIZE_MAX) {
    if (out.feasible < o.candidates) {  // every feasible job was considered
      out.shortfall = fmt::format("符合条件的 {} 个岗位推荐名额已满（每个岗位最多推荐招聘人数的 {} 倍）",
                                  out.feasible, o.params.multiple);
    } else {  // only the best were: others may have room
      out.shortfall = fmt::format(
          "得分最高的 {} 个符合条件岗位推荐名额已满（每个岗位最多推荐招聘人数的 {} 倍），"
          "其余岗位未纳入本次批量推荐，可单独查看推荐岗位",
          out.feasible, o.params.multiple);
    }
    return;
  }
  // Looked at again among the jobs with room: when its search kept fewer
  // than the cap, it met every feasible job (out.feasible is their number).
  const std::uint32_t found = r2.found[i2];
  const bool every = found < o.second_round_candidates;
  out.shortfall = every ? fmt::format("符合条件的 {} 个岗位推荐名额已满（每个岗位最多推荐招聘人数的 {} 倍）",
                                      out.feasible, o.params.multiple)
                        : fmt::format("得分最高的 {} 个符合条件岗位推荐名额已满（每个岗位最多推荐招聘人数的 {} 倍）",
                                      o.candidates, o.params.multiple);
  if (second > 0) {
    out.shortfall += fmt::format("；第二轮在第一轮之外仍有名额的岗位中补充推荐 {} 个", second);
  } else if (found == 0) {
    out.shortfall += "；第二轮在其余符合条件的岗位中也未找到仍有名额的岗位";
  } else {
    out.shortfall += fmt::format("；其余仍有名额的 {} 个岗位已在第二轮推荐给其他人员", found);
  }
  if (!every) out.shortfall += "，其余岗位未纳入本次批量推荐，可单独查看推荐岗位";
}

}  // namespace

Result<BatchResult> RunBatch(const MatchIndex& index, const BatchOptions& o) {
  const auto t_candidates = std::chrono::steady_clock::now();
  const std::clock_t c_candidates = std::clock();
  auto built = BuildBatchProblem(index, o);
  if (!built) return std::unexpected(built.error());
  const double seconds_candidates = SecondsSince(t_candidates);
  const double cpu_candidates = CpuSince(c_candidates);
  const auto t_assign = std::chrono::steady_clock::now();
  const std::clock_t c_assign = std::clock();
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
      naive_spread = assign::MeasureNaive(p, &naive_score);
    });
  });
  const assign::Solution sol = assign::Solve(p);
  naive_thread.join();
  failure.Rethrow();
  if (o.progress) o.progress->phase.store(2, std::memory_order_relaxed);
  // Each job's units and each seeker's recommendations, counted by the
  // check itself: the spread, the second round's room, and (with the
  // second round's added) the spread of both rounds.
  assign::Counts counts;
  auto totals = assign::Check(p, sol, &counts);
  if (!totals) return std::unexpected(totals.error());
  BatchResult r;
  r.seconds_candidates = seconds_candidates;
  r.cpu_candidates = cpu_candidates;
  r.totals = *totals;
  std::vector<std::uint32_t>& load = counts.load;
  std::vector<std::uint32_t>& got = counts.got;
  r.spread = assign::MeasureCounts(p, load, got);
  r.naive = naive_spread;
  r.naive_score = naive_score;

  r.seconds_assign = SecondsSince(t_assign);
  r.cpu_assign = CpuSince(c_assign);
  const auto t_second = std::chrono::steady_clock::now();
  const std::clock_t c_second = std::clock();
  const SecondRound r2 = RunSecondRound(index, o, p, sol, who, load);
  std::vector<std::size_t> row2(who.size(), SIZE_MAX);
  for (std::size_t i = 0; i < r2.row.size(); ++i) row2[r2.row[i]] = i;
  if (!r2.row.empty()) {
    auto t2 = assign::Check(r2.problem, r2.solution);
    if (!t2) return std::unexpected(t2.error());
    r.totals.score += t2->score;
    r.totals.served += t2->served;
    r.second_round_seekers = r2.row.size();
    r.second_round_units = t2->served;
    for (std::size_t i = 0; i < r2.row.size(); ++i) {
      const std::uint32_t got = r2.problem.Demand(i) - r2.solution.shortfall[i];
      r.second_round_placed += got > 0;
      r.totals.short_seekers -= got == r2.problem.wants[i];  // short no more
    }
    // The spread of both rounds (jobs used, loads, persons by count).
    const assign::Problem& q = r2.problem;
    for (std::size_t i = 0; i < r2.row.size(); ++i) {
      for (std::uint32_t a = q.offsets[i]; a < q.offsets[i + 1]; ++a) {
        if (r2.solution.chosen[a]) ++got[r2.row[i]], ++load[q.job[a]];
      }
    }
    r.spread = assign::MeasureCounts(p, load, got);
  }
  r.seconds_second_round = SecondsSince(t_second);
  r.cpu_second_round = CpuSince(c_second);
  const auto t_reasons = std::chrono::steady_clock::now();
  const std::clock_t c_reasons = std::clock();
  r.seekers.resize(who.size());
  // Reasons (Explain under the index's read lock, held for a chunk of
  // seekers) on the batch's threads, each a contiguous range of seekers.
  {
    const int threads = std::clamp(o.threads, 1, 16);
    std::vector<std::jthread> pool;
    for (int t = 0; t < threads; ++t) {
      const std::size_t from = who.size() * t / threads, to = who.size() * (t + 1) / threads;
      pool.emplace_back([&, from, to] {
        failure.Run([&] {
          constexpr std::size_t kChunk = 256;
          std::vector<SeekerIndex> ask;
          std::vector<std::uint32_t> ends;
          std::vector<JobIndex> jobs;
          std::vector<std::string> reasons;
          for (std::size_t b = from; b < to; b += kChunk) {
            const std::size_t e = std::min(to, b + kChunk);
            ask.clear();
            ends.clear();
            jobs.clear();
            reasons.clear();
            for (std::size_t k = b; k < e; ++k) {
              AppendChosen(p, sol, k, r2, row2[k], jobs);
              ask.push_back(who[k]);
              ends.push_back(static_cast<std::uint32_t>(jobs.size()));
            }
            index.AppendReasons(ask, ends, jobs, reasons);
            for (std::size_t k = b, at = 0; k < e; ++k) {
              const std::size_t n = ends[k - b] - at;
              Outcome(o, p, sol, who, k, r2, row2[k], r.seekers[k], std::span<std::string>(reasons).subspan(at, n));
              at = ends[k - b];
            }
          }
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
  r.cpu_reasons = CpuSince(c_reasons);
  if (o.progress) o.progress->phase.store(3, std::memory_order_relaxed);
  return r;
}

}  // namespace qjy::match
