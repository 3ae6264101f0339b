#include "gen/progress.h"

#include <chrono>
#include <cstdio>

namespace qjy::gen {
namespace {

std::string Grouped(int64_t n) {
  std::string s = std::to_string(n), out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && (s.size() - i) % 3 == 0) out += ',';
    out += s[i];
  }
  return out;
}

std::string Duration(double seconds) {
  const int64_t s = static_cast<int64_t>(seconds + 0.5);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(s / 3600),
                  static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
  else
    std::snprintf(buf, sizeof buf, "%02lld:%02lld", static_cast<long long>(s / 60),
                  static_cast<long long>(s % 60));
  return buf;
}

}  // namespace

Progress::Progress(std::ostream* out, bool terminal, Clock clock)
    : out_(out), terminal_(terminal), clock_(std::move(clock)) {
  if (!clock_) {
    clock_ = [] {
      return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
          .count();
    };
  }
}

void Progress::Start(const std::string& label, int64_t total) {
  label_ = label;
  total_ = total;
  done_ = 0;
  start_ = clock_();
  last_print_ = -1e9;
}

std::string Progress::Line() const {
  const double elapsed = clock_() - start_;
  const double rate = elapsed > 0 ? done_ / elapsed : 0;
  const double pct = total_ > 0 ? 100.0 * done_ / total_ : 100.0;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%5.1f%%", pct);
  std::string line = "[" + label_ + "] " + buf + "  " + Grouped(done_) + "/" + Grouped(total_) +
                     "  " + Grouped(static_cast<int64_t>(rate)) + " 行/秒";
  if (rate > 0 && done_ < total_) line += "  预计剩余 " + Duration((total_ - done_) / rate);
  return line;
}

void Progress::Advance(int64_t rows) {
  done_ += rows;
  if (!out_) return;
  const double now = clock_();
  if (now - last_print_ < (terminal_ ? 0.2 : 5.0)) return;
  last_print_ = now;
  if (terminal_) *out_ << "\r\033[K" << Line() << std::flush;
  else *out_ << Line() << '\n' << std::flush;
}

void Progress::Done() {
  if (!out_) return;
  const double elapsed = clock_() - start_;
  const int64_t rate = elapsed > 0 ? static_cast<int64_t>(done_ / elapsed) : 0;
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.1f", elapsed);
  if (terminal_) *out_ << "\r\033[K";
  *out_ << "[" << label_ << "] 完成 " << Grouped(done_) << " 行，用时 " << secs << " 秒，"
        << Grouped(rate) << " 行/秒\n"
        << std::flush;
}

}  // namespace qjy::gen
