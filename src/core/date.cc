#include "core/date.h"

#include <charconv>
#include <chrono>
#include <cstdio>

#include "core/utf8.h"

namespace qjy {
namespace {

namespace chr = std::chrono;
using chr::sys_days;
using chr::year_month_day;

year_month_day Ymd(int32_t days) {
  return year_month_day{sys_days{std::chrono::days{days}}};
}

// Reads up to `max` digits starting at `pos`, advancing it. Returns -1 when
// no digit is there.
int ReadNumber(std::string_view s, size_t& pos, size_t max) {
  size_t start = pos;
  int value = 0;
  while (pos < s.size() && pos - start < max && s[pos] >= '0' && s[pos] <= '9') {
    value = value * 10 + (s[pos] - '0');
    ++pos;
  }
  return pos == start ? -1 : value;
}

bool ReadSeparator(std::string_view s, size_t& pos, std::string_view chinese) {
  if (pos < s.size() && (s[pos] == '-' || s[pos] == '/' || s[pos] == '.')) {
    ++pos;
    return true;
  }
  if (s.substr(pos, chinese.size()) == chinese) {
    pos += chinese.size();
    return true;
  }
  return false;
}

}  // namespace

Result<Date> Date::FromYmd(int y, int m, int d) {
  year_month_day ymd{chr::year{y}, chr::month{static_cast<unsigned>(m)}, chr::day{static_cast<unsigned>(d)}};
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || !ymd.ok()) {
    return Fail(ErrorCode::kInvalidArgument,
                "日期不存在：" + std::to_string(y) + "年" + std::to_string(m) + "月" +
                    std::to_string(d) + "日");
  }
  return Date(static_cast<int32_t>(sys_days{ymd}.time_since_epoch().count()));
}

Result<Date> Date::Parse(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  auto bad = [&] {
    return Fail(ErrorCode::kInvalidArgument,
                "日期格式不正确：“" + std::string(Utf8Prefix(text, 40)) + "”，应为 YYYY-MM-DD");
  };
  if (text.size() == 8 && text.find_first_not_of("0123456789") == std::string_view::npos) {
    size_t p = 0;
    int y = ReadNumber(text, p, 4), m = ReadNumber(text, p, 2), d = ReadNumber(text, p, 2);
    return FromYmd(y, m, d);
  }
  size_t p = 0;
  int y = ReadNumber(text, p, 4);
  if (y < 0 || p != 4 || !ReadSeparator(text, p, "年")) return bad();
  int m = ReadNumber(text, p, 2);
  if (m < 0 || !ReadSeparator(text, p, "月")) return bad();
  int d = ReadNumber(text, p, 2);
  if (d < 0) return bad();
  if (text.substr(p) == "日") p = text.size();
  if (p != text.size()) return bad();
  return FromYmd(y, m, d);
}

int Date::year() const { return static_cast<int>(Ymd(days_).year()); }
int Date::month() const { return static_cast<int>(static_cast<unsigned>(Ymd(days_).month())); }
int Date::day() const { return static_cast<int>(static_cast<unsigned>(Ymd(days_).day())); }

int Date::iso_weekday() const {
  return static_cast<int>(
      std::chrono::weekday{sys_days{std::chrono::days{days_}}}.iso_encoding());
}

Date Date::AddMonths(int n) const {
  year_month_day ymd = Ymd(days_);
  auto ym = std::chrono::year_month{ymd.year(), ymd.month()} + std::chrono::months{n};
  auto last = std::chrono::year_month_day_last{ym.year(), std::chrono::month_day_last{ym.month()}};
  chr::day dd = ymd.day() > last.day() ? last.day() : ymd.day();
  return Date(static_cast<int32_t>(
      sys_days{year_month_day{ym.year(), ym.month(), dd}}.time_since_epoch().count()));
}

int Date::YearsSince(Date birth) const {
  int years = year() - birth.year();
  if (month() < birth.month() || (month() == birth.month() && day() < birth.day())) --years;
  return years;
}

std::string Date::ToString() const {
  // By hand, not snprintf: an import formats several dates per row.
  const year_month_day ymd = Ymd(days_);
  const int y = static_cast<int>(ymd.year());
  if (y < 0 || y > 9999) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, month(), day());
    return buf;
  }
  const unsigned m = static_cast<unsigned>(ymd.month()), d = static_cast<unsigned>(ymd.day());
  char buf[10] = {static_cast<char>('0' + y / 1000),     static_cast<char>('0' + y / 100 % 10),
                  static_cast<char>('0' + y / 10 % 10),  static_cast<char>('0' + y % 10),
                  '-',
                  static_cast<char>('0' + m / 10),       static_cast<char>('0' + m % 10),
                  '-',
                  static_cast<char>('0' + d / 10),       static_cast<char>('0' + d % 10)};
  return std::string(buf, sizeof buf);
}

}  // namespace qjy
