#include <atomic>
#include <map>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "core/credit_code.h"
#include "core/id_number.h"
#include "core/refdata.h"
#include "core/regions.h"
#include "core/utf8.h"
#include "gig/coverage.h"
#include "gig/gig_board.h"
#include "gig/gig_holds.h"
#include "gig/point_match.h"
#include "store/registry_store.h"
#include "store/store_test_support.h"
#include "core/date_test_support.h"

namespace qjy::gig {
namespace {

using store::Dialect;

using ::qjy::test_support::D;

const RegionIndex& Regions() {
  static const RegionIndex r = *RegionIndex::Load(RefdataDir());
  return r;
}

GigPost SamplePost() {
  GigPost p;
  p.county_code = "520102";
  p.employer_credit_code = "x";
  p.title = "搬运工";
  p.work_date = D("2024-03-02");
  p.start_min = 8 * 60;
  p.end_min = 12 * 60;
  p.place_region = "520102";
  p.pay_unit = PayUnit::kHour;
  p.pay_fen = 3000;  // 30 yuan/hour -> 120 yuan for 4 hours
  p.headcount = 2;
  return p;
}

Availability SampleAvail() {
  Availability a;
  a.county_code = "520102";
  a.person_id = 1;
  a.work_date = D("2024-03-02");
  a.start_min = 7 * 60;
  a.end_min = 13 * 60;
  a.area_region = "5201";
  a.min_day_pay_fen = 10000;
  return a;
}

TEST(PointMatchTest, FeasibleWithReasons) {
  auto m = MatchPoint(SamplePost(), SampleAvail());
  ASSERT_TRUE(m.feasible) << m.why_not;
  EXPECT_EQ(m.reasons, (std::vector<std::string>{"日期相同", "时间可覆盖", "同县", "报酬高于期望"}));
  EXPECT_EQ(SamplePost().DayPayFen(), 12000);
  // 30 (same county) + 20 (% above minimum) + 20 - 120/30 (spare) = 66
  EXPECT_EQ(m.score, 66);
}

TEST(PointMatchTest, EachHardConditionExcludes) {
  struct Case {
    const char* why;
    std::function<void(GigPost&, Availability&)> change;
  } cases[] = {
      {"日期不同", [](GigPost&, Availability& a) { a.work_date = D("2024-03-03"); }},
      {"空闲时间不能覆盖工作时间", [](GigPost&, Availability& a) { a.end_min = 11 * 60; }},
      {"工作地点不在意向区域", [](GigPost&, Availability& a) { a.area_region = "5203"; }},
      {"报酬低于期望", [](GigPost&, Availability& a) { a.min_day_pay_fen = 12001; }},
      {"岗位已满员或已关闭", [](GigPost& p, Availability&) { p.booked = 2; }},
  };
  for (const auto& c : cases) {
    GigPost p = SamplePost();
    Availability a = SampleAvail();
    c.change(p, a);
    auto m = MatchPoint(p, a);
    EXPECT_FALSE(m.feasible) << c.why;
    EXPECT_EQ(m.why_not, c.why);
  }
}

TEST(CoverageTest, CountiesMetLateMissing) {
  auto target = MarketTarget::LoadDefault();
  ASSERT_TRUE(target) << target.error().message;
  EXPECT_EQ(target->deadline, D("2023-06-30"));
  EXPECT_EQ(target->clause, "A4(十六)");
  std::vector<Market> markets = {
      {1, "520102", "南明区零工市场", "520102", "county", false, D("2023-05-01")},
      {2, "520103", "云岩区线上零工市场", "520103", "county", true, D("2023-06-30")},
      {3, "520111", "花溪区零工市场", "520111", "county", false, D("2023-07-01")},
  };
  auto rows = Coverage(Regions(), "5201", markets, *target);
  ASSERT_EQ(rows.size(), Regions().Count(RegionLevel::kCounty, "5201"));
  std::map<std::string, std::string> status;
  for (const auto& r : rows) status[r.county_code] = r.status;
  EXPECT_EQ(status["520102"], "met");
  EXPECT_EQ(status["520103"], "met");  // online counts ("线下或线上")
  EXPECT_EQ(status["520111"], "late");
  EXPECT_EQ(status["520112"], "missing");
  auto province = Coverage(Regions(), "52", markets, *target);
  EXPECT_EQ(province.size(), 88u);
  MarketTarget offline_only = *target;
  offline_only.online_counts = false;
  auto strict = Coverage(Regions(), "520103", markets, offline_only);
  ASSERT_EQ(strict.size(), 1u);
  EXPECT_EQ(strict[0].status, "missing");
}

class GigBoardTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    store::RegistryStore reg(*db_, vault_, Now());
    ASSERT_TRUE(reg.Migrate());
    ASSERT_TRUE(GigBoard::Migrate(*db_));
    auto tx = store::Transaction::Begin(*db_);
    ASSERT_TRUE(tx);
    registry::Employer e;
    e.county_code = "520102";
    e.credit_code = credit_ = std::string("91520102MA6DGQJYA") + *CreditCodeCheckChar("91520102MA6DGQJYA");
    e.name = "南明测试公司";
    e.region = "520102";
    ASSERT_TRUE(reg.UpsertEmployer(e, "test"));
    for (int i = 0; i < 3; ++i) {
      registry::Person p;
      std::string first17 = "5201021990010112" + std::to_string(i + 1);
      p.id_number = first17 + *ResidentIdCheckChar(first17);
      p.county_code = "520102";
      p.name = "工人" + std::to_string(i);
      p.birth_date = D("1990-01-01");
      p.ethnicity = "汉族";
      p.hukou_region = p.residence_region = "520102";
      ASSERT_TRUE(reg.UpsertPerson(p, "test"));
      persons_.push_back(p.person_id);
    }
    ASSERT_TRUE(tx->Commit());
  }
  static const Clock& Now() {
    static const ManualClock clock(1709251200);  // 2024-03-01T00:00:00Z
    return clock;
  }
  GigPost NewPost(int headcount, int start_h, int end_h) {
    GigPost p = SamplePost();
    p.employer_credit_code = credit_;
    p.headcount = headcount;
    p.start_min = start_h * 60;
    p.end_min = end_h * 60;
    GigBoard board(*db_, vault_, Now());
    auto r = board.Post(p, "officer");
    EXPECT_TRUE(r) << r.error().message;
    return *r;
  }
  Vault vault_ = Vault::FromKey([] {
    std::array<uint8_t, 32> k{};
    k.fill(3);
    return k;
  }());
  std::string credit_;
  std::vector<int64_t> persons_;
};

TEST_P(GigBoardTest, PostMatchBookCompleteCountsAsFlexibleEmployment) {
  GigBoard board(*db_, vault_, Now());
  GigPost post = NewPost(2, 8, 12);
  Availability a = SampleAvail();
  a.person_id = persons_[0];
  auto stored = board.AddAvailability(a);
  ASSERT_TRUE(stored) << stored.error().message;
  Availability far = SampleAvail();
  far.person_id = persons_[1];
  far.area_region = "5203";  // wants Zunyi only
  ASSERT_TRUE(board.AddAvailability(far));

  auto workers = board.WorkersFor(post.post_id, 10);
  ASSERT_TRUE(workers);
  ASSERT_EQ(workers->size(), 1u);
  EXPECT_EQ(workers->at(0).availability.person_id, persons_[0]);
  auto posts = board.PostsFor(stored->availability_id, 10);
  ASSERT_TRUE(posts);
  ASSERT_EQ(posts->size(), 1u);

  auto booking = board.Book(post.post_id, persons_[0], "officer");
  ASSERT_TRUE(booking) << booking.error().message;
  EXPECT_EQ(booking->status, "booked");
  auto twice = board.Book(post.post_id, persons_[0], "officer");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(board.WorkersFor(post.post_id, 10)->empty());  // booked workers drop out

  auto done = board.Complete(booking->booking_id, "officer");
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_GT(done->contract_id, 0);
  std::vector<store::Value> key = {done->contract_id};
  auto c = db_->Query("SELECT flexible, start_on, end_on, person_id, employer_credit_code FROM contracts WHERE contract_id = ?", key);
  ASSERT_TRUE(c);
  ASSERT_EQ(c->size(), 1u);
  EXPECT_EQ(c->at(0).Int(0), 1);
  EXPECT_EQ(c->at(0).Text(1), "2024-03-02");
  EXPECT_EQ(c->at(0).Text(2), "2024-03-02");
  EXPECT_EQ(c->at(0).Int(3), persons_[0]);
  EXPECT_EQ(c->at(0).Text(4), credit_);
  auto again = board.Complete(booking->booking_id, "officer");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST_P(GigBoardTest, WorkerTimeCannotOverlap) {
  GigBoard board(*db_, vault_, Now());
  GigPost morning = NewPost(5, 8, 12);
  GigPost midday = NewPost(5, 11, 15);
  GigPost afternoon = NewPost(5, 13, 17);
  ASSERT_TRUE(board.Book(morning.post_id, persons_[0], "o"));
  auto clash = board.Book(midday.post_id, persons_[0], "o");
  ASSERT_FALSE(clash);
  EXPECT_NE(clash.error().message.find("时间冲突"), std::string::npos);
  EXPECT_TRUE(board.Book(afternoon.post_id, persons_[0], "o"));
  EXPECT_EQ((*board.GetPost(midday.post_id))->booked, 0);  // nothing half-written
  auto unknown = board.Book(morning.post_id, 999999, "o");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

// Many bookers at once: the post never exceeds its headcount and no worker
// ends up with overlapping gigs.
TEST_P(GigBoardTest, ConcurrentBookingsNeverOverbook) {
  GigPost post = NewPost(2, 8, 12);
  GigPost other = NewPost(3, 9, 11);  // overlaps `post`
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      auto db = Open();
      if (!db) return;
      GigBoard board(**db, vault_, Now());
      int64_t person = persons_[t % 3];
      int64_t target = t < 3 ? post.post_id : other.post_id;
      for (int attempt = 0; attempt < 100; ++attempt) {
        auto r = board.Book(target, person, "o");
        if (r) {
          ++ok;
          return;
        }
        if (r.error().code == ErrorCode::kConflict &&
            r.error().message.find("事务") == std::string::npos &&
            r.error().message.find("serializ") == std::string::npos &&
            r.error().message.find("lock") == std::string::npos) {
          return;  // a real refusal (full, overlap)
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(3));
      }
    });
  }
  for (auto& th : threads) th.join();
  GigBoard board(*db_, vault_, Now());
  EXPECT_LE((*board.GetPost(post.post_id))->booked, 2);
  EXPECT_LE((*board.GetPost(other.post_id))->booked, 3);
  GigFilter f;
  f.limit = 100;
  auto bookings = board.ListBookings(f);
  ASSERT_TRUE(bookings);
  EXPECT_EQ(static_cast<int>(bookings->size()), ok.load());
  std::map<int64_t, int> per_person;
  for (const auto& b : *bookings) ++per_person[b.person_id];
  for (const auto& [person, n] : per_person) EXPECT_EQ(n, 1) << "person " << person << " double-booked";
  EXPECT_EQ(ok.load(), 3);  // 3 workers, each can hold exactly one of the overlapping gigs
}

// Cancelling frees the place (another worker can take it) and the worker's
// hours (they can take an overlapping gig); only a booked gig can be cancelled.
TEST_P(GigBoardTest, CancelFreesThePlaceAndTheHours) {
  GigBoard board(*db_, vault_, Now());
  GigPost post = NewPost(1, 8, 12);
  GigPost overlapping = NewPost(1, 10, 14);
  auto a = board.Book(post.post_id, persons_[0], "o");
  ASSERT_TRUE(a) << a.error().message;
  auto full = board.Book(post.post_id, persons_[1], "o");
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().code, ErrorCode::kConflict);
  ASSERT_FALSE(board.Book(overlapping.post_id, persons_[0], "o"));  // hours taken

  auto cancelled = board.Cancel(a->booking_id, "o");
  ASSERT_TRUE(cancelled) << cancelled.error().message;
  EXPECT_EQ(cancelled->status, "cancelled");
  EXPECT_EQ((*board.GetPost(post.post_id))->booked, 0);
  auto again = board.Cancel(a->booking_id, "o");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(board.Cancel(999999, "o").error().code, ErrorCode::kNotFound);

  auto b = board.Book(post.post_id, persons_[1], "o");  // the freed place
  ASSERT_TRUE(b) << b.error().message;
  auto moved = board.Book(overlapping.post_id, persons_[0], "o");  // the freed hours
  ASSERT_TRUE(moved) << moved.error().message;
  ASSERT_TRUE(board.Complete(b->booking_id, "o"));
  auto late = board.Cancel(b->booking_id, "o");
  ASSERT_FALSE(late);
  EXPECT_NE(late.error().message.find("已确认完工"), std::string::npos);
  EXPECT_EQ((*board.GetPost(post.post_id))->booked, 1);
}

// A cancelled booking does not block the same worker booking the same post
// again (migration 602: the unique index leaves cancelled rows out), while the
// index still refuses two live bookings of one worker on one post, even from a
// writer that skips GigBoard's checks.
TEST_P(GigBoardTest, CancelledBookingAllowsBookingTheSamePostAgain) {
  GigBoard board(*db_, vault_, Now());
  GigPost post = NewPost(2, 8, 12);
  auto first = board.Book(post.post_id, persons_[0], "o");
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_TRUE(board.Cancel(first->booking_id, "o"));
  auto second = board.Book(post.post_id, persons_[0], "o");
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_NE(second->booking_id, first->booking_id);
  EXPECT_EQ((*board.GetPost(post.post_id))->booked, 1);
  auto twice = board.Book(post.post_id, persons_[0], "o");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);

  std::vector<store::Value> raw = {post.post_id, persons_[0]};
  auto dup = db_->Exec(
      "INSERT INTO gig_bookings (county_code, post_id, person_id, work_date, start_min, end_min, "
      "status, booked_by, created_at) VALUES ('520102', ?, ?, '2024-03-02', 480, 720, 'booked', 'x', "
      "'2024-03-01T00:00:00Z')",
      raw);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);
  // Completed bookings stay in the index too.
  ASSERT_TRUE(board.Complete(second->booking_id, "o"));
  auto after_done = board.Book(post.post_id, persons_[0], "o");
  ASSERT_FALSE(after_done);
  EXPECT_EQ(after_done.error().code, ErrorCode::kConflict);
}

// Issue #17 §3: a held post is in no list until approved; a review
// happens once; a rejected hold never becomes a post.
TEST_P(GigBoardTest, HeldPostIsInvisibleUntilApprovedOnce) {
  GigBoard board(*db_, vault_, Now());
  GigHolds holds(*db_, board);
  GigPost p = SamplePost();
  p.employer_credit_code = credit_;
  p.title = "临时工（限男性）";
  auto h = holds.Hold(p, R"([{"category":"sex"}])", "警示", "employer1", "2024-03-01T00:00:00Z");
  ASSERT_TRUE(h) << h.error().message;
  EXPECT_EQ(h->status, "pending");
  EXPECT_EQ(h->post.post_id, 0);
  EXPECT_EQ(h->post.title, p.title);
  EXPECT_EQ(h->post.pay_fen, p.pay_fen);
  EXPECT_EQ(h->post.work_date, p.work_date);
  GigFilter all;
  EXPECT_TRUE(board.ListPosts(all)->empty());
  auto second = holds.Hold(p, "[]", "警示", "employer1", "2024-03-01T00:00:00Z");
  ASSERT_TRUE(second);
  ASSERT_TRUE(holds.Review(second->hold_id, false, "officer", "歧视", "2024-03-01T01:00:00Z"));

  auto done = holds.Review(h->hold_id, true, "officer", "已核实", "2024-03-01T01:00:00Z");
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_NE(done->post.post_id, 0);
  auto again = holds.Review(h->hold_id, true, "officer2", "", "2024-03-01T02:00:00Z");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  auto posts = board.ListPosts(all);
  ASSERT_EQ(posts->size(), 1u);  // the approved one only, not the rejected one
  EXPECT_EQ(posts->at(0).post_id, done->post.post_id);
  GigHoldFilter pending;
  pending.status = "pending";
  EXPECT_TRUE(holds.List(pending)->empty());
  GigHoldFilter elsewhere;
  elsewhere.region_prefix = "5203";
  EXPECT_TRUE(holds.List(elsewhere)->empty());
  EXPECT_EQ(holds.List(GigHoldFilter{})->size(), 2u);
  EXPECT_EQ(holds.Review(999, true, "officer", "", "x").error().code, ErrorCode::kNotFound);
}

// Issue #14: a seeker sees the posts of their own county first, then their
// prefecture's, then the rest, one page at a time.
TEST_P(GigBoardTest, NearCountyFirstThenPrefectureThenRestPaged) {
  GigBoard board(*db_, vault_, Now());
  auto add = [&](const char* county, const char* date) {
    GigPost p = SamplePost();
    p.employer_credit_code = credit_;
    p.county_code = p.place_region = county;
    p.work_date = D(date);
    auto r = board.Post(p, "officer");
    EXPECT_TRUE(r) << r.error().message;
    return r->post_id;
  };
  const int64_t far = add("520302", "2024-03-02");      // 遵义: another prefecture, earliest
  const int64_t pref = add("520111", "2024-03-03");     // 花溪: same prefecture
  const int64_t own_late = add("520102", "2024-03-05");
  const int64_t own = add("520102", "2024-03-04");
  GigFilter f;
  f.near_county = "520102";
  auto posts = board.ListPosts(f);
  ASSERT_TRUE(posts) << posts.error().message;
  std::vector<int64_t> ids;
  for (const auto& p : *posts) ids.push_back(p.post_id);
  EXPECT_EQ(ids, (std::vector<int64_t>{own, own_late, pref, far}));
  f.limit = 2;
  f.offset = 2;
  posts = board.ListPosts(f);
  ASSERT_EQ(posts->size(), 2u);
  EXPECT_EQ(posts->at(0).post_id, pref);
  EXPECT_EQ(*board.CountPosts(f), 4);
  GigFilter plain;  // without a home county: by work date
  EXPECT_EQ(board.ListPosts(plain)->front().post_id, far);
  plain.region_prefix = "5201";
  EXPECT_EQ(*board.CountPosts(plain), 3);
}

TEST_P(GigBoardTest, ValidationNamesFields) {
  GigPost p = SamplePost();
  p.headcount = 0;
  p.pay_fen = 0;
  p.start_min = 13 * 60;
  p.end_min = 12 * 60;
  p.work_date = D("2024-02-01");
  registry::FieldErrors errors;
  EXPECT_FALSE(GigBoard::ValidatePost(p, Regions(), D("2024-03-01"), errors));
  std::set<std::string> fields;
  for (const auto& e : errors) fields.insert(e.field);
  EXPECT_EQ(fields, (std::set<std::string>{"用工人数", "报酬(分)", "工作时间", "用工日期"}));
  Availability a = SampleAvail();
  a.area_region = "999999";
  errors.clear();
  EXPECT_FALSE(GigBoard::ValidateAvailability(a, Regions(), D("2024-03-01"), errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "意向区域");
}

// Over-long Chinese titles and skills are shown by their first characters,
// never cut inside one.
TEST_P(GigBoardTest, LongChineseValuesAreShownWholeCharacters) {
  GigPost p = SamplePost();
  p.title = "a";
  for (int i = 0; i < 70; ++i) p.title += "搬运工";
  registry::FieldErrors errors;
  EXPECT_FALSE(GigBoard::ValidatePost(p, Regions(), D("2024-03-01"), errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "零工名称");
  EXPECT_TRUE(IsValidUtf8(errors[0].value)) << errors[0].value;
  EXPECT_EQ(Utf8Length(errors[0].value), 20u);
  Availability a = SampleAvail();
  a.skills = "b";
  for (int i = 0; i < 120; ++i) a.skills += "焊接";
  errors.clear();
  EXPECT_FALSE(GigBoard::ValidateAvailability(a, Regions(), D("2024-03-01"), errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "技能");
  EXPECT_TRUE(IsValidUtf8(errors[0].value)) << errors[0].value;
  EXPECT_EQ(Utf8Length(errors[0].value), 30u);
}

QJY_INSTANTIATE_STORE_TEST(GigBoardTest);

}  // namespace
}  // namespace qjy::gig
