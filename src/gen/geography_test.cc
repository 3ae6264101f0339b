#include "gen/geography.h"

#include <gtest/gtest.h>

#include <map>

#include "gen/test_world.h"

namespace qjy::gen {
namespace {

using testing::TheWorld;

TEST(ProfileTest, LoadsTheShippedData) {
  const Profile& p = TheWorld().profile;
  EXPECT_EQ(p.prefectures.size(), 9u);
  EXPECT_EQ(p.surnames.size(), 100u);
  EXPECT_GE(p.occupations.size(), 40u);
  EXPECT_EQ(p.as_of_default.ToString(), "2025-06-30");
  for (const auto& o : p.occupations) {
    EXPECT_LT(o.wage_min_yuan, o.wage_max_yuan) << o.title;
    EXPECT_EQ(o.code.size(), 4u) << o.title;  // medium group "6-18"
  }
}

TEST(ProfileTest, MissingDirectoryIsAnError) {
  auto p = LoadProfile("/nonexistent/gen-data");
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().code, ErrorCode::kIo);
}

TEST(GeographyTest, HasTheRealDivisions) {
  const Geography& g = *TheWorld().geo;
  EXPECT_EQ(g.counties().size(), 88u);
  EXPECT_EQ(g.prefectures().size(), 9u);
  size_t townships = 0;
  for (const auto& c : g.counties()) {
    EXPECT_TRUE(c.code.starts_with("52")) << c.code;
    EXPECT_FALSE(c.townships.empty()) << c.name;
    townships += c.townships.size();
  }
  EXPECT_GT(townships, 1000u);
  std::map<std::string, int> provinces;
  for (const auto& o : g.outside()) ++provinces[o.province_code];
  EXPECT_EQ(provinces.size(), 4u);
  for (const char* p : {"44", "33", "35", "32"}) EXPECT_GT(provinces[p], 0) << p;
}

TEST(GeographyTest, CountyWeightsFollowPrefecturePopulation) {
  const testing::World& w = TheWorld();
  const Geography& g = *w.geo;
  uint64_t total = 0;
  std::vector<uint64_t> by_prefecture(9);
  for (size_t i = 0; i < g.counties().size(); ++i) {
    total += g.CountyWeight(static_cast<int>(i));
    by_prefecture[g.counties()[i].prefecture] += g.CountyWeight(static_cast<int>(i));
  }
  uint64_t population = 0;
  for (const auto& p : w.profile.prefectures) population += p.population;
  for (size_t p = 0; p < 9; ++p)
    EXPECT_NEAR(static_cast<double>(by_prefecture[p]) / total,
                static_cast<double>(w.profile.prefectures[p].population) / population, 0.001);
}

TEST(GeographyTest, UnknownPrefectureInProfileIsAnError) {
  Profile p = TheWorld().profile;
  p.prefectures.pop_back();  // 黔南 missing: its counties have no profile
  std::vector<RegionRow> rows = {{"52", "贵州省", "province", ""},
                                 {"5227", "黔南布依族苗族自治州", "prefecture", "52"},
                                 {"522701", "都匀市", "county", "5227"}};
  auto g = Geography::Build(rows, p);
  ASSERT_FALSE(g.has_value());
  EXPECT_NE(g.error().message.find("5227"), std::string::npos);
}

}  // namespace
}  // namespace qjy::gen
