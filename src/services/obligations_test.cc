#include "services/obligations.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "core/refdata.h"
#include "core/date_test_support.h"

namespace qjy::services {
namespace {

using ::qjy::test_support::D;

class ObligationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cal = WorkCalendar::Load(RefdataDir());
    ASSERT_TRUE(cal) << cal.error().message;
    for (int y = 2023; y <= 2026; ++y) {
      if (!cal->Covers(y)) GTEST_SKIP() << "holiday calendar lacks " << y;
    }
    auto idx = WorkdayIndex::Build(*cal);
    ASSERT_TRUE(idx);
    index_ = std::make_unique<WorkdayIndex>(std::move(*idx));
    auto cat = PackageCatalog::LoadDefault();
    ASSERT_TRUE(cat) << cat.error().message;
    catalog_ = std::make_unique<PackageCatalog>(std::move(*cat));
    engine_ = std::make_unique<ObligationEngine>(*catalog_, *index_);
  }

  std::map<std::string, Obligation> Eval(const RegistrationFacts& reg,
                                         std::vector<RecordFact> records, Date as_of) {
    std::sort(records.begin(), records.end(),
              [](const RecordFact& a, const RecordFact& b) { return a.on < b.on; });
    std::vector<Obligation> out;
    auto r = engine_->Evaluate(reg, records, as_of, out);
    EXPECT_TRUE(r) << r.error().message;
    std::map<std::string, Obligation> by_id;
    for (auto& o : out) by_id[o.package->id] = o;
    return by_id;
  }

  static RegistrationFacts Reg(const char* on, uint32_t flags = 0) {
    RegistrationFacts f;
    f.registration_id = 7;
    f.registered_on = D(on);
    f.found_on = D(on);
    f.flags = flags;
    return f;
  }
  static RecordFact Rec(ServiceKind k, const char* on, int64_t job = 0, int64_t reg = 7) {
    return RecordFact{reg, k, D(on), job};
  }

  std::unique_ptr<WorkdayIndex> index_;
  std::unique_ptr<PackageCatalog> catalog_;
  std::unique_ptr<ObligationEngine> engine_;
};

using SK = ServiceKind;
using OS = ObligationStatus;

// Found on Thursday 2024-02-08 before the Spring Festival: the 5th working
// day after is 2024-02-21 (9 Feb, Sun 18 Feb make-up, 19, 20, 21).
std::vector<RecordFact> Full1311(const char* last_day) {
  return {{7, SK::kPolicyBriefing, D("2024-02-09"), 0},
          {7, SK::kJobRecommendation, D("2024-02-09"), 101},
          {7, SK::kJobRecommendation, D("2024-02-18"), 102},
          {7, SK::kJobRecommendation, D("2024-02-19"), 103},
          {7, SK::kCareerGuidance, D("2024-02-20"), 0},
          {7, SK::kTrainingOffer, D(last_day), 0}};
}

TEST_F(ObligationsTest, Met1311OnTheFifthWorkingDayAcrossSpringFestival) {
  auto obs = Eval(Reg("2024-02-08"), Full1311("2024-02-21"), D("2024-02-26"));
  ASSERT_TRUE(obs.contains("1311"));
  EXPECT_EQ(obs["1311"].deadline.ToString(), "2024-02-21");
  EXPECT_EQ(obs["1311"].status, OS::kMet);
  EXPECT_EQ(obs["1311"].met_on->ToString(), "2024-02-21");
  // The same three recommendations also serve the short-term level.
  EXPECT_EQ(obs["level_short"].status, OS::kMet);
}

TEST_F(ObligationsTest, RecordAfterDeadlineIsMetLateNotOnTime) {
  auto obs = Eval(Reg("2024-02-08"), Full1311("2024-02-22"), D("2024-02-26"));
  EXPECT_EQ(obs["1311"].status, OS::kMetLate);
  EXPECT_EQ(obs["1311"].met_on->ToString(), "2024-02-22");
  // As of the deadline itself, before the late record: still due; a day later overdue.
  EXPECT_EQ(Eval(Reg("2024-02-08"), Full1311("2024-02-22"), D("2024-02-21"))["1311"].status, OS::kDue);
  auto mid = Eval(Reg("2024-02-08"), Full1311("2024-02-23"), D("2024-02-22"));
  EXPECT_EQ(mid["1311"].status, OS::kOverdue);
  EXPECT_EQ(mid["1311"].delivered, (std::vector<int>{1, 3, 1, 0}));
}

TEST_F(ObligationsTest, RecommendationsMustBeDistinctJobs) {
  auto recs = Full1311("2024-02-20");
  recs[3].job_id = 102;  // same job recommended twice
  auto obs = Eval(Reg("2024-02-08"), recs, D("2024-02-26"));
  EXPECT_EQ(obs["1311"].status, OS::kOverdue);
  EXPECT_EQ(obs["1311"].delivered[1], 2);
  recs[3].job_id = 0;  // a recommendation without a job does not count
  EXPECT_EQ(Eval(Reg("2024-02-08"), recs, D("2024-02-26"))["1311"].delivered[1], 2);
}

TEST_F(ObligationsTest, VeteransGetTheShorterPriorityDeadline) {
  auto obs = Eval(Reg("2024-02-08", static_cast<uint32_t>(Flag::kVeteran)), Full1311("2024-02-21"),
                  D("2024-02-26"));
  EXPECT_TRUE(obs["1311"].priority);
  EXPECT_EQ(obs["1311"].deadline.ToString(), "2024-02-19");
  EXPECT_EQ(obs["1311"].status, OS::kMetLate);
}

TEST_F(ObligationsTest, NationalDay2025Deadline) {
  auto obs = Eval(Reg("2025-09-26"), {}, D("2025-10-10"));
  EXPECT_EQ(obs["1311"].deadline.ToString(), "2025-10-10");
  EXPECT_EQ(obs["1311"].status, OS::kDue);
  EXPECT_EQ(Eval(Reg("2025-09-26"), {}, D("2025-10-11"))["1311"].status, OS::kOverdue);
}

TEST_F(ObligationsTest, MovingUpALevelStartsNewObligationsFromThatDay) {
  // Registered 2023-07-10: mid-short from 2023-08-11.
  std::vector<RecordFact> recs = {Rec(SK::kJobRecommendation, "2023-07-11", 1),
                                  Rec(SK::kJobRecommendation, "2023-07-12", 2),
                                  Rec(SK::kJobRecommendation, "2023-07-13", 3),
                                  Rec(SK::kCareerGuidance, "2023-07-14")};
  auto before = Eval(Reg("2023-07-10"), recs, D("2023-08-10"));
  EXPECT_FALSE(before.contains("level_mid_short"));
  EXPECT_EQ(before["level_short"].status, OS::kMet);
  auto after = Eval(Reg("2023-07-10"), recs, D("2023-08-11"));
  ASSERT_TRUE(after.contains("level_mid_short"));
  EXPECT_EQ(after["level_mid_short"].start.ToString(), "2023-08-11");
  EXPECT_EQ(after["level_mid_short"].status, OS::kDue);
  // Records from the short-term period do not count for the new level.
  EXPECT_EQ(after["level_mid_short"].delivered, (std::vector<int>{0, 0}));
  // Level end 2024-01-10 (Wednesday) is the mid-short deadline.
  EXPECT_EQ(after["level_mid_short"].deadline.ToString(), "2024-01-10");
}

TEST_F(ObligationsTest, LevelEndOnAHolidayMovesToNextWorkingDay) {
  // Registered 2023-09-01: short-term ends 2023-10-01 (National Day) -> 2023-10-07 (make-up Saturday).
  auto obs = Eval(Reg("2023-09-01"), {}, D("2023-09-05"));
  EXPECT_EQ(obs["level_short"].deadline.ToString(), "2023-10-07");
}

TEST_F(ObligationsTest, GraduateWhoIsAlsoLongTermOwesBothPackages) {
  uint32_t flags = static_cast<uint32_t>(Flag::kGraduate);
  std::vector<RecordFact> recs = {
      Rec(SK::kCareerGuidance, "2023-07-05"), Rec(SK::kJobRecommendation, "2023-07-06", 1),
      Rec(SK::kJobRecommendation, "2023-07-07", 2), Rec(SK::kJobRecommendation, "2023-07-10", 3),
      Rec(SK::kInternshipOffer, "2023-07-11")};
  EXPECT_EQ(Eval(Reg("2023-07-03", flags), recs, D("2024-07-10"))["level_long"].status, OS::kDue);
  auto obs = Eval(Reg("2023-07-03", flags), recs, D("2024-07-19"));
  EXPECT_EQ(obs["graduate_131"].status, OS::kMet);  // internship fits "training or internship"
  ASSERT_TRUE(obs.contains("level_long"));
  EXPECT_EQ(obs["level_long"].start.ToString(), "2024-07-04");
  EXPECT_EQ(obs["level_long"].status, OS::kOverdue);  // no plan within 10 working days
  EXPECT_EQ(obs["level_long"].deadline.ToString(), "2024-07-18");
  EXPECT_EQ(obs["level_mid_long"].status, OS::kOverdue);
  EXPECT_EQ(obs.size(), 6u);  // 1311, 131, four levels
}

TEST_F(ObligationsTest, ClosingLapsesOpenObligationsAndStartsFollowUp) {
  RegistrationFacts reg = Reg("2024-03-04");
  reg.closed_on = D("2024-03-06");
  reg.reemployed = true;
  auto obs = Eval(reg, {Rec(SK::kJobRecommendation, "2024-03-05", 9)}, D("2024-04-30"));
  EXPECT_EQ(obs["1311"].status, OS::kLapsed);
  EXPECT_FALSE(obs.contains("level_mid_short"));
  ASSERT_TRUE(obs.contains("follow_up_visit"));
  EXPECT_EQ(obs["follow_up_visit"].start.ToString(), "2024-03-06");
  EXPECT_EQ(obs["follow_up_visit"].status, OS::kOverdue);
  auto visited = Eval(reg, {Rec(SK::kFollowUpVisit, "2024-03-20")}, D("2024-04-30"));
  EXPECT_EQ(visited["follow_up_visit"].status, OS::kMet);
}

TEST_F(ObligationsTest, ReRegistrationAfterShortJobStartsAfresh) {
  // First registration closed re-employed; second one 3 weeks later: its own 1311.
  RegistrationFacts second = Reg("2024-04-08");
  second.registration_id = 8;
  std::vector<RecordFact> recs = {Rec(SK::kJobRecommendation, "2024-03-05", 1, 7),
                                  Rec(SK::kJobRecommendation, "2024-03-06", 2, 7),
                                  Rec(SK::kJobRecommendation, "2024-03-07", 3, 7)};
  auto obs = Eval(second, recs, D("2024-04-09"));
  EXPECT_EQ(obs["level_short"].delivered, (std::vector<int>{0}));
  EXPECT_EQ(obs["1311"].start.ToString(), "2024-04-08");
}

TEST_F(ObligationsTest, OnePlanPerGraduateInDifficultyAcrossRegistrations) {
  RegistrationFacts second = Reg("2024-04-08", static_cast<uint32_t>(Flag::kGraduateDifficulty));
  second.registration_id = 8;
  auto obs = Eval(second, {Rec(SK::kIndividualPlan, "2024-01-15", 0, 7)}, D("2024-04-09"));
  EXPECT_EQ(obs["graduate_plan"].status, OS::kMet);
  auto none = Eval(second, {}, D("2024-04-30"));
  EXPECT_EQ(none["graduate_plan"].status, OS::kOverdue);
}

}  // namespace
}  // namespace qjy::services
