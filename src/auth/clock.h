// The wall clock, injected so that lockouts, session expiry and audit
// timestamps can be tested without waiting. Times are Unix seconds (UTC).
//
// Thread-safety: Now() may be called concurrently; ManualClock::Set/Advance
// are atomic.
#ifndef QJY_AUTH_CLOCK_H_
#define QJY_AUTH_CLOCK_H_

#include <atomic>
#include <cstdint>
#include <string>

namespace qjy::auth {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t Now() const = 0;  // Unix seconds
};

class SystemClock final : public Clock {
 public:
  int64_t Now() const override;
};

// Another clock moved by a fixed number of seconds: `qjy serve --today`
// runs a demo database as if on another day, time still passing.
class OffsetClock final : public Clock {
 public:
  OffsetClock(const Clock& base, int64_t offset_seconds) : base_(base), offset_(offset_seconds) {}
  int64_t Now() const override { return base_.Now() + offset_; }

 private:
  const Clock& base_;
  int64_t offset_;
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t start) : now_(start) {}
  int64_t Now() const override { return now_.load(); }
  void Set(int64_t t) { now_.store(t); }
  void Advance(int64_t seconds) { now_.fetch_add(seconds); }

 private:
  std::atomic<int64_t> now_;
};

// "2024-05-01T08:30:00Z".
std::string IsoUtc(int64_t unix_seconds);

}  // namespace qjy::auth

#endif  // QJY_AUTH_CLOCK_H_
