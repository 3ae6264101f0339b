#include "monitor/event_cube.h"

#include <algorithm>
#include <thread>

namespace qjy::monitor {

namespace {

// Month index in the cube of each day from the range's first day − 1 to
// its last day + 1: −1 before, `months` after.
class DayToMonth {
 public:
  DayToMonth(int first_month, int months) : months_(months) {
    first_day_ = MonthStart(first_month);
    const int32_t end = MonthEnd(first_month + months - 1).days();
    table_.resize(end - first_day_ + 1);
    for (int i = 0; i < months; ++i) {
      const int32_t from = MonthStart(first_month + i) - first_day_;
      const int32_t to = MonthEnd(first_month + i).days() - first_day_;
      for (int32_t d = from; d <= to; ++d) table_[d] = static_cast<int16_t>(i);
    }
  }
  int operator()(int32_t day) const {
    const int64_t off = static_cast<int64_t>(day) - first_day_;
    if (off < 0) return -1;
    if (off >= static_cast<int64_t>(table_.size())) return months_;
    return table_[off];
  }

 private:
  static int32_t MonthStart(int key) { return Date::FromYmd(key / 12, key % 12 + 1, 1)->days(); }
  int months_;
  int32_t first_day_ = 0;
  std::vector<int16_t> table_;
};

struct Partial {
  std::vector<int64_t> county, township;
  std::vector<int32_t> county_n, township_n;
};

void Accumulate(const EventStore& s, size_t begin, size_t end, const DayToMonth& month_of,
                int months, Partial& p) {
  const uint16_t* county = s.county().data();
  const uint16_t* township = s.township().data();
  const int32_t* day = s.day().data();
  const uint8_t* measure = s.measure().data();
  const int8_t* delta = s.delta().data();
  for (size_t i = begin; i < end; ++i) {
    int mi = month_of(day[i]);
    if (mi >= months) continue;
    const uint8_t m = measure[i];
    if (mi < 0) {
      if (m < static_cast<uint8_t>(Measure::kUnemployed)) continue;  // a flow before the range
      mi = 0;                                                        // a stock's opening level
    }
    const size_t row = static_cast<size_t>(m) * months + mi;
    const size_t c = static_cast<size_t>(county[i]) * kMeasures * months + row;
    p.county[c] += delta[i];
    ++p.county_n[c];
    if (township[i] != EventStore::kNoTownship) {
      const size_t t = static_cast<size_t>(township[i]) * kMeasures * months + row;
      p.township[t] += delta[i];
      ++p.township_n[t];
    }
  }
}

void PrefixStocks(std::vector<int64_t>& value, size_t regions, int months) {
  for (size_t r = 0; r < regions; ++r) {
    for (int m = static_cast<int>(Measure::kUnemployed); m < kMeasures; ++m) {
      int64_t* row = value.data() + (r * kMeasures + m) * months;
      for (int i = 1; i < months; ++i) row[i] += row[i - 1];
    }
  }
}

}  // namespace

int64_t Cube::Value(Level l, size_t region, Measure m, int month_key) const {
  const Cells& c = level(l);
  const int i = month_key - first_;
  if (i < 0 || i >= months_ || region >= c.codes.size()) return 0;
  return c.value[Index(region, m, i)];
}

int64_t Cube::Events(Level l, size_t region, Measure m, int month_key) const {
  const Cells& c = level(l);
  const int i = month_key - first_;
  if (i < 0 || i >= months_ || region >= c.codes.size()) return 0;
  return c.events[Index(region, m, i)];
}

std::optional<size_t> Cube::Find(Level l, const std::string& code) const {
  const auto& codes = level(l).codes;
  auto it = std::find(codes.begin(), codes.end(), code);
  if (it == codes.end()) return std::nullopt;
  return static_cast<size_t>(it - codes.begin());
}

size_t Cube::CellCount() const {
  size_t n = 0;
  for (const auto& c : levels_) n += c.value.size();
  return n;
}

void Cube::Grow(const EventStore& store) {
  const size_t row = static_cast<size_t>(kMeasures) * months_;
  auto grow = [&](Cells& c, size_t n) {
    c.value.resize(n * row);
    c.events.resize(n * row);
  };
  Cells& counties = levels_[static_cast<int>(Level::kCounty)];
  Cells& townships = levels_[static_cast<int>(Level::kTownship)];
  Cells& prefectures = levels_[static_cast<int>(Level::kPrefecture)];
  Cells& province = levels_[static_cast<int>(Level::kProvince)];
  if (province.codes.empty()) {
    province.codes.push_back("52");
    grow(province, 1);
  }
  for (size_t i = townships.codes.size(); i < store.townships().size(); ++i)
    townships.codes.push_back(store.townships()[i]);
  grow(townships, townships.codes.size());
  for (size_t i = counties.codes.size(); i < store.counties().size(); ++i) {
    const std::string& code = store.counties()[i];
    counties.codes.push_back(code);
    const std::string pref = code.substr(0, std::min<size_t>(4, code.size()));
    auto it = std::find(prefectures.codes.begin(), prefectures.codes.end(), pref);
    if (it == prefectures.codes.end()) {
      prefectures.codes.push_back(pref);
      it = prefectures.codes.end() - 1;
    }
    prefecture_of_.push_back(static_cast<int32_t>(it - prefectures.codes.begin()));
    in_province_.push_back(code.starts_with("52") ? 1 : 0);
  }
  grow(counties, counties.codes.size());
  grow(prefectures, prefectures.codes.size());
}

Cube ComputeCube(const EventStore& store, int first_month, int months, int threads) {
  Cube cube;
  cube.first_ = first_month;
  cube.months_ = std::max(months, 1);
  cube.Grow(store);
  const int M = cube.months_;
  const DayToMonth month_of(first_month, M);
  const size_t row = static_cast<size_t>(kMeasures) * M;
  const size_t nc = store.counties().size(), nt = store.townships().size();
  threads = std::max(1, threads);
  std::vector<Partial> parts(threads);
  for (auto& p : parts) {
    p.county.assign(nc * row, 0);
    p.county_n.assign(nc * row, 0);
    p.township.assign(nt * row, 0);
    p.township_n.assign(nt * row, 0);
  }
  const size_t n = store.size();
  std::vector<std::jthread> workers;
  for (int t = 1; t < threads; ++t) {
    workers.emplace_back([&, t] {
      Accumulate(store, n * t / threads, n * (t + 1) / threads, month_of, M, parts[t]);
    });
  }
  Accumulate(store, 0, n / threads, month_of, M, parts[0]);
  workers.clear();  // joins
  for (int t = 1; t < threads; ++t) {
    for (size_t i = 0; i < parts[0].county.size(); ++i) {
      parts[0].county[i] += parts[t].county[i];
      parts[0].county_n[i] += parts[t].county_n[i];
    }
    for (size_t i = 0; i < parts[0].township.size(); ++i) {
      parts[0].township[i] += parts[t].township[i];
      parts[0].township_n[i] += parts[t].township_n[i];
    }
  }
  Cube::Cells& counties = cube.levels_[static_cast<int>(Level::kCounty)];
  Cube::Cells& townships = cube.levels_[static_cast<int>(Level::kTownship)];
  counties.value = std::move(parts[0].county);
  counties.events = std::move(parts[0].county_n);
  townships.value = std::move(parts[0].township);
  townships.events = std::move(parts[0].township_n);
  PrefixStocks(counties.value, nc, M);
  PrefixStocks(townships.value, nt, M);
  Cube::Cells& prefectures = cube.levels_[static_cast<int>(Level::kPrefecture)];
  Cube::Cells& province = cube.levels_[static_cast<int>(Level::kProvince)];
  for (size_t c = 0; c < nc; ++c) {
    const size_t p = static_cast<size_t>(cube.prefecture_of_[c]);
    for (size_t i = 0; i < row; ++i) {
      prefectures.value[p * row + i] += counties.value[c * row + i];
      prefectures.events[p * row + i] += counties.events[c * row + i];
      if (cube.in_province_[c]) {
        province.value[i] += counties.value[c * row + i];
        province.events[i] += counties.events[c * row + i];
      }
    }
  }
  return cube;
}

void ApplyEvents(Cube& cube, const EventStore& store, size_t begin) {
  cube.Grow(store);
  const int M = cube.months_;
  const DayToMonth month_of(cube.first_, M);
  Cube::Cells& counties = cube.levels_[static_cast<int>(Level::kCounty)];
  Cube::Cells& townships = cube.levels_[static_cast<int>(Level::kTownship)];
  Cube::Cells& prefectures = cube.levels_[static_cast<int>(Level::kPrefecture)];
  Cube::Cells& province = cube.levels_[static_cast<int>(Level::kProvince)];
  for (size_t i = begin; i < store.size(); ++i) {
    int mi = month_of(store.day()[i]);
    if (mi >= M) continue;
    const auto m = static_cast<Measure>(store.measure()[i]);
    const bool stock = IsStock(m);
    if (mi < 0) {
      if (!stock) continue;
      mi = 0;
    }
    const int8_t d = store.delta()[i];
    const size_t c = store.county()[i];
    const uint16_t t = store.township()[i];
    auto add = [&](Cube::Cells& cells, size_t region) {
      const size_t base = cube.Index(region, m, 0);
      ++cells.events[base + mi];
      if (!stock) {
        cells.value[base + mi] += d;
        return;
      }
      for (int k = mi; k < M; ++k) cells.value[base + k] += d;
    };
    add(counties, c);
    if (t != EventStore::kNoTownship) add(townships, t);
    add(prefectures, static_cast<size_t>(cube.prefecture_of_[c]));
    if (cube.in_province_[c]) add(province, 0);
  }
}

std::optional<MonthBounds> EventMonths(const EventStore& store, bool flows_only) {
  int32_t lo = 0, hi = 0;
  bool any = false;
  for (size_t i = 0; i < store.size(); ++i) {
    if (flows_only && IsStock(static_cast<Measure>(store.measure()[i]))) continue;
    const int32_t d = store.day()[i];
    if (!any || d < lo) lo = d;
    if (!any || d > hi) hi = d;
    any = true;
  }
  if (!any) return std::nullopt;
  return MonthBounds{MonthKey(Date::FromDays(lo)), MonthKey(Date::FromDays(hi))};
}

Measure MeasureOf(Computation c) {
  switch (c) {
    case Computation::kContractHires:
      return Measure::kNewUrbanJobs;
    case Computation::kRegistrationsReemployed:
      return Measure::kReemployed;
    case Computation::kRegistrationsReemployedHardToEmploy:
      return Measure::kReemployedHard;
  }
  return Measure::kNewUrbanJobs;
}

CountySeries FlowSeries(const Cube& cube, Measure m, Level level) {
  CountySeries out;
  const auto& codes = cube.codes(level);
  for (size_t r = 0; r < codes.size(); ++r) {
    for (int i = 0; i < cube.months(); ++i) {
      const int key = cube.first_month() + i;
      if (cube.Events(level, r, m, key) == 0) continue;
      out[codes[r]].by_year[key / 12][key % 12] = cube.Value(level, r, m, key);
    }
  }
  return out;
}

MonthlyCounts StockCounts(const Cube& cube, MonthlyComputation c, int through) {
  MonthlyCounts out;
  const auto& codes = cube.codes(Level::kCounty);
  const int last = std::min(through, cube.first_month() + cube.months() - 1);
  for (size_t r = 0; r < codes.size(); ++r) {
    for (int key = cube.first_month(); key <= last; ++key) {
      MonthCount n;
      if (c == MonthlyComputation::kRegisteredUnemploymentRate) {
        n.num = cube.Value(Level::kCounty, r, Measure::kUnemployed, key);
        n.den = n.num + cube.Value(Level::kCounty, r, Measure::kEmployed, key);
      } else {
        n.num = cube.Value(Level::kCounty, r, Measure::kMonitoringEmployed, key);
      }
      if (n.num != 0 || n.den != 0) out[codes[r]][key] = n;
    }
  }
  return out;
}

}  // namespace qjy::monitor
