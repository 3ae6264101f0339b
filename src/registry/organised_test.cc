#include "registry/organised.h"

#include <gtest/gtest.h>

namespace qjy::registry {
namespace {

TEST(OrganisedViaTest, CodesLabelsAndAliasesParseToTheCode) {
  static const struct {
    const char* text;
    std::optional<std::string> code;
  } cases[] = {
      {"", ""},                       // not recorded
      {"  ", ""},
      {"station", "station"},
      {"经劳务协作站", "station"},
      {" 驻外劳务协作站 ", "station"},
      {"一县一企", "base"},
      {"劳务经纪人", "agency"},
      {"劳务合作社", "agency"},
      {"政府组织", "government"},
      {"自主外出", "self"},
      {"朋友介绍", std::nullopt},
      {"Station", std::nullopt},     // codes are exact
  };
  for (const auto& c : cases) EXPECT_EQ(ParseOrganisedVia(c.text), c.code) << c.text;
}

TEST(OrganisedViaTest, NotRecordedIsNeitherOrganisedNorNot) {
  EXPECT_FALSE(IsOrganised(""));
  EXPECT_FALSE(IsOrganised("self"));
  for (auto code : kOrganisedCodes) {
    if (code != "self") EXPECT_TRUE(IsOrganised(code)) << code;
    EXPECT_EQ(ParseOrganisedVia(OrganisedViaLabel(code)), std::string(code));
  }
  EXPECT_EQ(OrganisedViaLabel(""), "未记录");
}

}  // namespace
}  // namespace qjy::registry
