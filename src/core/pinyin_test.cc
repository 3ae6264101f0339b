#include "core/pinyin.h"

#include <gtest/gtest.h>

namespace qjy {
namespace {

TEST(PinyinTest, InitialsOfCommonNames) {
  static const struct {
    const char* name;
    const char* initials;
  } cases[] = {
      {"张伟", "zw"},       {"王芳", "wf"},     {"李娜", "ln"},    {"龙国贵", "lgg"},
      {"吴秀英", "wxy"},    {"欧阳娜娜", "oynn"}, {"潘", "p"},       {"", ""},
      {"阿依·木", "aym"},  // the separator is dropped
      {"Tom李", "toml"},    // ASCII letters kept, lower-cased
  };
  for (const auto& c : cases) EXPECT_EQ(PinyinInitials(c.name), c.initials) << c.name;
}

TEST(PinyinTest, SurnameReadingOnlyInFirstPlace) {
  EXPECT_EQ(PinyinInitials("单伟"), "sw");   // 单 shàn as a surname
  EXPECT_EQ(PinyinInitials("曾敏"), "zm");   // 曾 zēng
  EXPECT_EQ(PinyinInitials("覃丽"), "ql");   // 覃 qín
  EXPECT_EQ(PinyinInitials("王单"), "wd");   // 单 dān elsewhere
  EXPECT_EQ(PinyinInitials("单伟", false), "dw");
}

TEST(PinyinTest, SyllablesMakeHomophonesEqual) {
  EXPECT_EQ(PinyinSyllableText(PinyinSyllableId(U'张')), "zhang");
  EXPECT_EQ(PinyinSyllableId(U'张'), PinyinSyllableId(U'章'));   // zhāng / zhāng
  EXPECT_EQ(PinyinSyllableId(U'李'), PinyinSyllableId(U'理'));   // lǐ / lǐ (tone ignored)
  EXPECT_NE(PinyinSyllableId(U'张'), PinyinSyllableId(U'王'));
  EXPECT_EQ(PinyinSyllableText(PinyinSyllableId(U'单', true)), "shan");
  EXPECT_EQ(PinyinSyllableText(PinyinSyllableId(U'单')), "dan");
  EXPECT_EQ(PinyinSyllableId(U'a'), 0);
  EXPECT_EQ(PinyinSyllableText(0), "");
}

TEST(PinyinTest, LooksLikeInitials) {
  EXPECT_TRUE(LooksLikeInitials("zw"));
  EXPECT_TRUE(LooksLikeInitials("ZW"));
  EXPECT_FALSE(LooksLikeInitials(""));
  EXPECT_FALSE(LooksLikeInitials("z1"));
  EXPECT_FALSE(LooksLikeInitials("张"));
}

}  // namespace
}  // namespace qjy
