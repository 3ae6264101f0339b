#include "policy/param_changes.h"

#include <gtest/gtest.h>

#include "policy/policy_dir.h"
#include "core/date_test_support.h"

namespace qjy::policy {
namespace {

using ::qjy::test_support::D;

ParameterSet Shipped() {
  auto set = ParameterSet::LoadDir(DefaultParamsDir());
  EXPECT_TRUE(set) << set.error().message;
  return set ? std::move(*set) : ParameterSet{};
}

// A new value from its date on; the day before reads the shipped value, and
// every other field (clause, ceiling, overrides) survives the round trip.
TEST(ParamChangesTest, NewValueFromItsDateOnEarlierDatesUnchanged) {
  const ParameterSet base = Shipped();
  const ParamValueChange c{1, "r7.amount", D("2026-01-01"), 20000};
  auto layered = WithChanges(base, std::span(&c, 1));
  ASSERT_TRUE(layered) << layered.error().message;
  EXPECT_EQ(layered->ValueAt("r7.amount", D("2025-12-31")), 10000);
  EXPECT_EQ(layered->ValueAt("r7.amount", D("2026-01-01")), 20000);
  EXPECT_EQ(layered->ValueAt("r7.amount", D("2030-06-30")), 20000);
  const Parameter* p = layered->Find("r7.amount");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->reference, base.Find("r7.amount")->reference);
  EXPECT_EQ(p->interpretation, base.Find("r7.amount")->interpretation);
  EXPECT_EQ(p->values.size(), 2u);
  // r6.amount keeps its ceiling and its overridable flag through the round trip.
  const ParamValueChange low{2, "r6.amount", D("2026-01-01"), 40000};
  auto r6 = WithChanges(base, std::span(&low, 1));
  ASSERT_TRUE(r6) << r6.error().message;
  EXPECT_EQ(r6->Find("r6.amount")->ceiling, base.Find("r6.amount")->ceiling);
  EXPECT_TRUE(r6->Find("r6.amount")->overridable);
  // The base is untouched.
  EXPECT_EQ(base.ValueAt("r7.amount", D("2030-06-30")), 10000);
}

TEST(ParamChangesTest, LaterChangeOfTheSameDateWinsAndOrderIsKept) {
  const ParameterSet base = Shipped();
  const ParamValueChange cs[] = {{1, "r7.amount", D("2026-01-01"), 20000},
                                 {2, "r7.amount", D("2027-01-01"), 30000},
                                 {3, "r7.amount", D("2026-01-01"), 25000}};
  auto layered = WithChanges(base, cs);
  ASSERT_TRUE(layered) << layered.error().message;
  EXPECT_EQ(layered->ValueAt("r7.amount", D("2026-06-01")), 25000);
  EXPECT_EQ(layered->ValueAt("r7.amount", D("2027-06-01")), 30000);
  // Null ends the scheme from that date.
  const ParamValueChange end{4, "r7.amount", D("2028-01-01"), std::nullopt};
  auto ended = WithChanges(*layered, std::span(&end, 1));
  ASSERT_TRUE(ended);
  EXPECT_FALSE(ended->ValueAt("r7.amount", D("2028-01-02")).has_value());
}

TEST(ParamChangesTest, RefusesWhatTheFilesCouldNotHold) {
  const ParameterSet base = Shipped();
  struct Case {
    ParamValueChange change;
    const char* says;
  } cases[] = {
      {{1, "r6.amount", D("2026-01-01"), 60000}, "上限"},  // “不超过500元/人”
      {{2, "no.such", D("2026-01-01"), 1}, "没有该政策参数"},
      {{3, "r7.amount", D("2026-01-01"), -1}, "负数"},
  };
  for (const auto& c : cases) {
    auto r = CheckChange(base, c.change);
    ASSERT_FALSE(r) << c.change.name;
    EXPECT_NE(r.error().message.find(c.says), std::string::npos) << r.error().message;
    EXPECT_FALSE(WithChanges(base, std::span(&c.change, 1)));
  }
}

}  // namespace
}  // namespace qjy::policy
