// The facts every indicator counts, as one compact columnar list of dated
// region events (issue #12, "Speed"): per event a county index (2 bytes), a
// township index (2 bytes; kNoTownship when the place stops at the
// county), a day (4 bytes, Date::days), the measure it counts (1 byte) and
// a delta (1 byte): 10 bytes an event, columns only, no strings, no ids.
//
// Measures (event_cube.h computes them per region and month):
//   flows, counted in the month of the event's day —
//     kNewUrbanJobs     +1 a spell's start (contract_hires), −1 a natural
//                       attrition (retirement, death);
//     kReemployed       +1 a registration closed as re-employed;
//     kReemployedHard   +1 the same when flagged hard-to-employ;
//   stocks, the level at each month's end = sum of the deltas dated on or
//   before it (an interval [from, to] is +1 on `from` and −1 on to + 1) —
//     kUnemployed         registered unemployed persons;
//     kEmployed           persons with a spell in force (Guizhou places);
//     kMonitoringEmployed 防止返贫监测对象 with a spell in force;
//     kContributions      contribution months (person × payer) of the
//                         month: a run of consecutive months is +1 on its
//                         first month and −1 after its last.
// Which facts produce which events: event_sources.h. Regions are interned
// codes (county: 6 digits, township: 9 digits). Plain values; Save/Load
// write the columns to one binary file.
#ifndef QJY_MONITOR_EVENTS_H_
#define QJY_MONITOR_EVENTS_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "core/error.h"

namespace qjy::monitor {

enum class Measure : uint8_t {
  kNewUrbanJobs,
  kReemployed,
  kReemployedHard,
  kUnemployed,
  kEmployed,
  kMonitoringEmployed,
  kContributions,
};
inline constexpr int kMeasures = 7;
constexpr bool IsStock(Measure m) { return m >= Measure::kUnemployed; }
const char* MeasureCode(Measure m);  // "new_urban_jobs", ...

class EventStore {
 public:
  static constexpr uint16_t kNoTownship = 0xFFFF;

  // The index of a code, added when new. County codes must be non-empty;
  // an empty township code is kNoTownship.
  uint16_t County(std::string_view code);
  uint16_t Township(std::string_view code);
  const std::vector<std::string>& counties() const { return county_codes_; }
  const std::vector<std::string>& townships() const { return township_codes_; }

  void Add(uint16_t county, uint16_t township, Date day, Measure m, int8_t delta) {
    county_.push_back(county);
    township_.push_back(township);
    day_.push_back(day.days());
    measure_.push_back(static_cast<uint8_t>(m));
    delta_.push_back(delta);
  }
  void Reserve(size_t n);
  // Adds every event of `other` after this store's own, its county and
  // township codes interned here (the same facts, whatever either store's
  // indexes were): a store loaded in parts (event_sources.h) is the
  // parts appended.
  void Append(const EventStore& other);
  size_t size() const { return day_.size(); }
  size_t ColumnBytes() const { return size() * kBytesPerEvent; }
  static constexpr size_t kBytesPerEvent = 2 + 2 + 4 + 1 + 1;

  // The columns (same length).
  const std::vector<uint16_t>& county() const { return county_; }
  const std::vector<uint16_t>& township() const { return township_; }
  const std::vector<int32_t>& day() const { return day_; }
  const std::vector<uint8_t>& measure() const { return measure_; }
  const std::vector<int8_t>& delta() const { return delta_; }

  // kIo on a write/read failure; kInvalidArgument for a file that is not
  // an event file (names the file).
  Result<void> Save(const std::filesystem::path& file) const;
  static Result<EventStore> Load(const std::filesystem::path& file);

 private:
  std::vector<uint16_t> county_, township_;
  std::vector<int32_t> day_;
  std::vector<uint8_t> measure_;
  std::vector<int8_t> delta_;
  std::vector<std::string> county_codes_, township_codes_;
  std::unordered_map<std::string, uint16_t> county_index_, township_index_;
};

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_EVENTS_H_
