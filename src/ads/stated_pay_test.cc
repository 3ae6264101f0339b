#include "ads/stated_pay.h"

#include <gtest/gtest.h>

namespace qjy::ads {
namespace {

std::optional<StatedPay> Read(const char* text) {
  auto reader = StatedPayReader::Make(2175);
  EXPECT_TRUE(reader.has_value());
  return reader->Read(icu::UnicodeString::fromUTF8(text));
}

TEST(StatedPayTest, FiguresWithUnitsAreIntegerFen) {
  EXPECT_EQ(YuanFigureToFen("2", "万"), 2'000'000);
  EXPECT_EQ(YuanFigureToFen("2.5", "万"), 2'500'000);
  EXPECT_EQ(YuanFigureToFen("8", "k"), 800'000);
  EXPECT_EQ(YuanFigureToFen("15000", ""), 1'500'000);
  EXPECT_EQ(YuanFigureToFen("1.05", "万"), 1'050'000);
  EXPECT_FALSE(YuanFigureToFen("1a", "").has_value());
}

TEST(StatedPayTest, MonthlyStatementsTakeTheUpperEnd) {
  auto a = Read("仓库打包工，简单易学，月薪2万起。");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->monthly_fen, 2'000'000);
  EXPECT_EQ(a->words, "月薪2万");
  auto b = Read("超市理货员月薪15000-25000，无需学历");
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->monthly_fen, 2'500'000);
  auto c = Read("门卫，工作轻松，税后16000/月");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->monthly_fen, 1'600'000);
  auto d = Read("普工 4500元/月 包吃住");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->monthly_fen, 450'000);
}

TEST(StatedPayTest, ChineseNumerals) {
  EXPECT_EQ(ChineseWageToFen("一万五"), 1'500'000);
  EXPECT_EQ(ChineseWageToFen("两万"), 2'000'000);
  EXPECT_EQ(ChineseWageToFen("三千八"), 380'000);
  EXPECT_FALSE(ChineseWageToFen("万五").has_value());
  auto a = Read("酒店传菜员，轻松不累，月薪一万五起步");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->monthly_fen, 1'500'000);
  EXPECT_EQ(a->words, "月薪一万五");
}

TEST(StatedPayTest, DayRatesBecomeAMonthAt2175Days) {
  auto a = Read("发传单，日薪800现结");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->monthly_fen, 80'000 * 2175 / 100);  // 17,400 元
  auto b = Read("小时工 200元/天");
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->monthly_fen, 20'000 * 2175 / 100);
  // "工资200一天" is a day rate, not 200 元 a month.
  auto c = Read("杂工工资200一天");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->monthly_fen, 20'000 * 2175 / 100);
}

TEST(StatedPayTest, NothingStatedOrNotAWage) {
  EXPECT_FALSE(Read("薪资面议，五险一金").has_value());
  EXPECT_FALSE(Read("每天8小时，双休").has_value());
  EXPECT_FALSE(Read("架构师，年薪50万").has_value());
  EXPECT_FALSE(StatedPayReader::Make(0).has_value());
}

}  // namespace
}  // namespace qjy::ads
