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
      {"Abc1!Abc1!A", false},             // 11 chars
      {"Xk7#mPq2-vTz", true},             // 12 chars, upper, lower, digit, symbol
      {"UPPER-lower-xyz", true},          // upper, lower, symbol
      {"Tr0ub4dor&3xyz", true},           // upper, lower, digit, symbol; no word core
      {"遵义红花岗2024年春季Q", true},      // 14 code points: CJK counts as a symbol
      {"密码密码密码密码密码密A1", false},  // "password" repeated: cracklib refuses it
      {"密码密码A1", false},               // strong kinds but 6 code points
      // cracklib: a dictionary word with digits or symbols around it, or
      // with digits for letters, and systematic strings.
      {"Password1234", false},            // the example: "password" + digits
      {"P@ssw0rd2024!", false},           // substitutions undone: "password"
      {"lowercase-12345", false},         // "lowercase"
      {"Sunshine#2024", false},           // "sunshine"
      {"Lowercase123456", false},         // too simplistic/systematic
      {"Abc1!Abc1!Ab", false},            // too simplistic/systematic
      {"Aa1         ", false},            // "Aa1" + spaces (12 characters)
      {"  Xk7#mPq2-vTz", false},          // leading spaces
      {"Qjy-Demo-2023!", false},          // the published demo password
  };
  for (const auto& c : cases) {
    auto r = CheckPasswordPolicy(c.password);
    EXPECT_EQ(r.has_value(), c.ok) << c.password;
    if (!r) {
      EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << c.password;
      EXPECT_NE(r.error().message.find("密码"), std::string::npos) << r.error().message;
    }
  }
}

TEST(PasswordPolicyTest, DemoPasswordOnlyWhereAllowed) {
  EXPECT_FALSE(CheckPasswordPolicy(kDemoPassword).has_value());
  EXPECT_NE(CheckPasswordPolicy(kDemoPassword).error().message.find("演示"), std::string::npos);
  EXPECT_TRUE(CheckPasswordPolicy(kDemoPassword, /*allow_demo_password=*/true).has_value());
  // Allowing the demo password allows nothing weaker.
  EXPECT_FALSE(CheckPasswordPolicy("Password1234", true).has_value());
}

TEST(PasswordPolicyTest, ChineseReasonFromCracklib) {
  auto r = CheckPasswordPolicy("Password1234");
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("常见单词"), std::string::npos) << r.error().message;
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

TEST(PasswordHashTest, RealAccountsGetTheInteractiveCostTestsMayUseTheMinimum) {
  auto real = HashPassword("Correct-Horse-9");
  auto cheap = HashPassword("Correct-Horse-9", HashCost::kMinimumForTests);
  ASSERT_TRUE(real.has_value());
  ASSERT_TRUE(cheap.has_value());
  EXPECT_NE(real->find("$m=65536,t=2,"), std::string::npos) << *real;
  EXPECT_NE(cheap->find("$m=8,t=1,"), std::string::npos) << *cheap;
  // The hash carries its cost: verification needs no flag.
  EXPECT_TRUE(VerifyPassword(*cheap, "Correct-Horse-9"));
  EXPECT_FALSE(VerifyPassword(*cheap, "Correct-Horse-8"));
}

}  // namespace
}  // namespace qjy::auth
