#include "services/employment_events.h"

#include <gtest/gtest.h>

#include "registry/contribution.h"
#include "core/date_test_support.h"

namespace qjy::services {
namespace {

using registry::EventKind;
using registry::MonthIndex;
using registry::SeparationReason;

using ::qjy::test_support::D;

registry::Contract C(int64_t person, const char* county, const char* employer, const char* start,
                     std::optional<const char*> end = std::nullopt) {
  registry::Contract c;
  c.person_id = person;
  c.county_code = county;
  c.employer_credit_code = employer;
  c.start_on = D(start);
  if (end) c.end_on = D(*end);
  return c;
}

TEST(EmploymentEventsTest, HiresRecordedAndDerivedSeparations) {
  const registry::Contract contracts[] = {
      C(1, "520102", "A", "2024-01-15", "2024-03-31"),  // ran out, nothing recorded: 终止 (derived)
      C(2, "520102", "A", "2024-01-20", "2025-01-19"),  // laid off in March (recorded)
      C(3, "520103", "B", "2024-02-01"),                // open-ended, still employed
      C(4, "520103", "B", "2024-07-01"),                // after as_of: no hire yet
      C(5, "520103", "B", "2024-01-01", "2024-06-30"),  // ends on as_of: not yet a separation
  };
  registry::Separation laid_off;
  laid_off.county_code = "520102";
  laid_off.person_id = 2;
  laid_off.employer_credit_code = "A";
  laid_off.separated_on = D("2024-03-10");
  laid_off.reason = SeparationReason::kLayoff;
  auto events = DeriveEvents(contracts, std::span(&laid_off, 1), D("2024-06-30"));
  ASSERT_EQ(events.size(), 6u);  // 4 hires, 2 separations
  int hires = 0;
  for (const auto& e : events) hires += e.kind == EventKind::kHire;
  EXPECT_EQ(hires, 4);
  const auto& sep1 = *std::find_if(events.begin(), events.end(),
                                   [](auto& e) { return e.kind == EventKind::kSeparation && e.person_id == 1; });
  EXPECT_EQ(sep1.on, D("2024-03-31"));
  EXPECT_EQ(sep1.reason, SeparationReason::kExpired);
  EXPECT_TRUE(sep1.derived);
  const auto& sep2 = *std::find_if(events.begin(), events.end(),
                                   [](auto& e) { return e.kind == EventKind::kSeparation && e.person_id == 2; });
  EXPECT_EQ(sep2.reason, SeparationReason::kLayoff);
  EXPECT_FALSE(sep2.derived);
  EXPECT_TRUE(std::is_sorted(events.begin(), events.end(), [](auto& a, auto& b) { return a.on < b.on; }));

  auto flows = CountFlows(events, MonthIndex(2024, 1), MonthIndex(2024, 12));
  // 520102: Jan 2 hires; Mar 2 separations (终止 1, 裁员 1). 520103: Jan 1 hire, Feb 1 hire.
  ASSERT_EQ(flows.size(), 4u);
  EXPECT_EQ(flows[0].county_code, "520102");
  EXPECT_EQ(flows[0].month, MonthIndex(2024, 1));
  EXPECT_EQ(flows[0].hires, 2);
  EXPECT_EQ(flows[1].month, MonthIndex(2024, 3));
  EXPECT_EQ(flows[1].separations, 2);
  EXPECT_EQ(flows[1].by_reason[2], 1);  // 终止
  EXPECT_EQ(flows[1].by_reason[3], 1);  // 裁员
  EXPECT_EQ(flows[2].county_code, "520103");
  EXPECT_EQ(flows[2].hires, 1);
  // Region and period filters.
  EXPECT_EQ(CountFlows(events, MonthIndex(2024, 1), MonthIndex(2024, 12), "520103").size(), 2u);
  EXPECT_EQ(CountFlows(events, MonthIndex(2024, 2), MonthIndex(2024, 2)).size(), 1u);
}

TEST(EmploymentEventsTest, ReasonsParseFromCodesAndChineseText) {
  EXPECT_EQ(registry::ParseSeparationReason("协商解除"), SeparationReason::kDismissed);
  EXPECT_EQ(registry::ParseSeparationReason("经济性裁员"), SeparationReason::kLayoff);
  EXPECT_EQ(registry::ParseSeparationReason("合同到期"), SeparationReason::kExpired);
  EXPECT_EQ(registry::ParseSeparationReason("retired"), SeparationReason::kRetired);
  EXPECT_FALSE(registry::ParseSeparationReason("调岗"));
  EXPECT_FALSE(registry::ParseSeparationReason("辞职;裁员"));  // two reasons: ambiguous
}

}  // namespace
}  // namespace qjy::services
