#include "core/date.h"

#include <gtest/gtest.h>

#include <cstdio>

namespace qjy {
namespace {

TEST(DateTest, ParsesTheFormatsOfficersType) {
  static const struct {
    const char* text;
    const char* iso;
  } cases[] = {
      {"2023-06-15", "2023-06-15"}, {"2023/6/5", "2023-06-05"},  {"20230615", "2023-06-15"},
      {"2023.06.15", "2023-06-15"}, {"2023年6月15日", "2023-06-15"}, {" 2024-02-29 ", "2024-02-29"},
  };
  for (const auto& c : cases) {
    auto d = Date::Parse(c.text);
    ASSERT_TRUE(d.has_value()) << c.text;
    EXPECT_EQ(d->ToString(), c.iso) << c.text;
  }
}

TEST(DateTest, RejectsImpossibleDates) {
  for (const char* bad : {"2023-02-29", "2023-13-01", "2023-00-10", "2023-04-31", "abc", "",
                          "2023-1", "20231301", "2023-06-15x"}) {
    auto d = Date::Parse(bad);
    EXPECT_FALSE(d.has_value()) << bad;
    if (!d) EXPECT_EQ(d.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(DateTest, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ(Date::Parse("2023-01-31")->AddMonths(1).ToString(), "2023-02-28");
  EXPECT_EQ(Date::Parse("2024-01-31")->AddMonths(1).ToString(), "2024-02-29");
  EXPECT_EQ(Date::Parse("2023-08-31")->AddMonths(1).ToString(), "2023-09-30");
  EXPECT_EQ(Date::Parse("2023-12-15")->AddMonths(1).ToString(), "2024-01-15");
  EXPECT_EQ(Date::Parse("2024-02-29")->AddYears(1).ToString(), "2025-02-28");
  EXPECT_EQ(Date::Parse("2023-03-31")->AddMonths(-1).ToString(), "2023-02-28");
}

TEST(DateTest, WeekdaysAndAges) {
  EXPECT_EQ(Date::Parse("2023-06-15")->iso_weekday(), 4);  // Thursday
  EXPECT_TRUE(Date::Parse("2023-06-17")->is_weekend());
  Date birth = *Date::Parse("2007-06-15");
  EXPECT_EQ(Date::Parse("2023-06-14")->YearsSince(birth), 15);
  EXPECT_EQ(Date::Parse("2023-06-15")->YearsSince(birth), 16);
  EXPECT_LT(*Date::Parse("2023-06-14"), *Date::Parse("2023-06-15"));
}

// ToString formats by hand: compare it with printf over years 1..9999.
TEST(DateTest, ToStringMatchesPrintfEverywhere) {
  const int32_t first = Date::FromYmd(1, 1, 1)->days(), last = Date::FromYmd(9999, 12, 31)->days();
  for (int32_t d = first; d <= last; d += 3) {
    const Date date = Date::FromDays(d);
    char want[16];
    std::snprintf(want, sizeof want, "%04d-%02d-%02d", date.year(), date.month(), date.day());
    ASSERT_EQ(date.ToString(), want) << d;
    ASSERT_EQ(Date::Parse(want)->days(), d);
  }
}

}  // namespace
}  // namespace qjy
