// Benchmark of the batch recommendation (src/match/batch.h): a generated
// province (seekers and open jobs as in match_bench.cc), every seeker owed 3
// recommendations (or only the registered unemployed, --registered-only 1),
// candidates from the index on 2 threads, the exact assignment, reasons.
// Baseline in the same run: the naive top-3 for every seeker straight from
// the index (MatchIndex::TopJobs(s, 3), same 2 threads), which ignores
// capacity.
//
//   build/bench/batch_bench --seekers 1000000 --jobs 200000
//
// --lemon 1: also builds RunBatch's assignment instance (BuildBatchProblem)
// and solves it with our solver and with LEMON's NetworkSimplex in the same
// run (issue #6: "the assignment no slower than LEMON on the same
// instance"), objectives compared. --save FILE writes that instance for
// assign_bench --load. --only-candidates 1: only the candidate lists
// (BuildBatchProblem), timed, for profiling that phase. --ranks 1: only
// the lists and the main assignment (assign::Solve), then how deep into
// their lists the assignment reaches: persons with a recommendation
// beyond rank r of their list, for several r (how short the lists could
// be without changing the optimum). --rounds N: N rounds of (naive,
// batch), each round's ratio and their median.
#include <sys/resource.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "assign/lemon_reference.h"
#include "assign/primal_dual.h"
#include "assign/solve.h"
#include "core/regions.h"
#include "match/batch.h"
#include "match/index.h"
#include "match_province.h"
#include "problem_file.h"
#include "core/refdata.h"

using namespace qjy;
using Clock = std::chrono::steady_clock;

namespace {

// The whole process's CPU time (both threads), or with kernel_only the part
// of it spent in the kernel (page faults: zeroing, compaction).
double CpuSeconds(bool kernel_only = false) {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  const double kernel = double(u.ru_stime.tv_sec) + 1e-6 * double(u.ru_stime.tv_usec);
  return kernel_only ? kernel : kernel + double(u.ru_utime.tv_sec) + 1e-6 * double(u.ru_utime.tv_usec);
}
long PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

// The assignment step of RunBatch alone: the same instance solved by ours
// and by LEMON NetworkSimplex, both checked, objectives compared.
int SolveBothWays(const match::MatchIndex& index, const match::BatchOptions& o, bool lemon, const std::string& save) {
  double c0 = CpuSeconds();
  auto t0 = Clock::now();
  auto bp = match::BuildBatchProblem(index, o);
  if (!bp) {
    fmt::print(stderr, "{}\n", bp.error().message);
    return 1;
  }
  const assign::Problem& p = bp->problem;
  fmt::print("RESULT\tbatch_candidates\t{:.3f}\t{}\t1\tcpu {:.2f} s (2 threads), {} arcs, {} jobs\n",
             std::chrono::duration<double>(Clock::now() - t0).count(), p.Seekers(), CpuSeconds() - c0, p.Arcs(),
             p.Jobs());
  if (!save.empty()) {
    if (!bench::SaveProblem(save, p)) {
      fmt::print(stderr, "cannot write {}\n", save);
      return 1;
    }
    fmt::print("instance saved to {}\n", save);
  }
  if (!lemon) return 0;
  assign::PrimalDualStats st;
  c0 = CpuSeconds();
  t0 = Clock::now();
  const assign::Solution ours = assign::SolvePrimalDual(p, &st);
  const double ours_wall = std::chrono::duration<double>(Clock::now() - t0).count();
  const double ours_cpu = CpuSeconds() - c0;
  auto ot = assign::Check(p, ours);
  if (!ot) {
    fmt::print(stderr, "ours infeasible: {}\n", ot.error().message);
    return 1;
  }
  fmt::print("RESULT\tbatch_assign_primal_dual\t{:.3f}\t{}\t1\tcpu {:.2f} s, cost {}, {} excess units, {} phases, "
             "{} settled, {} level steps, {} dfs steps\n",
             ours_wall, p.Seekers(), ours_cpu, ot->cost, st.excess_units, st.phases, st.settled, st.level_steps, st.dfs_steps);
  c0 = CpuSeconds();
  t0 = Clock::now();
  const assign::LemonResult ref = assign::SolveLemon(p);
  const double lemon_wall = std::chrono::duration<double>(Clock::now() - t0).count();
  const double lemon_cpu = CpuSeconds() - c0;
  auto lt = assign::Check(p, ref.solution);
  if (!ref.optimal || !lt) {
    fmt::print(stderr, "LEMON failed\n");
    return 1;
  }
  const bool same = lt->cost == ot->cost && ref.total_cost == ot->cost;
  fmt::print("RESULT\tbatch_assign_baseline_lemon_network_simplex\t{:.3f}\t{}\t1\tcpu {:.2f} s, cost {}, "
             "objective {}, peak RSS {} MB\n",
             lemon_wall, p.Seekers(), lemon_cpu, ref.total_cost, same ? "EQUAL" : "DIFFERENT", PeakRssMb());
  fmt::print("ratio LEMON / ours on the batch instance = {:.2f}x wall, {:.2f}x cpu\n", lemon_wall / ours_wall,
             lemon_cpu / ours_cpu);
  return same ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  size_t n_seekers = 1'000'000, n_jobs = 200'000, registered_only = 0, candidates = 50, lemon = 0, only_candidates = 0,
         ranks = 0, rounds = 1;
  std::string save;
  for (int i = 1; i < argc; i += 2) {
    std::string a = argv[i];
    if (i + 1 >= argc) {
      fmt::print(stderr, "{}: missing value\n", a);
      return 2;
    }
    if (a == "--save") {
      save = argv[i + 1];
      continue;
    }
    // A whole non-negative number ("-1" or "5x" are refused).
    size_t v = 0;
    const std::string_view text = argv[i + 1];
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) {
      fmt::print(stderr, "{}: not a number: {}\n", a, text);
      return 2;
    }
    if (a == "--seekers") n_seekers = v;
    else if (a == "--jobs") n_jobs = v;
    else if (a == "--registered-only") registered_only = v;
    else if (a == "--candidates") candidates = v;
    else if (a == "--lemon") lemon = v;
    else if (a == "--only-candidates") only_candidates = v;
    else if (a == "--ranks") ranks = v;
    else if (a == "--rounds") rounds = std::max<size_t>(v, 1);
    else {
      fmt::print(stderr, "unknown option {}\n", a);
      return 2;
    }
  }
  auto regions = RegionIndex::Load(RefdataDir());
  if (!regions) {
    fmt::print(stderr, "{}\n", regions.error().message);
    return 1;
  }
  bench::MatchProvince pv;
  if (!bench::LoadMatchProvince(*regions, pv)) {
    fmt::print(stderr, "cannot read the divisions or src/gen/data/occupations.csv\n");
    return 1;
  }
  // The same generated province as match_bench.cc (same seed and rules).
  const Date today = *Date::Parse("2025-06-30");
  match::MatchIndex index(*match::OccupationTree::LoadDefault(), *match::LoadDefaultWeights(), today);
  std::mt19937_64 rng(20251127);
  auto t0 = Clock::now();
  for (size_t i = 0; i < n_jobs; ++i) {
    if (!index.UpsertJob(bench::DrawJob(pv, rng, static_cast<int64_t>(i + 1), today, true))) return 1;
  }
  for (size_t i = 0; i < n_seekers; ++i) {
    if (!index.UpsertSeeker(bench::DrawSeeker(pv, rng, static_cast<int64_t>(i + 1), today))) return 1;
  }
  fmt::print("province: {} seekers, {} open jobs, headcount 1-10 (index build {:.1f} s)\n", n_seekers, n_jobs,
             std::chrono::duration<double>(Clock::now() - t0).count());

  if (only_candidates) {  // just the candidate lists (profiling)
    match::BatchOptions o;
    o.candidates = static_cast<uint32_t>(candidates);
    o.registered_only = registered_only != 0;
    const double c1 = CpuSeconds();
    const auto t1 = Clock::now();
    auto bp = match::BuildBatchProblem(index, o);
    if (!bp) return 1;
    fmt::print("RESULT\tbatch_candidates\t{:.3f}\t{}\t1\tcpu {:.2f} s (2 threads), {} arcs\n",
               std::chrono::duration<double>(Clock::now() - t1).count(), bp->problem.Seekers(), CpuSeconds() - c1,
               bp->problem.Arcs());
    return 0;
  }

  if (ranks) {  // how deep the assignment reaches into the lists
    auto params = match::LoadDefaultBatchParams();
    if (!params) return 1;
    match::BatchOptions o;
    o.params = *params;
    o.candidates = static_cast<uint32_t>(candidates);
    o.registered_only = registered_only != 0;
    auto bp = match::BuildBatchProblem(index, o);
    if (!bp) return 1;
    const assign::Problem& p = bp->problem;
    const double c1 = CpuSeconds();
    const assign::Solution sol = assign::Solve(p);
    const double solve_cpu = CpuSeconds() - c1;
    auto totals = assign::Check(p, sol);
    if (!totals) return 1;
    const std::vector<uint32_t> cuts = {3, 5, 10, 20, 30, 40};
    std::vector<uint64_t> beyond(cuts.size(), 0);
    uint64_t short_cut = 0;  // short persons whose list was cut at --candidates
    for (size_t s = 0; s < p.Seekers(); ++s) {
      uint32_t deepest = 0;  // 1-based rank of the last chosen arc
      for (uint32_t a = p.offsets[s]; a < p.offsets[s + 1]; ++a) {
        if (sol.chosen[a]) deepest = a - p.offsets[s] + 1;
      }
      for (size_t c = 0; c < cuts.size(); ++c) beyond[c] += deepest > cuts[c];
      short_cut += sol.shortfall[s] > 0 && p.offsets[s + 1] - p.offsets[s] >= o.candidates;
    }
    fmt::print("assignment on lists of {}: cpu {:.2f} s, score {}, served {}/{}, {} short ({} of them with a cut list)\n",
               candidates, solve_cpu, totals->score, totals->served, totals->demand, totals->short_seekers, short_cut);
    for (size_t c = 0; c < cuts.size(); ++c) {
      fmt::print("persons with a recommendation beyond rank {}: {} ({:.1f} %)\n", cuts[c], beyond[c],
                 100.0 * double(beyond[c]) / double(std::max<size_t>(p.Seekers(), 1)));
    }
    return 0;
  }

  auto params = match::LoadDefaultBatchParams();
  if (!params) {
    fmt::print(stderr, "{}\n", params.error().message);
    return 1;
  }
  match::BatchOptions o;
  o.params = *params;
  o.candidates = static_cast<uint32_t>(candidates);
  o.registered_only = registered_only != 0;
  o.threads = 2;
  // --rounds N: N rounds of (naive top-3, whole batch), one after the
  // other, and the median of the rounds' ratios: on a shared machine whose
  // speed drifts by tens of percent within minutes, each ratio compares
  // two runs made seconds apart.
  std::vector<double> cpu_ratios, wall_ratios;
  for (size_t round = 1; round <= rounds; ++round) {
    if (rounds > 1) fmt::print("round {} of {}\n", round, rounds);
    // Baseline: naive top-3 per seeker, 2 threads.
    double c0 = CpuSeconds(), k0 = CpuSeconds(true);
    t0 = Clock::now();
    {
      // The persons of the batch's filter, selected as the batch does
      // (under one lock, inside the timing).
      std::vector<match::SeekerIndex> who;
      if (registered_only) index.SelectSeekers(0, static_cast<match::SeekerIndex>(n_seekers), true, "", who);
      std::vector<std::jthread> pool;
      for (int t = 0; t < 2; ++t) {
        pool.emplace_back([&, t] {
          size_t sum = 0;
          const size_t n = registered_only ? who.size() : n_seekers;
          for (size_t i = t; i < n; i += 2) {
            const auto s = registered_only ? who[i] : static_cast<match::SeekerIndex>(i);
            sum += index.TopJobs(s, 3).size();
          }
          if (sum == 0) fmt::print("no recommendations at all\n");
        });
      }
    }
    const double naive_wall = std::chrono::duration<double>(Clock::now() - t0).count();
    const double naive_cpu = CpuSeconds() - c0, naive_sys = CpuSeconds(true) - k0;

    c0 = CpuSeconds();
    k0 = CpuSeconds(true);
    t0 = Clock::now();
    auto r = match::RunBatch(index, o);
    const double wall = std::chrono::duration<double>(Clock::now() - t0).count();
    const double cpu = CpuSeconds() - c0, sys = CpuSeconds(true) - k0;
    if (!r) {
      fmt::print(stderr, "{}\n", r.error().message);
      return 1;
    }
    fmt::print("RESULT\tmatch_batch\t{:.3f}\t{}\t1\tcpu {:.2f} s (2 threads; {:.2f} s of it in the kernel), {} seekers, served {}/{} units, "
               "{} short (few feasible {}, capacity {}), score {}, jobs over capacity {}, peak RSS {} MB\n",
               wall, r->seekers.size(), cpu, sys, r->seekers.size(), r->totals.served, r->totals.demand,
               r->totals.short_seekers, r->short_few_feasible, r->short_capacity, r->totals.score,
               r->spread.jobs_over_capacity, PeakRssMb());
    fmt::print("phases (wall): candidates {:.1f} s, assignment {:.1f} s, second round {:.1f} s, reasons {:.1f} s\n",
               r->seconds_candidates, r->seconds_assign, r->seconds_second_round, r->seconds_reasons);
    fmt::print("phases (CPU, both threads): candidates {:.2f} s, assignment {:.2f} s, second round {:.2f} s, reasons "
               "{:.2f} s\n",
               r->cpu_candidates, r->cpu_assign, r->cpu_second_round, r->cpu_reasons);
    fmt::print("second round: {} persons left short with a cut list looked at again, {} of them placed, {} "
               "recommendations given\n",
               r->second_round_seekers, r->second_round_placed, r->second_round_units);
    fmt::print("RESULT\tbaseline_naive_top3\t{:.3f}\t{}\t1\tcpu {:.2f} s (2 threads; {:.2f} s in the kernel), capacity ignored: jobs over "
               "capacity {}, max load {} (batch: max load {})\n",
               naive_wall, r->seekers.size(), naive_cpu, naive_sys, r->naive.jobs_over_capacity, r->naive.max_load,
               r->spread.max_load);
    fmt::print("ratio batch / naive top-3 = {:.2f}x wall, {:.2f}x cpu; jobs used: batch {} vs naive {}\n",
               wall / naive_wall, cpu / naive_cpu, r->spread.jobs_used, r->naive.jobs_used);
    cpu_ratios.push_back(cpu / naive_cpu);
    wall_ratios.push_back(wall / naive_wall);
  }
  if (rounds > 1) {
    auto median = [](std::vector<double> v) {
      std::sort(v.begin(), v.end());
      return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
    };
    std::string each;
    for (double x : cpu_ratios) each += fmt::format("{}{:.2f}", each.empty() ? "" : " ", x);
    fmt::print("median of {} rounds: ratio batch / naive top-3 = {:.2f}x wall, {:.2f}x cpu (cpu by round: {})\n",
               rounds, median(wall_ratios), median(cpu_ratios), each);
  }
  if (lemon || !save.empty()) return SolveBothWays(index, o, lemon != 0, save);
  return 0;
}
