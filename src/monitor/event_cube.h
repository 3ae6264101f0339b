// Every measure of events.h for every region and month of a range, from
// the event columns (issue #12, "Speed"): one pass over the columns (split
// over `threads`), each event added to its county's and township's cell of
// its month; then the stocks summed into month-end levels and the counties
// rolled up to prefectures (first 4 digits) and the province (counties
// whose code starts with 52). Flows outside the range are left out; stock
// deltas before it open the first month's level, after it are left out.
//
// ApplyEvents adds events appended to the store after the cube was
// computed (a day's hires, separations, registrations) to the cells they
// change only: a flow event its month at the four levels, a stock event
// its month and the later ones. The result equals a recomputation.
//
// Beside each cell the number of events that fell in it (flows), so that a
// month whose events cancel out is told apart from a month without events
// (series.h keeps the years that had any event). Pure; no I/O.
#ifndef QJY_MONITOR_EVENT_CUBE_H_
#define QJY_MONITOR_EVENT_CUBE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "monitor/events.h"
#include "monitor/indicator_spec.h"
#include "monitor/monthly_sources.h"
#include "monitor/monthly_spec.h"
#include "monitor/series.h"

namespace qjy::monitor {

enum class Level { kTownship, kCounty, kPrefecture, kProvince };

class Cube {
 public:
  int first_month() const { return first_; }  // MonthKey
  int months() const { return months_; }
  const std::vector<std::string>& codes(Level l) const { return level(l).codes; }
  // The value of a cell (a flow's count in the month; a stock's level at
  // the month's end); 0 outside the range or for an unknown index.
  int64_t Value(Level l, size_t region, Measure m, int month_key) const;
  // The events that fell in a flow cell.
  int64_t Events(Level l, size_t region, Measure m, int month_key) const;
  // Index of a code at a level, or nullopt.
  std::optional<size_t> Find(Level l, const std::string& code) const;
  size_t CellCount() const;
  bool operator==(const Cube&) const = default;

 private:
  friend Cube ComputeCube(const EventStore&, int, int, int);
  friend void ApplyEvents(Cube&, const EventStore&, size_t);
  struct Cells {
    std::vector<std::string> codes;
    std::vector<int64_t> value;  // [region][measure][month]
    std::vector<int32_t> events;
    bool operator==(const Cells&) const = default;
  };
  const Cells& level(Level l) const { return levels_[static_cast<int>(l)]; }
  size_t Index(size_t region, Measure m, int month) const {
    return (region * kMeasures + static_cast<size_t>(m)) * months_ + month;
  }
  // Adds the regions the store interned since (codes, cell rows, parents).
  void Grow(const EventStore& store);

  int first_ = 0;
  int months_ = 0;
  Cells levels_[4];
  std::vector<int32_t> prefecture_of_;  // county -> prefecture index
  std::vector<uint8_t> in_province_;    // county -> 1 when its code starts with 52
};

// The cube of [first_month, first_month + months). threads ≥ 1.
Cube ComputeCube(const EventStore& store, int first_month, int months, int threads = 2);
// Applies events [begin, store.size()).
void ApplyEvents(Cube& cube, const EventStore& store, size_t begin);

// The months of the store's earliest and latest event (MonthKey), of the
// flow events only when `flows_only`; nullopt when there is none.
struct MonthBounds {
  int first = 0;
  int last = 0;
};
std::optional<MonthBounds> EventMonths(const EventStore& store, bool flows_only = false);

// The cube's cells as the series the dashboard reads (series.h): the
// county series of the flow measure (or its township-placed part), a year
// present when any event fell in it.
CountySeries FlowSeries(const Cube& cube, Measure m, Level level);
// The measure an indicator computation counts.
Measure MeasureOf(Computation c);
// The month-end counts of a monthly computation (monthly_sources.h) per
// county, for the months of the cube up to `through`: the rate's
// numerator = registered unemployed, denominator = that + employed; the
// head count in the numerator. Only cells with a non-zero count.
MonthlyCounts StockCounts(const Cube& cube, MonthlyComputation c, int through);

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_EVENT_CUBE_H_
