// Benchmark of the recommendation assignment (src/assign): our primal-dual
// solver against LEMON's NetworkSimplex (the baseline, same
// instance, same run), objectives compared, plus the naive top-3 spread.
//
//   build/bench/assign_bench --seekers 1000000 --jobs 200000 --runs 3
//   build/bench/assign_bench --load /tmp/batch100k.qjyp   # batch_bench --save
//
// Prints RESULT lines (see bench_util.h) and a summary.
#include <cstdio>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "assign/primal_dual.h"
#include "assign/lemon_reference.h"
#include "assign/solution.h"
#include "assign/spread.h"
#include "assign/ssp_solver.h"
#include "assign/synthetic.h"
#include "bench_util.h"
#include "problem_file.h"

using namespace qjy;
using namespace qjy::assign;

namespace {

long PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

void PrintSpread(const char* name, const Spread& s) {
  std::printf("%s: jobs used %llu, over capacity %llu, max load %u; seekers by count:", name,
              (unsigned long long)s.jobs_used, (unsigned long long)s.jobs_over_capacity, s.max_load);
  for (auto n : s.seekers_by_count) std::printf(" %llu", (unsigned long long)n);
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"assign_bench"};
  SyntheticSpec spec;
  spec.seekers = 1'000'000;
  spec.jobs = 200'000;
  spec.min_candidates = 20;
  spec.max_candidates = 50;
  spec.max_headcount = 10;
  spec.multiple = 5;
  spec.skew = 2.0;
  int runs = 3, lemon_runs = 1, ssp_runs = 1;
  std::uint32_t ssp_max = 20'000;
  std::uint32_t lemon_max = 1'000'000;
  app.add_option("--seekers", spec.seekers);
  app.add_option("--jobs", spec.jobs);
  app.add_option("--min-candidates", spec.min_candidates);
  app.add_option("--max-candidates", spec.max_candidates);
  app.add_option("--max-headcount", spec.max_headcount);
  app.add_option("--multiple", spec.multiple);
  app.add_option("--skew", spec.skew);
  app.add_option("--seed", spec.seed);
  app.add_option("--regions", spec.regions, "areas (1 = one province-wide market)");
  app.add_option("--local", spec.local, "probability a candidate is in the seeker's area");
  app.add_option("--job-weight", spec.job_weight, "share of the score common to all seekers");
  app.add_option("--runs", runs);
  app.add_option("--lemon-runs", lemon_runs);
  app.add_option("--ssp-runs", ssp_runs, "runs of the successive-shortest-path solver");
  app.add_option("--ssp-max-seekers", ssp_max, "skip the SSP solver above this many seekers");
  app.add_option("--lemon-max-seekers", lemon_max, "skip LEMON above this many seekers");
  std::string load;
  app.add_option("--load", load, "solve the instance saved by batch_bench --save instead of a synthetic one");
  CLI11_PARSE(app, argc, argv);

  bench::Stopwatch gen_watch;
  Problem p;
  if (load.empty()) {
    p = MakeSynthetic(spec);
  } else if (!bench::LoadProblem(load, p)) {
    bench::Die("cannot read " + load);
  }
  const double gen_s = gen_watch.Seconds();
  if (auto v = Validate(p); !v) bench::Die(v.error().message);
  const auto rows = static_cast<int64_t>(p.Seekers());
  char note[512];
  std::snprintf(note, sizeof note, "%zu seekers, %zu jobs, %zu arcs", p.Seekers(), p.Jobs(), p.Arcs());
  bench::Report("assign_instance_gen", gen_s, rows, 1, note);

  // Ours: greedy warm start + primal-dual phases (the production solver).
  std::vector<double> ours;
  Totals ours_t;
  PrimalDualStats pstats;
  std::vector<double> ours_cpu;
  for (int r = 0; r < runs; ++r) {
    bench::Stopwatch w;
    const double c0 = bench::CpuSeconds();
    const Solution s = SolvePrimalDual(p, &pstats);
    ours.push_back(w.Seconds());
    ours_cpu.push_back(bench::CpuSeconds() - c0);
    auto t = Check(p, s);
    if (!t) bench::Die("ours infeasible: " + t.error().message);
    ours_t = *t;
    if (r == 0) PrintSpread("assignment", Measure(p, s));
  }
  std::snprintf(note, sizeof note, "cpu %.2f s, served %llu/%llu units, score %lld, %llu excess units, %llu phases, %llu settled, %llu level steps, %llu dfs steps, %llu path nodes, %llu rounds, %llu zero phases, peak RSS %ld MB",
                bench::Median(ours_cpu),
                (unsigned long long)ours_t.served, (unsigned long long)ours_t.demand, (long long)ours_t.score,
                (unsigned long long)pstats.excess_units, (unsigned long long)pstats.phases,
                (unsigned long long)pstats.settled, (unsigned long long)pstats.level_steps, (unsigned long long)pstats.dfs_steps, (unsigned long long)pstats.path_nodes, (unsigned long long)pstats.rounds, (unsigned long long)pstats.zero_phases, PeakRssMb());
  bench::Report("assign_primal_dual", bench::Median(ours), rows, runs, note);

  // Our first solver, successive shortest paths: exact, but slow when many
  // seekers compete for the same jobs.
  if (p.Seekers() <= ssp_max) {
    std::vector<double> ssp;
    SolveStats stats;
    Totals t;
    for (int r = 0; r < ssp_runs; ++r) {
      bench::Stopwatch w;
      const Solution s = SolveSsp(p, &stats);
      ssp.push_back(w.Seconds());
      t = Check(p, s).value();
    }
    std::snprintf(note, sizeof note, "objective %s, %llu searches, %llu reroutes",
                  t.cost == ours_t.cost ? "EQUAL" : "DIFFERENT", (unsigned long long)stats.searches,
                  (unsigned long long)stats.reroutes);
    bench::Report("assign_ssp", bench::Median(ssp), rows, ssp_runs, note);
  }

  {
    bench::Stopwatch w;
    const Solution naive = NaiveTopK(p);
    const double s = w.Seconds();
    const Spread sp = Measure(p, naive);
    PrintSpread("naive top-3", sp);
    std::snprintf(note, sizeof note, "jobs over capacity %llu, max load %u (not a solution: ignores capacity)",
                  (unsigned long long)sp.jobs_over_capacity, sp.max_load);
    bench::Report("naive_top3", s, rows, 1, note);
  }

  if (p.Seekers() > lemon_max) {
    std::printf("LEMON skipped (%zu seekers > --lemon-max-seekers %u)\n", p.Seekers(), lemon_max);
    return 0;
  }
  std::vector<double> lemon;
  LemonResult ref;
  std::vector<double> lemon_cpu;
  for (int r = 0; r < lemon_runs; ++r) {
    bench::Stopwatch w;
    const double c0 = bench::CpuSeconds();
    ref = SolveLemon(p);
    lemon.push_back(w.Seconds());
    lemon_cpu.push_back(bench::CpuSeconds() - c0);
    if (!ref.optimal) bench::Die("LEMON did not report an optimum");
  }
  auto lt = Check(p, ref.solution);
  if (!lt) bench::Die("LEMON infeasible: " + lt.error().message);
  const bool same = lt->cost == ours_t.cost && ref.total_cost == ours_t.cost;
  std::snprintf(note, sizeof note, "cpu %.2f s, objective %s (cost %lld vs ours %lld), served %llu, score %lld, peak RSS %ld MB",
                bench::Median(lemon_cpu), same ? "EQUAL" : "DIFFERENT", (long long)ref.total_cost, (long long)ours_t.cost,
                (unsigned long long)lt->served, (long long)lt->score, PeakRssMb());
  bench::Report("baseline_lemon_network_simplex", bench::Median(lemon), rows, lemon_runs, note);
  std::printf("ratio LEMON / ours = %.2fx wall (median %.3f s vs %.3f s), %.2fx cpu (%.3f s vs %.3f s)\n",
              bench::Median(lemon) / bench::Median(ours), bench::Median(lemon), bench::Median(ours),
              bench::Median(lemon_cpu) / bench::Median(ours_cpu), bench::Median(lemon_cpu),
              bench::Median(ours_cpu));
  return same ? 0 : 1;
}
