#include "services/classification.h"

#include <gtest/gtest.h>
#include "core/date_test_support.h"

namespace qjy::services {
namespace {

using ::qjy::test_support::D;

struct LevelCase {
  const char* registered;
  const char* as_of;
  Level want;
};

// Each boundary of A3(六)1 on both sides, end-of-month registrations and
// leap years: "1个月及以内" includes exactly one month, "6个月—12个月(含12个月)"
// includes exactly 12.
const LevelCase kLevelCases[] = {
    {"2023-07-10", "2023-07-10", Level::kShort},
    {"2023-07-10", "2023-08-10", Level::kShort},     // exactly 1 month
    {"2023-07-10", "2023-08-11", Level::kMidShort},  // 1 month + 1 day
    {"2023-07-10", "2024-01-10", Level::kMidShort},  // exactly 6 months
    {"2023-07-10", "2024-01-11", Level::kMidLong},
    {"2023-07-10", "2024-07-10", Level::kMidLong},   // exactly 12 months
    {"2023-07-10", "2024-07-11", Level::kLong},
    {"2023-01-31", "2023-02-28", Level::kShort},     // 31 Jan reaches 1 month on 28 Feb
    {"2023-01-31", "2023-03-01", Level::kMidShort},
    {"2024-01-31", "2024-02-28", Level::kShort},
    {"2024-01-31", "2024-02-29", Level::kShort},     // leap year: 1 month on 29 Feb
    {"2024-01-31", "2024-03-01", Level::kMidShort},
    {"2023-01-29", "2023-02-28", Level::kShort},
    {"2023-01-29", "2023-03-01", Level::kMidShort},
    {"2023-01-30", "2023-02-28", Level::kShort},
    {"2023-08-31", "2024-02-29", Level::kMidShort},  // 6 months on 29 Feb
    {"2023-08-31", "2024-03-01", Level::kMidLong},
    {"2023-08-29", "2024-02-29", Level::kMidShort},
    {"2023-08-29", "2024-03-01", Level::kMidLong},
    {"2024-02-29", "2025-02-28", Level::kMidLong},   // 12 months from a leap day
    {"2024-02-29", "2025-03-01", Level::kLong},
    {"2023-12-31", "2024-06-30", Level::kMidShort},  // 6 months clamped to 30 Jun
    {"2023-12-31", "2024-07-01", Level::kMidLong},
    {"2023-03-31", "2023-04-30", Level::kShort},
    {"2023-03-31", "2023-05-01", Level::kMidShort},
};

TEST(ClassificationTest, LevelBoundaries) {
  for (const auto& c : kLevelCases) {
    EXPECT_EQ(LevelOn(D(c.registered), D(c.as_of)), c.want)
        << c.registered << " as of " << c.as_of << " got " << LevelLabel(LevelOn(D(c.registered), D(c.as_of)));
  }
}

TEST(ClassificationTest, LevelStartAndEndAgreeWithLevelOn) {
  for (const char* reg : {"2023-01-31", "2023-08-31", "2024-02-29", "2023-07-10"}) {
    Date r = D(reg);
    for (Level l : kAllLevels) {
      Date s = LevelStart(r, l);
      EXPECT_EQ(LevelOn(r, s), l) << reg << " " << LevelCode(l);
      if (l != Level::kShort) EXPECT_NE(LevelOn(r, s.AddDays(-1)), l) << reg << " " << LevelCode(l);
      auto e = LevelEnd(r, l);
      if (l == Level::kLong) {
        EXPECT_FALSE(e.has_value());
      } else {
        ASSERT_TRUE(e.has_value());
        EXPECT_EQ(LevelOn(r, *e), l);
        EXPECT_NE(LevelOn(r, e->AddDays(1)), l);
      }
    }
  }
}

TEST(ClassificationTest, LabelsAreTheDocumentsWords) {
  EXPECT_STREQ(LevelLabel(Level::kShort), "短期失业");
  EXPECT_STREQ(LevelLabel(Level::kMidShort), "中短期失业");
  EXPECT_STREQ(LevelLabel(Level::kMidLong), "中长期失业");
  EXPECT_STREQ(LevelLabel(Level::kLong), "长期失业");
  EXPECT_STREQ(CategoryLabel(Category::kBasicSkills), "具备初级技能");
  EXPECT_STREQ(CategoryLabel(Category::kLacksSkills), "缺乏基本技能");
  EXPECT_STREQ(CategoryLabel(Category::kDifficulty), "存在就业困难");
  EXPECT_EQ(*ParseLevel("中长期失业"), Level::kMidLong);
  EXPECT_EQ(*ParseCategory("difficulty"), Category::kDifficulty);
  EXPECT_FALSE(ParseCategory("unknown"));
}

TEST(ClassificationTest, ReasonNamesTheBoundaryDay) {
  std::string r = LevelReason(D("2023-01-31"), D("2023-03-01"));
  EXPECT_NE(r.find("2023-02-28 满1个月"), std::string::npos) << r;
  EXPECT_NE(r.find("中短期失业"), std::string::npos) << r;
  EXPECT_NE(r.find("附件3（六）1"), std::string::npos) << r;  // as users cite it, never A3(六)1
  EXPECT_EQ(r.find("A3("), std::string::npos) << r;
}

}  // namespace
}  // namespace qjy::services
