#include "monitor/series.h"

namespace qjy::monitor {

void Series::AddAll(const Series& other) {
  for (const auto& [year, months] : other.by_year) {
    auto& mine = by_year[year];
    for (int m = 0; m < 12; ++m) mine[m] += months[m];
  }
}

int64_t Series::CumulativeTo(int year, int month) const {
  auto it = by_year.find(year);
  if (it == by_year.end()) return 0;
  int64_t sum = 0;
  for (int m = 0; m < month && m < 12; ++m) sum += it->second[m];
  return sum;
}

Series RegionSeries(const CountySeries& counties, std::string_view region) {
  Series out;
  for (auto it = counties.lower_bound(std::string(region)); it != counties.end(); ++it) {
    if (!it->first.starts_with(region)) break;
    out.AddAll(it->second);
  }
  return out;
}

}  // namespace qjy::monitor
