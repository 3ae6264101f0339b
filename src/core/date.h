// A civil (proleptic Gregorian) calendar date with no time zone: what the
// policy document and officers mean by a date. Cheap to copy, totally
// ordered, stored as days since 1970-01-01.
#ifndef QJY_CORE_DATE_H_
#define QJY_CORE_DATE_H_

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace qjy {

class Date {
 public:
  constexpr Date() = default;  // 1970-01-01

  // Accepts "YYYY-MM-DD" (also "YYYY/MM/DD", "YYYYMMDD", "YYYY.MM.DD" and
  // "YYYY年M月D日" as officers type them). Rejects impossible dates.
  static Result<Date> Parse(std::string_view text);
  // Returns an error for an impossible year/month/day.
  static Result<Date> FromYmd(int year, int month, int day);
  static constexpr Date FromDays(int32_t days) { return Date(days); }
  // The date in China (UTC+8, no daylight saving) at a Unix time: "today"
  // for officers, whatever the server's own time zone.
  static constexpr Date InChina(int64_t unix_seconds) {
    int64_t s = unix_seconds + 8 * 3600;
    return Date(static_cast<int32_t>(s >= 0 ? s / 86400 : (s - 86399) / 86400));
  }

  int year() const;
  int month() const;  // 1..12
  int day() const;    // 1..31
  // ISO weekday: 1 = Monday ... 7 = Sunday.
  int iso_weekday() const;
  bool is_weekend() const { return iso_weekday() >= 6; }
  int32_t days() const { return days_; }

  Date AddDays(int n) const { return Date(days_ + n); }
  // Calendar months; the day is clamped to the end of a shorter month
  // (2023-01-31 + 1 month = 2023-02-28; 2024-01-31 + 1 = 2024-02-29).
  Date AddMonths(int n) const;
  Date AddYears(int n) const { return AddMonths(12 * n); }

  // Whole years from `birth` to this date (age on this date).
  int YearsSince(Date birth) const;

  std::string ToString() const;  // "YYYY-MM-DD"

  friend constexpr auto operator<=>(Date, Date) = default;
  friend constexpr bool operator==(Date, Date) = default;

 private:
  constexpr explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

}  // namespace qjy

#endif  // QJY_CORE_DATE_H_
