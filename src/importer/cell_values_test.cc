#include "importer/cell_values.h"

#include <gtest/gtest.h>

namespace qjy::importer {
namespace {

TEST(CellValuesTest, YuanToFenWithoutFloatingPoint) {
  struct {
    std::string_view text;
    std::optional<int64_t> fen;
  } cases[] = {
      {"0", 0},
      {"1234", 123400},
      {"1234.5", 123450},
      {"1234.56", 123456},
      {"0.07", 7},
      {"1234.5600", 123456},
      {"1,234.56", 123456},
      {"￥3500", 350000},
      {"3500元", 350000},
      {" 4500.10 ", 450010},
      {"999999999999.99", 99999999999999},  // 0.29 would be 28.999… as a double
      {"0.29", 29},
      {"1234.567", std::nullopt},
      {"-5", std::nullopt},
      {"abc", std::nullopt},
      {"", std::nullopt},
      {".5", std::nullopt},
      {"1.2.3", std::nullopt},
      {"1e3", std::nullopt},
      {"1000000000000", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(ParseYuanToFen(c.text), c.fen) << c.text;
}

TEST(CellValuesTest, FenToYuanRoundTrips) {
  for (int64_t fen : {0LL, 7LL, 10LL, 123456LL, 350000LL, 99999999999999LL}) {
    EXPECT_EQ(ParseYuanToFen(FenToYuanText(fen)), fen) << FenToYuanText(fen);
  }
  EXPECT_EQ(FenToYuanText(350000), "3500");
  EXPECT_EQ(FenToYuanText(450010), "4500.1");
}

TEST(CellValuesTest, CountsFlagsDatesLists) {
  EXPECT_EQ(ParseCount("12"), 12);
  EXPECT_EQ(ParseCount("12.0"), 12);
  EXPECT_EQ(ParseCount("-1"), std::nullopt);
  EXPECT_EQ(ParseCount("1.5"), std::nullopt);
  EXPECT_EQ(ParseYesNo("是"), true);
  EXPECT_EQ(ParseYesNo("N"), false);
  EXPECT_EQ(ParseYesNo("也许"), std::nullopt);
  EXPECT_EQ(ParseDateCell("2023-02-29"), std::nullopt);
  EXPECT_EQ(ParseDateCell("2024-02-29"), Date::FromYmd(2024, 2, 29).value());
  EXPECT_EQ(SplitList("焊工；电工;  ;木工、瓦工"),
            (std::vector<std::string_view>{"焊工", "电工", "木工", "瓦工"}));
  EXPECT_EQ(TrimCell("\xE3\x80\x80 张三 \xE3\x80\x80"), "张三");
}

// Excel's 1900 date system, phantom 1900-02-29 included.
TEST(CellValuesTest, ExcelSerialDates) {
  EXPECT_EQ(ExcelSerialDate(1), Date::FromYmd(1900, 1, 1).value());
  EXPECT_EQ(ExcelSerialDate(59), Date::FromYmd(1900, 2, 28).value());
  EXPECT_EQ(ExcelSerialDate(60), std::nullopt);  // 1900-02-29 never was
  EXPECT_EQ(ExcelSerialDate(61), Date::FromYmd(1900, 3, 1).value());
  EXPECT_EQ(ExcelSerialDate(41091.75), Date::FromYmd(2012, 7, 1).value());
  EXPECT_EQ(ExcelSerialDate(2958466), std::nullopt);  // past 9999-12-31
  EXPECT_EQ(ExcelSerialDate(0), std::nullopt);
  // In a date column: five digits, optional time fraction.
  EXPECT_EQ(ParseDateCell("41091"), Date::FromYmd(2012, 7, 1).value());
  EXPECT_EQ(ParseDateCell(" 45473.5 "), Date::FromYmd(2024, 6, 30).value());
  EXPECT_EQ(ParseDateCell("20120701"), Date::FromYmd(2012, 7, 1).value());  // still YYYYMMDD
  EXPECT_EQ(ParseDateCell("2012"), std::nullopt);  // a year alone is not a serial
  EXPECT_EQ(ParseDateCell("41091."), std::nullopt);
  EXPECT_EQ(ParseDateCell("41091.x"), std::nullopt);
}

TEST(CellValuesTest, IdDigitsLost) {
  EXPECT_NE(IdDigitsLostReason("5.22728E+17"), "");
  EXPECT_NE(IdDigitsLostReason("5.22728199001011e+17"), "");
  EXPECT_NE(IdDigitsLostReason("5E17"), "");
  // 18 digits ending in 000 whose check digit fails: Excel's 15 digits.
  EXPECT_NE(IdDigitsLostReason("522728199001012000"), "");
  // …but one whose check digit holds is a real number (check digit 0).
  EXPECT_EQ(IdDigitsLostReason("522728199001011000"), "");
  EXPECT_NE(IdDigitsLostReason("5.22728E+17").find("文本"), std::string::npos);
  // Ordinary IDs, typos and text are not this.
  EXPECT_EQ(IdDigitsLostReason("52272819900101123X"), "");
  EXPECT_EQ(IdDigitsLostReason("填表人：张三"), "");
  EXPECT_EQ(IdDigitsLostReason("E+17"), "");
  EXPECT_EQ(IdDigitsLostReason(""), "");
}

}  // namespace
}  // namespace qjy::importer
