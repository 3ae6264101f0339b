// Vocational training (issue #16 §2; A3(五)2, main(十), A1(十一), A2(十二),
// A4(十四)) over a Db, SQLite and PostgreSQL alike.
// Tables (migration 1000, training_schema.cc), every one with county_code
// (the course's county, which runs and pays it) leading its keys:
//   training_providers   培训机构, UNIQUE (county_code, name)
//   training_courses     one row per course: provider, occupation (2022
//                        classification code, "6-18-02-04"), level (0 no
//                        level, 5 五级 .. 1 一级), kind, hours, dates, place,
//                        capacity and the enrolled count (CHECK enrolled <=
//                        capacity: the capacity holds under concurrency)
//   training_enrolments  one row per person and course, UNIQUE (county_code,
//                        course_id, person_id); hours and days attended,
//                        completion, the certificate obtained
//   training_attendance  one row per enrolment and day, PRIMARY KEY
//                        (county_code, enrolment_id, on_date)
//   training_subsidies   subsidies paid (subsidy.h), PRIMARY KEY
//                        (county_code, enrolment_id, kind)
//   training_plans       courses in an officer's plan (一人一策) for a
//                        person (migration 1001), UNIQUE (county_code =
//                        the person's, person_id, course_id)
// A certificate recorded here is also written to the registry's
// person_certificates (the certificates R8 and the match profiles read), in
// the same transaction.
// Errors are Chinese and name the field: kInvalidArgument for bad input,
// kNotFound, kConflict (full course, second enrolment, attendance past
// the course's hours, completion below the attendance share, ...). Every
// write is whole or not at all. Not safe for concurrent use (borrows one
// Db); concurrent processes are safe (the enrolled count is guarded in SQL).
#ifndef QJY_TRAINING_TRAINING_STORE_H_
#define QJY_TRAINING_TRAINING_STORE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "core/error.h"
#include "policy/params.h"
#include "store/db.h"
#include "store/migrations.h"

namespace qjy::training {

std::span<const store::Migration> TrainingMigrations();  // 1000..1099

// Course kinds (A3(五)2 订单、定向式培训, 创业培训; A4(十四)).
inline constexpr const char* kKinds[] = {"employment", "upskilling", "order", "startup"};
std::string_view KindLabel(std::string_view kind);  // "就业技能培训", "岗位技能提升培训", "订单式·定向培训", "创业培训"
std::optional<std::string> ParseKind(std::string_view code_or_label);
// Certificates: 职业资格证书 (level 0..5) / 职业技能等级证书 (level 1..5).
std::string_view CertKindLabel(std::string_view kind);  // "qualification" | "skill_level"
std::optional<std::string> ParseCertKind(std::string_view code_or_label);
std::string LevelLabel(int level);  // 5 → "五级/初级工" .. 1 → "一级/高级技师", 0 → "未分级"
std::string EnrolmentStatusLabel(std::string_view status);  // enrolled → "在训", completed → "已结业", withdrawn → "已退出"
// "6", "6-18", "6-18-02", "6-18-02-04" (2022 职业分类大典), as the registry checks jobs.
bool ValidOccupationCode(std::string_view code);

struct Provider {
  int64_t provider_id = 0;
  std::string county_code, name, credit_code, address, created_by;
};

struct Course {
  int64_t course_id = 0;
  std::string county_code;
  int64_t provider_id = 0;
  std::string provider_name;
  std::string title, occupation_code;
  int level = 0;
  std::string kind;
  int hours = 0;
  Date start_on, end_on;
  std::string place_region;
  int capacity = 0, enrolled = 0;
  std::string created_by;
};

struct Enrolment {
  int64_t enrolment_id = 0;
  std::string county_code;  // the course's
  int64_t course_id = 0;
  int64_t person_id = 0;
  std::string person_county;
  Date enrolled_on;
  int hours_attended = 0, days_attended = 0;
  std::string status;  // enrolled | completed | withdrawn
  std::optional<Date> completed_on;
  std::string cert_kind;  // "" none yet
  int cert_level = 0;
  std::string cert_no;
  std::optional<Date> cert_on;
  std::optional<Date> withdrawn_on;  // 退出 (status withdrawn)
  std::string withdraw_reason;
  std::string name, id_masked;  // the person's, for listings
  std::string course_title;
};

// A course in a person's plan (一人一策), with the course and, when the
// officer enrolled the person with it, the enrolment's status.
struct PlanItem {
  int64_t plan_id = 0;
  std::string county_code;  // the person's
  int64_t person_id = 0, course_id = 0;
  Date planned_on;
  std::string reason, officer;
  int64_t enrolment_id = 0;         // 0: planned only
  std::string enrolment_status;     // of the person's enrolment in the course, "" none
  Course course;
};

struct PlanRequest {
  int64_t person_id = 0, course_id = 0;
  Date on;
  std::string reason;  // why (the recommendation's reason), at most 500 bytes
  bool enrol = false;  // also enrol the person (Enrol's checks)
};

struct CourseFilter {
  std::string region;  // county-code prefix ("" all)
  int64_t provider_id = 0;
  int limit = 500;
  int64_t after_id = 0;
};

struct EnrolmentFilter {
  std::string region;
  int64_t course_id = 0, person_id = 0;
  int limit = 1000;
  int64_t after_id = 0;
};

class TrainingStore {
 public:
  explicit TrainingStore(store::Db& db) : db_(db) {}
  // The policy ledger's tables and the training tables; after the
  // registry's (reads persons, contracts). Outside a transaction.
  Result<void> Migrate();

  // `county_code` a Guizhou county ("52xxxx"); name required.
  Result<Provider> AddProvider(const Provider& in, const std::string& actor);
  Result<std::vector<Provider>> Providers(const std::string& region);
  // The provider with this id; nullopt when none.
  Result<std::optional<Provider>> FindProvider(int64_t provider_id);
  // The course's county is the provider's. Checks: title, occupation code,
  // level 0..5, kind, hours 1..2000, start <= end, capacity 1..1000,
  // place a Guizhou code.
  Result<Course> AddCourse(const Course& in, const std::string& actor);
  Result<std::optional<Course>> FindCourse(int64_t course_id);
  Result<std::vector<Course>> Courses(const CourseFilter& f);
  // Edits a course that has not started (`today` < start_on): the fields of
  // AddCourse except the provider, with its checks, and capacity not below
  // the enrolled count, the new start after `today`. kConflict once started
  // (or when the enrolled count rose past the capacity meanwhile).
  Result<Course> UpdateCourse(int64_t course_id, const Course& in, Date today, const std::string& actor);
  // Courses open to a person on `today`: not started (start_on > today),
  // places left, run or held in `region` (a code prefix: the course's
  // county or its place), and not already enrolled in (withdrawn included:
  // one enrolment per course) or planned for `person_id` (0: no person).
  // By start date, then id.
  Result<std::vector<Course>> OpenCourses(const std::string& region, Date today, int64_t person_id);

  // Enrols on `on` (not after the course's last day). kConflict when the
  // course is full or the person is already enrolled.
  Result<Enrolment> Enrol(int64_t course_id, int64_t person_id, Date on, const std::string& actor);
  // Withdrawal (退出) on `on` (not before the enrolment date) of an
  // enrolment in training, with a reason (required, at most 200 bytes):
  // the place is freed and no subsidy is decided for it afterwards.
  // kConflict when completed or withdrawn already.
  Result<Enrolment> Withdraw(int64_t enrolment_id, Date on, const std::string& reason, const std::string& actor);
  // Records `hours` (1..12) attended on day `on` within the course's dates;
  // one record per day; the total may not pass the course's hours.
  Result<Enrolment> Attend(int64_t enrolment_id, Date on, int hours, const std::string& actor);
  // Completion on `on` (not before the course's last day) requires hours
  // attended / course hours >= training.min_attendance_bp on `on`;
  // kConflict names the share and the parameter otherwise.
  Result<Enrolment> Complete(int64_t enrolment_id, Date on, const policy::ParameterSet& params,
                             const std::string& actor);
  // The certificate obtained after completion (issued on or after it), once;
  // also appended to the person's person_certificates under the name of
  // the course's occupation (match::SkillOfOccupation, else the course's
  // title) with its level, so that R8 and the match profile see it.
  Result<Enrolment> Certify(int64_t enrolment_id, const std::string& cert_kind, int level, Date issued_on,
                            const std::string& number, const std::string& actor);
  Result<std::optional<Enrolment>> FindEnrolment(int64_t enrolment_id);
  Result<std::vector<Enrolment>> Enrolments(const EnrolmentFilter& f);

  // Puts a course into the person's plan (一人一策) on `on` (before the
  // course starts), and enrols the person too when asked; `also` (may be
  // empty) runs in the same transaction after the rows are written (the
  // server records the service delivered). kConflict when the course is
  // already in the plan, has started, or (enrol) is full or taken.
  Result<PlanItem> AddToPlan(const PlanRequest& req, const std::string& actor,
                             const std::function<Result<void>(const PlanItem&)>& also = {});
  // The person's plan, newest first.
  Result<std::vector<PlanItem>> PlanOf(int64_t person_id);

 private:
  // Enrol's writes inside the caller's transaction.
  Result<void> EnrolInTx(const Course& c, int64_t person_id, const std::string& person_county, Date on,
                         const std::string& actor);
  store::Db& db_;
};

nlohmann::json ProviderJson(const Provider& p);
nlohmann::json CourseJson(const Course& c);
nlohmann::json EnrolmentJson(const Enrolment& e);  // ID number masked
nlohmann::json PlanItemJson(const PlanItem& p);

}  // namespace qjy::training

#endif  // QJY_TRAINING_TRAINING_STORE_H_
