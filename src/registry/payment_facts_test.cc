#include "registry/payment_facts.h"

#include <gtest/gtest.h>

namespace qjy::registry {
namespace {

TEST(PaymentFactsTest, BankAccountDigitsOnly) {
  EXPECT_EQ(NormaliseBankAccount("6222 0212 3456 7890 123"), "6222021234567890123");
  EXPECT_EQ(NormaliseBankAccount("６２２２-０２１２-３４５６-７８９０"), "6222021234567890");
  EXPECT_FALSE(NormaliseBankAccount("6222 0212 34"));            // 10 digits
  EXPECT_FALSE(NormaliseBankAccount("6222O21234567890"));        // a letter O
  EXPECT_FALSE(NormaliseBankAccount(""));
  EXPECT_EQ(BankLast4("6222021234567890"), "7890");
  EXPECT_EQ(MaskBankAccount("6222021234567890"), "尾号7890");
  EXPECT_EQ(MaskBankAccount("7890"), "尾号7890");
}

TEST(PaymentFactsTest, AddressesComparedWithoutSpacesAndMarks) {
  EXPECT_EQ(NormaliseAddress("贵阳市 南明区（花果园）3栋-1单元"), NormaliseAddress("贵阳市南明区花果园3栋1单元"));
  EXPECT_EQ(NormaliseAddress("花果园Ｂ区３栋"), NormaliseAddress("花果园b区3栋"));
  EXPECT_NE(NormaliseAddress("花果园3栋1单元"), NormaliseAddress("花果园3栋2单元"));
  EXPECT_EQ(NormaliseAddress(" ，。 "), "");
  EXPECT_NE(BankHashInput("123"), AddressHashInput("123"));
}

}  // namespace
}  // namespace qjy::registry
