// What replayable decisions (issue #17 §2) cost a sweep: a sweep with
// explanations over a synthetic province, then its entitlements written to
// the review list (Ledger::Propose into a fresh SQLite file) without and
// with their decision records (subject snapshot, parameters read, the set
// once per hash). Reports the medians and the ratio of sweep + propose
// with records to sweep + propose without.
// Usage: replay_bench [--persons N] [--runs R]   (default 100,000 persons, 3 runs)
#include <chrono>
#include <filesystem>
#include <unistd.h>

#include "auth/clock.h"
#include "bench_util.h"
#include "policy/decision_record.h"
#include "policy/engine.h"
#include "policy/ledger.h"
#include "policy/ledger_schema.h"
#include "policy/policy_dir.h"
#include "policy/synthetic.h"
#include "store/db.h"

int main(int argc, char** argv) {
  using namespace qjy;
  using namespace qjy::bench;
  const Args args(argc, argv);
  const int64_t persons = args.Int("--persons", 100'000);
  const int runs = static_cast<int>(args.Int("--runs", 3));
  auto params = Must(policy::ParameterSet::LoadDir(policy::DefaultParamsDir()), "params");
  auto engine = Must(policy::Engine::Create(params), "engine");
  const policy::World w = policy::SyntheticProvince({.persons = persons, .employers = std::max<int64_t>(1, persons / 20), .seed = 7});
  const Date date = *Date::FromYmd(2023, 10, 31);
  auth::SystemClock clock;
  auto now = [] { return std::chrono::steady_clock::now(); };
  auto secs = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
  std::vector<double> sweep_t, plain_t, record_t;
  size_t found = 0;
  int64_t record_bytes = 0;
  const auto dir = std::filesystem::temp_directory_path() / ("qjy-replay-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  for (int r = 0; r < runs; ++r) {
    auto t0 = now();
    auto ds = engine.Sweep(w, date, {.region = "", .threads = 2, .explain = true});
    sweep_t.push_back(secs(t0, now()));
    found = ds.size();
    for (bool with : {false, true}) {
      const auto file = dir / (std::to_string(r) + (with ? "-rec.db" : "-plain.db"));
      auto db = Must(store::OpenDb(file.string()), "open");
      Must(policy::MigratePolicy(*db), "migrate");
      policy::Ledger ledger(*db, nullptr, clock);
      const policy::DecisionRecorder recorder(engine.params(), w);
      auto t1 = now();
      Must(ledger.Propose(ds, "bench", with ? &recorder : nullptr), "propose");
      (with ? record_t : plain_t).push_back(secs(t1, now()));
      if (with && r == 0) {
        auto rows = Must(db->Query("SELECT COALESCE(SUM(LENGTH(facts) + LENGTH(params_read) + LENGTH(decision)), 0) "
                                   "FROM policy_decision_records"), "size");
        record_bytes = rows.front().Int(0);
      }
    }
  }
  std::filesystem::remove_all(dir);
  const double s = Median(sweep_t), p = Median(plain_t), q = Median(record_t);
  Report("replay_sweep_explain", s, static_cast<int64_t>(found), runs, "sweep with explanations, 2 threads");
  Report("replay_propose_plain", p, static_cast<int64_t>(found), runs, "Ledger::Propose without records (SQLite)");
  Report("replay_propose_records", q, static_cast<int64_t>(found), runs, "Ledger::Propose with decision records");
  char note[160];
  std::snprintf(note, sizeof note, "ratio (sweep+propose with records)/(sweep+propose) = %.2f; propose alone %.2f; %lld bytes/record",
                (s + q) / (s + p), q / p, static_cast<long long>(found ? record_bytes / static_cast<int64_t>(found) : 0));
  Report("replay_overhead", (s + q) / (s + p), static_cast<int64_t>(found), runs, note);
  return 0;
}
