#include "services/workday_index.h"

#include <gtest/gtest.h>

#include "core/refdata.h"
#include "core/date_test_support.h"

namespace qjy::services {
namespace {

using ::qjy::test_support::D;

class WorkdayIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cal = WorkCalendar::Load(RefdataDir());
    ASSERT_TRUE(cal) << cal.error().message;
    calendar_ = std::make_unique<WorkCalendar>(std::move(*cal));
    for (int y = 2023; y <= 2026; ++y) {
      if (!calendar_->Covers(y)) GTEST_SKIP() << "holiday calendar lacks " << y;
    }
    auto idx = WorkdayIndex::Build(*calendar_);
    ASSERT_TRUE(idx) << idx.error().message;
    index_ = std::make_unique<WorkdayIndex>(std::move(*idx));
  }
  std::unique_ptr<WorkCalendar> calendar_;
  std::unique_ptr<WorkdayIndex> index_;
};

struct DeadlineCase {
  const char* found;
  int n;
  const char* want;  // hand-counted from the State Council notices
};

// "5个工作日内" from the day found (not counted), across Spring Festival and
// National Day with their make-up working days, 2023-2026.
const DeadlineCase kCases[] = {
    {"2023-01-19", 5, "2023-01-31"},  // SF 2023: off 21-27 Jan, work Sat 28 + Sun 29 Jan
    {"2023-09-27", 5, "2023-10-10"},  // ND 2023: off 29 Sep-6 Oct, work Sat 7 + Sun 8 Oct
    {"2024-02-08", 5, "2024-02-21"},  // SF 2024: off 10-17 Feb, work Sun 18 Feb
    {"2024-02-08", 3, "2024-02-19"},
    {"2024-09-27", 5, "2024-10-10"},  // ND 2024: work Sun 29 Sep, off 1-7 Oct
    {"2025-01-24", 5, "2025-02-07"},  // SF 2025: work Sun 26 Jan, off 28 Jan-4 Feb
    {"2025-09-26", 5, "2025-10-10"},  // ND 2025: work Sun 28 Sep, off 1-8 Oct
    {"2026-02-12", 5, "2026-02-26"},  // SF 2026: work Sat 14 Feb, off 15-23 Feb
    {"2026-09-30", 5, "2026-10-13"},  // ND 2026: off 1-7 Oct, work Sat 10 Oct
    {"2024-02-10", 1, "2024-02-18"},  // found on a holiday: next working day is the make-up Sunday
    {"2023-07-07", 5, "2023-07-14"},  // ordinary Friday: 5 weekdays later
};

TEST_F(WorkdayIndexTest, DeadlinesAcrossHolidays) {
  for (const auto& c : kCases) {
    auto got = index_->AddWorkingDays(D(c.found), c.n);
    ASSERT_TRUE(got) << got.error().message;
    EXPECT_EQ(got->ToString(), c.want) << c.found << " + " << c.n;
    auto slow = calendar_->AddWorkingDays(D(c.found), c.n);
    ASSERT_TRUE(slow);
    EXPECT_EQ(*got, *slow) << c.found;
  }
}

TEST_F(WorkdayIndexTest, AgreesWithCalendarEverywhere) {
  for (Date d = D("2023-01-01"); d <= D("2026-12-01"); d = d.AddDays(1)) {
    for (int n : {1, 3, 5, 10, 22}) {
      auto a = index_->AddWorkingDays(d, n);
      auto b = calendar_->AddWorkingDays(d, n);
      ASSERT_TRUE(a && b) << d.ToString();
      ASSERT_EQ(*a, *b) << d.ToString() << " + " << n;
    }
    ASSERT_EQ(*index_->IsWorkday(d), *calendar_->IsWorkday(d)) << d.ToString();
  }
}

TEST_F(WorkdayIndexTest, OnOrNextWorkdayAndRange) {
  EXPECT_EQ(index_->OnOrNextWorkday(D("2024-10-01"))->ToString(), "2024-10-08");
  EXPECT_EQ(index_->OnOrNextWorkday(D("2024-02-18"))->ToString(), "2024-02-18");  // make-up Sunday
  EXPECT_EQ(index_->AddWorkingDays(D("2024-05-06"), 0)->ToString(), "2024-05-06");
}

// Beyond the official calendar (2027 here) deadlines are counted on
// weekends only and reported as provisional; nothing fails, and the index
// agrees with the calendar there too, also past its fast table.
TEST_F(WorkdayIndexTest, UncoveredYearsAreWeekendsOnlyAndProvisional) {
  if (calendar_->Covers(2027)) GTEST_SKIP() << "the shipped calendar covers 2027 already";
  // Thu 2026-12-24 + 5: Fri 25, Mon 28, Tue 29, Wed 30, Thu 31 (2026 final).
  EXPECT_EQ(index_->AddWorkingDays(D("2026-12-24"), 5)->ToString(), "2026-12-31");
  EXPECT_TRUE(index_->ProvisionalYears(D("2026-12-24"), D("2026-12-31")).empty());
  // Mon 2026-12-28 + 5 runs into 2027: Fri 1 Jan 2027 counts as a weekday.
  auto d = index_->AddWorkingDays(D("2026-12-28"), 5);
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d->ToString(), "2027-01-04");
  EXPECT_EQ(index_->ProvisionalYears(D("2026-12-28"), *d), std::vector<int>{2027});
  EXPECT_EQ(index_->ProvisionalNote(D("2026-12-28"), *d), "2027 年节假日安排尚未公布，暂按周末计算");
  EXPECT_EQ(*index_->IsWorkday(D("2027-01-01")), true);
  EXPECT_EQ(*index_->IsWorkday(D("2027-01-02")), false);
  for (Date x = D("2026-06-01"); x <= D("2032-03-01"); x = x.AddDays(3)) {
    for (int n : {1, 5, 22}) {
      auto a = index_->AddWorkingDays(x, n);
      auto b = calendar_->AddWorkingDays(x, n);
      ASSERT_TRUE(a && b) << x.ToString();
      ASSERT_EQ(*a, *b) << x.ToString() << " + " << n;
    }
  }
}

// A notice loaded for 2027 covers the year: deadlines use its holidays and
// are no longer provisional.
TEST_F(WorkdayIndexTest, LoadedNoticeMakesTheYearFinal) {
  std::vector<CalendarEntry> notice = {
      {D("2027-01-01"), DayKind::kOff, "元旦"},
      {D("2027-01-04"), DayKind::kOff, "元旦"},
  };
  auto with = calendar_->WithNotice(2027, notice);
  ASSERT_TRUE(with) << with.error().message;
  auto idx = WorkdayIndex::Build(*with);
  ASSERT_TRUE(idx);
  // Mon 2026-12-28 + 5: 29, 30, 31, (1 off), (4 off), 5, 6 -> 2027-01-06.
  EXPECT_EQ(idx->AddWorkingDays(D("2026-12-28"), 5)->ToString(), "2027-01-06");
  EXPECT_TRUE(idx->ProvisionalYears(D("2026-12-28"), D("2027-01-06")).empty());
  EXPECT_FALSE(calendar_->WithNotice(2027, {{D("2028-01-03"), DayKind::kOff, "x"}}));
}

}  // namespace
}  // namespace qjy::services
