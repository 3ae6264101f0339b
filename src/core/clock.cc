#include "core/clock.h"

#include <chrono>
#include <ctime>

#include <fmt/format.h>

namespace qjy {
namespace {

constexpr int64_t kChinaUtcOffsetSeconds = 8 * 3600;  // as Date::InChina

}  // namespace

int64_t SystemClock::Now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

const Clock& TheSystemClock() {
  static const SystemClock clock;
  return clock;
}

ChinaTime InChina(int64_t unix_seconds) {
  ChinaTime t;
  t.date = Date::InChina(unix_seconds);
  const int64_t local = unix_seconds + kChinaUtcOffsetSeconds;
  const int64_t secs = ((local % 86400) + 86400) % 86400;
  t.hour = static_cast<int>(secs / 3600);
  t.minute = static_cast<int>(secs / 60 % 60);
  t.second = static_cast<int>(secs % 60);
  return t;
}

std::string ChinaDateTimeText(int64_t unix_seconds) {
  if (unix_seconds <= 0) return {};
  const ChinaTime t = InChina(unix_seconds);
  return fmt::format("{} {:02}:{:02}", t.date.ToString(), t.hour, t.minute);
}

std::string IsoUtc(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace qjy
