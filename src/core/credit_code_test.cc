#include "core/credit_code.h"

#include <gtest/gtest.h>

#include <random>

namespace qjy {
namespace {

// Published codes of real organisations: a check the algorithm was not
// written to pass.
TEST(CreditCodeTest, KnownCodesAreValid) {
  static const struct {
    const char* code;
    const char* authority;
    const char* category;
    const char* province;
  } cases[] = {
      {"91350100M000100Y43", "市场监管", "企业", "福建省"},  // GB 32100 example
      {"91520000214434146R", "市场监管", "企业", "贵州省"},  // 贵州茅台酒股份有限公司
      {"914403001922038216", "市场监管", "企业", "广东省"},  // 华为技术有限公司
      {"9144030071526726XG", "市场监管", "企业", "广东省"},  // 腾讯
      {"91330100716105852F", "市场监管", "企业", "浙江省"},
      {"12100000400000624D", "机构编制", "事业单位", ""},    // central registration "10"
      {"11100000000013127D", "机构编制", "机关", ""},
  };
  for (const auto& c : cases) {
    auto r = CheckCreditCode(c.code);
    EXPECT_TRUE(r.valid) << c.code << ": " << r.reason;
    EXPECT_EQ(r.kind, "credit_code");
    EXPECT_EQ(r.authority, c.authority) << c.code;
    EXPECT_EQ(r.category, c.category) << c.code;
    EXPECT_EQ(r.province, c.province) << c.code;
    EXPECT_EQ(r.division_code, std::string(c.code).substr(2, 6));
    EXPECT_EQ(CreditCodeCheckChar(std::string_view(c.code).substr(0, 17)).value(), c.code[17]);
  }
  auto lower = CheckCreditCode(" 91350100m000100y43 ");
  EXPECT_TRUE(lower.valid) << lower.reason;
  EXPECT_EQ(lower.normalized, "91350100M000100Y43");
}

TEST(CreditCodeTest, CheckValueZeroAndAlphabet) {
  // Find a body whose check value is 31 (written as '0').
  std::string found;
  for (int i = 0; i < 1000 && found.empty(); ++i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%09d", i);
    std::string body = std::string("91520102") + buf;
    if (CreditCodeCheckChar(body).value() == '0') found = body + "0";
  }
  ASSERT_FALSE(found.empty());
  EXPECT_TRUE(CheckCreditCode(found).valid) << found;
  EXPECT_TRUE(IsCreditCodeAlphabet("0123456789ABCDEFGHJKLMNPQRTUWXYabcy"));
  for (char c : std::string_view("IOZSVioz-")) {
    EXPECT_FALSE(IsCreditCodeAlphabet(std::string(1, c))) << c;
  }
  EXPECT_FALSE(CreditCodeCheckChar("91520102MA6DKXXXO").has_value());
  EXPECT_FALSE(CreditCodeCheckChar("9152010").has_value());
}

TEST(CreditCodeTest, RejectsWithChineseReasons) {
  auto with_check = [](std::string body) { return body + CreditCodeCheckChar(body).value(); };
  static const struct {
    std::string code;
    const char* reason_part;
  } cases[] = {
      {"", "为空"},
      {"91350100M000100Y4", "应为18位"},
      {"91350100M000100Y433", "应为18位"},
      {"91350100M0001O0Y43", "第14位“O”"},
      {"91350100M000100Y4S", "不使用"},
      {"９1350100M000100Y43", "非法字符"},
      {"91350100M000100Y44", "校验码"},
      {with_check("B1350100M000100Y4"), "登记管理部门"},
      {with_check("94350100M000100Y4"), "机构类别"},
      {with_check("Y2350100M000100Y4"), "机构类别"},
      {with_check("913501A0M000100Y4"), "行政区划"},
      {with_check("91990100M000100Y4"), "行政区划"},
  };
  for (const auto& c : cases) {
    auto r = CheckCreditCode(c.code);
    EXPECT_FALSE(r.valid) << c.code;
    EXPECT_NE(r.reason.find(c.reason_part), std::string::npos) << c.code << ": " << r.reason;
  }
  EXPECT_TRUE(CheckCreditCode(with_check("N2520102MA6DK0001")).valid);
  EXPECT_TRUE(CheckCreditCode(with_check("92520102MA6DK0001")).valid);
}

// 31 is prime and every weight is non-zero mod 31, so any single
// substitution changes the sum mod 31: all are detected.
TEST(CreditCodeTest, EverySingleSubstitutionIsDetected) {
  constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  std::mt19937 rng(32100);
  std::uniform_int_distribution<size_t> pick(0, kAlphabet.size() - 1);
  const char* prefixes[] = {"91520102", "92520324", "93522601", "12440106", "51110105",
                            "N1520102"};
  int checked = 0;
  for (int n = 0; n < 120; ++n) {
    std::string body = prefixes[n % std::size(prefixes)];
    while (body.size() < 17) body.push_back(kAlphabet[pick(rng)]);
    const std::string code = body + CreditCodeCheckChar(body).value();
    ASSERT_TRUE(CheckCreditCode(code).valid) << code;
    for (size_t pos = 0; pos < 18; ++pos) {
      for (char c : kAlphabet) {
        if (c == code[pos]) continue;
        std::string bad = code;
        bad[pos] = c;
        ++checked;
        ASSERT_FALSE(CheckCreditCode(bad).valid) << code << " -> " << bad;
      }
    }
  }
  EXPECT_EQ(checked, 120 * 18 * 30);
}

}  // namespace
}  // namespace qjy
