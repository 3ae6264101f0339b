// 职业培训补贴 / 生活费补贴 decisions on both sides of each boundary, with
// the shipped parameters (policy/params/training.yaml).
#include "training/subsidy.h"

#include <gtest/gtest.h>

#include "policy/policy_dir.h"
#include "core/date_test_support.h"

namespace qjy::training {
namespace {

using ::qjy::test_support::D;

const policy::ParameterSet& Params() {
  static const policy::ParameterSet p = [] {
    auto s = policy::ParameterSet::LoadDir(policy::DefaultParamsDir());
    EXPECT_TRUE(s) << s.error().message;
    return s.value_or(policy::ParameterSet());
  }();
  return p;
}

// A registered unemployed person who completed a 40-hour 就业技能培训
// course with `hours` attended over `days` days.
SubsidyFacts Facts(int hours = 40, int days = 5) {
  SubsidyFacts f;
  f.course.course_id = 7;
  f.course.county_code = "520102";
  f.course.kind = "employment";
  f.course.hours = 40;
  f.course.start_on = D("2024-03-01");
  f.course.end_on = D("2024-03-10");
  f.enrolment.enrolment_id = 3;
  f.enrolment.person_id = 42;
  f.enrolment.course_id = 7;
  f.enrolment.enrolled_on = D("2024-02-20");
  f.enrolment.hours_attended = hours;
  f.enrolment.days_attended = days;
  f.enrolment.status = "completed";
  f.enrolment.completed_on = D("2024-03-10");
  f.enrolment.cert_kind = "skill_level";
  f.enrolment.cert_level = 4;
  f.enrolment.cert_on = D("2024-03-20");
  f.registered = true;
  return f;
}

const policy::Condition* Cond(const policy::Decision& d, const std::string& id) {
  for (const auto& c : d.conditions) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

const Date kOn = D("2024-04-01");

TEST(TrainingSubsidyTest, PaidByCertificateLevelWithTheParametersCited) {
  const auto d = DecideTraining(Params(), Facts(), kOn);
  EXPECT_TRUE(d.eligible);
  EXPECT_EQ(d.amount_fen, 120000);  // 四级
  EXPECT_EQ(d.rule, "T1");
  EXPECT_EQ(d.once_key, "T1|P:42|42|course:7");
  bool cited = false;
  for (const auto& p : d.params_used) cited |= p.starts_with("training.min_attendance_bp = 8000");
  EXPECT_TRUE(cited);
  struct Case {
    std::string kind;
    int level;
    int64_t fen;
  } cases[] = {{"skill_level", 5, 80000},   {"skill_level", 4, 120000}, {"skill_level", 3, 160000},
               {"skill_level", 2, 200000},  {"skill_level", 1, 200000}, {"qualification", 0, 80000}};
  for (const auto& k : cases) {
    SubsidyFacts f = Facts();
    f.enrolment.cert_kind = k.kind;
    f.enrolment.cert_level = k.level;
    EXPECT_EQ(DecideTraining(Params(), f, kOn).amount_fen, k.fen) << k.level;
  }
}

TEST(TrainingSubsidyTest, AttendanceShareBoundary) {
  // 32/40 = 80.00 % passes (含本数); 31/40 = 77.50 % fails.
  EXPECT_TRUE(DecideTraining(Params(), Facts(32), kOn).eligible);
  const auto d = DecideTraining(Params(), Facts(31), kOn);
  EXPECT_FALSE(d.eligible);
  const auto* c = Cond(d, "attendance");
  ASSERT_NE(c, nullptr);
  EXPECT_FALSE(c->pass);
  EXPECT_EQ(c->seen, "出勤 31/40 学时（77.50%，要求 80.00%）");
  EXPECT_TRUE(DecideLiving(Params(), Facts(32), kOn).eligible);
  EXPECT_FALSE(DecideLiving(Params(), Facts(31), kOn).eligible);
}

TEST(TrainingSubsidyTest, UnregisteredPersonRefusedWithTheReason) {
  SubsidyFacts f = Facts();
  f.registered = false;
  const auto d = DecideTraining(Params(), f, kOn);
  EXPECT_FALSE(d.eligible);
  const auto* c = Cond(d, "target_group");
  ASSERT_NE(c, nullptr);
  EXPECT_FALSE(c->pass);
  EXPECT_FALSE(c->unknown);
  EXPECT_NE(c->seen.find("2024-02-20 未进行失业登记，且不属于高校毕业生"), std::string::npos) << c->seen;
  EXPECT_EQ(c->clause, "A3(五)2");
  EXPECT_TRUE(d.missing_data.empty());
  // A member of an enabled group passes without registration (T1), not for T2.
  f.groups = {"relocated"};
  EXPECT_TRUE(DecideTraining(Params(), f, kOn).eligible);
  const auto living = DecideLiving(Params(), f, kOn);
  EXPECT_FALSE(living.eligible);
  EXPECT_EQ(Cond(living, "target_group")->seen, "2024-02-20 未进行失业登记");
}

TEST(TrainingSubsidyTest, UnknownRegistrationIsUnknownNotFalse) {
  SubsidyFacts f = Facts();
  f.registered.reset();
  const auto d = DecideTraining(Params(), f, kOn);
  EXPECT_FALSE(d.eligible);
  const auto* c = Cond(d, "target_group");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->unknown);
  ASSERT_EQ(d.missing_data.size(), 1u);
  EXPECT_NE(d.missing_data[0].find("失业登记记录"), std::string::npos);
  EXPECT_TRUE(Cond(DecideLiving(Params(), f, kOn), "target_group")->unknown);
}

TEST(TrainingSubsidyTest, CertificateNeededExceptForStartUpTraining) {
  SubsidyFacts f = Facts();
  f.enrolment.cert_kind.clear();
  f.enrolment.cert_on.reset();
  const auto d = DecideTraining(Params(), f, kOn);
  EXPECT_FALSE(d.eligible);
  EXPECT_FALSE(Cond(d, "certificate")->pass);
  f.course.kind = "startup";
  const auto s = DecideTraining(Params(), f, kOn);
  EXPECT_TRUE(s.eligible);
  EXPECT_EQ(s.amount_fen, 100000);
  // Not completed: refused.
  f.enrolment.status = "enrolled";
  f.enrolment.completed_on.reset();
  EXPECT_FALSE(Cond(DecideTraining(Params(), f, kOn), "completed")->pass);
}

TEST(TrainingSubsidyTest, OncePerYear) {
  SubsidyFacts f = Facts();
  f.paid_same_year = 1;
  const auto d = DecideTraining(Params(), f, kOn);
  EXPECT_FALSE(d.eligible);
  EXPECT_EQ(Cond(d, "max_per_year")->seen, "2024年已享受 1 次（上限 1 次）");
}

TEST(TrainingSubsidyTest, LivingSubsidyPerDayCapped) {
  EXPECT_EQ(DecideLiving(Params(), Facts(40, 10), kOn).amount_fen, 30000);
  EXPECT_EQ(DecideLiving(Params(), Facts(40, 60), kOn).amount_fen, 180000);
  EXPECT_EQ(DecideLiving(Params(), Facts(40, 61), kOn).amount_fen, 180000);
  const auto d = DecideLiving(Params(), Facts(40, 61), kOn);
  EXPECT_EQ(d.once_key, "T2|P:42|42|course:7");
  ASSERT_FALSE(d.amount_steps.empty());
  EXPECT_EQ(d.amount_steps[0], "出勤 61 日，计补 60 日（上限 60 日）× 30.00元 = 1,800.00元");
}

}  // namespace
}  // namespace qjy::training
