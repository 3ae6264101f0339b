// Progress of a long generation on stderr: percentage, rows per second and
// the estimated time left, redrawn in place on a terminal (at most 5 times
// a second) and as a line every 5 seconds otherwise. The clock is injected
// (seconds since any fixed point) so tests can drive it.
#ifndef QJY_GEN_PROGRESS_H_
#define QJY_GEN_PROGRESS_H_

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>

namespace qjy::gen {

class Progress {
 public:
  using Clock = std::function<double()>;
  // `out` may be null (silent). `clock` defaults to a steady clock.
  Progress(std::ostream* out, bool terminal, Clock clock = {});

  void Start(const std::string& label, int64_t total);
  void Advance(int64_t rows);
  // Prints the final line of the current stage (rows, seconds, rows/s).
  void Done();
  // The line that would be shown now (for tests).
  std::string Line() const;

 private:
  std::ostream* out_;
  bool terminal_;
  Clock clock_;
  std::string label_;
  int64_t total_ = 0, done_ = 0;
  double start_ = 0, last_print_ = -1e9;
};

}  // namespace qjy::gen

#endif  // QJY_GEN_PROGRESS_H_
