#include "auth/password.h"

#include <gtest/gtest.h>

namespace qjy::auth {
namespace {

TEST(PasswordPolicyTest, Table) {
  struct Case {
    const char* password;
    bool ok;
  } cases[] = {
      {"Short1!", false},                 // too short
      {"alllowercaseletters", false},     // one kind
      {"lowercase123456", false},         // two kinds
      {"Lowercase123456", true},          // upper, lower, digit
      {"lowercase-12345", true},          // lower, digit, symbol
      {"UPPER-lower-xyz", true},          // upper, lower, symbol
      {"Abc1!Abc1!A", false},             // 11 chars
      {"Abc1!Abc1!Ab", true},             // 12 chars
      {"密码密码密码密码密码密A1", true},   // 13 code points: CJK counts as a symbol
      {"密码密码A1", false},               // strong kinds but 6 code points
  };
  for (const auto& c : cases) {
    EXPECT_EQ(CheckPasswordPolicy(c.password).has_value(), c.ok) << c.password;
  }
}

TEST(PasswordHashTest, VerifiesOnlyTheRightPassword) {
  auto h = HashPassword("Correct-Horse-9");
  ASSERT_TRUE(h.has_value());
  EXPECT_TRUE(h->starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword(*h, "Correct-Horse-9"));
  EXPECT_FALSE(VerifyPassword(*h, "Correct-Horse-8"));
  EXPECT_FALSE(VerifyPassword("", "Correct-Horse-9"));
  EXPECT_FALSE(VerifyPassword("$argon2id$garbage", "Correct-Horse-9"));
  auto h2 = HashPassword("Correct-Horse-9");
  ASSERT_TRUE(h2.has_value());
  EXPECT_NE(*h, *h2);  // salted
}

}  // namespace
}  // namespace qjy::auth
