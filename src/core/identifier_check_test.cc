#include "core/identifier_check.h"

#include <gtest/gtest.h>

#include "core/credit_code.h"
#include "core/id_number.h"

namespace qjy {
namespace {

const Date kCheckDay = Date::Parse("2024-06-01").value();

TEST(IdentifierCheckTest, ChoosesKindByShape) {
  static const struct {
    std::string input;
    bool valid;
    const char* kind;
  } cases[] = {
      {"11010519491231002X", true, "resident_id"},
      {"11010519491231002x", true, "resident_id"},
      {"110105194912310021", false, "resident_id"},   // bad check digit
      {"91520000214434146R", true, "credit_code"},
      {"91520000214434146r", true, "credit_code"},
      {"12100000400000624D", true, "credit_code"},
      {"91520000214434146A", false, "credit_code"},   // bad check char
      {"520102199001O1001X", false, "resident_id"},   // letter O in an ID
      {"5201021990010100", false, "resident_id"},     // too short, digits
      {"520102900101001", false, "resident_id"},      // 15-digit
      {"9152000021443414R", false, "credit_code"},    // too short, has a letter
      {"91520000214434146", false, "resident_id"},    // 17 digits: a short ID
      {"张三", false, "unknown"},
      {"", false, "resident_id"},
  };
  for (const auto& c : cases) {
    auto v = CheckIdentifier(c.input, kCheckDay);
    EXPECT_EQ(v.valid, c.valid) << c.input << ": " << v.reason;
    EXPECT_EQ(v.kind, c.kind) << c.input;
    EXPECT_EQ(v.input, c.input);
    EXPECT_EQ(v.reason.empty(), c.valid) << c.input;
  }
}

TEST(IdentifierCheckTest, AllDigitCreditCodeIsRecognisedWhenNotAnId) {
  // Build an all-digit credit code (机构编制/事业单位, Guizhou).
  std::string code;
  for (int i = 0; i < 100000 && code.empty(); ++i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%09d", i);
    std::string body = std::string("12520000") + buf;
    char check = CreditCodeCheckChar(body).value();
    if (check >= '0' && check <= '9') code = body + check;
  }
  ASSERT_FALSE(code.empty());
  ASSERT_FALSE(CheckResidentId(code, kCheckDay).valid);  // birth "00000000"
  auto v = CheckIdentifier(code, kCheckDay);
  EXPECT_TRUE(v.valid) << code << ": " << v.reason;
  EXPECT_EQ(v.kind, "credit_code");
  EXPECT_EQ(v.province, "贵州省");
}

TEST(IdentifierCheckTest, JsonHasTheDocumentedFields) {
  auto id = ToJson(CheckIdentifier(" 11010519491231002x ", kCheckDay));
  EXPECT_EQ(id["input"], " 11010519491231002x ");
  EXPECT_EQ(id["valid"], true);
  EXPECT_EQ(id["kind"], "resident_id");
  EXPECT_EQ(id["reason"], "");
  EXPECT_EQ(id["birth_date"], "1949-12-31");
  EXPECT_EQ(id["sex"], "女");
  EXPECT_EQ(id["province"], "北京市");
  EXPECT_EQ(id["normalized"], "11010519491231002X");

  auto bad = ToJson(CheckIdentifier("110105194912310021", kCheckDay));
  EXPECT_EQ(bad["valid"], false);
  EXPECT_TRUE(bad["birth_date"].is_null());
  EXPECT_TRUE(bad["sex"].is_null());
  EXPECT_TRUE(bad["province"].is_null());
  EXPECT_NE(bad["reason"].get<std::string>().find("校验码"), std::string::npos);

  auto credit = ToJson(CheckIdentifier("91520000214434146R", kCheckDay));
  EXPECT_EQ(credit["kind"], "credit_code");
  EXPECT_TRUE(credit["birth_date"].is_null());
  EXPECT_TRUE(credit["sex"].is_null());
  EXPECT_EQ(credit["province"], "贵州省");
  EXPECT_NE(credit.dump(-1, ' ', false).find("贵州省"), std::string::npos);

  std::vector<std::string> keys;
  for (const auto& [key, value] : id.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"input", "valid", "kind", "reason", "birth_date", "sex",
                                            "province", "normalized"}));
}

}  // namespace
}  // namespace qjy
