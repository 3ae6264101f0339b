#include "core/mask.h"

#include <gtest/gtest.h>

#include "core/utf8.h"

namespace qjy {
namespace {

TEST(MaskTest, IdAndPhone) {
  EXPECT_EQ(MaskIdNumber("52010219900101123X"), "5201**********123X");
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
  EXPECT_EQ(MaskValue("52010219900101123X"), "5201**********123X");
  EXPECT_EQ(MaskValue("13812345678"), "138****5678");
  EXPECT_EQ(MaskValue("张三"), "张**");
  EXPECT_EQ(MaskIdNumber("123"), "***");
}

// A footer line typed into the ID column ("填表人：张三" is 18 bytes, the
// length of an ID number) is masked by characters: the result is valid
// UTF-8 and shows no more than the first character.
TEST(MaskTest, MultiByteTextIsNeverCutInHalf) {
  const std::string footer = "填表人：张三";
  ASSERT_EQ(footer.size(), 18u);
  EXPECT_EQ(MaskValue(footer), "填**");
  EXPECT_EQ(MaskIdNumber(footer), "******");  // 6 characters, fewer than 10
  EXPECT_EQ(MaskIdNumber("贵州省毕节市七星关区碧阳街道办事处"), "贵州省毕*********道办事处");
  EXPECT_EQ(MaskPhone("一三八一二三四五六七八"), "一三八****五六七八");
  for (const std::string& v : {footer, std::string("ab张三cd efgh ijklmn"), std::string("张")}) {
    EXPECT_TRUE(IsValidUtf8(MaskValue(v))) << v;
    EXPECT_TRUE(IsValidUtf8(MaskIdNumber(v))) << v;
    EXPECT_TRUE(IsValidUtf8(MaskPhone(v))) << v;
  }
}

TEST(MaskTest, PersonNameKeepsTheFirstCharacterOnly) {
  EXPECT_EQ(MaskPersonName("张三"), "张*");
  EXPECT_EQ(MaskPersonName("王小明"), "王**");
  EXPECT_EQ(MaskPersonName("欧阳小明"), "欧***");
  EXPECT_EQ(MaskPersonName("李"), "李*");
  EXPECT_EQ(MaskPersonName(""), "");
}

}  // namespace
}  // namespace qjy
