// The wall clock, injected everywhere time enters (sessions, lockouts, audit
// timestamps, "today" of a page or a command), so that tests move it by hand
// instead of waiting. Times are Unix seconds (UTC). "Today" for officers and
// the policy document is the date in China (UTC+8, no daylight saving),
// whatever the machine's own time zone: TodayInChina(), never localtime.
//
// Thread-safety: Now() may be called concurrently; ManualClock::Set/Advance
// are atomic.
#ifndef QJY_CORE_CLOCK_H_
#define QJY_CORE_CLOCK_H_

#include <atomic>
#include <cstdint>
#include <string>

#include "core/date.h"

namespace qjy {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t Now() const = 0;  // Unix seconds
  // The date in China at Now().
  Date TodayInChina() const { return Date::InChina(Now()); }
};

class SystemClock final : public Clock {
 public:
  int64_t Now() const override;
};

// The process's system clock, for callers that take a clock by reference
// and default to the real time (the CLI, stores built without one).
const Clock& TheSystemClock();

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

// A clock the test sets and advances.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t start) : now_(start) {}
  int64_t Now() const override { return now_.load(); }
  void Set(int64_t t) { now_.store(t); }
  void Advance(int64_t seconds) { now_.fetch_add(seconds); }

 private:
  std::atomic<int64_t> now_;
};

// A Unix time read in China (UTC+8): the date and the time of day.
struct ChinaTime {
  Date date;
  int hour = 0, minute = 0, second = 0;
};
ChinaTime InChina(int64_t unix_seconds);

// "2026-12-04 19:30" in Beijing time; "" for unix_seconds <= 0 (never set).
std::string ChinaDateTimeText(int64_t unix_seconds);

// "2024-05-01T08:30:00Z" (stored timestamps are UTC).
std::string IsoUtc(int64_t unix_seconds);

}  // namespace qjy

#endif  // QJY_CORE_CLOCK_H_
