// OnlineDesk, run against SQLite and PostgreSQL (the latter when
// QJY_TEST_PG_URL is set; see store/store_test_support.h).
#include "services/online_desk.h"

#include <gtest/gtest.h>

#include "services/services_store.h"
#include "store/store_test_support.h"
#include "core/date_test_support.h"

namespace qjy::services {
namespace {

using store::testing::StoreTest;

using ::qjy::test_support::D;

Registration Reg(int64_t person_id, const char* on, const char* region, bool online) {
  Registration r;
  r.person_id = person_id;
  r.county_code = std::string(region).substr(0, 6);
  r.registered_on = r.found_on = D(on);
  r.place = online ? PlaceKind::kOnline : PlaceKind::kResidence;
  r.region_code = region;
  r.channel = online ? "online" : "counter";
  r.officer = online ? kUnassignedOnlineOfficer : "officer_a";
  return r;
}

class OnlineDeskTest : public StoreTest {
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

// Issue #14: online registrations wait for an officer; a county officer
// assigns one once, and only while the registration is open.
TEST_P(OnlineDeskTest, WaitingRegistrationsAreAssignedOnce) {
  Registration later = Reg(20, "2024-03-06", "520102003", true);
  Registration online = Reg(21, "2024-03-05", "520102003", true);
  Registration elsewhere = Reg(22, "2024-03-04", "520302001", true);
  Registration counter = Reg(23, "2024-03-04", "520102003", false);
  for (Registration* r : {&later, &online, &elsewhere, &counter}) ASSERT_TRUE(store_->AddRegistration(*r));
  OnlineDesk desk(*db_);

  auto waiting = desk.Waiting("520102", 50);
  ASSERT_TRUE(waiting) << waiting.error().message;
  ASSERT_EQ(waiting->size(), 2u);
  EXPECT_EQ(waiting->at(0).registration_id, online.registration_id);  // oldest first
  EXPECT_EQ(waiting->at(0).person_id, 21);
  EXPECT_EQ(desk.Waiting("52", 50)->size(), 3u);
  EXPECT_EQ(desk.Waiting("52", 1)->size(), 1u);

  EXPECT_EQ(desk.Assign(online.registration_id, "").error().code, ErrorCode::kInvalidArgument);
  ASSERT_TRUE(desk.Assign(online.registration_id, "officer_b"));
  EXPECT_EQ((*store_->GetRegistration(online.registration_id))->officer, "officer_b");
  EXPECT_EQ(desk.Waiting("520102", 50)->size(), 1u);
  auto again = desk.Assign(online.registration_id, "officer_c");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ((*store_->GetRegistration(online.registration_id))->officer, "officer_b");
  EXPECT_EQ(desk.Assign(counter.registration_id, "officer_c").error().code, ErrorCode::kConflict);
  EXPECT_EQ(desk.Assign(999999, "officer_c").error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(store_->CloseRegistration(elsewhere.registration_id, D("2024-03-06"), CloseReason::kMoved, ""));
  EXPECT_EQ(desk.Assign(elsewhere.registration_id, "officer_c").error().code, ErrorCode::kConflict);
  EXPECT_TRUE(desk.Waiting("5203", 50)->empty());
}

QJY_INSTANTIATE_STORE_TEST(OnlineDeskTest);

}  // namespace
}  // namespace qjy::services
