#include "registry/codes.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace qjy::registry {
namespace {

TEST(CodesTest, ParsesCodeLabelAndAlias) {
  struct {
    std::string_view text;
    std::optional<Sex> want;
  } cases[] = {
      {"男", Sex::kMale},     {"female", Sex::kFemale}, {"女", Sex::kFemale},
      {" FEMALE ", Sex::kFemale}, {"M", Sex::kMale},  {"男生", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(Parse<Sex>(c.text), c.want) << c.text;

  EXPECT_EQ(Parse<Education>("本科"), Education::kBachelor);
  EXPECT_EQ(Parse<Education>("junior_college"), Education::kJuniorCollege);
  EXPECT_EQ(Parse<Education>("中专"), Education::kSecondaryVocational);
  EXPECT_EQ(Parse<Group>("高校毕业生"), Group::kCollegeGraduate);
  EXPECT_EQ(Parse<Group>("监测对象"), Group::kMonitoringObject);
  EXPECT_EQ(Parse<EmployerType>("就业帮扶车间"), EmployerType::kAssistanceWorkshop);
  EXPECT_EQ(Parse<SizeClass>("微型"), SizeClass::kMicro);
  EXPECT_EQ(Parse<JobType>("公益性岗位"), JobType::kPublicWelfare);
  EXPECT_EQ(Parse<SiteKind>("零工市场"), SiteKind::kGigMarket);
  EXPECT_EQ(Parse<Group>("高校毕业"), std::nullopt);
}

// Every value round-trips through its code and its label, and codes and
// labels are unique within an enumeration (otherwise parsing would be
// ambiguous).
template <class E>
void CheckRoundTrip() {
  std::set<std::string_view> codes, labels;
  for (E v : AllValues<E>()) {
    EXPECT_EQ(Parse<E>(Code(v)), v) << Code(v);
    EXPECT_EQ(Parse<E>(Label(v)), v) << Label(v);
    EXPECT_TRUE(codes.insert(Code(v)).second) << Code(v);
    EXPECT_TRUE(labels.insert(Label(v)).second) << Label(v);
  }
}

TEST(CodesTest, RoundTripsEveryValue) {
  CheckRoundTrip<Sex>();
  CheckRoundTrip<Education>();
  CheckRoundTrip<Group>();
  CheckRoundTrip<EmployerType>();
  CheckRoundTrip<SizeClass>();
  CheckRoundTrip<JobType>();
  CheckRoundTrip<SiteKind>();
  EXPECT_EQ(AllValues<Group>().size(), 14u);
  EXPECT_EQ(AllValues<Education>().size(), 10u);
}

}  // namespace
}  // namespace qjy::registry
