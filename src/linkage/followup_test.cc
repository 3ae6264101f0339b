// The follow-up of a link run on SQLite and PostgreSQL: a returned,
// unemployed worker known to the registry gets one return-service item
// only once an officer decides the review pair is one person; the queue
// item's deadline counts working days; the per-county summary.
#include "linkage/followup.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <fstream>

#include "core/calendar.h"
#include "core/refdata.h"
#include "linkage/link_store.h"
#include "store/registry_store.h"
#include "store/store_test_support.h"
#include "core/date_test_support.h"

namespace qjy::linkage {
namespace {

using store::Dialect;

const Vault& FollowupVault() {
  static const Vault v = Vault::FromKey(std::array<uint8_t, 32>{7, 1, 8});
  return v;
}

constexpr char kMapping[] = R"(partner: 广东省人社厅
columns:
  姓名: name
  身份证: id_number
  出生日期: birth_date
  性别: sex
  户籍地: division_code
  就业状态: status
  参保月数: insured_months
)";

using ::qjy::test_support::D;

FollowupPolicy Policy() {
  auto p = LoadFollowupPolicy(DefaultFollowupPolicyFile());
  EXPECT_TRUE(p) << p.error().message;
  return *p;
}

TEST(FollowupPolicyTest, StatusWords) {
  const FollowupPolicy p = Policy();
  EXPECT_EQ(p.clause, "A2(一)");
  EXPECT_GT(p.working_days, 0);
  PartnerState s = ReadStatus(p, "已返乡未就业");
  EXPECT_TRUE(s.returned);
  EXPECT_TRUE(s.unemployed);
  EXPECT_FALSE(s.employed);  // "未就业" contains "就业"
  s = ReadStatus(p, "在岗");
  EXPECT_TRUE(s.employed);
  EXPECT_FALSE(s.returned || s.unemployed);
  s = ReadStatus(p, "返乡创业");
  EXPECT_TRUE(s.returned);
  EXPECT_FALSE(s.unemployed);
  EXPECT_FALSE(ParseFollowupPolicy("return_service: {title: x}\n", "bad.yaml").has_value());
}

class FollowupTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    registry_ = std::make_unique<store::RegistryStore>(*db_, FollowupVault());
    ASSERT_TRUE(registry_->Migrate());
    links_ = std::make_unique<LinkStore>(*db_, FollowupVault());
    ASSERT_TRUE(links_->Migrate());
    dir_ = std::filesystem::temp_directory_path() / ("qjy_followup_" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::filesystem::remove_all(dir_);
    StoreTest::TearDown();
  }
  int64_t Import(const std::string& csv_rows, const std::string& partner) {
    const std::string path = (dir_ / (partner + ".csv")).string();
    std::ofstream(path, std::ios::binary) << "姓名,身份证,出生日期,性别,户籍地,就业状态,参保月数\n" << csv_rows;
    auto file = ReadPartnerFile(path, *ParsePartnerMapping(kMapping));
    EXPECT_TRUE(file.has_value() && file->errors.empty());
    auto id = links_->ImportBatch(*file, partner, "f.csv", "520102", "officer");
    EXPECT_TRUE(id.has_value()) << id.error().message;
    return *id;
  }
  std::unique_ptr<store::RegistryStore> registry_;
  std::unique_ptr<LinkStore> links_;
  std::filesystem::path dir_;
};

TEST_P(FollowupTest, ReturnedWorkerFollowedUpAfterTheOfficersDecision) {
  registry::Person p;
  p.county_code = "520102";
  p.id_number = "520102199003070014";
  p.name = "张三";
  p.birth_date = D("1990-03-07");
  p.ethnicity = "汉族";
  p.hukou_region = p.residence_region = "520102001";
  {
    auto tx = store::Transaction::Begin(*db_);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(registry_->UpsertPerson(p, "t"));
    ASSERT_TRUE(tx->Commit());
  }
  const FollowupPolicy policy = Policy();
  FollowupStore f(*db_, FollowupVault());
  const Date today = D("2026-12-03");  // a Thursday

  const int64_t b1 = Import("张三,520102199003070014,1990-03-07,男,520102,在岗,24\n"
                            "李四,520102199101010016,1991-01-01,男,520102,返乡未就业,0\n",
                            "广东省人社厅");
  LinkOptions o;
  ASSERT_TRUE(links_->LinkBatch(b1, o, "officer"));
  auto c1 = f.BatchClusters(b1);
  ASSERT_TRUE(c1);
  // 张三 is employed; 李四 returned but is not in the registry.
  EXPECT_EQ(*f.FollowUpClusters(*c1, policy, today), 0);

  const int64_t b2 = Import("张三,,1990-03-07,男,520102,已返乡未就业,\n", "浙江省人社厅");
  o.match_probability = 1.01;
  o.review_probability = 0.0001;
  auto s2 = links_->LinkBatch(b2, o, "officer");
  ASSERT_TRUE(s2) << s2.error().message;
  ASSERT_EQ(s2->review, 1);
  auto c2 = f.BatchClusters(b2);
  EXPECT_EQ(*f.FollowUpClusters(*c2, policy, today), 0);  // no ID yet: not known to be ours

  auto open = links_->OpenReviews("5201");
  ASSERT_TRUE(open);
  ASSERT_EQ(open->size(), 1u);
  auto why = links_->Explain(open->front());
  ASSERT_TRUE(why) << why.error().message;
  EXPECT_EQ((*why)[0].level_label, "完全相同");
  EXPECT_EQ((*why)[1].level_label, "缺失");
  ASSERT_TRUE(links_->Resolve(open->front().review_id, true, "5201", "officer"));
  auto made = f.FollowUpReview(open->front().review_id, policy, today);
  ASSERT_TRUE(made) << made.error().message;
  EXPECT_EQ(*made, 1);
  EXPECT_EQ(*f.FollowUpReview(open->front().review_id, policy, today), 0);  // once

  auto mine = f.InScope("520102");
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->front().person_id, p.person_id);
  EXPECT_EQ(mine->front().partner, "浙江省人社厅");
  EXPECT_TRUE(f.InScope("520103")->empty());
  EXPECT_TRUE(f.InScope("520102001")->empty());  // a township sees no county tasks

  auto cal = WorkCalendar::Load(RefdataDir());
  ASSERT_TRUE(cal);
  auto idx = services::WorkdayIndex::Build(*cal);
  ASSERT_TRUE(idx);
  auto q = f.Queue("5201", policy, *idx, today);
  ASSERT_TRUE(q) << q.error().message;
  ASSERT_EQ(q->size(), 1u);
  EXPECT_EQ((*q)[0].person_id, p.person_id);
  EXPECT_EQ((*q)[0].deadline, *idx->AddWorkingDays(today, policy.working_days));
  EXPECT_GT((*q)[0].deadline, today.AddDays(policy.working_days));  // a weekend inside
  EXPECT_NE((*q)[0].detail.find("已返乡未就业"), std::string::npos);
  EXPECT_TRUE(f.Queue("5201", policy, *idx, D("2026-12-02"))->empty());  // not started yet

  // Closed after a contact without a service record: the outcome must be
  // one of the policy's, with a note, dated within the item's life, by an
  // officer whose region covers it; then it leaves the queue, once.
  const int64_t fid = mine->front().followup_id;
  auto code = [&](const Result<void>& r) { return r ? std::optional<ErrorCode>() : r.error().code; };
  const Date later = today.AddDays(1);
  EXPECT_EQ(code(f.Close(fid, "520103", policy, "declined", "电话联系", today, later, "o")), ErrorCode::kPermissionDenied);
  EXPECT_EQ(code(f.Close(fid, "520102001", policy, "declined", "电话联系", today, later, "o")),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(code(f.Close(fid, "5201", policy, "gone", "电话联系", today, later, "o")), ErrorCode::kInvalidArgument);
  EXPECT_EQ(code(f.Close(fid, "5201", policy, "declined", "  ", today, later, "o")), ErrorCode::kInvalidArgument);
  EXPECT_EQ(code(f.Close(fid, "5201", policy, "declined", "电话联系", today.AddDays(-1), later, "o")),
            ErrorCode::kInvalidArgument);  // before it started
  EXPECT_EQ(code(f.Close(fid, "5201", policy, "declined", "电话联系", later.AddDays(1), later, "o")),
            ErrorCode::kInvalidArgument);  // after today
  EXPECT_EQ(code(f.Close(999999, "5201", policy, "declined", "电话联系", today, later, "o")), ErrorCode::kNotFound);
  EXPECT_EQ(f.Queue("5201", policy, *idx, later)->size(), 1u);  // nothing half-written
  ASSERT_TRUE(f.Close(fid, "5201", policy, "declined", "12月4日电话联系，本人在家照顾老人，暂不找工作", later, later,
                      "officer"));
  EXPECT_EQ(f.Queue("5201", policy, *idx, today)->size(), 1u);  // still open the day before
  EXPECT_TRUE(f.Queue("5201", policy, *idx, later)->empty());
  auto closed = f.OfPerson(p.person_id);
  ASSERT_TRUE(closed);
  ASSERT_EQ(closed->size(), 1u);
  EXPECT_EQ(closed->front().outcome, "declined");
  EXPECT_EQ(closed->front().closed_by, "officer");
  EXPECT_EQ(closed->front().closed_on, later);
  EXPECT_EQ(policy.OutcomeLabel("declined"), "已联系，本人暂不需要就业服务");
  EXPECT_EQ(code(f.Close(fid, "5201", policy, "employed", "再次联系", later, later, "o")), ErrorCode::kConflict);

  // This month's records: 3 rows, 2 persons (张三's two records one cluster).
  const std::string month = db_->Query("SELECT MIN(created_at) FROM linkage_records")->at(0).Text(0).substr(0, 7);
  auto sum = f.Summary("5201", month, policy);
  ASSERT_TRUE(sum);
  ASSERT_EQ(sum->size(), 1u);
  const CountySummary& s = sum->front();
  EXPECT_EQ(s.county_code, "520102");
  EXPECT_EQ(s.workers, 2);
  EXPECT_EQ(s.returned, 2);    // 张三 (latest record) and 李四
  EXPECT_EQ(s.unemployed, 2);
  EXPECT_EQ(s.employed, 0);
  EXPECT_EQ(s.insured, 0);     // 张三's latest record gives no insured months
  EXPECT_TRUE(f.Summary("5203", month, policy)->empty());
}

QJY_INSTANTIATE_STORE_TEST(FollowupTest);

}  // namespace
}  // namespace qjy::linkage
