// Import rate benchmark for the persons CSV path (importer::Import with full
// validation: header mapping, cell parsing, ID check digits, region lookups,
// encryption, batch upsert with change history), over one file:
//   import_sqlite    into a fresh SQLite file (WAL, synchronous=FULL)
//   reimport_sqlite  the same file again into the last run's database:
//                    every row unchanged, nothing written
//   import_postgres / reimport_postgres  the same against --pg URL
//   baseline_sqlite3_cli_import  the sqlite3 shell's `.import` of the same
//                    file into a plain table: no validation, no encryption
// Each is followed by a *_cpu line whose "seconds" are CPU seconds
// (user+sys of all threads of this process; of the sqlite3 child for the
// baseline; the PostgreSQL server's CPU is not included), so its rows/s is
// rows per CPU-second, the figure a loaded machine does not distort. Notes
// give the 1-minute load average before->after each run.
//
// Make the file with the generator, e.g.
//   build/qjy gen --persons 1000000 --employers 1000 --jobs 1000 --out-dir var/bench/csv
// then
//   build/bench/import_rate_bench --csv var/bench/csv/persons.csv --runs 3 --dir var/bench
//       [--pg URL] [--batch 5000] [--today YYYY-MM-DD]
#include <sys/resource.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "bench_util.h"
#include "cli/registry_handle.h"
#include "importer/import.h"

namespace qjy::bench {
namespace {

int64_t DataRows(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  int64_t n = 0;
  std::string line;
  while (std::getline(in, line)) ++n;
  return n - 1;
}

double ProcessCpu(int who) {
  rusage u{};
  getrusage(who, &u);
  auto secs = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return secs(u.ru_utime) + secs(u.ru_stime);
}

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string one;
  in >> one;
  return one.empty() ? "?" : one;
}

struct Timing {
  std::vector<double> wall, cpu;
  std::string loads;
  void Add(double w, double c, const std::string& load_before) {
    wall.push_back(w);
    cpu.push_back(c);
    loads += (loads.empty() ? "" : ",") + load_before + "->" + LoadAverage();
  }
  void Print(const std::string& name, int64_t rows, const std::string& note) const {
    std::ostringstream walls, cpus;
    for (size_t i = 0; i < wall.size(); ++i) {
      walls << (i ? "," : "") << wall[i];
      cpus << (i ? "," : "") << cpu[i];
    }
    const int n = static_cast<int>(wall.size());
    Report(name, Median(wall), rows, n, note + "; wall s " + walls.str() + "; load " + loads);
    Report(name + "_cpu", Median(cpu), rows, n, "CPU s (user+sys) " + cpus.str());
  }
};

}  // namespace
}  // namespace qjy::bench

int main(int argc, char** argv) {
  using namespace qjy;
  using namespace qjy::bench;
  Args a(argc, argv);
  const std::string csv = a.Get("--csv");
  if (csv.empty()) Die("--csv FILE is required");
  const int runs = static_cast<int>(a.Int("--runs", 3));
  const std::string dir = a.Get("--dir", "var/bench");
  std::filesystem::create_directories(dir);
  const int64_t rows = DataRows(csv);
  auto regions = Must(RegionIndex::Load(RefdataDir()), "regions");
  importer::ImportOptions opt;
  opt.today = Must(Date::Parse(a.Get("--today", "2025-06-30")), "--today");
  opt.regions = &regions;
  opt.write_rejects = false;
  opt.batch_size = static_cast<size_t>(a.Int("--batch", 5000));
  const std::string batch_note = "batches of " + std::to_string(opt.batch_size);

  // One timed import into `url`; warns when it did not do what the run expects.
  auto import_into = [&](const std::string& url, const std::string& key, Timing& t,
                         bool expect_unchanged) {
    auto h = Must(cli::OpenRegistry(url, key), "open " + url);
    const std::string load = LoadAverage();
    const double cpu0 = ProcessCpu(RUSAGE_SELF);
    Stopwatch sw;
    auto r = Must(importer::Import(importer::Entity::kPersons, csv, *h.registry, *h.db, opt),
                  "import");
    t.Add(sw.Seconds(), ProcessCpu(RUSAGE_SELF) - cpu0, load);
    const int64_t done = expect_unchanged ? r.unchanged : r.inserted;
    if (r.rejected > 0 || done != rows) {
      std::cerr << "bench: inserted " << r.inserted << ", unchanged " << r.unchanged
                << ", rejected " << r.rejected << " of " << rows << "\n";
    }
  };

  const std::string db = dir + "/import.db";
  Timing fresh, again;
  for (int i = 0; i < runs; ++i) {
    for (const char* ext : {"", ".key", "-wal", "-shm"}) std::filesystem::remove(db + ext);
    import_into(db, "", fresh, false);
  }
  fresh.Print("import_sqlite", rows, "fresh file, full validation, " + batch_note);
  for (int i = 0; i < runs; ++i) import_into(db, "", again, true);
  again.Print("reimport_sqlite", rows, "same file again, all unchanged, " + batch_note);

  if (const std::string pg = a.Get("--pg"); !pg.empty()) {
    Timing pg_fresh, pg_again;
    for (int i = 0; i < runs; ++i) {
      {
        auto conn = Must(store::OpenDb(pg), "open postgres");
        Must(conn->ExecScript("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"), "reset");
      }
      import_into(pg, dir + "/pg.key", pg_fresh, false);
    }
    pg_fresh.Print("import_postgres", rows, "empty schema, full validation, " + batch_note);
    for (int i = 0; i < runs; ++i) import_into(pg, dir + "/pg.key", pg_again, true);
    pg_again.Print("reimport_postgres", rows, "same file again, all unchanged, " + batch_note);
  }

  Timing raw;
  const std::string raw_db = dir + "/raw.db";
  for (int i = 0; i < runs; ++i) {
    std::filesystem::remove(raw_db);
    const std::string cmd = "sqlite3 '" + raw_db + "' '.mode csv' '.import \"" + csv + "\" raw'";
    const std::string load = LoadAverage();
    const double cpu0 = ProcessCpu(RUSAGE_CHILDREN);
    Stopwatch sw;
    if (std::system(cmd.c_str()) != 0) Die("sqlite3 .import failed");
    raw.Add(sw.Seconds(), ProcessCpu(RUSAGE_CHILDREN) - cpu0, load);
  }
  raw.Print("baseline_sqlite3_cli_import", rows, "no validation, plain table");
  return 0;
}
