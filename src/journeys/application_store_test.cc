#include "journeys/application_store.h"

#include <gtest/gtest.h>

#include "store/store_test_support.h"

namespace qjy::journeys {
namespace {

Date D(const char* s) { return Date::Parse(s).value(); }

registry::Job Job(int64_t id, const char* county, const char* credit) {
  registry::Job j;
  j.job_id = id;
  j.county_code = county;
  j.employer_credit_code = credit;
  j.title = "焊工";
  j.open_on = D("2025-03-01");
  j.close_on = D("2025-06-30");
  return j;
}

class ApplicationStoreTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    store_ = std::make_unique<ApplicationStore>(*db_);
    ASSERT_TRUE(store_->Migrate());
    ASSERT_TRUE(store_->Migrate()) << "idempotent";
  }
  std::unique_ptr<ApplicationStore> store_;
};

TEST_P(ApplicationStoreTest, OncePerPersonAndJobWithTheFirstDateNamed) {
  const auto job = Job(7, "520102", "91520102MA6DGQJYA1");
  auto a = store_->Apply(job, 11, D("2025-04-02"), "2025-04-02T01:00:00Z", "seeker1");
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_GT(a->application_id, 0);
  EXPECT_EQ(a->county_code, "520102");
  auto again = store_->Apply(job, 11, D("2025-04-05"), "2025-04-05T01:00:00Z", "seeker1");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  EXPECT_NE(again.error().message.find("2025-04-02"), std::string::npos) << again.error().message;
  // Another person, and the same person on another job, are separate.
  EXPECT_TRUE(store_->Apply(job, 12, D("2025-04-05"), "t", "seeker2"));
  EXPECT_TRUE(store_->Apply(Job(8, "520102", "91520102MA6DGQJYA1"), 11, D("2025-04-05"), "t", "seeker1"));
  auto mine = store_->ApplicationsOf(11);
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->size(), 2u);
  EXPECT_EQ(mine->front().job_id, 8);  // newest first
  auto to_job = store_->ApplicationsToEmployer("91520102MA6DGQJYA1", 7);
  ASSERT_TRUE(to_job);
  EXPECT_EQ(to_job->size(), 2u);
  auto other = store_->ApplicationsToEmployer("91520302MA6DGQJYB2", 0);
  ASSERT_TRUE(other);
  EXPECT_TRUE(other->empty());
}

TEST_P(ApplicationStoreTest, OnlyAJobOpenOnTheDayTakesApplicationsAndInvitations) {
  const auto job = Job(7, "520102", "91520102MA6DGQJYA1");
  // The closing day itself is still open; the day after is not.
  EXPECT_TRUE(store_->Apply(job, 1, D("2025-06-30"), "t", "s"));
  auto late = store_->Apply(job, 2, D("2025-07-01"), "t", "s");
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::kConflict);
  EXPECT_NE(late.error().message.find("2025-06-30 截止"), std::string::npos) << late.error().message;
  auto early = store_->Apply(job, 2, D("2025-02-28"), "t", "s");
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::kConflict);
  auto inv_late = store_->Invite(job, 2, "", D("2025-07-01"), "t", "e");
  ASSERT_FALSE(inv_late);
  EXPECT_EQ(inv_late.error().code, ErrorCode::kConflict);
  // Nothing was written by the refusals.
  auto rows = store_->ApplicationsToEmployer("91520102MA6DGQJYA1", 7);
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->size(), 1u);
}

TEST_P(ApplicationStoreTest, InvitationsOnceAndListedForBothSides) {
  const auto job = Job(9, "520302", "91520302MA6DGQJYB2");
  auto i = store_->Invite(job, 5, "欢迎来面试", D("2025-05-01"), "2025-05-01T02:00:00Z", "employer1");
  ASSERT_TRUE(i) << i.error().message;
  auto twice = store_->Invite(job, 5, "", D("2025-05-02"), "t", "employer1");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kAlreadyExists);
  EXPECT_FALSE(store_->Invite(job, 6, std::string(501, 'x'), D("2025-05-02"), "t", "employer1"));
  auto of = store_->InvitationsOf(5);
  ASSERT_TRUE(of);
  ASSERT_EQ(of->size(), 1u);
  EXPECT_EQ(of->front().message, "欢迎来面试");
  EXPECT_EQ(of->front().invited_on, D("2025-05-01"));
  auto by = store_->InvitationsByEmployer("91520302MA6DGQJYB2", 0);
  ASSERT_TRUE(by);
  EXPECT_EQ(by->size(), 1u);
}

QJY_INSTANTIATE_STORE_TEST(ApplicationStoreTest);

}  // namespace
}  // namespace qjy::journeys
