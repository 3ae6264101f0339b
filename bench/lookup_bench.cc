// Lookup of a person by resident ID number (keyed-hash index, then decrypt)
// in a generated database: p50 / p99 latency over --samples random IDs
// taken from the persons import file. Baseline: GetPerson by the integer
// primary key (same decoding, no hashing) for the same persons.
//
// lookup_bench --db PATH --csv persons.csv [--samples 10000] [--seed 1]
#include <fstream>

#include "bench_util.h"
#include "cli/registry_handle.h"
#include "gen/rng.h"

int main(int argc, char** argv) {
  using namespace qjy;
  using namespace qjy::bench;
  Args a(argc, argv);
  const std::string db = a.Get("--db"), csv = a.Get("--csv");
  if (db.empty() || csv.empty()) Die("--db and --csv are required");
  const int64_t samples = a.Int("--samples", 10000);
  std::vector<std::string> ids;
  {
    std::ifstream in(csv, std::ios::binary);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) ids.push_back(line.substr(0, line.find(',')));
  }
  if (ids.empty()) Die("no IDs in " + csv);
  auto h = Must(cli::OpenRegistry(db), "open " + db);
  gen::Rng rng(static_cast<uint64_t>(a.Int("--seed", 1)));
  std::vector<double> by_id, by_key;
  std::vector<int64_t> person_ids;
  // Warm-up: the first lookups pay for page cache and statement preparation.
  for (int i = 0; i < 200; ++i) (void)h.registry->FindPersonByIdNumber(ids[rng.Below(ids.size())]);
  for (int64_t i = 0; i < samples; ++i) {
    const std::string& id = ids[rng.Below(ids.size())];
    Stopwatch sw;
    auto p = Must(h.registry->FindPersonByIdNumber(id), "lookup");
    by_id.push_back(sw.Seconds());
    if (!p) Die("not found: " + id.substr(0, 6));
    person_ids.push_back(p->person_id);
  }
  for (int64_t pid : person_ids) {
    Stopwatch sw;
    auto p = Must(h.registry->GetPerson(pid), "get");
    by_key.push_back(sw.Seconds());
    if (!p) Die("not found by id");
  }
  const std::string n = std::to_string(ids.size()) + " persons in db";
  Report("lookup_id_number_p50", Percentile(by_id, 50), samples, 1, n);
  Report("lookup_id_number_p99", Percentile(by_id, 99), samples, 1, n);
  Report("baseline_get_by_pk_p50", Percentile(by_key, 50), samples, 1, n);
  Report("baseline_get_by_pk_p99", Percentile(by_key, 99), samples, 1, n);
  return 0;
}
