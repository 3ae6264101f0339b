#include "ads/ad_desk.h"

#include <thread>

#include <gtest/gtest.h>

#include "ads/validate.h"
#include "core/refdata.h"
#include "core/regions.h"
#include "store/registry_store.h"
#include "store/store_test_support.h"

namespace qjy::ads {
namespace {

using store::Dialect;

const Screener& TheScreener() {
  static const Screener s = *Screener::LoadDefault();
  return s;
}

Vault TestVault() {
  std::array<uint8_t, 32> key{};
  key.fill(7);
  return Vault::FromKey(key);
}

const Clock& FixedNow() {
  static const ManualClock clock(1709283600);  // 2024-03-01T09:00:00Z
  return clock;
}

JobAd Ad(const std::string& title, const std::string& text) {
  JobAd ad;
  ad.job.county_code = "520102";
  ad.job.employer_credit_code = "91520100MA6DKQ1X3R";
  ad.job.title = title;
  ad.job.occupation_code = "6-18";
  ad.job.headcount = 2;
  ad.job.wage_min_fen = 400000;
  ad.job.wage_max_fen = 600000;
  ad.job.place_region = "520102";
  ad.job.requirements = text;
  ad.job.open_on = *Date::Parse("2024-03-01");
  return ad;
}

class AdDeskTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    store::RegistryStore reg(*db_, vault_);
    ASSERT_TRUE(reg.Migrate());
    ASSERT_TRUE(AdDesk::Migrate(*db_));
  }
  int64_t JobsCount() {
    auto rows = db_->Query("SELECT COUNT(*) FROM jobs");
    return rows ? rows->at(0).Int(0) : -1;
  }
  Vault vault_ = TestVault();
};

TEST_P(AdDeskTest, CleanAdIsPublishedAtOnce) {
  AdDesk desk(*db_, vault_, TheScreener(), FixedNow());
  auto rec = desk.Post(Ad("焊工", "男女不限，年龄不限，提供婚育礼金"), "employer1");
  ASSERT_TRUE(rec) << rec.error().message;
  EXPECT_EQ(rec->status, "published");
  EXPECT_TRUE(rec->findings.empty());
  EXPECT_TRUE(rec->warning.empty());
  EXPECT_GT(rec->job_id, 0);
  EXPECT_EQ(JobsCount(), 1);
  EXPECT_EQ(rec->posted_at, "2024-03-01T09:00:00Z");
}

TEST_P(AdDeskTest, LatestAdOfAJobCarriesItsContact) {
  AdDesk desk(*db_, vault_, TheScreener(), FixedNow());
  JobAd ad = Ad("焊工", "男女不限，年龄不限");
  ad.contact_name = "王经理";
  ad.contact_phone = "13812345678";
  auto rec = desk.Post(ad, "employer1");
  ASSERT_TRUE(rec) << rec.error().message;
  ASSERT_GT(rec->job_id, 0);
  auto latest = LatestAdOfJob(*db_, rec->job_id);
  ASSERT_TRUE(latest) << latest.error().message;
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->ad_id, rec->ad_id);
  EXPECT_EQ((*latest)->ad.contact_name, "王经理");
  EXPECT_EQ((*latest)->ad.contact_phone, "13812345678");
  EXPECT_FALSE(LatestAdOfJob(*db_, rec->job_id + 100)->has_value());
}

TEST_P(AdDeskTest, FlaggedAdWaitsInvisibleUntilApproved) {
  AdDesk desk(*db_, vault_, TheScreener(), FixedNow());
  auto rec = desk.Post(Ad("前台", "仅限女性，25岁以下"), "employer1");
  ASSERT_TRUE(rec) << rec.error().message;
  EXPECT_EQ(rec->status, "pending");
  EXPECT_EQ(rec->job_id, 0);
  EXPECT_EQ(rec->findings.size(), 2u);
  EXPECT_NE(rec->warning.find("性别、年龄"), std::string::npos) << rec->warning;
  EXPECT_EQ(JobsCount(), 0);  // not visible, not matchable

  AdFilter queue{.region_prefix = "5201", .status = "pending"};
  auto pending = desk.List(queue);
  ASSERT_TRUE(pending);
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ(pending->at(0).findings, rec->findings);
  EXPECT_EQ(pending->at(0).ad.job.requirements, "仅限女性，25岁以下");
  AdFilter other{.region_prefix = "5203", .status = "pending"};
  EXPECT_TRUE(desk.List(other)->empty());

  auto approved = desk.Review(rec->ad_id, true, "officer1", "已与单位沟通修改");
  ASSERT_TRUE(approved) << approved.error().message;
  EXPECT_EQ(approved->status, "approved");
  EXPECT_GT(approved->job_id, 0);
  EXPECT_EQ(JobsCount(), 1);
  auto again = desk.Review(rec->ad_id, false, "officer2", "");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  auto missing = desk.Review(9999, true, "officer1", "");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_P(AdDeskTest, RejectedAdIsNeverPublished) {
  AdDesk desk(*db_, vault_, TheScreener(), FixedNow());
  auto rec = desk.Post(Ad("普工", "乙肝携带者勿扰"), "employer1");
  ASSERT_TRUE(rec);
  auto rejected = desk.Review(rec->ad_id, false, "officer1", "含健康歧视");
  ASSERT_TRUE(rejected);
  EXPECT_EQ(rejected->status, "rejected");
  EXPECT_EQ(JobsCount(), 0);
  auto counts = desk.CountByStatus("52");
  ASSERT_TRUE(counts);
  ASSERT_EQ(counts->size(), 1u);
  EXPECT_EQ(counts->at(0), (std::pair<std::string, int64_t>{"rejected", 1}));
}

TEST_P(AdDeskTest, ConcurrentReviewsPublishOnce) {
  AdDesk desk(*db_, vault_, TheScreener(), FixedNow());
  auto rec = desk.Post(Ad("保安", "限男性"), "employer1");
  ASSERT_TRUE(rec);
  std::atomic<int> ok{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      auto db = Open();
      if (!db) return;
      AdDesk d(**db, vault_, TheScreener(), FixedNow());
      for (int attempt = 0; attempt < 50; ++attempt) {
        auto r = d.Review(rec->ad_id, true, "officer" + std::to_string(i), "");
        if (r) {
          ++ok;
          return;
        }
        if (r.error().message.find("不在待审核") != std::string::npos) {
          ++conflicts;
          return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));  // busy database: retry
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(conflicts.load(), 3);
  EXPECT_EQ(JobsCount(), 1);
}

// Issue #17 §3: employers whose ads are repeatedly held, for the labour
// inspection, region by region, with the ads as evidence; approved and
// clean ads do not count.
TEST_P(AdDeskTest, InspectionListsRepeatedlyHeldEmployersInTheRegion) {
  AdDesk desk(*db_, vault_, TheScreener(), FixedNow());
  auto post = [&](const std::string& employer, const std::string& county, const std::string& text) {
    JobAd ad = Ad("普工", text);
    ad.job.employer_credit_code = employer;
    ad.job.county_code = ad.job.place_region = county;
    auto r = desk.Post(ad, "e");
    EXPECT_TRUE(r) << r.error().message;
    return r ? r->ad_id : 0;
  };
  const std::string a = "91520100MA6DKQ1X3R", b = "91520100MA6DKQ2X3R", c = "91520300MA6DKQ3X3R";
  post(a, "520102", "先交押金500元");
  int64_t rejected = post(a, "520102", "限男性");
  int64_t approved = post(a, "520102", "身高170cm以上");
  post(a, "520102", "刷单兼职");
  post(a, "520102", "男女不限");  // clean: published
  ASSERT_TRUE(desk.Review(rejected, false, "officer", "歧视"));
  ASSERT_TRUE(desk.Review(approved, true, "officer", "仪仗队岗位确需"));
  post(b, "520102", "限男性");  // two held: below the threshold
  post(b, "520102", "25岁以下");
  for (int i = 0; i < 3; ++i) post(c, "520302", "培训费800元");  // Zunyi

  auto list = desk.InspectionList("5201", TheScreener().inspection_min_held());
  ASSERT_TRUE(list) << list.error().message;
  ASSERT_EQ(list->size(), 1u);
  const InspectionCase& k = list->front();
  EXPECT_EQ(k.employer_credit_code, a);
  EXPECT_EQ(k.held, 3);
  EXPECT_EQ(k.pending, 2);
  EXPECT_EQ(k.rejected, 1);
  ASSERT_EQ(k.ads.size(), 3u);
  for (const auto& ad : k.ads) EXPECT_NE(ad.ad_id, approved);
  EXPECT_EQ(k.categories, (std::vector<std::string>{"向求职者收费", "性别", "刷单或居家打字类骗局"}));
  auto zunyi = desk.InspectionList("5203", 3);
  ASSERT_TRUE(zunyi);
  ASSERT_EQ(zunyi->size(), 1u);
  EXPECT_EQ(zunyi->front().employer_credit_code, c);
  auto lower = desk.InspectionList("52", 2);
  ASSERT_TRUE(lower);
  EXPECT_EQ(lower->size(), 3u);
  EXPECT_EQ(lower->front().held, 3);
}

// Issue #14: the employer edits a held ad and resubmits it; it is screened
// again — still discriminatory → held with the new reason, clean →
// published; a published ad and another employer's ad cannot be resubmitted.
TEST_P(AdDeskTest, HeldAdEditedAndResubmittedIsScreenedAgain) {
  AdDesk desk(*db_, vault_, TheScreener(), FixedNow());
  auto held = desk.Post(Ad("前台", "仅限女性，25岁以下"), "employer1");
  ASSERT_TRUE(held);
  ASSERT_EQ(held->status, "pending");
  const std::string employer = held->employer_credit_code;

  AdRecord previous;
  auto still = desk.Resubmit(held->ad_id, employer, Ad("前台", "35岁以下"), "employer1", &previous);
  ASSERT_TRUE(still) << still.error().message;
  EXPECT_EQ(still->status, "pending");
  EXPECT_EQ(still->job_id, 0);
  ASSERT_EQ(still->findings.size(), 1u);
  EXPECT_EQ(still->findings[0].category, "age");
  EXPECT_EQ(previous.findings.size(), 2u);
  EXPECT_EQ(JobsCount(), 0);

  auto other = desk.Resubmit(held->ad_id, "91520302MA6DGQJYB2", Ad("前台", "年龄不限"), "x");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kNotFound);

  // A rejected ad may be corrected too; clean, it is published at once.
  ASSERT_TRUE(desk.Review(held->ad_id, false, "officer1", "含年龄歧视"));
  JobAd clean = Ad("前台", "男女不限，年龄不限");
  clean.contact_name = "王女士";
  clean.contact_phone = "13800001111";
  auto published = desk.Resubmit(held->ad_id, employer, clean, "employer1");
  ASSERT_TRUE(published) << published.error().message;
  EXPECT_EQ(published->status, "published");
  EXPECT_GT(published->job_id, 0);
  EXPECT_EQ(JobsCount(), 1);
  auto stored = desk.Get(held->ad_id);
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->status, "published");
  EXPECT_TRUE((*stored)->review_note.empty());
  EXPECT_EQ((*stored)->ad.contact_phone, "13800001111");
  EXPECT_EQ((*stored)->job_id, published->job_id);

  auto again = desk.Resubmit(held->ad_id, employer, clean, "employer1");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(JobsCount(), 1);
}

QJY_INSTANTIATE_STORE_TEST(AdDeskTest);

class ValidateAdTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto r = RegionIndex::Load(RefdataDir());
    ASSERT_TRUE(r) << r.error().message;
    regions_ = std::make_unique<RegionIndex>(std::move(*r));
  }
  registry::FieldErrors Check(const JobAd& ad) {
    registry::ValidationContext ctx{*regions_, *Date::Parse("2024-03-01")};
    OccupationList occ = OccupationList::FromCodes({"6", "6-18", "2-02"});
    registry::FieldErrors out;
    ValidateAd(ad, ctx, [&](std::string_view c) { return occ.Known(c); }, out);
    return out;
  }
  static std::unique_ptr<RegionIndex> regions_;
};
std::unique_ptr<RegionIndex> ValidateAdTest::regions_;

TEST_F(ValidateAdTest, GoodAdPasses) {
  auto errors = Check(Ad("焊工", "持证上岗"));
  EXPECT_TRUE(errors.empty()) << JoinFieldErrors(errors);
  JobAd detailed = Ad("焊工", "");
  detailed.job.occupation_code = "6-18-02-04";  // detailed group under a known medium group
  EXPECT_TRUE(Check(detailed).empty());
}

TEST_F(ValidateAdTest, BadInputIsNamedInChinese) {
  JobAd unknown = Ad("焊工", "");
  unknown.job.occupation_code = "8-77";
  auto e1 = Check(unknown);
  ASSERT_EQ(e1.size(), 1u);
  EXPECT_EQ(e1[0].field, "职业编码");
  EXPECT_NE(e1[0].reason.find("没有该职业编码"), std::string::npos);

  JobAd upside = Ad("焊工", "");
  upside.job.wage_min_fen = 800000;
  upside.job.wage_max_fen = 300000;
  auto e2 = Check(upside);
  ASSERT_EQ(e2.size(), 1u);
  EXPECT_NE(e2[0].reason.find("最高月薪低于最低月薪"), std::string::npos);

  JobAd zero = Ad("焊工", "");
  zero.job.headcount = 0;
  auto e3 = Check(zero);
  ASSERT_EQ(e3.size(), 1u);
  EXPECT_EQ(e3[0].field, "招聘人数");

  JobAd huge = Ad("焊工", std::string(1 << 20, 'a'));
  auto e4 = Check(huge);
  ASSERT_EQ(e4.size(), 1u);
  EXPECT_NE(e4[0].reason.find("过长"), std::string::npos);
  EXPECT_LT(JoinFieldErrors(e4).size(), 200u);  // the text is not echoed

  JobAd ages = Ad("焊工", "");
  ages.req.age_min = 40;
  ages.req.age_max = 30;
  EXPECT_EQ(Check(ages).size(), 1u);

  JobAd phone = Ad("焊工", "");
  for (const char* good : {"13800001111", "0851-86801234", "085186801234"}) {
    phone.contact_phone = good;
    EXPECT_TRUE(Check(phone).empty()) << good;
  }
  for (const char* bad : {"1380000111", "23800001111", "0851-123", "电话"}) {
    phone.contact_phone = bad;
    auto e = Check(phone);
    ASSERT_EQ(e.size(), 1u) << bad;
    EXPECT_EQ(e[0].field, "联系电话");
  }
}

}  // namespace
}  // namespace qjy::ads
