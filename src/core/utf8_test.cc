#include "core/utf8.h"

#include <gtest/gtest.h>

namespace qjy {
namespace {

TEST(Utf8Test, Validity) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("填表人：张三 abc"));
  EXPECT_FALSE(IsValidUtf8("\xE5\xA1"));          // 填 cut after two bytes
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("abcdefgh\xFF"));      // after the ASCII fast path
}

TEST(Utf8Test, RepairReplacesOnlyBadBytes) {
  EXPECT_EQ(RepairUtf8("张三"), "张三");
  EXPECT_EQ(RepairUtf8("a\xE5\xA1z"), "a\xEF\xBF\xBD\xEF\xBF\xBDz");
  EXPECT_TRUE(IsValidUtf8(RepairUtf8("\xFF\xFE\xE5")));
}

TEST(Utf8Test, PrefixNeverCutsACharacter) {
  const std::string s = "填表人：张三";  // 6 characters, 18 bytes
  for (size_t n = 0; n <= s.size() + 1; ++n) {
    std::string_view p = Utf8Prefix(s, n);
    EXPECT_TRUE(IsValidUtf8(p)) << n;
    EXPECT_LE(p.size(), n);
    EXPECT_EQ(p.size() % 3, 0u) << n;
  }
  EXPECT_EQ(Utf8Prefix(s, 8), "填表");
  EXPECT_EQ(Utf8Prefix("ab", 1), "a");
}

TEST(Utf8Test, CharactersFromEitherEnd) {
  const std::string s = "ab张三cd";
  EXPECT_EQ(Utf8Length(s), 6u);
  EXPECT_EQ(Utf8First(s, 3), "ab张");
  EXPECT_EQ(Utf8Last(s, 3), "三cd");
  EXPECT_EQ(Utf8First(s, 10), s);
  EXPECT_EQ(Utf8Last(s, 10), s);
  EXPECT_EQ(Utf8Last(s, 0), "");
}

}  // namespace
}  // namespace qjy
