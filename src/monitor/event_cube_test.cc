#include "monitor/event_cube.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <random>
#include "core/date_test_support.h"

namespace qjy::monitor {
namespace {

using ::qjy::test_support::D;
constexpr int kJan2023 = MonthKey(2023, 1);

TEST(EventCubeTest, FlowsStocksAndRollUps) {
  EventStore s;
  const uint16_t nanming = s.County("520102"), yunyan = s.County("520103"),
                 honghuagang = s.County("520302");
  const uint16_t t1 = s.Township("520102001");
  s.Add(nanming, t1, D(2023, 3, 5), Measure::kNewUrbanJobs, 1);
  s.Add(nanming, EventStore::kNoTownship, D(2023, 3, 31), Measure::kNewUrbanJobs, 1);
  s.Add(nanming, EventStore::kNoTownship, D(2023, 3, 15), Measure::kNewUrbanJobs, -1);  // attrition
  s.Add(yunyan, EventStore::kNoTownship, D(2023, 4, 1), Measure::kNewUrbanJobs, 1);
  s.Add(honghuagang, EventStore::kNoTownship, D(2022, 12, 31), Measure::kNewUrbanJobs,
        1);  // before the range
  // A person employed from 2022 to 2023-05-31 (−1 on 06-01), one from 2023-02.
  s.Add(nanming, EventStore::kNoTownship, D(2022, 6, 1), Measure::kEmployed, 1);
  s.Add(nanming, EventStore::kNoTownship, D(2023, 6, 1), Measure::kEmployed, -1);
  s.Add(honghuagang, EventStore::kNoTownship, D(2023, 2, 10), Measure::kEmployed, 1);
  s.Add(honghuagang, EventStore::kNoTownship, D(2026, 1, 1), Measure::kEmployed,
        -1);  // after the range

  const Cube c = ComputeCube(s, kJan2023, 36, 2);
  EXPECT_EQ(c.Value(Level::kCounty, nanming, Measure::kNewUrbanJobs, MonthKey(2023, 3)), 1);
  EXPECT_EQ(c.Events(Level::kCounty, nanming, Measure::kNewUrbanJobs, MonthKey(2023, 3)), 3);
  EXPECT_EQ(c.Value(Level::kTownship, t1, Measure::kNewUrbanJobs, MonthKey(2023, 3)), 1);
  EXPECT_EQ(c.Value(Level::kCounty, honghuagang, Measure::kNewUrbanJobs, MonthKey(2023, 1)), 0);
  const size_t guiyang = *c.Find(Level::kPrefecture, "5201");
  EXPECT_EQ(c.Value(Level::kPrefecture, guiyang, Measure::kNewUrbanJobs, MonthKey(2023, 4)), 1);
  EXPECT_EQ(c.Value(Level::kProvince, 0, Measure::kNewUrbanJobs, MonthKey(2023, 3)), 1);
  // Month-end levels: in force through May in Nanming, from February on
  // in Honghuagang (to the end of the range).
  EXPECT_EQ(c.Value(Level::kCounty, nanming, Measure::kEmployed, MonthKey(2023, 1)), 1);
  EXPECT_EQ(c.Value(Level::kCounty, nanming, Measure::kEmployed, MonthKey(2023, 5)), 1);
  EXPECT_EQ(c.Value(Level::kCounty, nanming, Measure::kEmployed, MonthKey(2023, 6)), 0);
  EXPECT_EQ(c.Value(Level::kCounty, honghuagang, Measure::kEmployed, MonthKey(2023, 1)), 0);
  EXPECT_EQ(c.Value(Level::kCounty, honghuagang, Measure::kEmployed, MonthKey(2025, 12)), 1);
  EXPECT_EQ(c.Value(Level::kProvince, 0, Measure::kEmployed, MonthKey(2023, 3)), 2);
  // One thread or two: the same cube.
  EXPECT_TRUE(ComputeCube(s, kJan2023, 36, 1) == c);

  // The series of the dashboard: a year where events cancel is kept.
  const CountySeries flows = FlowSeries(c, Measure::kNewUrbanJobs, Level::kCounty);
  ASSERT_TRUE(flows.contains("520102"));
  EXPECT_EQ(flows.at("520102").Total(2023), 1);
  EXPECT_FALSE(flows.contains("520302"));  // its only event is before the range
}

// A random province of events, then one more day: applying the day to the
// cube equals computing the cube again.
TEST(EventCubeTest, OneDayAppliedEqualsRecomputation) {
  std::mt19937 rng(12);
  EventStore s;
  std::vector<uint16_t> counties, townships;
  for (int p = 1; p <= 9; ++p) {
    for (int k = 1; k <= 5; ++k) {
      char code[16];
      std::snprintf(code, sizeof code, "52%02d%02d", p, k);
      counties.push_back(s.County(code));
      std::snprintf(code, sizeof code, "52%02d%02d001", p, k);
      townships.push_back(s.Township(code));
    }
  }
  const int32_t from = D(2021, 1, 1).days(), to = D(2026, 6, 30).days();
  auto random_event = [&](int32_t day) {
    const size_t c = rng() % counties.size();
    const auto m = static_cast<Measure>(rng() % kMeasures);
    s.Add(counties[c], rng() % 2 ? townships[c] : EventStore::kNoTownship, Date::FromDays(day), m,
          static_cast<int8_t>(rng() % 3 == 0 ? -1 : 1));
  };
  for (int i = 0; i < 50000; ++i) random_event(from + static_cast<int32_t>(rng() % (to - from)));
  Cube cube = ComputeCube(s, kJan2023, 36);
  const size_t before = s.size();
  const Date day = D(2024, 7, 15);
  for (int i = 0; i < 500; ++i) random_event(day.days());
  // A region first seen that day.
  s.Add(s.County("529999"), s.Township("529999001"), day, Measure::kUnemployed, 1);
  ApplyEvents(cube, s, before);
  const Cube again = ComputeCube(s, kJan2023, 36);
  EXPECT_TRUE(cube == again);
  EXPECT_EQ(cube.Value(Level::kCounty, *cube.Find(Level::kCounty, "529999"), Measure::kUnemployed,
                       MonthKey(2025, 12)),
            1);
}

TEST(EventCubeTest, SaveAndLoadKeepEveryColumn) {
  EventStore s;
  s.Add(s.County("520102"), s.Township("520102001"), D(2024, 2, 29), Measure::kContributions, -1);
  s.Add(s.County("520302"), EventStore::kNoTownship, D(2023, 1, 1), Measure::kReemployedHard, 1);
  const auto file =
      std::filesystem::temp_directory_path() / ("qjy-events-" + std::to_string(::getpid()));
  ASSERT_TRUE(s.Save(file));
  auto back = EventStore::Load(file);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->counties(), s.counties());
  EXPECT_EQ(back->townships(), s.townships());
  EXPECT_EQ(back->day(), s.day());
  EXPECT_EQ(back->delta(), s.delta());
  EXPECT_EQ(back->measure(), s.measure());
  EXPECT_EQ(back->township(), s.township());
  EXPECT_EQ(back->County("520302"), 1);  // the dictionary is rebuilt
  std::filesystem::resize_file(file, 20);
  auto cut = EventStore::Load(file);
  ASSERT_FALSE(cut);
  EXPECT_NE(cut.error().message.find("事件文件"), std::string::npos);
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace qjy::monitor
