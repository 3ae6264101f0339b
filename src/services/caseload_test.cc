// The queue's lean load (Caseload::LoadForQueue) against the full one, on
// SQLite and PostgreSQL: over a random history (registrations opened and
// closed for every reason, records of every kind, some before, some after
// the day asked, the same service entered many times on one day), the
// officers' queue is the same item for item on every day looked at, while
// the lean load holds fewer registrations and records.
#include "services/caseload.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "services/calendar_update.h"
#include "services/services_store.h"
#include "services/worklist.h"
#include "store/store_test_support.h"
#include "core/date_test_support.h"

namespace qjy::services {
namespace {

using store::testing::StoreTest;

using ::qjy::test_support::D;

std::string Describe(const WorkItem& w) {
  return std::to_string(w.registration_id) + "/" + w.package_id + " " + w.start.ToString() + "→" +
         w.deadline.ToString() + " " + w.detail + " [" + std::to_string(static_cast<int>(w.bucket)) + "]";
}

class CaseloadTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ServicesStore store(*db_);
    ASSERT_TRUE(store.Migrate());
    std::mt19937 rng(20261204);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    const Date first = D("2025-01-06");
    const CloseReason reasons[] = {CloseReason::kReemployed, CloseReason::kWithdrawn, CloseReason::kMoved,
                                   CloseReason::kRetired, CloseReason::kOther};
    ASSERT_TRUE(db_->Begin());
    for (int person = 1; person <= 80; ++person) {
      Date on = first.AddDays(pick(400));
      const int spells = 1 + pick(3);
      for (int s = 0; s < spells; ++s) {
        Registration r;
        r.person_id = person;
        r.county_code = person % 3 == 0 ? "520111" : "520102";
        r.region_code = r.county_code + (person % 2 ? "003" : "016");
        r.registered_on = on;
        r.found_on = on.AddDays(-pick(3));
        r.channel = "counter";
        r.officer = person % 4 == 0 ? "officer_b" : "officer_a";
        r.flags = pick(4) == 0 ? 1u : 0u;
        auto added = store.AddRegistration(r);
        ASSERT_TRUE(added) << added.error().message;
        const bool last = s + 1 == spells;
        const bool closes = !last || pick(3) > 0;
        const Date close_on = on.AddDays(5 + pick(200));
        // Records while open (some late, some never), and follow-ups after
        // a re-employment.
        const int n = pick(8);
        for (int k = 0; k < n; ++k) {
          ServiceRecord rec;
          rec.registration_id = r.registration_id;
          rec.person_id = person;
          rec.county_code = r.county_code;
          rec.kind = kAllServiceKinds[pick(6)];
          rec.delivered_on = on.AddDays(pick(40));
          if (closes && rec.delivered_on >= close_on) continue;
          rec.officer = r.officer;
          if (rec.kind == ServiceKind::kJobRecommendation) rec.job_id = 1 + pick(5);
          // Sometimes the same service entered again and again on one day
          // (the lean load keeps at most MostCounted() of them).
          const int times = pick(4) == 0 ? 2 + pick(8) : 1;
          for (int t = 0; t < times; ++t) {
            ServiceRecord again = rec;
            auto rec_added = store.AddRecord(again);
            ASSERT_TRUE(rec_added) << rec_added.error().message;
          }
        }
        if (!closes) break;
        const CloseReason why = reasons[pick(5)];
        ASSERT_TRUE(store.CloseRegistration(r.registration_id, close_on, why, ""));
        if (why == CloseReason::kReemployed && pick(2) == 0) {
          ServiceRecord visit;
          visit.registration_id = r.registration_id;
          visit.person_id = person;
          visit.county_code = r.county_code;
          visit.kind = ServiceKind::kFollowUpVisit;
          visit.delivered_on = close_on.AddDays(pick(30));
          visit.officer = r.officer;
          auto v = store.AddRecord(visit);
          ASSERT_TRUE(v) << v.error().message;
        }
        on = close_on.AddDays(1 + pick(60));
      }
    }
    ASSERT_TRUE(db_->Commit());
  }
};

TEST_P(CaseloadTest, TheQueueFromTheLeanLoadIsTheQueueFromTheFullLoad) {
  auto ctx = LoadDefaultContextFor(*db_);
  ASSERT_TRUE(ctx) << ctx.error().message;
  ServicesStore store(*db_);
  int compared_items = 0;
  bool leaner = false;
  for (const char* day : {"2025-01-03", "2025-02-10", "2025-06-30", "2025-11-14", "2026-03-02", "2026-12-04"}) {
    for (const char* region : {"52", "520102", "520111003"}) {
      for (const char* officer : {"", "officer_b"}) {
        const Date as_of = D(day);
        auto full = Caseload::Load(store, region);
        auto lean = Caseload::LoadForQueue(store, region, as_of, (*ctx)->engine().MostCounted());
        ASSERT_TRUE(full) << full.error().message;
        ASSERT_TRUE(lean) << lean.error().message;
        auto a = ObligationQueue(*full, (*ctx)->engine(), (*ctx)->workdays(), as_of, officer);
        auto b = ObligationQueue(*lean, (*ctx)->engine(), (*ctx)->workdays(), as_of, officer);
        ASSERT_TRUE(a && b);
        ASSERT_EQ(a->size(), b->size()) << day << " " << region << " " << officer;
        for (size_t i = 0; i < a->size(); ++i) {
          EXPECT_EQ(Describe((*a)[i]), Describe((*b)[i])) << day << " " << region;
        }
        compared_items += static_cast<int>(a->size());
        size_t full_facts = 0, lean_facts = 0;
        for (size_t i = 0; i < full->size(); ++i) full_facts += full->RecordFacts(i).size();
        for (size_t i = 0; i < lean->size(); ++i) lean_facts += lean->RecordFacts(i).size();
        EXPECT_LE(lean->size(), full->size());
        if (lean->size() < full->size() && lean_facts < full_facts) leaner = true;
        for (size_t i = 0; i < lean->size(); ++i) EXPECT_TRUE(lean->Records(i).empty());
      }
    }
  }
  EXPECT_GT(compared_items, 40) << "the history gave too few queue items to compare";
  EXPECT_TRUE(leaner) << "the lean load never left anything out";
}

TEST_P(CaseloadTest, IdenticalRecordsComeAtMostMaxRepeatTimes) {
  ServicesStore store(*db_);
  Registration r;
  r.person_id = 999;
  r.county_code = "520102";
  r.region_code = "520102003";
  r.registered_on = r.found_on = D("2026-11-02");
  r.channel = "counter";
  r.officer = "officer_a";
  ASSERT_TRUE(store.AddRegistration(r));
  auto add = [&](ServiceKind kind, const char* on, int64_t job, int times) {
    for (int t = 0; t < times; ++t) {
      ServiceRecord rec;
      rec.registration_id = r.registration_id;
      rec.person_id = 999;
      rec.county_code = "520102";
      rec.kind = kind;
      rec.delivered_on = D(on);
      rec.officer = "officer_a";
      rec.job_id = job;
      ASSERT_TRUE(store.AddRecord(rec));
    }
  };
  add(ServiceKind::kCareerGuidance, "2026-11-03", 0, 5);
  add(ServiceKind::kJobRecommendation, "2026-11-03", 7, 4);
  add(ServiceKind::kJobRecommendation, "2026-11-04", 7, 1);  // another day: another fact
  add(ServiceKind::kPolicyBriefing, "2026-11-05", 0, 2);     // after the day asked: left out
  auto count = [&](int max_repeat) {
    auto facts = store.QueueRecordFacts("520102003", D("2026-11-04"), max_repeat);
    EXPECT_TRUE(facts) << facts.error().message;
    std::map<std::string, int> n;
    for (const auto& f : *facts) {
      if (f.person_id == 999) ++n[std::string(ServiceKindCode(f.fact.kind)) + " " + f.fact.on.ToString()];
    }
    return n;
  };
  using M = std::map<std::string, int>;
  EXPECT_EQ(count(3), (M{{"career_guidance 2026-11-03", 3},
                         {"job_recommendation 2026-11-03", 3},
                         {"job_recommendation 2026-11-04", 1}}));
  EXPECT_EQ(count(1), (M{{"career_guidance 2026-11-03", 1},
                         {"job_recommendation 2026-11-03", 1},
                         {"job_recommendation 2026-11-04", 1}}));
  EXPECT_EQ(count(10)["career_guidance 2026-11-03"], 5);
}

QJY_INSTANTIATE_STORE_TEST(CaseloadTest);

}  // namespace
}  // namespace qjy::services
