#include "network/station_work_store.h"

#include <gtest/gtest.h>

#include "network/network_test_support.h"
#include "store/registry_schema.h"
#include "store/store_test_support.h"

namespace qjy::network {
namespace {

using testing::CountRows;
using testing::D;
using testing::Regions;

class StationWorkStoreTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    ASSERT_TRUE(store::ApplyMigrations(*db_, store::RegistryMigrations()));
    work_ = std::make_unique<StationWorkStore>(*db_, Regions());
    auto m = work_->Migrate();
    ASSERT_TRUE(m) << m.error().message;
    stations_ = testing::AddStations(*db_, today_, "2023-02-15");
    office_ = testing::AddSite(*db_, testing::Agency("520102", "某人力资源服务有限公司", "2022-05-01"), today_);
  }

  StationWorkInput Month(int64_t site, const char* month, int64_t jobs, int64_t placed) const {
    return {site, month, jobs, placed, placed / 2, 1, ""};
  }

  std::unique_ptr<StationWorkStore> work_;
  testing::StationIds stations_;
  int64_t office_ = 0;
  const Date today_ = D("2025-06-30");
};

TEST_P(StationWorkStoreTest, MonthsAreKeptPerStationAndScopedToTheRegionThatSetItUp) {
  const int64_t changes = CountRows(*db_, "changes");
  ASSERT_TRUE(work_->Add(Month(stations_.county, "2025-05", 120, 30), today_, "county"));
  ASSERT_TRUE(work_->Add(Month(stations_.county, "2025-04", 80, 20), today_, "county"));
  ASSERT_TRUE(work_->Add(Month(stations_.county, "2025-06", 0, 0), today_, "county"));  // the current month
  ASSERT_TRUE(work_->Add(Month(stations_.branch, "2025-05", 300, 90), today_, "city"));
  ASSERT_TRUE(work_->Add(Month(stations_.total, "2023-02", 10, 0), today_, "province"));  // the month it opened
  EXPECT_EQ(CountRows(*db_, "changes"), changes + 5);

  auto months = work_->ForStation(stations_.county);
  ASSERT_TRUE(months) << months.error().message;
  ASSERT_EQ(months->size(), 3u);
  EXPECT_EQ(months->at(0).in.month, "2025-04");  // by month
  EXPECT_EQ(months->at(1).in.jobs_collected, 120);
  EXPECT_EQ(months->at(1).in.retained, 15);
  EXPECT_EQ(months->at(1).county_code, "520102");

  // The county reads its own station; the prefecture its own and its
  // counties'; the province all.
  auto county = work_->List("520102");
  ASSERT_TRUE(county);
  EXPECT_EQ(county->size(), 3u);
  auto city = work_->List("5201");
  ASSERT_TRUE(city);
  EXPECT_EQ(city->size(), 4u);
  auto province = work_->List("52");
  ASSERT_TRUE(province);
  EXPECT_EQ(province->size(), 5u);
  auto other = work_->List("5203");
  ASSERT_TRUE(other);
  EXPECT_TRUE(other->empty());

  // A correction replaces the month; the history keeps the old values.
  StationWorkInput fix = Month(stations_.county, "2025-05", 125, 30);
  ASSERT_TRUE(work_->Replace(fix, today_, "county"));
  ASSERT_TRUE(work_->Replace(fix, today_, "county"));  // unchanged: no write
  EXPECT_EQ(CountRows(*db_, "changes"), changes + 6);
  months = work_->ForStation(stations_.county);
  ASSERT_TRUE(months);
  EXPECT_EQ(months->at(1).in.jobs_collected, 125);
  auto missing = work_->Replace(Month(stations_.county, "2025-01", 1, 1), today_, "county");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_P(StationWorkStoreTest, BadInputNamesTheFieldAndStoresNothing) {
  ASSERT_TRUE(work_->Add(Month(stations_.county, "2025-05", 120, 30), today_, "county"));
  const int64_t changes = CountRows(*db_, "changes");
  struct Case {
    StationWorkInput in;
    const char* message;
  };
  StationWorkInput negative_jobs = Month(stations_.county, "2025-03", -1, 3);
  StationWorkInput negative_placed = Month(stations_.county, "2025-03", 1, 3);
  negative_placed.placed = -3;
  StationWorkInput negative_retained = Month(stations_.county, "2025-03", 1, 3);
  negative_retained.retained = -2;
  StationWorkInput negative_cases = Month(stations_.county, "2025-03", 1, 3);
  negative_cases.rights_cases = -1;
  const Case cases[] = {
      {negative_jobs, "岗位信息收集数：-1 不能为负数"},
      {negative_placed, "输出就业人数：-3 不能为负数"},
      {negative_retained, "稳岗人数：-2 不能为负数"},
      {negative_cases, "维权案件数：-1 不能为负数"},
      {Month(stations_.county, "2025-07", 1, 1), "月份：2025-07 是将来的月份"},
      {Month(stations_.county, "2025-13", 1, 1), "月份：「2025-13」须为 年-月"},
      {Month(stations_.county, "2025/03", 1, 1), "月份：「2025/03」须为 年-月"},
      {Month(stations_.county, "2023-01", 1, 1), "月份：2023-01 早于该站设立日期 2023-02-15"},
      {Month(999999, "2025-03", 1, 1), "劳务协作站：编号 999999 的服务网点不存在"},
      {Month(office_, "2025-03", 1, 1), "劳务协作站：「某人力资源服务有限公司」不是劳务协作站"},
      {Month(stations_.county, "2025-05", 1, 1), "月份：该站 2025-05 已有工作记录"},
  };
  for (const auto& c : cases) {
    auto r = work_->Add(c.in, today_, "county");
    ASSERT_FALSE(r) << c.message;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(r.error().message.find(c.message), std::string::npos) << r.error().message;
  }
  StationWorkInput bad_fix = Month(stations_.county, "2025-05", 1, 1);
  bad_fix.rights_cases = -5;
  ASSERT_FALSE(work_->Replace(bad_fix, today_, "county"));
  EXPECT_EQ(CountRows(*db_, "network_station_work"), 1);
  EXPECT_EQ(CountRows(*db_, "changes"), changes);
  auto months = work_->ForStation(stations_.county);
  ASSERT_TRUE(months);
  EXPECT_EQ(months->at(0).in.jobs_collected, 120);
}

QJY_INSTANTIATE_STORE_TEST(StationWorkStoreTest);

}  // namespace
}  // namespace qjy::network
