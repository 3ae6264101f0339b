#include "core/calendar.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <optional>

#include "core/refdata.h"
#include "core/install_paths.h"

namespace qjy {
namespace {

Date D(const char* iso) {
  auto d = Date::Parse(iso);
  EXPECT_TRUE(d.has_value()) << iso;
  return d.value_or(Date());
}

class RealCalendarTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto cal = WorkCalendar::Load(RefdataDir());
    ASSERT_TRUE(cal.has_value()) << cal.error().message;
    calendar_.emplace(std::move(*cal));
  }
  static void TearDownTestSuite() { calendar_.reset(); }
  static const WorkCalendar& cal() { return *calendar_; }
  static std::optional<WorkCalendar> calendar_;
};
std::optional<WorkCalendar> RealCalendarTest::calendar_;

TEST_F(RealCalendarTest, CoversTheYearsTheDeadlinesNeed) {
  for (int y = 2023; y <= 2026; ++y) EXPECT_TRUE(cal().Covers(y)) << y;
  EXPECT_FALSE(cal().Covers(2027));
}

TEST_F(RealCalendarTest, HolidaysAndMakeUpWorkingDays) {
  static const struct {
    const char* date;
    bool workday;
    const char* why;
  } cases[] = {
      {"2023-01-20", true, "Friday before Spring Festival"},
      {"2023-01-23", false, "Spring Festival, Monday off"},
      {"2023-01-27", false, "Spring Festival, Friday off"},
      {"2023-01-28", true, "Saturday make-up day"},
      {"2023-01-29", true, "Sunday make-up day"},
      {"2023-02-04", false, "ordinary Saturday"},
      {"2024-02-04", true, "Sunday make-up day"},
      {"2024-02-12", false, "Spring Festival Monday"},
      {"2024-02-16", false, "Spring Festival Friday"},
      {"2024-02-18", true, "Sunday make-up day"},
      {"2025-01-26", true, "Sunday make-up day"},
      {"2025-01-28", false, "New Year's Eve off"},
      {"2025-02-04", false, "Spring Festival Tuesday"},
      {"2025-02-08", true, "Saturday make-up day"},
      {"2026-02-14", true, "Saturday make-up day"},
      {"2026-02-23", false, "Spring Festival Monday"},
      {"2026-02-28", true, "Saturday make-up day"},
      {"2023-09-29", false, "Mid-Autumn Friday"},
      {"2023-10-06", false, "National Day Friday"},
      {"2023-10-07", true, "Saturday make-up day"},
      {"2023-10-08", true, "Sunday make-up day"},
      {"2025-09-28", true, "Sunday make-up day"},
      {"2025-10-08", false, "National Day Wednesday"},
      {"2025-10-11", true, "Saturday make-up day"},
      {"2023-03-15", true, "ordinary Wednesday"},
      {"2023-03-18", false, "ordinary Saturday"},
  };
  for (const auto& c : cases) {
    auto w = cal().IsWorkday(D(c.date));
    ASSERT_TRUE(w.has_value()) << c.date << ": " << w.error().message;
    EXPECT_EQ(*w, c.workday) << c.date << " (" << c.why << ")";
  }
  EXPECT_EQ(cal().NameOf(D("2023-01-28")), "春节");
  EXPECT_EQ(cal().NameOf(D("2023-03-15")), "");
}

TEST_F(RealCalendarTest, AddWorkingDaysAcrossHolidays) {
  static const struct {
    const char* from;
    int n;
    const char* to;
  } cases[] = {
      {"2023-03-10", 5, "2023-03-17"},   // ordinary week, Fri -> Fri
      {"2023-03-10", 1, "2023-03-13"},   // weekend skipped
      {"2023-03-11", 0, "2023-03-11"},   // n == 0 returns d even on a Saturday
      {"2023-03-11", 1, "2023-03-13"},   // found on a Saturday
      {"2023-01-19", 5, "2023-01-31"},   // 20th, Sat 28th, Sun 29th, 30th, 31st
      {"2023-01-20", 1, "2023-01-28"},   // next working day is the make-up Saturday
      {"2024-02-02", 1, "2024-02-04"},   // make-up Sunday
      {"2024-02-08", 5, "2024-02-21"},   // 9th, Sun 18th, 19th, 20th, 21st
      {"2025-01-24", 5, "2025-02-07"},   // Sun 26th, 27th, then 5th..7th Feb
      {"2026-02-13", 5, "2026-02-27"},   // Sat 14th, then 24th..27th
      {"2026-02-13", 6, "2026-02-28"},   // make-up Saturday 28th
      {"2023-09-28", 5, "2023-10-11"},   // Sat 7th, Sun 8th, 9th..11th Oct
      {"2025-09-30", 3, "2025-10-11"},   // 9th, 10th, make-up Saturday 11th
      {"2023-06-16", 5, "2023-06-26"},   // Dragon Boat 22nd-24th, make-up Sun 25th
      {"2023-01-31", -5, "2023-01-19"},  // counting back
      {"2024-02-19", -1, "2024-02-18"},
  };
  for (const auto& c : cases) {
    auto r = cal().AddWorkingDays(D(c.from), c.n);
    ASSERT_TRUE(r.has_value()) << c.from << " + " << c.n << ": " << r.error().message;
    EXPECT_EQ(r->ToString(), c.to) << c.from << " + " << c.n;
  }
}

TEST_F(RealCalendarTest, WorkingDaysBetweenCountsHalfOpenInterval) {
  static const struct {
    const char* a;
    const char* b;
    int days;
  } cases[] = {
      {"2023-03-13", "2023-03-13", 0},
      {"2023-03-13", "2023-03-14", 1},   // a not counted, b counted
      {"2023-03-10", "2023-03-12", 0},   // only a weekend in (a, b]
      {"2023-01-19", "2023-01-31", 5},
      {"2023-01-20", "2023-01-27", 0},   // all Spring Festival
      {"2024-01-31", "2024-02-29", 18},  // 21 weekdays - 5 off + 2 make-up Sundays
      {"2023-01-31", "2023-01-19", -5},  // antisymmetric
  };
  for (const auto& c : cases) {
    auto r = cal().WorkingDaysBetween(D(c.a), D(c.b));
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(*r, c.days) << c.a << " .. " << c.b;
  }
}

TEST_F(RealCalendarTest, BetweenInvertsAddOverFourYears) {
  for (Date d = D("2023-01-01"); d <= D("2026-11-30"); d = d.AddDays(1)) {
    for (int n : {0, 1, 3, 5, 10}) {
      auto end = cal().AddWorkingDays(d, n);
      ASSERT_TRUE(end.has_value()) << d.ToString();
      if (n > 0) {
        ASSERT_TRUE(*cal().IsWorkday(*end)) << d.ToString() << " + " << n;
      }
      ASSERT_EQ(cal().WorkingDaysBetween(d, *end).value_or(-1), n) << d.ToString() << " + " << n;
    }
  }
}

// Beyond the official calendar days count on weekends only (a deadline
// must still be given), and the answer is marked provisional.
TEST_F(RealCalendarTest, UncoveredYearCountsWeekendsOnlyAndIsProvisional) {
  if (cal().Covers(2027)) GTEST_SKIP() << "the shipped calendar covers 2027 already";
  EXPECT_EQ(cal().IsWorkday(D("2027-01-01")).value_or(false), true);   // a Friday; no notice yet
  EXPECT_EQ(cal().IsWorkday(D("2027-01-02")).value_or(true), false);   // Saturday
  EXPECT_TRUE(cal().Provisional(D("2027-01-04")));
  EXPECT_FALSE(cal().Provisional(D("2026-12-31")));
  // Tue 2026-12-29 + 5: 30, 31, Fri 1 Jan, Mon 4, Tue 5.
  EXPECT_EQ(cal().AddWorkingDays(D("2026-12-29"), 5).value_or(Date()).ToString(), "2027-01-05");
  EXPECT_EQ(cal().WorkingDaysBetween(D("2026-12-01"), D("2027-01-10")).value_or(-1), 22 + 6);
  EXPECT_EQ(cal().UncoveredYears(D("2026-12-29"), D("2027-01-05")), std::vector<int>{2027});
  EXPECT_EQ(WorkCalendar::ProvisionalNote({2027}), "2027 年节假日安排尚未公布，暂按周末计算");
  EXPECT_EQ(WorkCalendar::ProvisionalNote({}), "");
  EXPECT_TRUE(cal().Provisional(D("2003-05-01")));
}

TEST_F(RealCalendarTest, WithNoticeCoversTheYearAndReplacesItsDays) {
  auto with = cal().WithNotice(2027, {{D("2027-01-01"), DayKind::kOff, "元旦"},
                                      {D("2027-02-06"), DayKind::kWork, "春节"}});
  ASSERT_TRUE(with) << with.error().message;
  EXPECT_TRUE(with->Covers(2027));
  EXPECT_FALSE(with->Provisional(D("2027-06-01")));
  EXPECT_EQ(with->IsWorkday(D("2027-01-01")).value_or(true), false);
  EXPECT_EQ(with->IsWorkday(D("2027-02-06")).value_or(false), true);  // Saturday make-up day
  EXPECT_EQ(with->NameOf(D("2027-02-06")), "春节");
  // The original is unchanged (immutable).
  EXPECT_EQ(cal().IsWorkday(D("2027-01-01")).value_or(false), !cal().Covers(2027));
  // Loading the year again replaces its days rather than adding to them.
  auto again = with->WithNotice(2027, {{D("2027-01-01"), DayKind::kOff, "元旦"}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->IsWorkday(D("2027-02-06")).value_or(true), false);
  // A day outside the year, or twice, is refused.
  EXPECT_FALSE(cal().WithNotice(2027, {{D("2026-12-31"), DayKind::kOff, "x"}}));
  EXPECT_FALSE(cal().WithNotice(2027, {{D("2027-01-01"), DayKind::kOff, "x"},
                                       {D("2027-01-01"), DayKind::kOff, "x"}}));
}

// Independent source: NateScarlet/holiday-cn, parsed from the State Council
// notices. Every day it lists must agree with our calendar.
TEST_F(RealCalendarTest, AgreesWithHolidayCnWhenPresent) {
  const std::filesystem::path dir = SourceTreeDir().string() + "/../shared/data/holidays";
  int checked = 0;
  for (int year = 2004; year <= 2030; ++year) {
    auto path = dir / ("holiday-cn_" + std::to_string(year) + ".json");
    if (!std::filesystem::exists(path)) continue;
    std::ifstream in(path);
    auto doc = nlohmann::json::parse(in);
    for (const auto& day : doc.at("days")) {
      Date d = D(day.at("date").get<std::string>().c_str());
      bool off = day.at("isOffDay").get<bool>();
      auto w = cal().IsWorkday(d);
      if (!cal().Covers(d.year())) continue;  // a notice for a year we lack (weekends only here)
      ASSERT_TRUE(w.has_value()) << w.error().message;
      EXPECT_EQ(*w, !off) << d.ToString() << " " << day.at("name");
      ++checked;
    }
  }
  if (checked == 0) GTEST_SKIP() << "holiday-cn data not present in " << dir;
  EXPECT_GT(checked, 100);
}

TEST(WorkCalendarTest, FromEntriesAppliesWeekendAndListRules) {
  // 2030 is synthetic: Mon 2030-01-07 off, Sat 2030-01-12 work.
  auto cal = WorkCalendar::FromEntries(
      {{D("2030-01-07"), DayKind::kOff, "测试假日"}, {D("2030-01-12"), DayKind::kWork, "测试调休"}},
      {2030});
  ASSERT_TRUE(cal.has_value());
  EXPECT_FALSE(*cal->IsWorkday(D("2030-01-07")));
  EXPECT_TRUE(*cal->IsWorkday(D("2030-01-08")));
  EXPECT_TRUE(*cal->IsWorkday(D("2030-01-12")));
  EXPECT_FALSE(*cal->IsWorkday(D("2030-01-13")));
  EXPECT_EQ(cal->AddWorkingDays(D("2030-01-04"), 1)->ToString(), "2030-01-08");
  EXPECT_EQ(cal->AddWorkingDays(D("2030-01-11"), 1)->ToString(), "2030-01-12");
  // 2029 is not covered: Monday 2029-12-31 is a (provisional) working day.
  EXPECT_TRUE(*cal->IsWorkday(D("2029-12-31")));
  EXPECT_TRUE(cal->Provisional(D("2029-12-31")));
  EXPECT_FALSE(cal->Provisional(D("2030-01-07")));

  auto dup = WorkCalendar::FromEntries(
      {{D("2030-01-07"), DayKind::kOff, ""}, {D("2030-01-07"), DayKind::kWork, ""}}, {2030});
  ASSERT_FALSE(dup.has_value());
  EXPECT_EQ(dup.error().code, ErrorCode::kInvalidArgument);
}

TEST(WorkCalendarTest, LoadReportsMissingAndMalformedFiles) {
  auto missing = WorkCalendar::Load("/nonexistent/qjy-refdata");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kIo);

  auto dir = std::filesystem::temp_directory_path() / "qjy_calendar_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "holiday_years.txt") << "2030\n";
  std::ofstream(dir / "holidays.csv") << "date,kind,name\n2030-01-07,holiday,x\n";
  auto bad = WorkCalendar::Load(dir.string());
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(bad.error().message.find("第 2 行"), std::string::npos) << bad.error().message;

  std::ofstream(dir / "holidays.csv") << "date,kind,name\n2030-01-07,off,x\n";
  auto good = WorkCalendar::Load(dir.string());
  ASSERT_TRUE(good.has_value()) << good.error().message;
  EXPECT_FALSE(*good->IsWorkday(D("2030-01-07")));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace qjy
