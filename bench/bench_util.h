// Small helpers shared by the timed benchmark programs (bench/*_bench.cc):
// a world loader, a stopwatch, medians and percentiles, and the result
// line format scripts/bench.sh collects:
//   RESULT<TAB>name<TAB>median_seconds<TAB>rows<TAB>runs<TAB>note
#ifndef QJY_BENCH_BENCH_UTIL_H_
#define QJY_BENCH_BENCH_UTIL_H_

#include <algorithm>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/refdata.h"
#include "core/regions.h"
#include "gen/geography.h"
#include "gen/profile.h"

namespace qjy::bench {

class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

// User + system CPU seconds of this process so far (all threads).
inline double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

inline std::string Cpu(double seconds) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "cpu %.1f s", seconds);
  return buf;
}

inline double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Nearest-rank percentile, p in (0, 100].
inline double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t rank = static_cast<size_t>(p / 100.0 * v.size() + 0.999999);
  rank = std::clamp<size_t>(rank, 1, v.size());
  return v[rank - 1];
}

inline void Report(const std::string& name, double seconds, int64_t rows, int runs,
                   const std::string& note = "") {
  std::printf("RESULT\t%s\t%.6f\t%lld\t%d\t%s\n", name.c_str(), seconds,
              static_cast<long long>(rows), runs, note.c_str());
  std::fflush(stdout);
}

// --name value arguments.
class Args {
 public:
  Args(int argc, char** argv) {
    for (int i = 1; i + 1 < argc; i += 2) values_[argv[i]] = argv[i + 1];
  }
  std::string Get(const std::string& k, const std::string& def = "") const {
    auto it = values_.find(k);
    return it == values_.end() ? def : it->second;
  }
  int64_t Int(const std::string& k, int64_t def) const {
    auto v = Get(k);
    return v.empty() ? def : std::stoll(v);
  }

 private:
  std::map<std::string, std::string> values_;
};

[[noreturn]] inline void Die(const std::string& what) {
  std::cerr << "bench: " << what << "\n";
  std::exit(1);
}

template <class T>
T Must(Result<T> r, const std::string& what) {
  if (!r) Die(what + ": " + r.error().message);
  return std::move(*r);
}

inline void Must(Result<void> r, const std::string& what) {
  if (!r) Die(what + ": " + r.error().message);
}

struct World {
  gen::Profile profile;
  std::unique_ptr<RegionIndex> regions;
  std::unique_ptr<gen::Geography> geo;
};

inline World LoadWorld() {
  World w;
  w.profile = Must(gen::LoadProfile(gen::DefaultProfileDir()), "profile");
  w.regions = std::make_unique<RegionIndex>(Must(RegionIndex::Load(RefdataDir()), "regions"));
  auto rows = Must(gen::RegionRowsFrom(*w.regions, w.profile), "regions");
  w.geo = std::make_unique<gen::Geography>(Must(gen::Geography::Build(rows, w.profile), "geography"));
  return w;
}

}  // namespace qjy::bench

#endif  // QJY_BENCH_BENCH_UTIL_H_
