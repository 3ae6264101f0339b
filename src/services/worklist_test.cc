#include "services/worklist.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/refdata.h"
#include "importer/xlsx_reader.h"
#include "services/ledger.h"
#include "core/date_test_support.h"

namespace qjy::services {
namespace {

using ::qjy::test_support::D;

class WorklistTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cal = WorkCalendar::Load(RefdataDir());
    ASSERT_TRUE(cal);
    for (int y = 2023; y <= 2026; ++y) {
      if (!cal->Covers(y)) GTEST_SKIP() << "holiday calendar lacks " << y;
    }
    index_ = std::make_unique<WorkdayIndex>(*WorkdayIndex::Build(*cal));
    catalog_ = std::make_unique<PackageCatalog>(*PackageCatalog::LoadDefault());
    engine_ = std::make_unique<ObligationEngine>(*catalog_, *index_);
  }

  static Registration Reg(int64_t id, const char* on, const char* region, const char* officer) {
    Registration r;
    r.registration_id = id;
    r.person_id = id * 10;
    r.registered_on = D(on);
    r.found_on = D(on);
    r.region_code = region;
    r.county_code = std::string(region).substr(0, 6);
    r.officer = officer;
    return r;
  }
  static ServiceRecord Rec(int64_t reg, ServiceKind k, const char* on, int64_t job = 0) {
    ServiceRecord s;
    s.record_id = reg * 100 + job + static_cast<int64_t>(k);
    s.registration_id = reg;
    s.person_id = reg * 10;
    s.kind = k;
    s.delivered_on = D(on);
    s.officer = "x";
    s.job_id = job;
    return s;
  }

  std::unique_ptr<WorkdayIndex> index_;
  std::unique_ptr<PackageCatalog> catalog_;
  std::unique_ptr<ObligationEngine> engine_;
};

TEST_F(WorklistTest, BucketsAroundTheDeadline) {
  // Deadline Wednesday 2024-02-21; as of Sunday 2024-02-18 (make-up working
  // day) two working days on is 2024-02-20: not yet "soon".
  EXPECT_EQ(*BucketOf(D("2024-02-21"), D("2024-02-18"), *index_), Bucket::kLater);
  EXPECT_EQ(*BucketOf(D("2024-02-21"), D("2024-02-19"), *index_), Bucket::kDueSoon);
  EXPECT_EQ(*BucketOf(D("2024-02-21"), D("2024-02-21"), *index_), Bucket::kDueToday);
  EXPECT_EQ(*BucketOf(D("2024-02-21"), D("2024-02-22"), *index_), Bucket::kOverdue);
  // Friday before National Day 2024: the next two working days are 8 and 9 Oct.
  EXPECT_EQ(*BucketOf(D("2024-10-09"), D("2024-09-30"), *index_), Bucket::kDueSoon);
  EXPECT_EQ(*BucketOf(D("2024-10-10"), D("2024-09-30"), *index_), Bucket::kLater);
}

TEST_F(WorklistTest, QueueComplianceAndLedger) {
  // Township 520102003 (officer a): reg 1 found 2024-02-08, 1311 fully met on
  // time; reg 2 found 2024-02-19, nothing delivered. Township 520102004
  // (officer b): reg 3 met 1311 late.
  std::vector<Registration> regs = {Reg(1, "2024-02-08", "520102003", "a"),
                                    Reg(2, "2024-02-19", "520102003", "a"),
                                    Reg(3, "2024-02-08", "520102004", "b")};
  std::vector<ServiceRecord> recs;
  for (int64_t reg : {1, 3}) {
    recs.push_back(Rec(reg, ServiceKind::kPolicyBriefing, "2024-02-09"));
    recs.push_back(Rec(reg, ServiceKind::kJobRecommendation, "2024-02-09", 1));
    recs.push_back(Rec(reg, ServiceKind::kJobRecommendation, "2024-02-18", 2));
    recs.push_back(Rec(reg, ServiceKind::kJobRecommendation, "2024-02-19", 3));
    recs.push_back(Rec(reg, ServiceKind::kCareerGuidance, "2024-02-19"));
  }
  recs.push_back(Rec(1, ServiceKind::kTrainingOffer, "2024-02-20"));
  recs.push_back(Rec(3, ServiceKind::kTrainingOffer, "2024-02-23"));
  Caseload load(regs, {}, recs);

  // 2024-02-26: reg 2's 1311 deadline = 5th working day after 19 Feb = 26 Feb.
  auto q = ObligationQueue(load, *engine_, *index_, D("2024-02-26"), "");
  ASSERT_TRUE(q) << q.error().message;
  ASSERT_FALSE(q->empty());
  const WorkItem& first = q->front();
  EXPECT_EQ(first.registration_id, 2);
  EXPECT_EQ(first.package_id, "1311");
  EXPECT_EQ(first.bucket, Bucket::kDueToday);
  EXPECT_EQ(first.detail, "还需：1次政策宣讲、3次岗位推荐、1次职业指导、1次职业培训机会");
  auto q_b = ObligationQueue(load, *engine_, *index_, D("2024-02-26"), "b");
  ASSERT_TRUE(q_b);
  for (const auto& w : *q_b) EXPECT_EQ(w.officer, "b");
  auto later = ObligationQueue(load, *engine_, *index_, D("2024-02-27"), "a");
  ASSERT_TRUE(later);
  ASSERT_FALSE(later->empty());
  EXPECT_EQ(later->front().bucket, Bucket::kOverdue);

  auto by_town = Compliance(load, *engine_, D("2024-02-27"), GroupBy::kTownship);
  ASSERT_TRUE(by_town);
  ASSERT_EQ(by_town->size(), 3u);
  EXPECT_EQ((*by_town)[0].key, "520102003");
  // 1311 of reg 1 met, reg 2 overdue; level_short of both still due (ends in March).
  EXPECT_EQ((*by_town)[0].met_on_time, 2);  // 1311 + level_short of reg 1
  EXPECT_EQ((*by_town)[0].overdue, 1);
  EXPECT_EQ((*by_town)[1].key, "520102004");
  EXPECT_EQ((*by_town)[1].met_late, 1);
  EXPECT_DOUBLE_EQ((*by_town)[1].OnTimeShare(), 0.5);
  EXPECT_EQ(by_town->back().key, "");
  EXPECT_EQ(by_town->back().Decided(), 5);
  auto by_county = Compliance(load, *engine_, D("2024-02-27"), GroupBy::kCounty);
  ASSERT_TRUE(by_county);
  ASSERT_EQ(by_county->size(), 2u);
  EXPECT_EQ((*by_county)[0].key, "520102");
  EXPECT_EQ((*by_county)[0].Decided(), 5);
  auto by_officer = Compliance(load, *engine_, D("2024-02-27"), GroupBy::kOfficer);
  ASSERT_TRUE(by_officer);
  EXPECT_EQ((*by_officer)[0].key, "a");

  std::string path = ::testing::TempDir() + "/ledger_test.xlsx";
  auto stats = WriteLedger(path, load, *engine_, D("2024-02-27"), [](int64_t pid) {
    return PersonLabel{"人员" + std::to_string(pid), "5201**********123X"};
  });
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_EQ(stats->registrations, 3);
  auto reader = importer::XlsxReader::Open(path);
  ASSERT_TRUE(reader);
  auto rows = (*reader)->ReadSheet("失业人员台账");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_EQ((*rows)[0].cells[2], "姓名");
  EXPECT_EQ((*rows)[2].cells[2], "人员20");
  EXPECT_EQ((*rows)[2].cells[10], "短期失业");
  auto items = (*reader)->ReadSheet("服务事项");
  ASSERT_TRUE(items);
  EXPECT_EQ(static_cast<int64_t>(items->size()), stats->obligations + 1);
  bool saw_late = false;
  for (const auto& r : *items) saw_late = saw_late || (r.cells.size() > 9 && r.cells[9] == "逾期完成");
  EXPECT_TRUE(saw_late);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace qjy::services
