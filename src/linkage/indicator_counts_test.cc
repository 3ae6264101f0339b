// The comparison's counts for the monitoring indicators on SQLite and
// PostgreSQL: linkage results planted in two counties of 贵阳市 (and one
// of 六盘水市, outside the caller's region), counted by hand below.
#include "linkage/indicator_counts.h"

#include <gtest/gtest.h>

#include "core/calendar.h"
#include "core/refdata.h"
#include "linkage/link_store.h"
#include "store/store_test_support.h"
#include "core/date_test_support.h"

namespace qjy::linkage {
namespace {

const Vault& CountsVault() {
  static const Vault v = Vault::FromKey(std::array<uint8_t, 32>{7, 1, 8});
  return v;
}

using ::qjy::test_support::D;

class IndicatorCountsTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    LinkStore links(*db_, CountsVault());
    ASSERT_TRUE(links.Migrate());
    auto policy = LoadFollowupPolicy(DefaultFollowupPolicyFile());
    ASSERT_TRUE(policy) << policy.error().message;
    policy_ = *policy;
    auto cal = WorkCalendar::Load(RefdataDir());
    ASSERT_TRUE(cal);
    auto idx = services::WorkdayIndex::Build(*cal);
    ASSERT_TRUE(idx);
    workdays_.emplace(std::move(*idx));
  }
  void Record(const char* county, int64_t cluster, const char* status, int64_t insured, const char* created) {
    const std::vector<store::Value> p = {std::string(county), int64_t{1}, std::string("广东省人社厅"), int64_t{1},
                                         std::string("某"), std::string("1990-01-01"), std::string("男"),
                                         std::string(county), std::string(""), insured, std::string(status),
                                         cluster, std::string(created)};
    ASSERT_TRUE(db_->Exec("INSERT INTO linkage_records (county_code, batch_id, source, row_no, name, birth_date, sex,"
                          " division_code, employer, insured_months, status, cluster_id, created_at)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          p));
  }
  void Followup(const char* county, int64_t person, const char* start, const char* closed_on) {
    const std::vector<store::Value> p = {std::string(county), person, person, int64_t{1}, std::string("浙江省人社厅"),
                                         std::string("已返乡未就业"), std::string(""), std::string(start),
                                         std::string(start), std::string(*closed_on ? "declined" : ""),
                                         std::string(closed_on)};
    ASSERT_TRUE(db_->Exec("INSERT INTO linkage_followups (county_code, person_id, cluster_id, record_id, partner,"
                          " status, employer, start_on, created_at, outcome, closed_on)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          p));
  }
  void Flag(const char* county, const char* kind, int64_t person, const char* month, bool closed) {
    const std::vector<store::Value> p = {std::string(county), std::string(kind), person, person, int64_t{1},
                                         std::string("全国防止返贫监测系统"), std::string("未就业"), std::string(month),
                                         std::string(month) + "-10T00:00:00Z", std::string(closed ? "已核实" : "")};
    ASSERT_TRUE(db_->Exec("INSERT INTO linkage_flags (county_code, kind, person_id, cluster_id, record_id, partner,"
                          " status, month, created_at, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          p));
  }
  void Plant() {
    // 520102, November: cluster 1 employed then returned unemployed (the
    // latest counts), cluster 3 employed without insured months, cluster 4
    // employed and insured; an unlinked record (cluster 0) is not counted.
    Record("520102", 1, "在岗", 24, "2026-11-05T02:00:00Z");
    Record("520102", 3, "在岗", -1, "2026-11-06T02:00:00Z");
    Record("520102", 4, "在职", 6, "2026-11-07T02:00:00Z");
    Record("520102", 1, "已返乡未就业", 0, "2026-11-20T02:00:00Z");
    Record("520102", 0, "失业", 0, "2026-11-21T02:00:00Z");
    // 520102, December: cluster 1 again, returned, nothing on insurance.
    Record("520102", 1, "返乡", -1, "2026-12-01T02:00:00Z");
    // 520103, November: a record without a status or insured months.
    Record("520103", 7, "", -1, "2026-11-08T02:00:00Z");
    // 520203 (六盘水市): outside 贵阳市.
    Record("520203", 8, "在岗", 10, "2026-11-09T02:00:00Z");
    // Outside the range.
    Record("520102", 9, "在岗", 10, "2026-10-31T23:00:00Z");

    // Follow-ups: 5 working days; 2026-11-02 (Monday) is due 2026-11-09.
    Followup("520102", 101, "2026-11-02", "2026-11-06");  // in time
    Followup("520102", 102, "2026-11-02", "2026-11-12");  // late
    Followup("520102", 103, "2026-11-02", "");            // overdue on 2026-12-03
    Followup("520102", 104, "2026-12-01", "");            // due 2026-12-08: pending
    Followup("520102", 105, "2026-12-05", "");            // after as_of: not yet
    Followup("520102", 106, "2026-11-03", "2026-12-20");  // closed after as_of: overdue on as_of
    Followup("520103", 107, "2026-11-03", "2026-11-04");  // in time
    Followup("520203", 108, "2026-11-02", "");            // outside 贵阳市

    Flag("520102", "poverty_unemployed", 201, "2026-11", true);
    Flag("520102", "poverty_unemployed", 202, "2026-11", false);
    Flag("520102", "benefit_employed", 203, "2026-11", true);
    Flag("520103", "benefit_employed", 204, "2026-12", false);
    Flag("520203", "poverty_unemployed", 205, "2026-11", false);
  }
  Result<std::vector<LinkageMonthCounts>> Counts(const std::string& scope, const char* from = "2026-11",
                                                 const char* to = "2026-12") {
    return LinkageIndicatorCounts(*db_, scope, from, to, policy_, *workdays_, D("2026-12-03"));
  }
  FollowupPolicy policy_;
  std::optional<services::WorkdayIndex> workdays_;
};

TEST_P(IndicatorCountsTest, CountsPerCountyAndMonthInsideTheRegion) {
  Plant();
  auto got = Counts("5201");
  ASSERT_TRUE(got) << got.error().message;
  ASSERT_EQ(got->size(), 4u);

  const LinkageMonthCounts& a = (*got)[0];
  EXPECT_EQ(a.county_code, "520102");
  EXPECT_EQ(a.month, "2026-11");
  EXPECT_EQ(a.workers, 3);
  EXPECT_EQ(a.employed, 2);
  EXPECT_EQ(a.unemployed, 1);
  EXPECT_EQ(a.returned, 1);
  EXPECT_EQ(a.insured, 1);  // cluster 4; cluster 1's latest says 0 months, cluster 3 gives none
  EXPECT_EQ(a.followups, 4);
  EXPECT_EQ(a.done_in_time, 1);
  EXPECT_EQ(a.done_late, 1);
  EXPECT_EQ(a.open_overdue, 2);
  EXPECT_EQ(a.open_pending, 0);
  EXPECT_EQ(a.poverty_flags, 2);
  EXPECT_EQ(a.poverty_closed, 1);
  EXPECT_EQ(a.benefit_flags, 1);
  EXPECT_EQ(a.benefit_closed, 1);

  const LinkageMonthCounts& b = (*got)[1];
  EXPECT_EQ(b.county_code, "520102");
  EXPECT_EQ(b.month, "2026-12");
  EXPECT_EQ(b.workers, 1);
  EXPECT_EQ(b.returned, 1);
  EXPECT_EQ(b.employed, 0);
  EXPECT_EQ(b.unemployed, 0);
  EXPECT_FALSE(b.insured.has_value());  // not held: unknown, not 0
  EXPECT_EQ(b.followups, 1);
  EXPECT_EQ(b.open_pending, 1);

  const LinkageMonthCounts& c = (*got)[2];
  EXPECT_EQ(c.county_code, "520103");
  EXPECT_EQ(c.month, "2026-11");
  EXPECT_EQ(c.workers, 1);
  EXPECT_FALSE(c.employed.has_value());
  EXPECT_FALSE(c.unemployed.has_value());
  EXPECT_FALSE(c.returned.has_value());
  EXPECT_FALSE(c.insured.has_value());
  EXPECT_EQ(c.followups, 1);
  EXPECT_EQ(c.done_in_time, 1);

  const LinkageMonthCounts& d = (*got)[3];
  EXPECT_EQ(d.county_code, "520103");
  EXPECT_EQ(d.month, "2026-12");
  EXPECT_EQ(d.workers, 0);
  EXPECT_FALSE(d.employed.has_value());
  EXPECT_EQ(d.benefit_flags, 1);
  EXPECT_EQ(d.benefit_closed, 0);

  for (const auto& x : *got) EXPECT_TRUE(x.county_code.starts_with("5201")) << x.county_code;
}

TEST_P(IndicatorCountsTest, ScopesRangesAndBadMonths) {
  Plant();
  auto other = Counts("5202");
  ASSERT_TRUE(other);
  ASSERT_EQ(other->size(), 1u);
  EXPECT_EQ((*other)[0].county_code, "520203");
  EXPECT_EQ((*other)[0].workers, 1);
  EXPECT_EQ((*other)[0].insured, 1);
  EXPECT_EQ((*other)[0].open_overdue, 1);
  EXPECT_EQ((*other)[0].poverty_flags, 1);

  auto province = Counts("52");
  ASSERT_TRUE(province);
  EXPECT_EQ(province->size(), 5u);

  auto township = Counts("520102001");  // a township reads its county's tasks
  ASSERT_TRUE(township);
  ASSERT_EQ(township->size(), 2u);
  EXPECT_EQ((*township)[0].county_code, "520102");

  auto december = Counts("5201", "2026-12", "2026-12");
  ASSERT_TRUE(december);
  ASSERT_EQ(december->size(), 2u);
  EXPECT_EQ((*december)[0].month, "2026-12");
  EXPECT_EQ((*december)[1].month, "2026-12");

  auto october = Counts("520102", "2026-10", "2026-10");
  ASSERT_TRUE(october);
  ASSERT_EQ(october->size(), 1u);
  EXPECT_EQ((*october)[0].workers, 1);

  EXPECT_TRUE(Counts("5201", "2026-13", "2026-12").error().code == ErrorCode::kInvalidArgument);
  EXPECT_TRUE(Counts("5201", "2026-12", "2026-11").error().code == ErrorCode::kInvalidArgument);
  EXPECT_TRUE(Counts("5203")->empty());
}

QJY_INSTANTIATE_STORE_TEST(IndicatorCountsTest);

}  // namespace
}  // namespace qjy::linkage
