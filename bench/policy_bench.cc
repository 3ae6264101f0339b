// The policy engine's speed (issue #5 point 7):
//   - a full sweep (every rule R1–R18) over a generated province, 2 threads,
//     without condition texts (refusals keep only their failed conditions);
//     the time to build the in-memory facts is reported separately;
//   - one person's full evaluation with explanation;
//   - a baseline in the same run: R1 and R4 as SQL queries over the same
//     facts in SQLite, against the engine evaluating the same two rules.
// Usage: policy_bench [--persons N] [--runs R] [--shards S]
//   (default 1,000,000 persons; employers = persons / 20). Prints RESULT
//   lines (bench_util.h) with medians.
// --shards S: a province of S × N persons evaluated shard by shard (each
//   shard N persons with their own N/20 employers, generated with its own
//   seed, swept, freed), so memory stays at one shard; reports the summed
//   sweep and generation times. Contracts do not cross shards.
#include <sys/resource.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "bench_util.h"
#include "policy/engine.h"
#include "policy/policy_dir.h"
#include "policy/rules/rules.h"
#include "policy/synthetic.h"
#include "registry/codes.h"
#include "store/db.h"

namespace qjy::bench {
namespace {


policy::World Generate(int64_t persons, int64_t employers, uint64_t seed) {
  return policy::SyntheticProvince({.persons = persons, .employers = employers, .seed = seed});
}

// R1 and R4 in SQL over the same facts; returns the number of entitlements.
int64_t SqlBaseline(store::Db& db, Date date, double& seconds) {
  Stopwatch sw;
  const std::string d = date.ToString();
  auto r1 = db.Query(
      "SELECT COUNT(*) FROM employers e JOIN employer_years y ON y.code = e.code AND y.year = ? "
      "WHERE e.type <> 'public_institution' AND y.insured > 0 AND y.premium > 0 AND ? <= '2023-12-31' AND "
      "(CASE WHEN y.insured <= 30 THEN y.layoffs * 10000 <= 2000 * y.insured ELSE y.layoffs * 10000 <= 550 * y.insured END)",
      std::vector<store::Value>{int64_t{date.year() - 1}, d});
  auto r4 = db.Query(
      "SELECT COUNT(*) FROM (SELECT DISTINCT c.employer, c.person_id FROM contracts c JOIN employers e ON e.code = c.employer "
      "JOIN person_groups g ON g.person_id = c.person_id AND g.grp = 'returned_rural_labour' "
      "WHERE e.type NOT IN ('public_institution', 'social_organisation', 'foundation') "
      "AND c.start_on >= '2023-06-15' AND c.start_on <= '2025-12-31' AND c.start_on <= ? AND c.si_months >= 3 "
      "AND (c.end_on IS NULL OR c.end_on >= date(c.start_on, '+1 year', '-1 day')))",
      std::vector<store::Value>{d});
  seconds = sw.Seconds();
  if (!r1 || !r4) Die("baseline query failed");
  return r1->front().Int(0) + r4->front().Int(0);
}

void LoadSql(store::Db& db, const policy::World& w) {
  Must(db.ExecScript("CREATE TABLE employers (code TEXT PRIMARY KEY, type TEXT, size TEXT);"
                     "CREATE TABLE employer_years (code TEXT, year INTEGER, insured INTEGER, layoffs INTEGER, premium INTEGER);"
                     "CREATE TABLE contracts (person_id INTEGER, employer TEXT, start_on TEXT, end_on TEXT, si_months INTEGER);"
                     "CREATE TABLE person_groups (person_id INTEGER, grp TEXT);"
                     "CREATE INDEX pg_grp ON person_groups (grp, person_id);"
                     "CREATE INDEX ey_code ON employer_years (code, year);"),
       "schema");
  Must(db.Begin(), "begin");
  for (const auto& e : w.employers) {
    Must(db.Exec("INSERT INTO employers VALUES (?, ?, ?)",
                 std::vector<store::Value>{e.credit_code, std::string(registry::Code(e.type)), std::string(registry::Code(e.size))})
             .has_value() ? Result<void>{} : Result<void>{std::unexpected(Error{})},
         "employer");
    for (const auto& y : e.years) {
      Must(db.Exec("INSERT INTO employer_years VALUES (?, ?, ?, ?, ?)",
                   std::vector<store::Value>{e.credit_code, int64_t{y.year}, int64_t{y.insured_headcount}, int64_t{y.layoffs},
                                             y.ui_premium_fen})
               .has_value() ? Result<void>{} : Result<void>{std::unexpected(Error{})},
           "year");
    }
  }
  for (const auto& c : w.contracts) {
    Must(db.Exec("INSERT INTO contracts VALUES (?, ?, ?, ?, ?)",
                 std::vector<store::Value>{c.person_id, c.employer_credit_code, c.start_on.ToString(),
                                           c.end_on ? store::Value{c.end_on->ToString()} : store::Value{},
                                           int64_t{c.social_insurance_months}})
             .has_value() ? Result<void>{} : Result<void>{std::unexpected(Error{})},
         "contract");
  }
  for (const auto& p : w.persons) {
    for (const auto& g : p.groups) {
      Must(db.Exec("INSERT INTO person_groups VALUES (?, ?)",
                   std::vector<store::Value>{p.person_id, std::string(registry::Code(g.group))})
               .has_value() ? Result<void>{} : Result<void>{std::unexpected(Error{})},
           "group");
    }
  }
  Must(db.Commit(), "commit");
}

}  // namespace
}  // namespace qjy::bench

int main(int argc, char** argv) {
  using namespace qjy;
  using namespace qjy::bench;
  int64_t persons = 1'000'000;
  int runs = 3;
  int shards = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--persons")) persons = std::atoll(argv[i + 1]);
    if (!std::strcmp(argv[i], "--runs")) runs = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--shards")) shards = std::atoi(argv[i + 1]);
  }
  const int64_t employers = std::max<int64_t>(1, persons / 20);
  auto params = policy::ParameterSet::LoadDir(policy::DefaultParamsDir());
  if (!params) Die(params.error().message);
  auto engine = policy::Engine::Create(*params);
  if (!engine) Die(engine.error().message);
  const Date date = *Date::FromYmd(2023, 10, 31);

  auto cpu = [] {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
  };
  if (shards > 0) {
    double gen_s = 0, sweep_s = 0, sweep_cpu = 0;
    size_t found = 0, contracts = 0;
    for (int s = 0; s < shards; ++s) {
      Stopwatch g;
      const policy::World shard = Generate(persons, employers, 2023 + static_cast<uint64_t>(s));
      gen_s += g.Seconds();
      contracts += shard.contracts.size();
      rusage ru0{};
      getrusage(RUSAGE_SELF, &ru0);
      const double c0 = cpu();
      Stopwatch sw;
      found += engine->Sweep(shard, date, {.region = "", .threads = 2, .explain = false}).size();
      sweep_s += sw.Seconds();
      sweep_cpu += cpu() - c0;
      rusage ru{};
      getrusage(RUSAGE_SELF, &ru);
      std::fprintf(stderr, "shard %d/%d: sweep %.2f s, minflt %ld\n", s + 1, shards, sweep_s, ru.ru_minflt - ru0.ru_minflt);
    }
    const int64_t total = persons * shards;
    Report("policy_sharded_load", gen_s, total, 1,
           std::to_string(contracts) + " contracts, " + std::to_string(employers * shards) + " employers, " +
               std::to_string(shards) + " shards generated in memory");
    Report("policy_sharded_sweep_all_rules", sweep_s, total, 1,
           std::to_string(found) + " entitlements, 2 threads, summed over shards; target <= 10 s");
    Report("policy_sharded_sweep_cpu", sweep_cpu, total, 1, "CPU seconds of both threads, summed");
    return 0;
  }

  Stopwatch load;
  const policy::World w = Generate(persons, employers, 2023);
  Report("policy_load_world", load.Seconds(), persons, 1,
         std::to_string(w.contracts.size()) + " contracts, " + std::to_string(employers) + " employers (generated in memory)");

  // CPU seconds of the process as well as wall time: on a shared machine
  // the wall time of 2 threads grows with the load, CPU time much less.
  std::vector<double> sweep_times, sweep_cpu;
  size_t found = 0;
  for (int r = 0; r < runs; ++r) {
    const double c0 = cpu();
    Stopwatch sw;
    auto ds = engine->Sweep(w, date, {.region = "", .threads = 2, .explain = false});
    sweep_times.push_back(sw.Seconds());
    sweep_cpu.push_back(cpu() - c0);
    found = ds.size();
  }
  Report("policy_sweep_all_rules", Median(sweep_times), persons, runs,
         std::to_string(found) + " entitlements, 2 threads; target 20M persons <= 10 s");
  Report("policy_sweep_all_rules_cpu", Median(sweep_cpu), persons, runs, "CPU seconds of both threads (wall x 2 when unloaded)");

  std::vector<double> one;
  std::mt19937_64 rng(7);
  for (int i = 0; i < 2000; ++i) {
    const int64_t id = 1 + static_cast<int64_t>(rng() % persons);
    Stopwatch sw;
    auto ds = engine->EvaluatePerson(w, id, date);
    one.push_back(sw.Seconds());
    if (!ds) Die(ds.error().message);
  }
  Report("policy_eval_one_person", Median(one), 1, static_cast<int>(one.size()),
         "with explanation; p99 " + std::to_string(Percentile(one, 99) * 1e3) + " ms; target <= 1 ms");

  // Baseline: R1 + R4 in SQL (SQLite file) vs the engine's R1 + R4.
  const auto dir = std::filesystem::temp_directory_path() / ("qjy-policy-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  {
    auto db = store::OpenDb((dir / "baseline.db").string());
    if (!db) Die(db.error().message);
    Stopwatch sl;
    LoadSql(**db, w);
    Report("policy_baseline_sql_load", sl.Seconds(), persons, 1, "SQLite tables for R1/R4");
    std::vector<double> sql_times, eng_times;
    int64_t sql_found = 0, eng_found = 0;
    for (int r = 0; r < runs; ++r) {
      double s = 0;
      sql_found = SqlBaseline(**db, date, s);
      sql_times.push_back(s);
      Stopwatch sw;
      // As the sweep evaluates them: parameter memo, hire windows, only
      // the eligible decisions kept, deduplicated by once-only key.
      policy::rules::ParamCache cache;
      const auto windows = policy::rules::ResolveHireWindows(engine->params(), cache, date);
      policy::rules::Ctx ctx{engine->params(), w, date, false, &cache, &windows};
      std::vector<policy::Decision> local, out;
      auto keep = [&] {
        for (auto& d : local) {
          if (d.eligible) out.push_back(std::move(d));
        }
        local.clear();
      };
      for (const auto& e : w.employers) {
        policy::rules::R1(ctx, e, local);
        keep();
      }
      for (const auto& c : w.contracts) {
        policy::rules::R4(ctx, c, local);
        keep();
      }
      eng_found = static_cast<int64_t>(policy::DedupeByKey(std::move(out)).size());
      eng_times.push_back(sw.Seconds());
    }
    Report("policy_baseline_sql_r1_r4", Median(sql_times), sql_found, runs, "SQLite queries");
    Report("policy_engine_r1_r4", Median(eng_times), eng_found, runs, "engine, 1 thread, same rules");
  }
  std::filesystem::remove_all(dir);
  return 0;
}
