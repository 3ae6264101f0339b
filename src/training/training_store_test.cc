// Providers, courses, enrolment (capacity, one per person), attendance,
// completion, certificates, employment after training and the subsidies
// paid once through the ledger, on SQLite and PostgreSQL
// (scripts/with-postgres.sh).
#include "training/training_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "auth/clock.h"
#include "core/vault.h"
#include "policy/engine.h"
#include "policy/ledger.h"
#include "policy/policy_dir.h"
#include "policy/world_loader.h"
#include "services/services_schema.h"
#include "store/employment_schema.h"
#include "store/registry_schema.h"
#include "store/registry_store.h"
#include "store/store_test_support.h"
#include "training/subsidy.h"
#include "training/training_stats.h"
#include "core/date_test_support.h"

namespace qjy::training {
namespace {

using store::Dialect;
using store::Value;

using ::qjy::test_support::D;
constexpr char kEmployer[] = "91520102MA6DKQ8X2B";

class TrainingStoreTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(store::ApplyMigrations(*db_, store::RegistryMigrations()));
    ASSERT_TRUE(store::ApplyMigrations(*db_, store::EmploymentMigrations()));
    ASSERT_TRUE(store::ApplyMigrations(*db_, services::ServicesMigrations()));
    store_ = std::make_unique<TrainingStore>(*db_);
    auto m = store_->Migrate();
    ASSERT_TRUE(m) << m.error().message;
    auto p = policy::ParameterSet::LoadDir(policy::DefaultParamsDir());
    ASSERT_TRUE(p) << p.error().message;
    params_ = *p;
    Exec("INSERT INTO employers (county_code, credit_code, name, type, size, region, insured_headcount, "
         "key_enterprise, created_at, updated_at) VALUES ('520102', ?, '贵阳某公司', 'enterprise', 'small', '520102', 10, "
         "0, 'x', 'x')",
         {std::string(kEmployer)});
    auto prov = store_->AddProvider({0, "520102", "贵阳市某职业培训学校", "", "", ""}, "officer");
    ASSERT_TRUE(prov) << prov.error().message;
    provider_ = prov->provider_id;
  }
  void TearDown() override {
    store_.reset();
    StoreTest::TearDown();
  }
  void Exec(const std::string& sql, std::vector<Value> params = {}) {
    auto r = db_->Exec(sql, params);
    ASSERT_TRUE(r) << r.error().message << "\n" << sql;
  }
  int64_t Count(const std::string& sql) {
    auto r = db_->Query(sql);
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? r->front().Int(0) : -1;
  }
  void Person(int64_t id, const std::string& county = "520102") {
    Exec("INSERT INTO persons (person_id, county_code, id_hash, id_enc, id_masked, name, sex, birth_date, ethnicity, "
         "phone_masked, hukou_region, residence_region, work_region, insured_region, education, skills, created_at, "
         "updated_at) VALUES (?, ?, ?, ?, '5201**********123X', '测试', 'M', '1990-01-01', '汉族', '', ?, ?, ?, ?, "
         "'本科', '[]', 'x', 'x')",
         {id, county, Blob{uint8_t(id), uint8_t(id >> 8), 9}, Blob{1}, county, county, county, county});
  }
  void Register(int64_t id, const char* on) {
    Exec("INSERT INTO unemployment_registrations (county_code, person_id, registered_on, found_on, place_kind, "
         "region_code, channel, kind, served_as, flags, suggested_category, officer, status) VALUES ('520102', ?, ?, ?, "
         "'hukou', '520102', 'counter', 'unemployed', 'registered', '', 'basic_skills', 'officer', 'open')",
         {id, std::string(on), std::string(on)});
  }
  void Contract(int64_t id, const char* start) {
    Exec("INSERT INTO contracts (county_code, person_id, employer_credit_code, start_on, end_on, "
         "social_insurance_months, flexible, new_form, work_region, created_at, updated_at) "
         "VALUES ('520102', ?, ?, ?, NULL, 0, 0, 0, '520102', 'x', 'x')",
         {id, std::string(kEmployer), std::string(start)});
  }
  Course NewCourse(int capacity = 2, const char* kind = "employment") {
    Course c;
    c.provider_id = provider_;
    c.title = "焊工（四级）";
    c.occupation_code = "6-18-02-04";
    c.level = 4;
    c.kind = kind;
    c.hours = 40;
    c.start_on = D("2024-03-01");
    c.end_on = D("2024-03-10");
    c.place_region = "520102";
    c.capacity = capacity;
    auto r = store_->AddCourse(c, "officer");
    EXPECT_TRUE(r) << r.error().message;
    return r.value_or(Course());
  }
  Enrolment Enrol(int64_t course, int64_t person) {
    auto e = store_->Enrol(course, person, D("2024-02-20"), "officer");
    EXPECT_TRUE(e) << e.error().message;
    return e.value_or(Enrolment());
  }
  // `days` days of `hours` hours from the course's first day.
  void Attend(int64_t enrolment, int days, int hours) {
    for (int i = 0; i < days; ++i) {
      auto r = store_->Attend(enrolment, D("2024-03-01").AddDays(i), hours, "officer");
      ASSERT_TRUE(r) << r.error().message;
    }
  }

  // A person of 520102 as the registry writes one (certificates and
  // groups through RegistryStore, unlike Person()).
  static registry::Person RegistryPerson(const char* id_number, const char* name, const char* birth) {
    registry::Person p;
    p.county_code = "520102";
    p.id_number = id_number;
    p.name = name;
    p.birth_date = D(birth);
    p.ethnicity = "汉族";
    p.hukou_region = "520102001";
    p.residence_region = "520102001";
    return p;
  }
  void RegisterThroughTheRegistry(store::RegistryStore& registry, registry::Person& p) {
    auto tx = store::Transaction::Begin(*db_);
    ASSERT_TRUE(tx);
    auto up = registry.UpsertPerson(p, "t");
    ASSERT_TRUE(up) << up.error().message;
    ASSERT_TRUE(tx->Commit());
  }

  Vault vault_ = Vault::FromKey([] {
    std::array<uint8_t, 32> k{};
    k.fill(5);
    return k;
  }());
  std::unique_ptr<TrainingStore> store_;
  policy::ParameterSet params_;
  int64_t provider_ = 0;
};

TEST_P(TrainingStoreTest, FindProviderById) {
  auto found = store_->FindProvider(provider_);
  ASSERT_TRUE(found) << found.error().message;
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->county_code, "520102");
  EXPECT_EQ((*found)->name, "贵阳市某职业培训学校");
  EXPECT_EQ((*found)->created_by, "officer");
  EXPECT_FALSE(store_->FindProvider(provider_ + 100)->has_value());
}

TEST_P(TrainingStoreTest, CourseInputErrorsNameTheField) {
  Course c;
  c.provider_id = provider_;
  c.title = "电工";
  c.occupation_code = "6-31-01";
  c.kind = "就业技能培训";
  c.hours = 40;
  c.start_on = D("2024-03-01");
  c.end_on = D("2024-03-10");
  c.place_region = "520102";
  c.capacity = 10;
  Course bad = c;
  bad.occupation_code = "6-31-1";
  auto r = store_->AddCourse(bad, "officer");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().message.find("职业编码（occupation_code）"), std::string::npos);
  bad = c;
  bad.place_region = "110101";
  r = store_->AddCourse(bad, "officer");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("培训地点（place_region）"), std::string::npos);
  auto ok = store_->AddCourse(c, "officer");
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->kind, "employment");  // the label is accepted
  EXPECT_EQ(ok->county_code, "520102");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM training_courses"), 1);
}

TEST_P(TrainingStoreTest, CapacityAndOneEnrolmentPerPerson) {
  for (int64_t id : {1, 2, 3}) Person(id);
  const Course c = NewCourse(2);
  Enrol(c.course_id, 1);
  auto again = store_->Enrol(c.course_id, 1, D("2024-02-21"), "officer");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_NE(again.error().message.find("只能报名一次"), std::string::npos);
  // The failed second enrolment gave its seat back (one transaction).
  Enrol(c.course_id, 2);
  auto full = store_->Enrol(c.course_id, 3, D("2024-02-21"), "officer");
  ASSERT_FALSE(full);
  EXPECT_NE(full.error().message.find("名额已满（2 人）"), std::string::npos);
  EXPECT_EQ(Count("SELECT enrolled FROM training_courses"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM training_enrolments"), 2);
}

TEST_P(TrainingStoreTest, AttendanceAndCompletionByShare) {
  Person(1);
  Person(2);
  const Course c = NewCourse();
  const Enrolment a = Enrol(c.course_id, 1), b = Enrol(c.course_id, 2);
  Attend(a.enrolment_id, 4, 8);  // 32 h = 80 %
  Attend(b.enrolment_id, 3, 8);
  ASSERT_TRUE(store_->Attend(b.enrolment_id, D("2024-03-04"), 7, "officer"));  // 31 h
  auto twice = store_->Attend(b.enrolment_id, D("2024-03-04"), 1, "officer");
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().message.find("已记考勤"), std::string::npos);
  auto outside = store_->Attend(b.enrolment_id, D("2024-03-11"), 1, "officer");
  ASSERT_FALSE(outside);
  EXPECT_NE(outside.error().message.find("不在课程日期内"), std::string::npos);
  auto early = store_->Complete(a.enrolment_id, D("2024-03-09"), params_, "officer");
  ASSERT_FALSE(early);
  auto done = store_->Complete(a.enrolment_id, D("2024-03-10"), params_, "officer");
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->status, "completed");
  auto below = store_->Complete(b.enrolment_id, D("2024-03-10"), params_, "officer");
  ASSERT_FALSE(below);
  EXPECT_EQ(below.error().message,
            "出勤 31/40 学时（77.50%），低于结业要求 80.00%（training.min_attendance_bp，附件3（五）2），不能结业");
  // Attendance beyond the course's hours is refused.
  auto over = store_->Attend(b.enrolment_id, D("2024-03-05"), 10, "officer");
  ASSERT_FALSE(over);
  EXPECT_NE(over.error().message.find("超过课程学时 40"), std::string::npos);
  auto cert = store_->Certify(a.enrolment_id, "职业技能等级证书", 0, D("2024-03-20"), "S1", "officer");
  ASSERT_FALSE(cert);  // a graded certificate needs a level
  cert = store_->Certify(a.enrolment_id, "职业技能等级证书", 4, D("2024-03-20"), "S1", "officer");
  ASSERT_TRUE(cert) << cert.error().message;
  EXPECT_EQ(EnrolmentJson(*cert)["cert_level_label"], "四级/中级工");
}

TEST_P(TrainingStoreTest, SubsidiesPaidOnceThroughTheLedger) {
  Person(1);
  Person(2);
  Register(1, "2024-01-15");
  const Course c = NewCourse();
  const Enrolment a = Enrol(c.course_id, 1), b = Enrol(c.course_id, 2);
  Attend(a.enrolment_id, 5, 8);
  Attend(b.enrolment_id, 5, 8);
  ASSERT_TRUE(store_->Complete(a.enrolment_id, D("2024-03-10"), params_, "officer"));
  ASSERT_TRUE(store_->Complete(b.enrolment_id, D("2024-03-10"), params_, "officer"));
  ASSERT_TRUE(store_->Certify(a.enrolment_id, "skill_level", 4, D("2024-03-20"), "S1", "officer"));
  ASSERT_TRUE(store_->Certify(b.enrolment_id, "skill_level", 4, D("2024-03-20"), "S2", "officer"));
  const std::string now = "2024-04-01T00:00:00Z";
  auto t1 = PaySubsidy(*db_, params_, a.enrolment_id, SubsidyKind::kTraining, D("2024-04-01"), "officer", now);
  ASSERT_TRUE(t1) << t1.error().message;
  EXPECT_EQ(t1->outcome, PayOutcome::kPaid);
  EXPECT_EQ(t1->decision.amount_fen, 120000);
  auto t2 = PaySubsidy(*db_, params_, a.enrolment_id, SubsidyKind::kLiving, D("2024-04-01"), "officer", now);
  ASSERT_TRUE(t2) << t2.error().message;
  EXPECT_EQ(t2->outcome, PayOutcome::kPaid);
  EXPECT_EQ(t2->decision.amount_fen, 5 * 3000);
  auto again = PaySubsidy(*db_, params_, a.enrolment_id, SubsidyKind::kTraining, D("2024-04-02"), "officer", now);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->outcome, PayOutcome::kAlreadyPaid);
  // Person 2 is not registered and in no group: refused with the reason.
  auto refused = PaySubsidy(*db_, params_, b.enrolment_id, SubsidyKind::kTraining, D("2024-04-01"), "officer", now);
  ASSERT_TRUE(refused) << refused.error().message;
  EXPECT_EQ(refused->outcome, PayOutcome::kRefused);
  EXPECT_NE(policy::ToText(refused->decision).find("未进行失业登记"), std::string::npos);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM policy_payments"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM ledger_entries"), 4);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM training_subsidies"), 2);
  auth::ManualClock clock(1711929600);
  policy::Ledger ledger(*db_, nullptr, clock);
  auto rep = ledger.Check();
  ASSERT_TRUE(rep) << rep.error().message;
  for (const auto& p : rep->problems) ADD_FAILURE() << p.kind << " " << p.what;
  EXPECT_EQ(rep->paid_fen, 135000);
  SubsidyFilter f;
  f.person_id = 1;
  auto mine = PaidSubsidies(*db_, f);
  ASSERT_TRUE(mine) << mine.error().message;
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ(PaidSubsidyJson(mine->front())["explanation"]["rule"], "T1");  // 职业培训补贴 first
}

TEST_P(TrainingStoreTest, EmploymentAfterTrainingWithinTheWindow) {
  for (int64_t id : {1, 2, 3}) Person(id);
  const Course c = NewCourse(3);
  for (int64_t id : {1, 2, 3}) {
    const Enrolment e = Enrol(c.course_id, id);
    Attend(e.enrolment_id, 5, 8);
    ASSERT_TRUE(store_->Complete(e.enrolment_id, D("2024-03-10"), params_, "officer"));
  }
  Contract(1, "2024-09-10");  // the window's last day (6 months)
  Contract(2, "2024-09-11");  // one day late
  auto stats = CourseStatsOf(*db_, params_, "52");
  ASSERT_TRUE(stats) << stats.error().message;
  ASSERT_EQ(stats->size(), 1u);
  EXPECT_EQ(stats->front().enrolled, 3);
  EXPECT_EQ(stats->front().completed, 3);
  EXPECT_EQ(stats->front().certified, 0);
  EXPECT_EQ(stats->front().employed, 1);
  auto other = CourseStatsOf(*db_, params_, "5203");
  ASSERT_TRUE(other);
  EXPECT_TRUE(other->empty());
}

TEST_P(TrainingStoreTest, WithdrawalFreesThePlaceAndStopsTheSubsidies) {
  for (int64_t id : {1, 2, 3}) Person(id);
  Register(1, "2024-01-15");
  const Course c = NewCourse(2);
  const Enrolment a = Enrol(c.course_id, 1);
  Enrol(c.course_id, 2);
  ASSERT_FALSE(store_->Enrol(c.course_id, 3, D("2024-02-21"), "officer"));  // full
  auto no_reason = store_->Withdraw(a.enrolment_id, D("2024-02-25"), "", "officer");
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(no_reason.error().message.find("退出原因（reason）"), std::string::npos);
  auto early = store_->Withdraw(a.enrolment_id, D("2024-02-19"), "外出务工", "officer");
  ASSERT_FALSE(early);
  EXPECT_NE(early.error().message.find("退出日期（on）"), std::string::npos);
  auto w = store_->Withdraw(a.enrolment_id, D("2024-02-25"), "外出务工", "officer");
  ASSERT_TRUE(w) << w.error().message;
  EXPECT_EQ(w->status, "withdrawn");
  EXPECT_EQ(EnrolmentJson(*w)["status_label"], "已退出");
  EXPECT_EQ(w->withdraw_reason, "外出务工");
  EXPECT_EQ(Count("SELECT enrolled FROM training_courses"), 1);
  // The freed place is taken by the next person; the same person may not come back.
  ASSERT_TRUE(store_->Enrol(c.course_id, 3, D("2024-02-26"), "officer"));
  EXPECT_FALSE(store_->Enrol(c.course_id, 1, D("2024-02-26"), "officer"));
  auto twice = store_->Withdraw(a.enrolment_id, D("2024-02-26"), "外出务工", "officer");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  auto attend = store_->Attend(a.enrolment_id, D("2024-03-01"), 8, "officer");
  ASSERT_FALSE(attend);
  EXPECT_NE(attend.error().message.find("已退出"), std::string::npos);
  EXPECT_FALSE(store_->Complete(a.enrolment_id, D("2024-03-10"), params_, "officer"));
  for (SubsidyKind kind : {SubsidyKind::kTraining, SubsidyKind::kLiving}) {
    auto paid = PaySubsidy(*db_, params_, a.enrolment_id, kind, D("2024-04-01"), "officer", "2024-04-01T00:00:00Z");
    ASSERT_TRUE(paid) << paid.error().message;
    EXPECT_EQ(paid->outcome, PayOutcome::kRefused);
    EXPECT_NE(policy::ToText(paid->decision).find("已退出培训"), std::string::npos) << policy::ToText(paid->decision);
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM training_subsidies"), 0);
}

TEST_P(TrainingStoreTest, EditingACourseBeforeItStarts) {
  for (int64_t id : {1, 2}) Person(id);
  const Course c = NewCourse(3);
  Enrol(c.course_id, 1);
  Enrol(c.course_id, 2);
  Course in = c;
  in.title = "焊工（四级）周末班";
  in.capacity = 1;
  auto r = store_->UpdateCourse(c.course_id, in, D("2024-02-25"), "officer");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().message, "名额（capacity）：1 少于已报名的 2 人");
  in.capacity = 2;
  in.end_on = D("2024-02-28");
  r = store_->UpdateCourse(c.course_id, in, D("2024-02-25"), "officer");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("结束日期（end_on）"), std::string::npos);
  in.end_on = D("2024-03-12");
  in.start_on = D("2024-02-25");
  r = store_->UpdateCourse(c.course_id, in, D("2024-02-25"), "officer");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("开始日期（start_on）"), std::string::npos);
  in.start_on = D("2024-03-02");
  r = store_->UpdateCourse(c.course_id, in, D("2024-02-25"), "officer");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->title, "焊工（四级）周末班");
  EXPECT_EQ(r->capacity, 2);
  EXPECT_EQ(r->start_on, D("2024-03-02"));
  EXPECT_EQ(r->enrolled, 2);
  auto started = store_->UpdateCourse(c.course_id, in, D("2024-03-02"), "officer");
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().code, ErrorCode::kConflict);
  EXPECT_NE(started.error().message.find("开课后不能修改"), std::string::npos);
}

TEST_P(TrainingStoreTest, PlanHoldsACourseAndOpenCoursesLeaveItOut) {
  for (int64_t id : {1, 2}) Person(id);
  Course c = NewCourse(1);
  Course later = c;
  later.title = "电工（四级）";
  later.occupation_code = "6-31-01-03";
  auto l = store_->AddCourse(later, "officer");
  ASSERT_TRUE(l) << l.error().message;
  auto open = store_->OpenCourses("5201", D("2024-02-20"), 1);
  ASSERT_TRUE(open) << open.error().message;
  EXPECT_EQ(open->size(), 2u);
  EXPECT_TRUE(store_->OpenCourses("5203", D("2024-02-20"), 1)->empty());
  EXPECT_TRUE(store_->OpenCourses("5201", D("2024-03-01"), 1)->empty());  // started
  // Planned only, with a service written in the same transaction.
  int calls = 0;
  auto p = store_->AddToPlan({1, l->course_id, D("2024-02-20"), "附近岗位要求电工证书", false}, "officer",
                             [&](const PlanItem& item) -> Result<void> {
                               ++calls;
                               EXPECT_EQ(item.course.title, "电工（四级）");
                               return {};
                             });
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(p->enrolment_id, 0);
  EXPECT_EQ(PlanItemJson(*p)["enrolment_status_label"], "未报名");
  auto dup = store_->AddToPlan({1, l->course_id, D("2024-02-21"), "", false}, "officer");
  ASSERT_FALSE(dup);
  EXPECT_NE(dup.error().message.find("已在该人员的一人一策计划中"), std::string::npos);
  // Planned and enrolled; a failing `also` leaves nothing written.
  auto failed = store_->AddToPlan({1, c.course_id, D("2024-02-20"), "", true}, "officer",
                                  [](const PlanItem&) -> Result<void> { return Fail(ErrorCode::kInvalidArgument, "x"); });
  ASSERT_FALSE(failed);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM training_enrolments"), 0);
  EXPECT_EQ(Count("SELECT enrolled FROM training_courses WHERE title = '焊工（四级）'"), 0);
  auto enrolled = store_->AddToPlan({1, c.course_id, D("2024-02-20"), "", true}, "officer");
  ASSERT_TRUE(enrolled) << enrolled.error().message;
  EXPECT_GT(enrolled->enrolment_id, 0);
  EXPECT_EQ(enrolled->enrolment_status, "enrolled");
  // Full now: person 2 cannot be enrolled through a plan either, and nothing is kept.
  auto full = store_->AddToPlan({2, c.course_id, D("2024-02-20"), "", true}, "officer");
  ASSERT_FALSE(full);
  EXPECT_NE(full.error().message.find("名额已满"), std::string::npos);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM training_plans WHERE person_id = 2"), 0);
  auto plan = store_->PlanOf(1);
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_EQ(plan->size(), 2u);
  EXPECT_TRUE(store_->OpenCourses("5201", D("2024-02-20"), 1)->empty());  // planned or enrolled
  auto started = store_->AddToPlan({2, l->course_id, D("2024-03-01"), "", false}, "officer");
  ASSERT_FALSE(started);
  EXPECT_NE(started.error().message.find("已于 2024-03-01 开课"), std::string::npos);
}

// A certificate obtained in training is the registry's too: R8 (技能提升补贴)
// sees it — before, its decision is "无证书"; after, it judges the
// certificate (焊工 四级, issued 2024-03-20) condition by condition.
TEST_P(TrainingStoreTest, CertificateReachesTheRegistryAndR8) {
  store::RegistryStore registry(*db_, vault_);
  registry::Person person = RegistryPerson("520102200301150012", "李青", "2003-01-15");
  RegisterThroughTheRegistry(registry, person);
  if (HasFatalFailure()) return;
  const int64_t id = Count("SELECT person_id FROM persons WHERE name = '李青'");
  auto engine = policy::Engine::Create(params_);
  ASSERT_TRUE(engine) << engine.error().message;
  auto r8 = [&]() -> std::vector<policy::Decision> {
    policy::NoRegistrations regs;
    auto w = policy::LoadPersonWorld(registry, regs, id);
    EXPECT_TRUE(w) << w.error().message;
    if (!w) return {};
    auto ds = engine->EvaluatePerson(*w, id, D("2024-04-01"));
    EXPECT_TRUE(ds) << ds.error().message;
    std::vector<policy::Decision> out;
    for (auto& d : ds.value_or(std::vector<policy::Decision>{})) {
      if (d.rule == "R8") out.push_back(d);
    }
    return out;
  };
  auto before = r8();
  ASSERT_EQ(before.size(), 1u);
  EXPECT_FALSE(before[0].eligible);
  EXPECT_NE(policy::ToText(before[0]).find("无证书"), std::string::npos);

  const Course c = NewCourse();
  const Enrolment e = Enrol(c.course_id, id);
  Attend(e.enrolment_id, 5, 8);
  ASSERT_TRUE(store_->Complete(e.enrolment_id, D("2024-03-10"), params_, "officer"));
  auto cert = store_->Certify(e.enrolment_id, "skill_level", 4, D("2024-03-20"), "S1", "officer");
  ASSERT_TRUE(cert) << cert.error().message;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM person_certificates WHERE name = '焊工' AND level = 4 AND issued_on = "
                  "'2024-03-20'"),
            1);
  auto after = r8();
  ASSERT_EQ(after.size(), 1u);
  const std::string text = policy::ToText(after[0]);
  EXPECT_EQ(text.find("无证书"), std::string::npos) << text;
  EXPECT_NE(text.find("焊工 2024-03-20"), std::string::npos) << text;
  EXPECT_EQ(after[0].period, "2024-03-20:焊工:4");
  bool issued = false;
  for (const auto& cond : after[0].conditions) issued |= cond.id == "issued" && cond.pass;
  EXPECT_TRUE(issued) << text;
  // A second certificate for the same enrolment is refused, and none added.
  EXPECT_FALSE(store_->Certify(e.enrolment_id, "skill_level", 3, D("2024-03-21"), "S2", "officer"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM person_certificates"), 1);
}

// A certificate issued while another connection moves the person to
// another county waits for the move, then lands in the new county (before,
// it read the old county and stayed there beside the moved person).
TEST_P(TrainingStoreTest, CertificateIssuedDuringAMoveFollowsThePerson) {
  if (!IsPg()) GTEST_SKIP() << "SQLite has one writer at a time: nothing to race";
  store::RegistryStore registry(*db_, vault_);
  registry::Person person = RegistryPerson("520102200302150017", "王迁", "2003-02-15");
  RegisterThroughTheRegistry(registry, person);
  if (HasFatalFailure()) return;
  const int64_t id = person.person_id;
  const Course c = NewCourse();
  const Enrolment e = Enrol(c.course_id, id);
  Attend(e.enrolment_id, 5, 8);
  ASSERT_TRUE(store_->Complete(e.enrolment_id, D("2024-03-10"), params_, "officer"));

  auto other = Open();
  ASSERT_TRUE(other) << other.error().message;
  store::RegistryStore moving(**other, vault_);
  auto move = store::Transaction::Begin(**other);
  ASSERT_TRUE(move);
  registry::Person moved = person;
  moved.person_id = 0;
  moved.county_code = "520103";
  moved.hukou_region = "520103001";
  moved.residence_region = "520103001";
  auto up = moving.UpsertPerson(moved, "t");
  ASSERT_TRUE(up) << up.error().message;
  std::atomic<bool> done{false};
  Result<Enrolment> cert = Fail(ErrorCode::kInternal, "not run");
  {
    std::jthread issue([&] {
      cert = store_->Certify(e.enrolment_id, "skill_level", 4, D("2024-03-20"), "S1", "officer");
      done = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_FALSE(done.load()) << "the certificate did not wait for the move";
    ASSERT_TRUE(move->Commit());
  }
  ASSERT_TRUE(cert) << cert.error().message;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM person_certificates WHERE county_code = '520103'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM person_certificates WHERE county_code = '520102'"), 0);
}

QJY_INSTANTIATE_STORE_TEST(TrainingStoreTest);

}  // namespace
}  // namespace qjy::training
