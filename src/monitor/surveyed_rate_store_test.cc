// SurveyedRateStore contract, run against SQLite and PostgreSQL.
#include "monitor/surveyed_rate_store.h"

#include <gtest/gtest.h>

#include "monitor/monthly_sources.h"
#include "store/store_test_support.h"

namespace qjy::monitor {
namespace {

using store::Dialect;
using store::testing::StoreTest;

class SurveyedRateStoreTest : public StoreTest {};

SurveyedRate Rate(const char* region, int y, int m, int64_t bp, const char* at) {
  SurveyedRate r;
  r.region_code = region;
  r.year = y;
  r.month = m;
  r.rate_bp = bp;
  r.source = "国家统计局贵州调查总队";
  r.entered_by = "prov";
  r.entered_at = at;
  return r;
}

TEST_P(SurveyedRateStoreTest, CorrectionsAreNewRowsAndTheLatestIsInForce) {
  SurveyedRateStore s(*db_);
  ASSERT_TRUE(s.Migrate());
  ASSERT_TRUE(s.Migrate());  // idempotent
  SurveyedRate a = Rate("52", 2025, 6, 540, "2025-07-15T02:00:00Z");
  ASSERT_TRUE(s.Add(a));
  SurveyedRate b = Rate("52", 2025, 6, 530, "2025-07-20T02:00:00Z");
  b.note = "更正：调查总队修订";
  ASSERT_TRUE(s.Add(b));
  SurveyedRate c = Rate("5203", 2025, 6, 610, "2025-07-15T03:00:00Z");
  ASSERT_TRUE(s.Add(c));
  EXPECT_GT(b.entry_id, a.entry_id);
  auto rows = s.OfRegion("52");
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->size(), 2u);  // both kept
  EXPECT_EQ((*rows)[0].rate_bp, 540);
  EXPECT_EQ((*rows)[1].note, "更正：调查总队修订");
  EXPECT_EQ((*rows)[1].Month(), "2025-06");
  auto latest = LatestPerMonth(*rows);
  ASSERT_EQ(latest.size(), 1u);
  EXPECT_EQ(latest.at(MonthKey(2025, 6)).rate_bp, 530);
  EXPECT_EQ(s.OfRegion("5203")->size(), 1u);

  for (SurveyedRate bad : {Rate("520102", 2025, 6, 500, "x"), Rate("53", 2025, 6, 500, "x"),
                           Rate("52", 2025, 13, 500, "x"), Rate("52", 2025, 6, 10001, "x"),
                           Rate("52", 2025, 6, -1, "x")}) {
    auto r = s.Add(bad);
    ASSERT_FALSE(r) << bad.region_code << " " << bad.rate_bp;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  }
  SurveyedRate nosource = Rate("52", 2025, 7, 500, "x");
  nosource.source.clear();
  EXPECT_FALSE(s.Add(nosource));
  EXPECT_EQ(s.OfRegion("52")->size(), 2u);
}

QJY_INSTANTIATE_STORE_TEST(SurveyedRateStoreTest);

}  // namespace
}  // namespace qjy::monitor
