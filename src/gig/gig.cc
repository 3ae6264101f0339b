#include "gig/gig.h"

#include <fmt/format.h>

namespace qjy::gig {

std::string_view PayUnitCode(PayUnit u) { return u == PayUnit::kDay ? "day" : "hour"; }

std::optional<PayUnit> ParsePayUnit(std::string_view s) {
  if (s == "day" || s == "日" || s == "天") return PayUnit::kDay;
  if (s == "hour" || s == "时" || s == "小时") return PayUnit::kHour;
  return std::nullopt;
}

std::string FormatMinutes(int minutes) { return fmt::format("{:02d}:{:02d}", minutes / 60, minutes % 60); }

std::optional<int> ParseMinutes(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  for (size_t i : {0, 1, 3, 4}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

}  // namespace qjy::gig
