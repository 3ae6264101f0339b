#include "core/clock.h"

#include <gtest/gtest.h>

namespace qjy {
namespace {

// 2026-12-04T16:30:00Z is 2026-12-05 00:30 in Beijing.
constexpr int64_t kLateEveningUtc = 1796401800;

TEST(ClockTest, TodayInChinaIsTheUtcPlus8Date) {
  ManualClock clock(kLateEveningUtc - 3600);  // 23:30 in Beijing
  EXPECT_EQ(clock.TodayInChina().ToString(), "2026-12-04");
  clock.Advance(3600);
  EXPECT_EQ(clock.TodayInChina().ToString(), "2026-12-05");
  clock.Advance(86400);
  EXPECT_EQ(clock.TodayInChina().ToString(), "2026-12-06");
}

TEST(ClockTest, OffsetClockMovesItsBase) {
  ManualClock base(kLateEveningUtc);
  OffsetClock shifted(base, -2 * 86400);
  EXPECT_EQ(shifted.TodayInChina().ToString(), "2026-12-03");
  base.Advance(60);
  EXPECT_EQ(shifted.Now(), kLateEveningUtc + 60 - 2 * 86400);
}

TEST(ClockTest, FormatsBeijingTimeAndUtc) {
  EXPECT_EQ(ChinaDateTimeText(kLateEveningUtc), "2026-12-05 00:30");
  EXPECT_EQ(ChinaDateTimeText(0), "");
  const ChinaTime t = InChina(kLateEveningUtc + 59);
  EXPECT_EQ(t.hour, 0);
  EXPECT_EQ(t.minute, 30);
  EXPECT_EQ(t.second, 59);
  EXPECT_EQ(IsoUtc(kLateEveningUtc), "2026-12-04T16:30:00Z");
  // Before 1970 (a negative time) still reads a valid time of day.
  EXPECT_EQ(InChina(-3600).hour, 7);
}

TEST(ClockTest, SystemClockIsNearNow) {
  EXPECT_GT(TheSystemClock().Now(), 1700000000);
}

}  // namespace
}  // namespace qjy
