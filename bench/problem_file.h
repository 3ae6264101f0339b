// A raw binary dump of an assign::Problem, for benchmarks only: batch_bench
// --save writes the real batch instance (RunBatch's problem) so that
// assign_bench --load can time the solvers on it without rebuilding the
// match index. Format: magic "QJYP1", want, then offsets, job, score,
// capacity, each as a uint64 count followed by the raw elements (host
// byte order; not an exchange format).
#ifndef QJY_BENCH_PROBLEM_FILE_H_
#define QJY_BENCH_PROBLEM_FILE_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "assign/problem.h"

namespace qjy::bench {

namespace problem_file_detail {
struct Closer {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, Closer>;

template <class T, class A>
bool Put(std::FILE* f, const std::vector<T, A>& v) {
  const std::uint64_t n = v.size();
  return std::fwrite(&n, sizeof n, 1, f) == 1 && (n == 0 || std::fwrite(v.data(), sizeof(T), n, f) == n);
}
template <class T, class A>
bool Get(std::FILE* f, std::vector<T, A>& v) {
  std::uint64_t n = 0;
  if (std::fread(&n, sizeof n, 1, f) != 1 || n > (std::uint64_t{1} << 34)) return false;
  v.resize(n);
  return n == 0 || std::fread(v.data(), sizeof(T), n, f) == n;
}
}  // namespace problem_file_detail

// True on success.
inline bool SaveProblem(const std::string& path, const assign::Problem& p) {
  using namespace problem_file_detail;
  File f(std::fopen(path.c_str(), "wb"));
  if (!f) return false;
  return std::fwrite("QJYP1", 5, 1, f.get()) == 1 && std::fwrite(&p.want, sizeof p.want, 1, f.get()) == 1 &&
         Put(f.get(), p.offsets) && Put(f.get(), p.job) && Put(f.get(), p.score) && Put(f.get(), p.capacity);
}

// True on success; the caller still runs assign::Validate.
inline bool LoadProblem(const std::string& path, assign::Problem& p) {
  using namespace problem_file_detail;
  File f(std::fopen(path.c_str(), "rb"));
  if (!f) return false;
  char magic[5];
  return std::fread(magic, 5, 1, f.get()) == 1 && std::string(magic, 5) == "QJYP1" &&
         std::fread(&p.want, sizeof p.want, 1, f.get()) == 1 && Get(f.get(), p.offsets) && Get(f.get(), p.job) &&
         Get(f.get(), p.score) && Get(f.get(), p.capacity);
}

}  // namespace qjy::bench

#endif  // QJY_BENCH_PROBLEM_FILE_H_
