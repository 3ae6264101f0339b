// The note of an event no duty counts, against the shipped duties file.
#include "network/event_note.h"

#include <gtest/gtest.h>

namespace qjy::network {
namespace {

// A county's or township's team visit is recorded with a note saying no duty
// counts it (附件4（十七） numbers only the province and prefectures); the
// levels some duty judges get no note.
TEST(UncountedEventNoteTest, NamesTheLevelsThatHaveNumbers) {
  auto duties = LoadDuties(DefaultDutiesFile());
  ASSERT_TRUE(duties) << duties.error().message;
  const std::string county = UncountedEventNote(*duties, "service_team", RegionLevel::kCounty);
  EXPECT_EQ(county,
            "本级无考核要求，不计入就业创业服务团队服务活动次数（附件4（十七）只对省级、市（州）级规定了次数）；"
            "照常登记，作为本级常态化开展的记录");
  EXPECT_EQ(UncountedEventNote(*duties, "service_team", RegionLevel::kTownship), county);
  EXPECT_EQ(UncountedEventNote(*duties, "service_team", RegionLevel::kProvince), "");
  EXPECT_EQ(UncountedEventNote(*duties, "service_team", RegionLevel::kPrefecture), "");
  EXPECT_EQ(UncountedEventNote(*duties, "special", RegionLevel::kCounty), "");
  EXPECT_NE(UncountedEventNote(*duties, "special", RegionLevel::kTownship).find("不计入招聘活动次数"),
            std::string::npos);
}

}  // namespace
}  // namespace qjy::network
