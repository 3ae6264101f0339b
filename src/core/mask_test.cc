#include "core/mask.h"

#include <gtest/gtest.h>

namespace qjy {
namespace {

TEST(MaskTest, IdAndPhone) {
  EXPECT_EQ(MaskIdNumber("52010219900101123X"), "5201**********123X");
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
  EXPECT_EQ(MaskValue("52010219900101123X"), "5201**********123X");
  EXPECT_EQ(MaskValue("13812345678"), "138****5678");
  EXPECT_EQ(MaskValue("张三"), "张**");
  EXPECT_EQ(MaskIdNumber("123"), "***");
}

}  // namespace
}  // namespace qjy
