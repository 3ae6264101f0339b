#include "services/monitoring.h"

#include <gtest/gtest.h>

#include "core/refdata.h"
#include "services/services_store.h"
#include "store/store_test_support.h"
#include "core/date_test_support.h"

namespace qjy::services {
namespace {

using ::qjy::test_support::D;

class MonitoringRulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cal = WorkCalendar::Load(RefdataDir());
    ASSERT_TRUE(cal);
    for (int y = 2023; y <= 2026; ++y) {
      if (!cal->Covers(y)) GTEST_SKIP() << "holiday calendar lacks " << y;
    }
    calendar_ = std::make_unique<WorkCalendar>(std::move(*cal));
    index_ = std::make_unique<WorkdayIndex>(*WorkdayIndex::Build(*calendar_));
    auto p = ServiceParams::LoadDefault();
    ASSERT_TRUE(p) << p.error().message;
    params_ = std::make_unique<ServiceParams>(*p);
  }
  static WelfarePostHolder Holder() {
    WelfarePostHolder h;
    h.holder_id = 5;
    h.person_id = 50;
    h.region_code = "520102003";
    h.officer = "a";
    h.started_on = D("2023-06-01");
    return h;
  }
  // Monthly incomes from 2024-01, fen; 2024 line: 7500 yuan a year = 625 yuan a month.
  static std::vector<MonthlyIncome> Months(std::vector<int64_t> fen, const char* first = "2024-01-01") {
    std::vector<MonthlyIncome> out;
    Date m = D(first);
    for (int64_t f : fen) {
      out.push_back({5, m, f});
      m = m.AddMonths(1);
    }
    return out;
  }
  std::unique_ptr<WorkCalendar> calendar_;
  std::unique_ptr<WorkdayIndex> index_;
  std::unique_ptr<ServiceParams> params_;
};

TEST_F(MonitoringRulesTest, ParamsAreDated) {
  EXPECT_EQ(params_->MonitoringLineFen("520102003", D("2023-12-31")), 700000);
  EXPECT_EQ(params_->MonitoringLineFen("520102003", D("2024-01-01")), 750000);
  EXPECT_FALSE(params_->MonitoringLineFen("440305", D("2024-01-01")).has_value());
  // Retirement: a man born 1964-06-15 reaches 60 on 2024-06-15; one born
  // 1965-05-10 is delayed 2 months (born in the second 4-month block).
  EXPECT_EQ(params_->RetirementDate(registry::Sex::kMale, D("1964-06-15"), D("2024-06-01")), D("2024-06-15"));
  EXPECT_EQ(params_->RetirementDate(registry::Sex::kMale, D("1965-05-10"), D("2025-05-01")), D("2025-07-10"));
  EXPECT_EQ(params_->RetirementDate(registry::Sex::kMale, D("1965-01-10"), D("2025-01-01")), D("2025-02-10"));
  EXPECT_EQ(params_->RetirementDate(registry::Sex::kFemale, D("1969-12-31"), D("2024-12-01")), D("2024-12-31"));
}

TEST_F(MonitoringRulesTest, SixConsecutiveMonthsAboveTheLine) {
  const int64_t above = 62600, at = 62500;
  // Six months above, Jan-Jun 2024: task from 2024-07-01, due 10 working days after 30 Jun.
  auto t = WelfareExitTask(Holder(), Months({above, above, above, above, above, above}), *params_,
                           *index_, D("2024-07-01"));
  ASSERT_TRUE(t);
  ASSERT_TRUE(t->has_value());
  EXPECT_EQ((*t)->start, D("2024-07-01"));
  EXPECT_EQ((*t)->deadline, D("2024-07-12"));
  EXPECT_EQ((*t)->clause, "A2(十七)");
  // Not before the sixth month is over.
  auto early = WelfareExitTask(Holder(), Months({above, above, above, above, above, above}), *params_,
                               *index_, D("2024-06-30"));
  ASSERT_TRUE(early);
  EXPECT_FALSE(early->has_value());
  // Exactly at the line is not "超出": the run breaks.
  auto equal = WelfareExitTask(Holder(), Months({above, above, at, above, above, above, above}),
                               *params_, *index_, D("2024-08-01"));
  ASSERT_TRUE(equal);
  EXPECT_FALSE(equal->has_value());
  // A missing month breaks the run.
  auto gap = Months({above, above, above, above, above, above});
  gap.erase(gap.begin() + 3);
  auto g = WelfareExitTask(Holder(), gap, *params_, *index_, D("2024-09-01"));
  ASSERT_TRUE(g);
  EXPECT_FALSE(g->has_value());
  // The run may straddle the change of line: Oct-Dec 2023 at 600 yuan is above 7000/12.
  auto straddle = WelfareExitTask(Holder(), Months({60000, 60000, 60000, above, above, above}, "2023-10-01"),
                                  *params_, *index_, D("2024-04-01"));
  ASSERT_TRUE(straddle);
  EXPECT_TRUE(straddle->has_value());
  // Full-time holders and holders who have left are out of scope.
  WelfarePostHolder left = Holder();
  left.left_on = D("2024-07-05");
  auto done = WelfareExitTask(left, Months({above, above, above, above, above, above}), *params_,
                              *index_, D("2024-07-08"));
  ASSERT_TRUE(done);
  EXPECT_FALSE(done->has_value());
  WelfarePostHolder full = Holder();
  full.part_time = false;
  EXPECT_FALSE(WelfareExitTask(full, Months({above, above, above, above, above, above}), *params_,
                               *index_, D("2024-07-08"))->has_value());
}

TEST_F(MonitoringRulesTest, MonthlyLedgerUpdateDueOnLastWorkingDay) {
  MonitoringLedger l{3, "520102", "520102003", "a", D("2024-08-15")};
  // September 2024 ends on a Monday (working day); October's last working
  // day is Thursday 31 Oct; August ends on Saturday -> Friday 30 Aug.
  auto t = LedgerUpdateTasks(l, {{3, D("2024-09-01"), D("2024-09-20"), "a"}}, *calendar_, *index_,
                             D("2024-10-08"));
  ASSERT_TRUE(t);
  ASSERT_EQ(t->size(), 2u);
  EXPECT_EQ((*t)[0].deadline, D("2024-08-30"));
  EXPECT_EQ((*t)[0].bucket, Bucket::kOverdue);
  EXPECT_EQ((*t)[1].deadline, D("2024-10-31"));
  EXPECT_EQ((*t)[1].bucket, Bucket::kLater);
}

using store::Dialect;
class MonitoringStoreTest : public store::testing::StoreTest {};

TEST_P(MonitoringStoreTest, RoundTripAndQueue) {
  ServicesStore s(*db_);
  ASSERT_TRUE(s.Migrate());
  MonitoringStore m(*db_);
  WelfarePostHolder h;
  h.county_code = "520102";
  h.person_id = 77;
  h.region_code = "520102003";
  h.officer = "a";
  h.started_on = D("2023-12-01");
  ASSERT_TRUE(m.AddHolder(h));
  Date month = D("2024-01-01");
  for (int i = 0; i < 6; ++i, month = month.AddMonths(1)) {
    ASSERT_TRUE(m.PutIncome({h.holder_id, month, 50000}, "520102"));
    ASSERT_TRUE(m.PutIncome({h.holder_id, month, 70000}, "520102"));  // corrected report replaces
  }
  MonitoringLedger l{0, "520102", "520102003", "a", D("2024-06-03")};
  ASSERT_TRUE(m.AddLedger(l));
  ASSERT_TRUE(m.RecordLedgerUpdate({l.ledger_id, D("2024-06-01"), D("2024-06-28"), "a"}));
  EXPECT_FALSE(m.RecordLedgerUpdate({999, D("2024-06-01"), D("2024-06-28"), "a"}));

  auto cal = WorkCalendar::Load(RefdataDir());
  ASSERT_TRUE(cal);
  auto idx = WorkdayIndex::Build(*cal);
  ASSERT_TRUE(idx);
  auto params = ServiceParams::LoadDefault();
  ASSERT_TRUE(params);
  auto q = MonitoringQueue(m, *params, *cal, *idx, "520102", D("2024-07-10"), "");
  ASSERT_TRUE(q) << q.error().message;
  ASSERT_EQ(q->size(), 2u);  // exit task (due 12 Jul: soon) + July ledger update
  EXPECT_EQ((*q)[0].source, TaskSource::kWelfarePostExit);
  EXPECT_EQ((*q)[0].bucket, Bucket::kDueSoon);
  EXPECT_EQ((*q)[1].source, TaskSource::kLedgerUpdate);
  ASSERT_TRUE(m.SetHolderLeft(h.holder_id, D("2024-07-09")));
  auto after = MonitoringQueue(m, *params, *cal, *idx, "520102", D("2024-07-10"), "");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->size(), 1u);
}

QJY_INSTANTIATE_STORE_TEST(MonitoringStoreTest);

}  // namespace
}  // namespace qjy::services
