#include "core/id_number.h"

#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <random>

#include "core/refdata.h"
#include "core/regions.h"
#include "core/date_test_support.h"

namespace qjy {
namespace {

using ::qjy::test_support::D;
const Date kToday = D("2024-06-01");

// A number with the check character computed: the way the generator and
// these tests build valid numbers.
std::string IdNumberWithCheck(const std::string& first17) {
  return first17 + ResidentIdCheckChar(first17).value();
}

TEST(IdNumberTest, StandardExampleIsValid) {
  // The worked example of GB 11643-1999.
  auto r = CheckResidentId("11010519491231002X", kToday);
  EXPECT_TRUE(r.valid) << r.reason;
  EXPECT_EQ(r.kind, "resident_id");
  EXPECT_EQ(r.reason, "");
  ASSERT_TRUE(r.birth_date.has_value());
  EXPECT_EQ(r.birth_date->ToString(), "1949-12-31");
  EXPECT_EQ(r.sex, "女");  // 17th digit 2
  EXPECT_EQ(r.province, "北京市");
  EXPECT_EQ(r.area_code, "110105");
  // The standard's other example, born 1880: the check character is right
  // but the platform only takes births from 1900.
  EXPECT_EQ(ResidentIdCheckChar("44052418800101001").value(), '4');
  auto old = CheckResidentId("440524188001010014", kToday);
  EXPECT_FALSE(old.valid);
  EXPECT_NE(old.reason.find("1900"), std::string::npos) << old.reason;
}

TEST(IdNumberTest, CheckCharCoversAllElevenValues) {
  // Vary the last sequence digit's neighbour until every residue appears.
  std::set<char> seen;
  for (int seq = 0; seq < 1000; ++seq) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%03d", seq);
    seen.insert(ResidentIdCheckChar(std::string("52010219900101") + buf).value());
  }
  EXPECT_EQ(seen.size(), 11u);
  EXPECT_TRUE(seen.contains('X'));
  EXPECT_FALSE(ResidentIdCheckChar("5201021990010100").has_value());    // 16
  EXPECT_FALSE(ResidentIdCheckChar("52010219900101A01").has_value());   // letter
}

TEST(IdNumberTest, SexProvinceAndNormalisation) {
  static const struct {
    std::string first17;
    const char* sex;
    const char* province;
  } cases[] = {
      {"52010219900101001", "男", "贵州省"}, {"52010219900101002", "女", "贵州省"},
      {"44010619851231123", "男", "广东省"}, {"71000019800101008", "女", "台湾省"},
      {"81000019800101009", "男", "香港特别行政区"}, {"82000019800101000", "女", "澳门特别行政区"},
  };
  for (const auto& c : cases) {
    auto r = CheckResidentId(IdNumberWithCheck(c.first17), kToday);
    EXPECT_TRUE(r.valid) << c.first17 << ": " << r.reason;
    EXPECT_EQ(r.sex, c.sex) << c.first17;
    EXPECT_EQ(r.province, c.province) << c.first17;
  }
  auto lower = CheckResidentId("  11010519491231002x\n", kToday);
  EXPECT_TRUE(lower.valid) << lower.reason;
  EXPECT_EQ(lower.normalized, "11010519491231002X");
}

TEST(IdNumberTest, RejectsBadShapesProvincesAndDates) {
  static const struct {
    std::string id;
    const char* reason_part;
  } cases[] = {
      {"", "为空"},
      {"5201021990010100", "应为18位"},
      {"5201021990010100123", "应为18位"},
      {"520102900101001", "15位"},
      {"52010219900101001Y", "第18位"},
      {"5201021990O101001X", "前17位"},
      {"５２０１０２１９９００１０１００１Ｘ", "非法字符"},
      {IdNumberWithCheck("99010219900101001"), "省级行政区"},
      {IdNumberWithCheck("91010219900101001"), "省级行政区"},  // "abroad" is not a province
      {IdNumberWithCheck("83000019900101001"), "省级行政区"},  // Taiwan residence permit
      {IdNumberWithCheck("10010219900101001"), "省级行政区"},
      {IdNumberWithCheck("52010219990229001"), "不存在"},      // 1999 not a leap year
      {IdNumberWithCheck("52010219000229001"), "不存在"},      // 1900 was not either
      {IdNumberWithCheck("52010219901301001"), "不存在"},
      {IdNumberWithCheck("52010219900431001"), "不存在"},
      {IdNumberWithCheck("52010219900100001"), "不存在"},
      {IdNumberWithCheck("52010218991231001"), "1900"},
      {IdNumberWithCheck("52010220240602001"), "晚于今天"},    // tomorrow
      {IdNumberWithCheck("52010230240101001"), "晚于今天"},
  };
  for (const auto& c : cases) {
    auto r = CheckResidentId(c.id, kToday);
    EXPECT_FALSE(r.valid) << c.id;
    EXPECT_NE(r.reason.find(c.reason_part), std::string::npos) << c.id << ": " << r.reason;
    EXPECT_FALSE(r.birth_date.has_value()) << c.id;
  }
  EXPECT_TRUE(CheckResidentId(IdNumberWithCheck("52010220000229001"), kToday).valid);  // leap 2000
  EXPECT_TRUE(CheckResidentId(IdNumberWithCheck("52010220240601001"), kToday).valid);  // born today
  EXPECT_TRUE(CheckResidentId(IdNumberWithCheck("52010219000101001"), kToday).valid);  // first day taken
}

// MOD 11-2 detects every single substitution and every adjacent
// transposition of distinct characters: walk them all on random numbers.
TEST(IdNumberTest, EverySingleCorruptionIsDetected) {
  std::mt19937 rng(20240601);
  std::uniform_int_distribution<int> digit(0, 9), days(0, 365 * 70);
  const char* counties[] = {"520102", "520324", "522601", "440106", "110105", "650102"};
  int corruptions = 0;
  for (int n = 0; n < 200; ++n) {
    const std::string ymd = D("1950-01-01").AddDays(days(rng)).ToString();
    std::string first17 = std::string(counties[n % std::size(counties)]) + ymd.substr(0, 4) +
                          ymd.substr(5, 2) + ymd.substr(8, 2);
    for (int i = 0; i < 3; ++i) first17.push_back(static_cast<char>('0' + digit(rng)));
    const std::string id = IdNumberWithCheck(first17);
    ASSERT_TRUE(CheckResidentId(id, kToday).valid) << id;
    for (size_t pos = 0; pos < 18; ++pos) {
      for (char c : std::string_view(pos == 17 ? "0123456789X" : "0123456789")) {
        if (c == id[pos]) continue;
        std::string bad = id;
        bad[pos] = c;
        ++corruptions;
        ASSERT_FALSE(CheckResidentId(bad, kToday).valid) << id << " -> " << bad;
      }
      if (pos < 16 && id[pos] != id[pos + 1]) {
        std::string swapped = id;
        std::swap(swapped[pos], swapped[pos + 1]);
        ASSERT_FALSE(CheckResidentId(swapped, kToday).valid) << id << " -> " << swapped;
      }
    }
  }
  EXPECT_EQ(corruptions, 200 * (17 * 9 + 10));
}

TEST(IdNumberTest, AreaNameFromRegionsForDisplayOnly) {
  auto regions = RegionIndex::Load(RefdataDir());
  ASSERT_TRUE(regions.has_value()) << regions.error().message;
  auto r = CheckResidentId(IdNumberWithCheck("52010219900101001"), kToday, &*regions);
  ASSERT_TRUE(r.valid);
  EXPECT_EQ(r.area_name, "贵州省贵阳市南明区");
  // 522101 was 遵义市 before the 1997 renumbering: IDs issued there keep it.
  ASSERT_EQ(regions->Find("522101"), nullptr);
  auto abolished = CheckResidentId(IdNumberWithCheck("52210119700101001"), kToday, &*regions);
  EXPECT_TRUE(abolished.valid) << abolished.reason;
  EXPECT_EQ(abolished.province, "贵州省");
  EXPECT_EQ(abolished.area_name, "");
}

}  // namespace
}  // namespace qjy
