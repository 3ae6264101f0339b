#include "registry/place.h"

#include <gtest/gtest.h>

namespace qjy::registry {
namespace {

TEST(PlaceTest, ClassifiesWorkAgainstHome) {
  struct {
    std::string_view home, work;
    WorkPlace want;
  } cases[] = {
      {"520102", "520102", WorkPlace::kSameCounty},
      {"520102", "520102016", WorkPlace::kSameCounty},        // a township of the home county
      {"520102016001", "520102", WorkPlace::kSameCounty},     // home given as a village
      {"520102", "520103", WorkPlace::kCrossCounty},          // same prefecture, other county
      {"520102", "520221", WorkPlace::kCrossCounty},          // other prefecture
      {"520102", "5202", WorkPlace::kCrossCounty},            // other prefecture, county not known
      {"520102", "5201", WorkPlace::kUnknown},                // own prefecture: county not known
      {"520102", "52", WorkPlace::kUnknown},                  // "somewhere in Guizhou"
      {"520102", "440305", WorkPlace::kCrossProvince},        // 深圳市南山区
      {"520102", "44", WorkPlace::kCrossProvince},            // a province code is enough
      {"440305", "520102", WorkPlace::kCrossProvince},        // hukou outside Guizhou
      {"520102", "", WorkPlace::kUnknown},                    // old rows: no place of work
      {"", "520102", WorkPlace::kUnknown},
      {"520102", "深圳", WorkPlace::kUnknown},                 // not a code
  };
  for (const auto& c : cases) EXPECT_EQ(ClassifyWorkPlace(c.home, c.work), c.want) << c.home << " " << c.work;
}

TEST(PlaceTest, HomeIsHukouElseOwningCounty) {
  Person p;
  p.county_code = "520102";
  Contract c;
  c.work_region = "520103";
  EXPECT_EQ(PlaceOf(p, c), WorkPlace::kCrossCounty);
  p.hukou_region = "520103001";  // registered in the county of work
  EXPECT_EQ(PlaceOf(p, c), WorkPlace::kSameCounty);
  EXPECT_EQ(Label(PlaceOf(p, c)), "本县务工");
  c.work_region.clear();
  EXPECT_EQ(Label(PlaceOf(p, c)), "工作地点未知");
}

TEST(PlaceTest, WithinRegion) {
  EXPECT_TRUE(WithinRegion("520102", "52"));
  EXPECT_TRUE(WithinRegion("52", "52"));
  EXPECT_FALSE(WithinRegion("440305", "52"));
  EXPECT_FALSE(WithinRegion("", "52"));
  EXPECT_FALSE(WithinRegion("5", "52"));
}

}  // namespace
}  // namespace qjy::registry
