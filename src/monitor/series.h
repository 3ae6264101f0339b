// Monthly counts of one indicator: per county and calendar month, summed
// up to any region (prefecture, province) by code prefix. Built from dated
// county events (sources.h). Plain values; no I/O.
#ifndef QJY_MONITOR_SERIES_H_
#define QJY_MONITOR_SERIES_H_

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/date.h"

namespace qjy::monitor {

// year -> counts of January..December.
struct Series {
  std::map<int, std::array<int64_t, 12>> by_year;

  void Add(Date on, int64_t n = 1) { by_year[on.year()][on.month() - 1] += n; }
  void AddAll(const Series& other);
  // Sum of months 1..month of `year` (0 when none).
  int64_t CumulativeTo(int year, int month) const;
  int64_t Total(int year) const { return CumulativeTo(year, 12); }
  bool HasYear(int year) const { return by_year.contains(year); }
};

// County code (6 digits) -> series.
using CountySeries = std::map<std::string, Series>;

// The series of a region: the sum over counties whose code starts with
// `region` ("52" the province, "5201" a prefecture, a county itself).
Series RegionSeries(const CountySeries& counties, std::string_view region);

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_SERIES_H_
