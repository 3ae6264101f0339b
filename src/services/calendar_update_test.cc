// Loading a holiday notice into a database, on SQLite and PostgreSQL
// (store/store_test_support.h): provisional deadlines before, final ones
// after, the moved deadlines recorded, the shipped years refused.
#include "services/calendar_update.h"

#include <gtest/gtest.h>

#include "core/refdata.h"
#include "services/caseload.h"
#include "services/package.h"
#include "services/services_store.h"
#include "services/worklist.h"
#include "store/store_test_support.h"
#include "core/date_test_support.h"

namespace qjy::services {
namespace {

using store::Dialect;
using store::testing::StoreTest;

using ::qjy::test_support::D;

constexpr char kNotice[] = R"(year: 2027
title: 国务院办公厅关于2027年部分节假日安排的通知（测试）
document: 测试〔2026〕1号
published_on: 2026-11-20
holidays:
  - name: 元旦
    off: [2027-01-01, 2027-01-03]
)";

class CalendarUpdateTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto cal = WorkCalendar::Load(RefdataDir());
    ASSERT_TRUE(cal) << cal.error().message;
    if (cal->Covers(2027)) GTEST_SKIP() << "the shipped calendar covers 2027 already";
    shipped_ = std::make_unique<WorkCalendar>(std::move(*cal));
    ServicesStore store(*db_);
    ASSERT_TRUE(store.Migrate());
    // Found on Monday 2026-12-28: "1311" within 5 working days runs into 2027.
    Registration r;
    r.person_id = 7;
    r.county_code = "520102";
    r.registered_on = r.found_on = D("2026-12-28");
    r.region_code = "520102003";
    r.channel = "counter";
    r.officer = "officer_a";
    ASSERT_TRUE(store.AddRegistration(r));
    reg_id_ = r.registration_id;
    // One found in June: nothing of it depends on 2027.
    Registration old = r;
    old.person_id = 8;
    old.registered_on = old.found_on = D("2026-06-01");
    ASSERT_TRUE(store.AddRegistration(old));
  }

  // The "1311" item of the queue as of `as_of` under `ctx`.
  WorkItem Item1311(const ServicesContext& ctx, Date as_of) {
    ServicesStore store(*db_);
    auto load = Caseload::Load(store, "52");
    EXPECT_TRUE(load);
    auto q = ObligationQueue(*load, ctx.engine(), ctx.workdays(), as_of, "");
    EXPECT_TRUE(q) << q.error().message;
    for (const WorkItem& w : *q) {
      if (w.registration_id == reg_id_ && w.package_id == "1311") return w;
    }
    ADD_FAILURE() << "no 1311 item";
    return {};
  }

  std::unique_ptr<WorkCalendar> shipped_;
  int64_t reg_id_ = 0;
};

TEST_P(CalendarUpdateTest, ProvisionalDeadlinesMoveWhenTheNoticeIsLoaded) {
  auto before = LoadDefaultContextFor(*db_);
  ASSERT_TRUE(before) << before.error().message;
  // Without a 2027 notice: 29, 30, 31 Dec, Fri 1 Jan (a weekday), Mon 4 Jan.
  WorkItem w = Item1311(**before, D("2026-12-29"));
  EXPECT_EQ(w.deadline, D("2027-01-04"));
  EXPECT_EQ(w.provisional_note, "2027 年节假日安排尚未公布，暂按周末计算");

  auto stamp_before = CalendarNoticesStamp(*db_);
  ASSERT_TRUE(stamp_before) << stamp_before.error().message;
  auto notice = ParseCalendarNotice(kNotice, "n.yaml");
  ASSERT_TRUE(notice);
  auto r = LoadCalendarNotice(*db_, *shipped_, ServicesDataDir(), *notice, "officer_p", D("2026-12-29"),
                              "2026-12-29T02:00:00Z");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_FALSE(r->replaced);
  auto stamp_loaded = CalendarNoticesStamp(*db_);
  ASSERT_TRUE(stamp_loaded);
  EXPECT_NE(*stamp_loaded, *stamp_before) << "a cached context must see the new notice";
  // 元旦 1–3 Jan off: 29, 30, 31 Dec, 4, 5 Jan.
  bool found = false;
  for (const DeadlineChange& c : r->moved) {
    EXPECT_EQ(c.registration_id, reg_id_) << "only the December registration depends on 2027";
    if (c.package_id == "1311") {
      found = true;
      EXPECT_EQ(c.old_deadline, D("2027-01-04"));
      EXPECT_EQ(c.new_deadline, D("2027-01-05"));
      EXPECT_EQ(c.county_code, "520102");
    }
  }
  EXPECT_TRUE(found);
  WorkItem after = Item1311(*r->context, D("2026-12-29"));
  EXPECT_EQ(after.deadline, D("2027-01-05"));
  EXPECT_EQ(after.provisional_note, "");

  // Stored: a fresh context of the database sees the notice; the changes
  // are listed for the region and not for another.
  auto fresh = LoadDefaultContextFor(*db_);
  ASSERT_TRUE(fresh);
  EXPECT_TRUE((*fresh)->calendar().Covers(2027));
  EXPECT_EQ(Item1311(**fresh, D("2026-12-29")).deadline, D("2027-01-05"));
  CalendarStore store(*db_);
  auto changes = store.Changes("520102", 50);
  ASSERT_TRUE(changes);
  EXPECT_EQ(changes->size(), r->moved.size());
  EXPECT_TRUE(store.Changes("520302", 50)->empty());
  auto notices = store.Notices();
  ASSERT_TRUE(notices);
  ASSERT_EQ(notices->size(), 1u);
  EXPECT_EQ((*notices)[0].loaded_by, "officer_p");
  EXPECT_EQ((*notices)[0].notice.document, "测试〔2026〕1号");

  // Loading the year again replaces it and moves nothing more.
  auto again = LoadCalendarNotice(*db_, *shipped_, ServicesDataDir(), *notice, "officer_p", D("2026-12-29"),
                                  "2026-12-29T03:00:00Z");
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_TRUE(again->replaced);
  EXPECT_TRUE(again->moved.empty());
  EXPECT_NE(*CalendarNoticesStamp(*db_), *stamp_loaded) << "a reload changes the stamp too";
  EXPECT_EQ(store.Notices()->size(), 1u);
}

TEST_P(CalendarUpdateTest, AYearTheShippedCalendarCoversIsRefused) {
  std::string text = kNotice;
  text.replace(text.find("year: 2027"), 10, "year: 2026");
  for (const char* from : {"2027-01-01", "2027-01-03"}) text.replace(text.find(from), 4, "2026");
  auto notice = ParseCalendarNotice(text, "n.yaml");
  ASSERT_TRUE(notice) << notice.error().message;
  auto r = LoadCalendarNotice(*db_, *shipped_, ServicesDataDir(), *notice, "x", D("2026-12-29"), "t");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("已包含在系统内置"), std::string::npos);
  EXPECT_TRUE(CalendarStore(*db_).Notices()->empty());
}

QJY_INSTANTIATE_STORE_TEST(CalendarUpdateTest);

}  // namespace
}  // namespace qjy::services
