#include "ads/normalise.h"

#include <string>

#include <gtest/gtest.h>

namespace qjy::ads {
namespace {

std::string Norm(const std::string& in) {
  NormalisedText n(icu::UnicodeString::fromUTF8(in));
  std::string out;
  n.text().toUTF8String(out);
  return out;
}

TEST(NormaliseTest, FullWidthDigitsAndLettersBecomeAscii) {
  EXPECT_EQ(Norm("年龄３５岁以下，ＨＢＶ"), "年龄35岁以下，HBV");
  EXPECT_EQ(Norm("女\u3000２０－２８岁"), "女 20－28岁");  // punctuation kept as written
  EXPECT_EQ(Norm("限\u200b男\ufeff性"), "限男性");
}

TEST(NormaliseTest, ChineseNumeralsInANumericRunBecomeDigits) {
  EXPECT_EQ(Norm("三十五岁以下"), "35岁以下");
  EXPECT_EQ(Norm("二十至三十周岁"), "20至30周岁");
  EXPECT_EQ(Norm("十八岁"), "18岁");
  EXPECT_EQ(Norm("日结一千二"), "日结1200");
  EXPECT_EQ(Norm("一千零五"), "1005");
  EXPECT_EQ(Norm("两百元"), "200元");
  EXPECT_EQ(Norm("月入三万"), "月入3万");
  // The old tens in one character (2026-12-05): 廿 20, 卅 30, 卌 40.
  EXPECT_EQ(Norm("年龄卅五至五十五"), "年龄35至55");
  EXPECT_EQ(Norm("廿五岁"), "25岁");
  EXPECT_EQ(Norm("卌岁以下"), "40岁以下");
  EXPECT_EQ(Norm("十人"), "10人");
  EXPECT_EQ(Norm("九五后、零零后"), "95后、00后");
  // An approximate "四五十岁" is a range.
  EXPECT_EQ(Norm("四五十岁的不招"), "40-50岁的不招");
}

TEST(NormaliseTest, WordsThatAreNotNumbersStay) {
  for (const char* w : {"一本", "二本", "第一学历", "统一保管", "一个3元", "二胎", "三班倒", "十分重要",
                        "一二三"}) {
    EXPECT_EQ(Norm(w), w);
  }
}

TEST(NormaliseTest, FinancialNumeralsCountLikePlainOnes) {
  EXPECT_EQ(Norm("押金伍佰圆整"), "押金500元整");
  EXPECT_EQ(Norm("日结壹仟"), "日结1000");
  EXPECT_EQ(Norm("叁佰元"), "300元");
  // One digit before a unit of money: "一条两块", "五元一单"; "一块干活" stays.
  EXPECT_EQ(Norm("一条两块"), "一条2块");
  EXPECT_EQ(Norm("五元一单"), "5元一单");
  EXPECT_EQ(Norm("大家一块干活"), "大家一块干活");
  // Words that merely contain one stay: 队伍, 大陆, 收拾, 圆满.
  for (const char* w : {"队伍整齐", "大陆", "收拾房间", "圆满完成"}) EXPECT_EQ(Norm(w), w);
}

TEST(NormaliseTest, PictographsAreSeparators) {
  EXPECT_EQ(Norm("✅女✅20-28岁"), " 女 20-28岁");
  EXPECT_EQ(Norm("🔥在家打字🔥"), " 在家打字 ");
  EXPECT_EQ(Norm("❤️包吃住"), " 包吃住");
  // A person and a "no" sign in a pair are a refusal; alone, separators.
  EXPECT_EQ(Norm("店员🤰🚫"), "店员孕妇不要");
  EXPECT_EQ(Norm("🤰❌ 👶❌"), "孕妇不要 小孩不要");
  EXPECT_EQ(Norm("🤰宝妈也欢迎"), " 宝妈也欢迎");
  EXPECT_EQ(Norm("🚫押金"), " 押金");
}

TEST(NormaliseTest, SpacedOutTextIsClosedUp) {
  EXPECT_EQ(Norm("身 份 证 押 公 司"), "身份证押公司");
  EXPECT_EQ(Norm("男 女 不 限"), "男女不限");
  EXPECT_EQ(Norm("工 装 费 200 元 自 理"), "工装费 200 元自理");
  EXPECT_EQ(Norm("刷\u3000单\u3000兼\u3000职"), "刷单兼职");
  // A character alone between words is a list item: its spaces stay.
  for (const char* w : {"前台 女 18-25", "性别 男 年龄 25", "招人 搬运 日结 身分证放我这", "男 女 不限"}) {
    EXPECT_EQ(Norm(w), w);
  }
  // Spans of the closed-up text map back over the spaces.
  icu::UnicodeString in = icu::UnicodeString::fromUTF8("要 身 份 证");
  NormalisedText n(in);
  EXPECT_EQ(n.Original(1, 4), std::make_pair(2, 7));
}

// Ways of writing found in an unseen set (blind set 6, 2026-12-05): a pair
// pulled apart, one-character tens, sex symbols, arrows after a figure,
// and a posting's lines.
TEST(NormaliseTest, PairsTensSymbolsArrowsAndLines) {
  EXPECT_EQ(Norm("押 金 500"), "押金 500");
  EXPECT_EQ(Norm("岗位：限 男"), "岗位：限男");
  EXPECT_EQ(Norm("前台 女 18-25"), "前台 女 18-25");  // one alone: a list item
  EXPECT_EQ(Norm("年龄卅五至五十"), "年龄35至50");
  EXPECT_EQ(Norm("廿八岁以下"), "28岁以下");
  EXPECT_EQ(Norm("1. ♂ 2. 会看图纸"), "1. 男 2. 会看图纸");
  EXPECT_EQ(Norm("♀，18-25"), "女，18-25");
  EXPECT_EQ(Norm("28周岁↓，身高160↑"), "28周岁以下，身高160以上");
  EXPECT_EQ(Norm("↓↓联系方式"), "  联系方式");  // not after a figure: pictographs
  EXPECT_EQ(Norm("不收押金\n2. 能上夜班"), "不收押金；2. 能上夜班");
  EXPECT_EQ(Norm("要求：\r\n女"), "要求：；女");
}

// Ways of writing found in blind set 13 (2026-12-06): the sex sign of a
// person emoji is part of the emoji, not a sex asked for; Kangxi radicals
// typed for the ideographs they look like.
TEST(NormaliseTest, EmojiSexSignsAndKangxiRadicals) {
  EXPECT_EQ(Norm("\U0001F64B\u200D\u2642\uFE0F\U0001F64B\u200D\u2640\uFE0F男女都要"), "  男女都要");
  EXPECT_EQ(Norm("\u2642 18-25"), "男 18-25");  // a sign alone is still the sex
  EXPECT_EQ(Norm("\u2F04肝勿扰"), "乙肝勿扰");
  EXPECT_EQ(Norm("\u2F25\u2F63宿舍"), "女生宿舍");
  EXPECT_EQ(Norm("押\u2FA6"), "押金");
}

// Traditional characters in a simplified ad (blind set 17, b17fix): read as
// their simplified forms, one for one, numerals included ("兩萬" is "2万");
// the spans still map back to the words as written.
TEST(NormaliseTest, TraditionalCharactersBecomeSimplified) {
  EXPECT_EQ(Norm("客服崗位，月薪3萬，包機票，護照沒辦的我們幫你辦"), "客服岗位，月薪3万，包机票，护照没办的我们帮你办");
  EXPECT_EQ(Norm("誠招線上客服，保證金兩萬"), "诚招线上客服，保证金2万");
  EXPECT_EQ(Norm("參加培訓"), "參加培训");  // 參 is a numeral's form, left as written
  NormalisedText n(icu::UnicodeString::fromUTF8("月薪3萬"));
  EXPECT_EQ(n.Original(2, 4), (std::pair<int32_t, int32_t>{2, 4}));
}

// Requirement tables pasted as text (blind set 15, 2026-12-06): each cell of
// a later line is read under its column's header.
TEST(NormaliseTest, TableCellsAreReadUnderTheirHeader) {
  EXPECT_EQ(Norm("岗位 | 人数 | 户籍\n客户经理 | 4 | 本市"), "岗位 | 人数 | 户籍；岗位：客户经理 | 人数：4 | 户籍：本市");
  EXPECT_EQ(Norm("岗位｜宗教信仰\n行政｜无\n出纳｜不限"), "岗位｜宗教信仰；岗位：行政｜宗教信仰：无；岗位：出纳｜宗教信仰：不限");
  EXPECT_EQ(Norm("序号\t年龄\r\n1\t三十五以下"), "序号\t年龄；序号：1\t年龄：35以下");
  // An empty cell gets no header; a line with another count of separators ends the table.
  EXPECT_EQ(Norm("岗位 | 押金\n普工 | \n说明：包住"), "岗位 | 押金；岗位：普工 | ；说明：包住");
  // One line with a separator is no table ("【今日好岗｜第236期】").
  EXPECT_EQ(Norm("【今日好岗｜第236期】\n包装工10名"), "【今日好岗｜第236期】；包装工10名");
  // A header put before a cell maps back over the header and the cell.
  icu::UnicodeString in = icu::UnicodeString::fromUTF8("岗位 | 户籍\n文员 | 本市");
  NormalisedText n(in);
  std::string norm;
  n.text().toUTF8String(norm);
  const int32_t at = n.text().indexOf(u"户籍：本市");
  ASSERT_GE(at, 0) << norm;
  EXPECT_EQ(n.Original(at, at + 5), std::make_pair(5, 15));
}

TEST(NormaliseTest, SpansMapBackToTheWordsAsWritten) {
  icu::UnicodeString in = icu::UnicodeString::fromUTF8("要求三十五岁以下");
  NormalisedText n(in);
  // "35岁" is [2, 5) of the normalised text, "三十五岁" [2, 6) of the input.
  auto [b, e] = n.Original(2, 5);
  EXPECT_EQ(b, 2);
  EXPECT_EQ(e, 6);
  EXPECT_EQ(n.Original(3, 3), std::make_pair(0, 0));
}

}  // namespace
}  // namespace qjy::ads
