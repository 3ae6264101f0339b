// BodyInt: the integers a JSON body may carry, as numbers or strings; what
// does not fit int64 is refused (nullopt), never wrapped.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/api_internal.h"

namespace qjy::server {
namespace {

TEST(BodyIntTest, NumbersAndDigitStringsWithinInt64) {
  const auto body = nlohmann::json::parse(
      R"({"a": 100, "b": "250", "c": -7, "d": 9223372036854775807, "e": "-9223372036854775808"})");
  EXPECT_EQ(BodyInt(body, "a"), 100);
  EXPECT_EQ(BodyInt(body, "b"), 250);
  EXPECT_EQ(BodyInt(body, "c"), -7);
  EXPECT_EQ(BodyInt(body, "d"), INT64_MAX);
  EXPECT_EQ(BodyInt(body, "e"), INT64_MIN);
}

// 99,999,999,999,999,999 yuan in fen (as the budget form sends it) is above
// INT64_MAX: refused, not read as a negative amount.
TEST(BodyIntTest, AboveInt64RefusedNotWrapped) {
  const auto body = nlohmann::json::parse(
      R"({"fen": 9999999999999999900, "max1": 9223372036854775808, "s": "9223372036854775808", "f": 1.5, "x": "12a"})");
  EXPECT_FALSE(BodyInt(body, "fen").has_value());
  EXPECT_FALSE(BodyInt(body, "max1").has_value());
  EXPECT_FALSE(BodyInt(body, "s").has_value());
  EXPECT_FALSE(BodyInt(body, "f").has_value());
  EXPECT_FALSE(BodyInt(body, "x").has_value());
  EXPECT_FALSE(BodyInt(body, "missing").has_value());
}

}  // namespace
}  // namespace qjy::server
