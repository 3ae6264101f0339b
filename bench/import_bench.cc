// CSV import benchmark: the persons file written by gen_bench --csv,
// imported with full validation (importer::Import: header mapping, cell
// parsing, ID check digits, region lookups, upsert with change history)
//   import_sqlite    into a fresh SQLite file, median of --runs
//   import_postgres  into PostgreSQL when --pg URL is given
//   baseline_sqlite3_cli_import  the sqlite3 shell's `.import` of the same
//                    file into a plain table: no validation, no encryption
//
// import_bench --csv FILE --runs R --dir DIR [--pg URL] [--today YYYY-MM-DD]
#include <algorithm>
#include <filesystem>
#include <fstream>

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
  opt.write_rejects = a.Get("--rejects") == "1";

  double cpu = 0;
  auto import_into = [&](const std::string& url, const std::string& key, const std::string& file,
                         int64_t expected) {
    auto h = Must(cli::OpenRegistry(url, key), "open " + url);
    Stopwatch sw;
    const double cpu0 = CpuSeconds();
    auto r = Must(importer::Import(importer::Entity::kPersons, file, *h.registry, *h.db, opt), "import");
    const double s = sw.Seconds();
    cpu = CpuSeconds() - cpu0;
    if (r.rejected > 0 || r.inserted != expected)
      std::cerr << "bench: import inserted " << r.inserted << ", rejected " << r.rejected << " of "
                << expected << "\n";
    return s;
  };

  std::vector<double> times, cpus;
  for (int i = 0; i < runs; ++i) {
    const std::string db = dir + "/import.db";
    for (const char* ext : {"", ".key", "-wal", "-shm"}) std::filesystem::remove(db + ext);
    times.push_back(import_into(db, "", csv, rows));
    cpus.push_back(cpu);
  }
  Report("import_sqlite", Median(times), rows, runs,
         "persons.csv, full validation, " + Cpu(Median(cpus)));

  if (const std::string pg = a.Get("--pg"); !pg.empty()) {
    // The first --pg-rows data rows only (the per-row upsert path is slow
    // over a socket; the rate is what matters).
    const int64_t pg_rows = std::min(rows, a.Int("--pg-rows", 100'000));
    const std::string part = dir + "/persons_pg.csv";
    {
      std::ifstream in(csv, std::ios::binary);
      std::ofstream out(part, std::ios::binary | std::ios::trunc);
      std::string line;
      for (int64_t i = 0; i <= pg_rows && std::getline(in, line); ++i) out << line << '\n';
    }
    times.clear();
    const int pg_runs = static_cast<int>(a.Int("--pg-runs", runs));
    for (int i = 0; i < pg_runs; ++i) {
      {
        auto db = Must(store::OpenDb(pg), "open postgres");
        Must(db->ExecScript("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"), "reset");
      }
      times.push_back(import_into(pg, dir + "/pg.key", part, pg_rows));
    }
    Report("import_postgres", Median(times), pg_rows, pg_runs, "first rows of persons.csv, full validation");
  }

  times.clear();
  for (int i = 0; i < runs; ++i) {
    const std::string db = dir + "/raw.db";
    std::filesystem::remove(db);
    const std::string cmd = "sqlite3 '" + db + "' '.mode csv' '.import \"" + csv + "\" raw'";
    Stopwatch sw;
    if (std::system(cmd.c_str()) != 0) Die("sqlite3 .import failed");
    times.push_back(sw.Seconds());
  }
  Report("baseline_sqlite3_cli_import", Median(times), rows, runs, "no validation, plain table");
  return 0;
}
