#include "network/tiers.h"

#include <gtest/gtest.h>

namespace qjy::network {
namespace {

TEST(TierLabelTest, EveryTierHasItsChineseNameAndUnknownCodesPassThrough) {
  EXPECT_EQ(TierLabel("province"), "省级");
  EXPECT_EQ(TierLabel("prefecture"), "市州级");
  EXPECT_EQ(TierLabel("county"), "县级");
  EXPECT_EQ(TierLabel("township"), "乡镇级");
  EXPECT_EQ(TierLabel("village"), "村级");
  EXPECT_EQ(TierLabel("relocation_site"), "relocation_site");
}

}  // namespace
}  // namespace qjy::network
