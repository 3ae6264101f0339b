// ServicesStore contract, run against SQLite and PostgreSQL (the latter when
// QJY_TEST_PG_URL is set; see store/store_test_support.h).
#include "services/services_store.h"

#include <gtest/gtest.h>

#include "services/caseload.h"
#include "store/store_test_support.h"
#include "core/date_test_support.h"

namespace qjy::services {
namespace {

using store::Dialect;
using store::testing::StoreTest;

using ::qjy::test_support::D;

Registration MakeReg(int64_t person_id, const char* on, const char* region = "520102003") {
  Registration r;
  r.person_id = person_id;
  r.county_code = std::string(region).substr(0, 6);
  r.registered_on = D(on);
  r.found_on = D(on);
  r.place = PlaceKind::kResidence;
  r.region_code = region;
  r.channel = "counter";
  r.officer = "officer_a";
  r.suggested_category = Category::kBasicSkills;
  return r;
}

class ServicesStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    store_ = std::make_unique<ServicesStore>(*db_);
    auto m = store_->Migrate();
    ASSERT_TRUE(m) << m.error().message;
  }
  std::unique_ptr<ServicesStore> store_;
};

TEST_P(ServicesStoreTest, RegisterRoundTripAndMigrateTwice) {
  Registration r = MakeReg(11, "2024-03-04");
  r.flags = static_cast<uint32_t>(Flag::kGraduate) | static_cast<uint32_t>(Flag::kVeteran);
  r.served_as = ServedAs::kGraduate;
  r.kind = RegistrationKind::kJobSeeking;
  ASSERT_TRUE(store_->AddRegistration(r));
  EXPECT_GT(r.registration_id, 0);
  ASSERT_TRUE(store_->Migrate());  // idempotent
  auto got = store_->GetRegistration(r.registration_id);
  ASSERT_TRUE(got && *got);
  EXPECT_EQ((*got)->registered_on, D("2024-03-04"));
  EXPECT_EQ((*got)->flags, r.flags);
  EXPECT_EQ((*got)->served_as, ServedAs::kGraduate);
  EXPECT_EQ((*got)->kind, RegistrationKind::kJobSeeking);
  EXPECT_EQ((*got)->place, PlaceKind::kResidence);
  EXPECT_FALSE((*got)->closed_on.has_value());
}

TEST_P(ServicesStoreTest, OneOpenRegistrationPerPersonAlsoInTheDatabase) {
  Registration a = MakeReg(12, "2024-03-04");
  ASSERT_TRUE(store_->AddRegistration(a));
  Registration b = MakeReg(12, "2024-03-10");
  auto dup = store_->AddRegistration(b);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);
  // Bypassing the check: the partial unique index still refuses.
  auto raw = db_->Exec(
      "INSERT INTO unemployment_registrations (county_code, person_id, registered_on, found_on, "
      "place_kind, region_code, channel, kind, served_as, flags, suggested_category, officer, "
      "status) VALUES ('520102', 12, '2024-03-11', '2024-03-11', 'hukou', '520102', 'counter', "
      "'unemployed', 'registered', '', 'basic_skills', 'x', 'open')");
  ASSERT_FALSE(raw);
  EXPECT_EQ(raw.error().code, ErrorCode::kAlreadyExists);
}

TEST_P(ServicesStoreTest, ReRegistrationAfterShortJobCreatesANewRegistration) {
  Registration a = MakeReg(13, "2024-03-04");
  ASSERT_TRUE(store_->AddRegistration(a));
  ASSERT_TRUE(store_->CloseRegistration(a.registration_id, D("2024-03-20"), CloseReason::kReemployed, "入职某厂"));
  auto again = store_->CloseRegistration(a.registration_id, D("2024-03-21"), CloseReason::kOther, "");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  Registration b = MakeReg(13, "2024-04-15");
  ASSERT_TRUE(store_->AddRegistration(b));
  EXPECT_NE(a.registration_id, b.registration_id);
  auto all = store_->RegistrationsOfPerson(13);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].close_reason, CloseReason::kReemployed);
  EXPECT_EQ((*all)[0].closed_on, D("2024-03-20"));
  EXPECT_FALSE((*all)[1].closed_on.has_value());
  auto open = store_->OpenRegistrationOf(13);
  ASSERT_TRUE(open && *open);
  EXPECT_EQ((*open)->registration_id, b.registration_id);
  auto early = store_->CloseRegistration(b.registration_id, D("2024-04-01"), CloseReason::kMoved, "");
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(ServicesStoreTest, AssessmentOverrideNeedsReasonAndHistoryIsKept) {
  Registration a = MakeReg(14, "2024-03-04");
  ASSERT_TRUE(store_->AddRegistration(a));
  Assessment same{0, a.registration_id, "", D("2024-03-05"), "officer_a", Category::kBasicSkills};
  ASSERT_TRUE(store_->AddAssessment(same));
  Assessment over{0, a.registration_id, "", D("2024-05-06"), "officer_b", Category::kDifficulty};
  auto bad = store_->AddAssessment(over);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("调整理由"), std::string::npos);
  over.reason = "长期患病，经多次推荐未能就业";
  ASSERT_TRUE(store_->AddAssessment(over));
  auto hist = store_->AssessmentsOf(a.registration_id);
  ASSERT_TRUE(hist);
  ASSERT_EQ(hist->size(), 2u);
  EXPECT_TRUE((*hist)[1].IsOverride());
  EXPECT_EQ((*hist)[1].reason, "长期患病，经多次推荐未能就业");

  auto load = Caseload::Load(*store_, "5201");
  ASSERT_TRUE(load) << load.error().message;
  ASSERT_EQ(load->size(), 1u);
  EXPECT_EQ(load->CategoryOn(0, D("2024-04-01")).category, Category::kBasicSkills);
  auto later = load->CategoryOn(0, D("2024-05-06"));
  EXPECT_EQ(later.category, Category::kDifficulty);
  EXPECT_NE(later.reason.find("长期患病"), std::string::npos) << later.reason;
  EXPECT_FALSE(load->CategoryOn(0, D("2024-03-04")).assessed);
}

TEST_P(ServicesStoreTest, RecordsAreValidatedAndRecommendationLinksToHire) {
  Registration a = MakeReg(15, "2024-03-04");
  ASSERT_TRUE(store_->AddRegistration(a));
  ServiceRecord no_job{0, a.registration_id, 0, "", ServiceKind::kJobRecommendation, D("2024-03-05"), "officer_a"};
  EXPECT_FALSE(store_->AddRecord(no_job));
  ServiceRecord early{0, a.registration_id, 0, "", ServiceKind::kCareerGuidance, D("2024-03-01"), "officer_a"};
  EXPECT_FALSE(store_->AddRecord(early));
  ServiceRecord visit{0, a.registration_id, 0, "", ServiceKind::kFollowUpVisit, D("2024-03-05"), "officer_a"};
  EXPECT_FALSE(store_->AddRecord(visit));  // not re-employed yet
  ServiceRecord rec{0, a.registration_id, 0, "", ServiceKind::kJobRecommendation, D("2024-03-05"), "officer_a", "面试", 900};
  ASSERT_TRUE(store_->AddRecord(rec));
  EXPECT_EQ(rec.person_id, 15);
  ASSERT_TRUE(store_->LinkHire(rec.record_id, D("2024-03-18")));
  ASSERT_TRUE(store_->CloseRegistration(a.registration_id, D("2024-03-18"), CloseReason::kReemployed, ""));
  ServiceRecord after{0, a.registration_id, 0, "", ServiceKind::kCareerGuidance, D("2024-03-19"), "officer_a"};
  EXPECT_FALSE(store_->AddRecord(after));
  visit.delivered_on = D("2024-04-02");
  ASSERT_TRUE(store_->AddRecord(visit));
  auto recs = store_->RecordsOfPerson(15);
  ASSERT_TRUE(recs);
  ASSERT_EQ(recs->size(), 2u);
  EXPECT_EQ((*recs)[0].job_id, 900);
  EXPECT_EQ((*recs)[0].hired_on, D("2024-03-18"));
  EXPECT_EQ((*recs)[1].kind, ServiceKind::kFollowUpVisit);
}

TEST_P(ServicesStoreTest, ClassifyCountsOpenRegistrationsByLevelAndCategory) {
  // As of 2024-07-10: 2024-07-01 short, 2024-03-04 mid-short, 2023-12-01
  // mid-long, 2023-07-10 mid-long (exactly 12 months), 2023-07-09 long; one
  // closed before the date is not counted; one outside the region neither.
  const char* dates[] = {"2024-07-01", "2024-03-04", "2023-12-01", "2023-07-10", "2023-07-09"};
  int64_t pid = 100;
  for (const char* d : dates) {
    Registration r = MakeReg(pid++, d);
    ASSERT_TRUE(store_->AddRegistration(r));
  }
  Registration closed = MakeReg(pid++, "2024-01-02");
  ASSERT_TRUE(store_->AddRegistration(closed));
  ASSERT_TRUE(store_->CloseRegistration(closed.registration_id, D("2024-07-10"), CloseReason::kReemployed, ""));
  Registration other = MakeReg(pid++, "2024-07-01", "522601001");
  ASSERT_TRUE(store_->AddRegistration(other));
  Assessment diff{0, 1, "", D("2024-07-02"), "officer_a", Category::kDifficulty, {}, "残疾"};
  ASSERT_TRUE(store_->AddAssessment(diff));

  auto load = Caseload::Load(*store_, "520102");
  ASSERT_TRUE(load);
  auto c = Classify(*load, D("2024-07-10"));
  EXPECT_EQ(c.Total(), 5);
  EXPECT_EQ(c.cells[0][2], 1);  // short, difficulty (assessed)
  EXPECT_EQ(c.cells[1][0], 1);
  EXPECT_EQ(c.cells[2][0], 2);
  EXPECT_EQ(c.cells[3][0], 1);
  EXPECT_EQ(c.unassessed, 4);
}

QJY_INSTANTIATE_STORE_TEST(ServicesStoreTest);

}  // namespace
}  // namespace qjy::services
