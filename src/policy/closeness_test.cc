#include "policy/closeness.h"

#include <gtest/gtest.h>

namespace qjy::policy {
namespace {

Condition Pass() { return Condition{.id = "ok", .pass = true}; }
Condition Failed() { return Condition{.id = "no", .pass = false, .fix = "改"}; }
Condition Unknown() { return Condition{.id = "?", .pass = false, .unknown = true}; }

TEST(ClosenessTest, ClosenessTable) {
  static const struct {
    const char* name;
    bool eligible;
    std::vector<Condition> conditions;
    Closeness want;
  } cases[] = {
      {"eligible", true, {Pass(), Pass()}, Closeness::kEligible},
      {"one failed", false, {Pass(), Failed()}, Closeness::kNear},
      {"two failed", false, {Failed(), Pass(), Failed()}, Closeness::kFar},
      {"only unknown", false, {Pass(), Unknown(), Unknown()}, Closeness::kNear},
      {"failed and unknown", false, {Failed(), Unknown()}, Closeness::kFar},
      // Refused with every condition passing (a parameter out of force): nothing to act on.
      {"no failed condition", false, {Pass()}, Closeness::kFar},
  };
  for (const auto& c : cases) {
    Decision d;
    d.eligible = c.eligible;
    d.conditions = c.conditions;
    EXPECT_EQ(ClosenessOf(d), c.want) << c.name;
  }
}

TEST(ClosenessTest, JsonCarriesClosenessAndDelivery) {
  Decision d;
  d.conditions = {Pass(), Failed()};
  auto j = ToJson(d);
  EXPECT_EQ(j["closeness"], "near");
  d.eligible = true;
  d.conditions = {Pass()};
  EXPECT_EQ(ToJson(d)["closeness"], "eligible");
  EXPECT_EQ(ToJson(d)["delivery"], "免申即享");
  d.loan = true;
  EXPECT_EQ(ToJson(d)["delivery"], "向经办银行申请");
}

}  // namespace
}  // namespace qjy::policy
