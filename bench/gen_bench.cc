// Generation benchmark: N persons (+ M employers, K jobs) of the synthetic
// province, median of --runs runs each:
//   gen_only        generation alone, records dropped (CPU cost of src/gen)
//   gen_sqlite      into a fresh SQLite file through RegistryStore::BulkInsert*
//   gen_postgres    into PostgreSQL (COPY) when --pg URL is given
//   baseline_upsert the first --baseline persons (with their contracts) written
//                   one by one through RegistryStore::UpsertPerson/Contract
//                   (the per-row path with change history), batches of 5000
// and once, with --csv DIR, the import files for the import benchmark.
//
// gen_bench --persons N --employers M --jobs K --runs R --dir DIR
//           [--pg URL] [--baseline B] [--csv DIR]
#include <filesystem>

#include "bench_util.h"
#include "cli/registry_handle.h"
#include "gen/csv_sink.h"
#include "gen/generator.h"
#include "gen/store_sink.h"

namespace qjy::bench {
namespace {

class NullSink : public gen::Sink {
 public:
  Result<void> Employers(std::span<const registry::Employer>) override { return {}; }
  Result<void> Sites(std::span<const registry::ServiceSite>) override { return {}; }
  Result<void> Jobs(std::span<const registry::Job>) override { return {}; }
  Result<void> Persons(std::span<const registry::Person>, std::span<const registry::Contract>) override {
    return {};
  }
};

// Writes persons and contracts one by one (UpsertPerson / UpsertContract),
// employers in bulk first so contracts find them; stops after `limit` persons.
class UpsertSink : public gen::Sink {
 public:
  UpsertSink(store::Db& db, store::RegistryStore& r, int64_t limit) : db_(db), r_(r), limit_(limit) {}
  Result<void> Employers(std::span<const registry::Employer> b) override {
    auto tx = store::Transaction::Begin(db_);
    if (!tx) return std::unexpected(tx.error());
    if (auto x = r_.BulkInsertEmployers(b); !x) return x;
    return tx->Commit();
  }
  Result<void> Sites(std::span<const registry::ServiceSite>) override { return {}; }
  Result<void> Jobs(std::span<const registry::Job>) override { return {}; }
  Result<void> Persons(std::span<const registry::Person> ps,
                       std::span<const registry::Contract> cs) override {
    if (done_ >= limit_) return {};
    Stopwatch w;
    auto tx = store::Transaction::Begin(db_);
    if (!tx) return std::unexpected(tx.error());
    std::map<int64_t, int64_t> ids;  // generator id -> store id
    for (const auto& p : ps) {
      if (done_ >= limit_) break;
      registry::Person copy = p;
      copy.person_id = 0;
      if (auto x = r_.UpsertPerson(copy, "bench"); !x) return std::unexpected(x.error());
      ids[p.person_id] = copy.person_id;
      ++done_;
      ++rows_;
    }
    for (const auto& c : cs) {
      auto it = ids.find(c.person_id);
      if (it == ids.end()) continue;
      registry::Contract copy = c;
      copy.contract_id = 0;
      copy.person_id = it->second;
      if (auto x = r_.UpsertContract(copy, "bench"); !x) return std::unexpected(x.error());
      ++rows_;
    }
    auto r = tx->Commit();
    seconds_ += w.Seconds();
    return r;
  }
  int64_t done_ = 0, rows_ = 0;
  double seconds_ = 0;

 private:
  store::Db& db_;
  store::RegistryStore& r_;
  int64_t limit_;
};

gen::GenOptions Options(const Args& a, const gen::Profile& p) {
  gen::GenOptions o;
  o.seed = static_cast<uint64_t>(a.Int("--seed", 2023));
  o.persons = a.Int("--persons", 1'000'000);
  o.employers = a.Int("--employers", 50'000);
  o.jobs = a.Int("--jobs", 100'000);
  o.as_of = p.as_of_default;
  return o;
}

gen::GenCounts Run(const gen::Tables& t, gen::Sink& sink, const gen::IdBase& base = {}) {
  gen::Sink* sinks[] = {&sink};
  return Must(gen::Generate(t, base, sinks), "generate");
}

void ResetPostgres(store::Db& db) {
  Must(db.ExecScript("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"), "reset postgres");
}

}  // namespace
}  // namespace qjy::bench

int main(int argc, char** argv) {
  using namespace qjy;
  using namespace qjy::bench;
  Args a(argc, argv);
  const int runs = static_cast<int>(a.Int("--runs", 3));
  const std::string dir = a.Get("--dir", "var/bench");
  std::filesystem::create_directories(dir);
  World w = LoadWorld();
  const gen::GenOptions o = Options(a, w.profile);
  gen::Tables t(w.profile, *w.geo, o);
  const std::string size = std::to_string(o.persons) + " persons, " + std::to_string(o.employers) +
                           " employers, " + std::to_string(o.jobs) + " jobs";

  std::vector<double> times;
  gen::GenCounts counts;
  for (int r = 0; r < runs; ++r) {
    NullSink sink;
    Stopwatch sw;
    counts = Run(t, sink);
    times.push_back(sw.Seconds());
  }
  Report("gen_only", Median(times), o.persons, runs, size);

  times.clear();
  std::vector<double> cpu;
  for (int r = 0; r < runs; ++r) {
    const std::string db_path = dir + "/gen.db";
    for (const char* ext : {"", ".key", "-wal", "-shm"}) std::filesystem::remove(db_path + ext);
    Stopwatch sw;
    const double cpu0 = CpuSeconds();
    auto h = Must(cli::OpenRegistry(db_path), "open sqlite");
    gen::StoreSink sink(*h.db, *h.registry);
    counts = Run(t, sink);
    h.db.reset();
    times.push_back(sw.Seconds());
    cpu.push_back(CpuSeconds() - cpu0);
  }
  Report("gen_sqlite", Median(times), o.persons, runs,
         size + ", " + std::to_string(counts.contracts) + " contracts, " + Cpu(Median(cpu)));

  if (const std::string pg = a.Get("--pg"); !pg.empty()) {
    times.clear();
    const int pg_runs = static_cast<int>(a.Int("--pg-runs", runs));
    for (int r = 0; r < pg_runs; ++r) {
      {
        auto db = Must(store::OpenDb(pg), "open postgres");
        ResetPostgres(*db);
      }
      Stopwatch sw;
      auto h = Must(cli::OpenRegistry(pg, dir + "/pg.key"), "open postgres registry");
      gen::StoreSink sink(*h.db, *h.registry);
      counts = Run(t, sink);
      times.push_back(sw.Seconds());
    }
    Report("gen_postgres", Median(times), o.persons, pg_runs, size + " (COPY)");
  }

  if (const int64_t baseline = a.Int("--baseline", 20'000); baseline > 0) {
    times.clear();
    int64_t rows = 0;
    for (int r = 0; r < runs; ++r) {
      const std::string db_path = dir + "/upsert.db";
      for (const char* ext : {"", ".key", "-wal", "-shm"}) std::filesystem::remove(db_path + ext);
      auto h = Must(cli::OpenRegistry(db_path), "open sqlite");
      gen::GenOptions small = o;
      small.persons = baseline;
      small.jobs = 0;
      gen::Tables ts(w.profile, *w.geo, small);
      UpsertSink sink(*h.db, *h.registry, baseline);
      Run(ts, sink);
      times.push_back(sink.seconds_);
      rows = sink.done_;
    }
    Report("baseline_upsert_sqlite", Median(times), rows, runs,
           "UpsertPerson+UpsertContract per row, persons only timed");
  }

  if (const std::string csv = a.Get("--csv"); !csv.empty()) {
    Stopwatch sw;
    auto sink = Must(gen::CsvSink::Open(csv), "csv");
    Run(t, *sink);
    Report("gen_csv_files", sw.Seconds(), o.persons, 1, "import files written to " + csv);
  }
  return 0;
}
