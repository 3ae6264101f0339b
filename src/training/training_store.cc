#include "training/training_store.h"

#include "match/profile.h"
#include "policy/ledger_schema.h"
#include "store/sql_where.h"

namespace qjy::training {
namespace {

using store::Value;

bool IsGuizhouCode(std::string_view c, bool county) {
  if (c.size() < 2 || c.substr(0, 2) != "52") return false;
  if (county && c.size() != 6) return false;
  if (c.size() != 2 && c.size() != 4 && c.size() != 6 && c.size() != 9 && c.size() != 12) return false;
  for (char ch : c) {
    if (ch < '0' || ch > '9') return false;
  }
  return true;
}

std::string TrainingStoreBp(int64_t bp) {
  return std::to_string(bp / 100) + "." + (bp % 100 < 10 ? "0" : "") + std::to_string(bp % 100) + "%";
}

std::optional<Date> DateOrNull(const store::Row& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  auto d = Date::Parse(r.Text(i));
  if (!d) return std::nullopt;
  return *d;
}

constexpr char kCourseColumns[] =
    "c.course_id, c.county_code, c.provider_id, p.name, c.title, c.occupation_code, c.level, c.kind, c.hours, "
    "c.start_on, c.end_on, c.place_region, c.capacity, c.enrolled, c.created_by "
    "FROM training_courses c JOIN training_providers p ON p.provider_id = c.provider_id";

Course CourseFromRow(const store::Row& r) {
  Course c;
  c.course_id = r.Int(0);
  c.county_code = r.Text(1);
  c.provider_id = r.Int(2);
  c.provider_name = r.Text(3);
  c.title = r.Text(4);
  c.occupation_code = r.Text(5);
  c.level = static_cast<int>(r.Int(6));
  c.kind = r.Text(7);
  c.hours = static_cast<int>(r.Int(8));
  c.start_on = Date::Parse(r.Text(9)).value_or(Date());
  c.end_on = Date::Parse(r.Text(10)).value_or(Date());
  c.place_region = r.Text(11);
  c.capacity = static_cast<int>(r.Int(12));
  c.enrolled = static_cast<int>(r.Int(13));
  c.created_by = r.Text(14);
  return c;
}

constexpr char kEnrolmentColumns[] =
    "e.enrolment_id, e.county_code, e.course_id, e.person_id, e.person_county, e.enrolled_on, e.hours_attended, "
    "e.days_attended, e.status, e.completed_on, e.cert_kind, e.cert_level, e.cert_no, e.cert_on, p.name, "
    "p.id_masked, c.title, e.withdrawn_on, e.withdraw_reason FROM training_enrolments e JOIN persons p ON p.person_id = e.person_id "
    "JOIN training_courses c ON c.course_id = e.course_id";

Enrolment EnrolmentFromRow(const store::Row& r) {
  Enrolment e;
  e.enrolment_id = r.Int(0);
  e.county_code = r.Text(1);
  e.course_id = r.Int(2);
  e.person_id = r.Int(3);
  e.person_county = r.Text(4);
  e.enrolled_on = Date::Parse(r.Text(5)).value_or(Date());
  e.hours_attended = static_cast<int>(r.Int(6));
  e.days_attended = static_cast<int>(r.Int(7));
  e.status = r.Text(8);
  e.completed_on = DateOrNull(r, 9);
  e.cert_kind = r.Text(10);
  e.cert_level = static_cast<int>(r.Int(11));
  e.cert_no = r.Text(12);
  e.cert_on = DateOrNull(r, 13);
  e.name = r.Text(14);
  e.id_masked = r.Text(15);
  e.course_title = r.Text(16);
  e.withdrawn_on = DateOrNull(r, 17);
  e.withdraw_reason = r.Text(18);
  return e;
}

// The checks of AddCourse and UpdateCourse.
Result<void> CheckCourse(const Course& in) {
  auto bad = [](const std::string& m) { return Fail(ErrorCode::kInvalidArgument, m); };
  if (in.title.empty() || in.title.size() > 180) return bad("课程名称（title）：不能为空，且不超过60字");
  if (!ValidOccupationCode(in.occupation_code)) {
    return bad("职业编码（occupation_code）：「" + in.occupation_code + "」格式应为 6-18-02-04（2022 年版职业分类大典）");
  }
  if (in.level < 0 || in.level > 5) return bad("等级（level）：须为 0（未分级）或 5（五级）至 1（一级）");
  if (!ParseKind(in.kind)) {
    return bad("培训类型（kind）：「" + in.kind + "」不是就业技能培训、岗位技能提升培训、订单式·定向培训或创业培训");
  }
  if (in.hours < 1 || in.hours > 2000) return bad("学时（hours）：须在 1 至 2000 之间");
  if (in.end_on < in.start_on) return bad("结束日期（end_on）：不能早于开始日期（start_on）");
  if (in.capacity < 1 || in.capacity > 1000) return bad("名额（capacity）：须在 1 至 1000 之间");
  if (!IsGuizhouCode(in.place_region, false)) {
    return bad("培训地点（place_region）：「" + in.place_region + "」不是贵州省的区划代码");
  }
  return {};
}

constexpr char kPlanColumns[] =
    "SELECT t.plan_id, t.county_code, t.person_id, t.course_id, t.planned_on, t.reason, t.officer, "
    "COALESCE(t.enrolment_id, 0), COALESCE(e.status, '') FROM training_plans t LEFT JOIN training_enrolments e "
    "ON e.course_id = t.course_id AND e.person_id = t.person_id";

}  // namespace

std::string_view KindLabel(std::string_view kind) {
  if (kind == "employment") return "就业技能培训";
  if (kind == "upskilling") return "岗位技能提升培训";
  if (kind == "order") return "订单式·定向培训";
  if (kind == "startup") return "创业培训";
  return kind;
}

std::optional<std::string> ParseKind(std::string_view text) {
  for (const char* k : kKinds) {
    if (text == k || text == KindLabel(k)) return std::string(k);
  }
  if (text == "订单式培训" || text == "定向培训" || text == "订单、定向式培训") return std::string("order");
  return std::nullopt;
}

std::string_view CertKindLabel(std::string_view kind) {
  if (kind == "qualification") return "职业资格证书";
  if (kind == "skill_level") return "职业技能等级证书";
  return kind;
}

std::optional<std::string> ParseCertKind(std::string_view text) {
  for (const char* k : {"qualification", "skill_level"}) {
    if (text == k || text == CertKindLabel(k)) return std::string(k);
  }
  return std::nullopt;
}

std::string LevelLabel(int level) {
  switch (level) {
    case 1: return "一级/高级技师";
    case 2: return "二级/技师";
    case 3: return "三级/高级工";
    case 4: return "四级/中级工";
    case 5: return "五级/初级工";
  }
  return "未分级";
}

std::string EnrolmentStatusLabel(std::string_view status) {
  if (status == "enrolled") return "在训";
  if (status == "completed") return "已结业";
  if (status == "withdrawn") return "已退出";
  return std::string(status);
}

bool ValidOccupationCode(std::string_view c) {
  if (c.empty() || c[0] < '1' || c[0] > '8') return false;
  if (c.size() != 1 && c.size() != 4 && c.size() != 7 && c.size() != 10) return false;
  for (size_t i = 1; i < c.size(); ++i) {
    const bool dash = i == 1 || i == 4 || i == 7;
    if (dash ? c[i] != '-' : (c[i] < '0' || c[i] > '9')) return false;
  }
  return true;
}

nlohmann::json ProviderJson(const Provider& p) {
  return {{"provider_id", p.provider_id}, {"county_code", p.county_code}, {"name", p.name},
          {"credit_code", p.credit_code}, {"address", p.address}};
}

nlohmann::json CourseJson(const Course& c) {
  return {{"course_id", c.course_id},
          {"county_code", c.county_code},
          {"provider_id", c.provider_id},
          {"provider_name", c.provider_name},
          {"title", c.title},
          {"occupation_code", c.occupation_code},
          {"level", c.level},
          {"level_label", LevelLabel(c.level)},
          {"kind", c.kind},
          {"kind_label", KindLabel(c.kind)},
          {"hours", c.hours},
          {"start_on", c.start_on.ToString()},
          {"end_on", c.end_on.ToString()},
          {"place_region", c.place_region},
          {"capacity", c.capacity},
          {"enrolled", c.enrolled}};
}

nlohmann::json EnrolmentJson(const Enrolment& e) {
  auto date = [](const std::optional<Date>& d) { return d ? nlohmann::json(d->ToString()) : nlohmann::json(); };
  return {{"enrolment_id", e.enrolment_id},
          {"county_code", e.county_code},
          {"course_id", e.course_id},
          {"course_title", e.course_title},
          {"person_id", e.person_id},
          {"name", e.name},
          {"id_masked", e.id_masked},
          {"enrolled_on", e.enrolled_on.ToString()},
          {"hours_attended", e.hours_attended},
          {"days_attended", e.days_attended},
          {"status", e.status},
          {"status_label", EnrolmentStatusLabel(e.status)},
          {"completed_on", date(e.completed_on)},
          {"cert_kind", e.cert_kind},
          {"cert_kind_label", e.cert_kind.empty() ? "" : std::string(CertKindLabel(e.cert_kind))},
          {"cert_level", e.cert_level},
          {"cert_level_label", e.cert_kind.empty() ? "" : LevelLabel(e.cert_level)},
          {"cert_no", e.cert_no},
          {"cert_on", date(e.cert_on)},
          {"withdrawn_on", date(e.withdrawn_on)},
          {"withdraw_reason", e.withdraw_reason}};
}

nlohmann::json PlanItemJson(const PlanItem& p) {
  return {{"plan_id", p.plan_id},
          {"person_id", p.person_id},
          {"course_id", p.course_id},
          {"planned_on", p.planned_on.ToString()},
          {"reason", p.reason},
          {"officer", p.officer},
          {"enrolment_id", p.enrolment_id},
          {"enrolment_status", p.enrolment_status},
          {"enrolment_status_label", p.enrolment_status.empty() ? "未报名" : EnrolmentStatusLabel(p.enrolment_status)},
          {"course", CourseJson(p.course)}};
}

Result<void> TrainingStore::Migrate() {
  if (auto r = policy::MigratePolicy(db_); !r) return r;
  return store::ApplyMigrations(db_, TrainingMigrations());
}

Result<Provider> TrainingStore::AddProvider(const Provider& in, const std::string& actor) {
  if (!IsGuizhouCode(in.county_code, true)) {
    return Fail(ErrorCode::kInvalidArgument, "培训机构所在县（county_code）：「" + in.county_code + "」不是贵州省的县级区划代码");
  }
  if (in.name.empty() || in.name.size() > 180) {
    return Fail(ErrorCode::kInvalidArgument, "培训机构名称（name）：不能为空，且不超过60字");
  }
  auto ins = db_.Exec(
      "INSERT INTO training_providers (county_code, name, credit_code, address, created_by) VALUES (?, ?, ?, ?, ?)",
      std::vector<Value>{in.county_code, in.name, in.credit_code, in.address, actor});
  if (!ins) {
    if (ins.error().code == ErrorCode::kAlreadyExists) {
      return Fail(ErrorCode::kConflict, "该县已有同名培训机构：" + in.name);
    }
    return std::unexpected(ins.error());
  }
  auto rows = db_.Query(
      "SELECT provider_id, county_code, name, credit_code, address, created_by FROM training_providers "
      "WHERE county_code = ? AND name = ?",
      std::vector<Value>{in.county_code, in.name});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return Fail(ErrorCode::kInternal, "培训机构已写入但未能读回");
  const auto& r = rows->front();
  return Provider{r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)};
}

Result<std::vector<Provider>> TrainingStore::Providers(const std::string& region) {
  auto rows = db_.Query(
      "SELECT provider_id, county_code, name, credit_code, address, created_by FROM training_providers "
      "WHERE county_code LIKE ? ORDER BY provider_id",
      std::vector<Value>{region + "%"});
  if (!rows) return std::unexpected(rows.error());
  std::vector<Provider> out;
  for (const auto& r : *rows) out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)});
  return out;
}

Result<std::optional<Provider>> TrainingStore::FindProvider(int64_t provider_id) {
  auto rows = db_.Query(
      "SELECT provider_id, county_code, name, credit_code, address, created_by FROM training_providers "
      "WHERE provider_id = ?",
      std::vector<Value>{provider_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<Provider>();
  const auto& r = rows->front();
  return std::optional<Provider>(Provider{r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)});
}

Result<Course> TrainingStore::AddCourse(const Course& in, const std::string& actor) {
  if (auto ok = CheckCourse(in); !ok) return std::unexpected(ok.error());
  auto prov = FindProvider(in.provider_id);
  if (!prov) return std::unexpected(prov.error());
  if (!*prov) return Fail(ErrorCode::kNotFound, "没有该培训机构：" + std::to_string(in.provider_id));
  const std::string county = (*prov)->county_code;
  const std::string kind = *ParseKind(in.kind);
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  auto ins = db_.Exec(
      "INSERT INTO training_courses (county_code, provider_id, title, occupation_code, level, kind, hours, start_on, "
      "end_on, place_region, capacity, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      std::vector<Value>{county, in.provider_id, in.title, in.occupation_code, int64_t{in.level}, kind,
                         int64_t{in.hours}, in.start_on.ToString(), in.end_on.ToString(), in.place_region,
                         int64_t{in.capacity}, actor});
  if (!ins) return std::unexpected(ins.error());
  auto id = db_.Query("SELECT MAX(course_id) FROM training_courses WHERE county_code = ? AND provider_id = ?",
                      std::vector<Value>{county, in.provider_id});
  if (!id) return std::unexpected(id.error());
  const int64_t course_id = id->front().Int(0);
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  auto found = FindCourse(course_id);
  if (!found) return std::unexpected(found.error());
  if (!*found) return Fail(ErrorCode::kInternal, "课程已写入但未能读回");
  return **found;
}

Result<std::optional<Course>> TrainingStore::FindCourse(int64_t course_id) {
  auto rows = db_.Query(std::string("SELECT ") + kCourseColumns + " WHERE c.course_id = ?",
                        std::vector<Value>{course_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<Course>();
  return std::optional<Course>(CourseFromRow(rows->front()));
}

Result<std::vector<Course>> TrainingStore::Courses(const CourseFilter& f) {
  store::Where w;
  w.County("c.county_code", f.region).And("c.course_id > ?", {f.after_id}).Eq("c.provider_id", f.provider_id);
  auto rows = db_.Query(std::string("SELECT ") + kCourseColumns + " WHERE " + w.Sql() + " ORDER BY c.course_id LIMIT ?",
                        w.Then(int64_t{f.limit}));
  if (!rows) return std::unexpected(rows.error());
  std::vector<Course> out;
  for (const auto& r : *rows) out.push_back(CourseFromRow(r));
  return out;
}

Result<void> TrainingStore::EnrolInTx(const Course& c, int64_t person_id, const std::string& person_county, Date on,
                                      const std::string& actor) {
  // The seat first: the guarded UPDATE holds the capacity under concurrency.
  auto seat = db_.Exec(
      "UPDATE training_courses SET enrolled = enrolled + 1 WHERE course_id = ? AND enrolled < capacity",
      std::vector<Value>{c.course_id});
  if (!seat) return std::unexpected(seat.error());
  if (*seat == 0) {
    return Fail(ErrorCode::kConflict, "课程「" + c.title + "」名额已满（" + std::to_string(c.capacity) + " 人）");
  }
  auto ins = db_.Exec(
      "INSERT INTO training_enrolments (county_code, course_id, person_id, person_county, enrolled_on, status, "
      "created_by) VALUES (?, ?, ?, ?, ?, 'enrolled', ?)",
      std::vector<Value>{c.county_code, c.course_id, person_id, person_county, on.ToString(), actor});
  if (!ins) {
    if (ins.error().code == ErrorCode::kAlreadyExists) {
      return Fail(ErrorCode::kConflict, "该人员已报名课程「" + c.title + "」（含已退出的报名），同一课程只能报名一次");
    }
    return std::unexpected(ins.error());
  }
  return {};
}

Result<Enrolment> TrainingStore::Enrol(int64_t course_id, int64_t person_id, Date on, const std::string& actor) {
  auto course = FindCourse(course_id);
  if (!course) return std::unexpected(course.error());
  if (!*course) return Fail(ErrorCode::kNotFound, "没有该培训课程：" + std::to_string(course_id));
  const Course& c = **course;
  if (on > c.end_on) {
    return Fail(ErrorCode::kConflict, "报名日期 " + on.ToString() + " 晚于课程结束日 " + c.end_on.ToString());
  }
  auto person = db_.Query("SELECT county_code FROM persons WHERE person_id = ?", std::vector<Value>{person_id});
  if (!person) return std::unexpected(person.error());
  if (person->empty()) return Fail(ErrorCode::kNotFound, "没有该人员：" + std::to_string(person_id));
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  if (auto r = EnrolInTx(c, person_id, person->front().Text(0), on, actor); !r) return std::unexpected(r.error());
  if (auto r = tx->Commit(); !r) return std::unexpected(r.error());
  auto rows = db_.Query(std::string("SELECT ") + kEnrolmentColumns +
                            " WHERE e.county_code = ? AND e.course_id = ? AND e.person_id = ?",
                        std::vector<Value>{c.county_code, course_id, person_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return Fail(ErrorCode::kInternal, "报名已写入但未能读回");
  return EnrolmentFromRow(rows->front());
}

Result<Course> TrainingStore::UpdateCourse(int64_t course_id, const Course& in, Date today, const std::string& actor) {
  (void)actor;
  if (auto ok = CheckCourse(in); !ok) return std::unexpected(ok.error());
  auto found = FindCourse(course_id);
  if (!found) return std::unexpected(found.error());
  if (!*found) return Fail(ErrorCode::kNotFound, "没有该培训课程：" + std::to_string(course_id));
  const Course& c = **found;
  if (c.start_on <= today) {
    return Fail(ErrorCode::kConflict, "课程「" + c.title + "」已于 " + c.start_on.ToString() + " 开课，开课后不能修改");
  }
  if (in.start_on <= today) {
    return Fail(ErrorCode::kInvalidArgument,
                "开始日期（start_on）：" + in.start_on.ToString() + " 须晚于今天 " + today.ToString());
  }
  if (in.capacity < c.enrolled) {
    return Fail(ErrorCode::kInvalidArgument, "名额（capacity）：" + std::to_string(in.capacity) + " 少于已报名的 " +
                                                 std::to_string(c.enrolled) + " 人");
  }
  auto u = db_.Exec(
      "UPDATE training_courses SET title = ?, occupation_code = ?, level = ?, kind = ?, hours = ?, start_on = ?, "
      "end_on = ?, place_region = ?, capacity = ? WHERE course_id = ? AND enrolled <= ? AND start_on > ?",
      std::vector<Value>{in.title, in.occupation_code, int64_t{in.level}, *ParseKind(in.kind), int64_t{in.hours},
                         in.start_on.ToString(), in.end_on.ToString(), in.place_region, int64_t{in.capacity},
                         course_id, int64_t{in.capacity}, today.ToString()});
  if (!u) return std::unexpected(u.error());
  if (*u == 0) return Fail(ErrorCode::kConflict, "课程「" + c.title + "」已开课或报名人数已超过新名额，未修改");
  auto again = FindCourse(course_id);
  if (!again) return std::unexpected(again.error());
  return **again;
}

Result<std::vector<Course>> TrainingStore::OpenCourses(const std::string& region, Date today, int64_t person_id) {
  auto rows = db_.Query(
      std::string("SELECT ") + kCourseColumns +
          " WHERE (c.county_code LIKE ? OR c.place_region LIKE ?) AND c.start_on > ? AND c.enrolled < c.capacity "
          "AND NOT EXISTS (SELECT 1 FROM training_enrolments e WHERE e.course_id = c.course_id AND e.person_id = ?) "
          "AND NOT EXISTS (SELECT 1 FROM training_plans t WHERE t.course_id = "
          "c.course_id AND t.person_id = ?) ORDER BY c.start_on, c.course_id LIMIT 500",
      std::vector<Value>{region + "%", region + "%", today.ToString(), person_id, person_id});
  if (!rows) return std::unexpected(rows.error());
  std::vector<Course> out;
  for (const auto& r : *rows) out.push_back(CourseFromRow(r));
  return out;
}

Result<Enrolment> TrainingStore::Withdraw(int64_t enrolment_id, Date on, const std::string& reason,
                                          const std::string& actor) {
  (void)actor;
  if (reason.empty() || reason.size() > 200) {
    return Fail(ErrorCode::kInvalidArgument, "退出原因（reason）：不能为空，且不超过60字");
  }
  auto found = FindEnrolment(enrolment_id);
  if (!found) return std::unexpected(found.error());
  if (!*found) return Fail(ErrorCode::kNotFound, "没有该报名记录：" + std::to_string(enrolment_id));
  const Enrolment& e = **found;
  if (e.status == "completed") return Fail(ErrorCode::kConflict, "该报名已结业，不能退出");
  if (e.status == "withdrawn") {
    return Fail(ErrorCode::kConflict, "该报名已于 " + (e.withdrawn_on ? e.withdrawn_on->ToString() : "") + " 退出");
  }
  if (on < e.enrolled_on) {
    return Fail(ErrorCode::kInvalidArgument,
                "退出日期（on）：" + on.ToString() + " 早于报名日期 " + e.enrolled_on.ToString());
  }
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  auto u = db_.Exec(
      "UPDATE training_enrolments SET status = 'withdrawn', withdrawn_on = ?, withdraw_reason = ? "
      "WHERE enrolment_id = ? AND status = 'enrolled'",
      std::vector<Value>{on.ToString(), reason, enrolment_id});
  if (!u) return std::unexpected(u.error());
  if (*u == 0) return Fail(ErrorCode::kConflict, "该报名已结业或已退出");
  auto seat = db_.Exec("UPDATE training_courses SET enrolled = enrolled - 1 WHERE course_id = ? AND enrolled > 0",
                       std::vector<Value>{e.course_id});
  if (!seat) return std::unexpected(seat.error());
  if (auto r = tx->Commit(); !r) return std::unexpected(r.error());
  auto again = FindEnrolment(enrolment_id);
  if (!again) return std::unexpected(again.error());
  return **again;
}

Result<PlanItem> TrainingStore::AddToPlan(const PlanRequest& req, const std::string& actor,
                                          const std::function<Result<void>(const PlanItem&)>& also) {
  if (req.reason.size() > 500) return Fail(ErrorCode::kInvalidArgument, "推荐理由（reason）：不超过160字");
  auto course = FindCourse(req.course_id);
  if (!course) return std::unexpected(course.error());
  if (!*course) return Fail(ErrorCode::kNotFound, "没有该培训课程：" + std::to_string(req.course_id));
  const Course& c = **course;
  if (req.on >= c.start_on) {
    return Fail(ErrorCode::kConflict, "课程「" + c.title + "」已于 " + c.start_on.ToString() + " 开课，不能再列入计划");
  }
  auto person = db_.Query("SELECT county_code FROM persons WHERE person_id = ?", std::vector<Value>{req.person_id});
  if (!person) return std::unexpected(person.error());
  if (person->empty()) return Fail(ErrorCode::kNotFound, "没有该人员：" + std::to_string(req.person_id));
  const std::string county = person->front().Text(0);
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  auto ins = db_.Exec(
      "INSERT INTO training_plans (county_code, person_id, course_id, planned_on, reason, officer) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      std::vector<Value>{county, req.person_id, req.course_id, req.on.ToString(), req.reason, actor});
  if (!ins) {
    if (ins.error().code == ErrorCode::kAlreadyExists) {
      return Fail(ErrorCode::kConflict, "课程「" + c.title + "」已在该人员的一人一策计划中");
    }
    return std::unexpected(ins.error());
  }
  if (req.enrol) {
    if (auto r = EnrolInTx(c, req.person_id, county, req.on, actor); !r) return std::unexpected(r.error());
    auto link = db_.Exec(
        "UPDATE training_plans SET enrolment_id = (SELECT enrolment_id FROM training_enrolments WHERE county_code = ? "
        "AND course_id = ? AND person_id = ?) WHERE county_code = ? AND person_id = ? AND course_id = ?",
        std::vector<Value>{c.county_code, req.course_id, req.person_id, county, req.person_id, req.course_id});
    if (!link) return std::unexpected(link.error());
  }
  auto rows = db_.Query(std::string(kPlanColumns) + " WHERE t.county_code = ? AND t.person_id = ? AND t.course_id = ?",
                        std::vector<Value>{county, req.person_id, req.course_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return Fail(ErrorCode::kInternal, "计划已写入但未能读回");
  const auto& r = rows->front();
  PlanItem item{r.Int(0), r.Text(1), r.Int(2), r.Int(3), Date::Parse(r.Text(4)).value_or(Date()), r.Text(5),
                r.Text(6), r.Int(7), r.Text(8), c};
  if (also) {
    if (auto a = also(item); !a) return std::unexpected(a.error());
  }
  if (auto cm = tx->Commit(); !cm) return std::unexpected(cm.error());
  return item;
}

Result<std::vector<PlanItem>> TrainingStore::PlanOf(int64_t person_id) {
  auto rows = db_.Query(std::string(kPlanColumns) + " WHERE t.person_id = ? ORDER BY t.planned_on DESC, t.plan_id DESC",
                        std::vector<Value>{person_id});
  if (!rows) return std::unexpected(rows.error());
  std::vector<PlanItem> out;
  for (const auto& r : *rows) {
    PlanItem item{r.Int(0), r.Text(1), r.Int(2), r.Int(3), Date::Parse(r.Text(4)).value_or(Date()), r.Text(5),
                  r.Text(6), r.Int(7), r.Text(8), {}};
    auto c = FindCourse(item.course_id);
    if (!c) return std::unexpected(c.error());
    if (*c) item.course = **c;
    out.push_back(std::move(item));
  }
  return out;
}

Result<std::optional<Enrolment>> TrainingStore::FindEnrolment(int64_t enrolment_id) {
  auto rows = db_.Query(std::string("SELECT ") + kEnrolmentColumns + " WHERE e.enrolment_id = ?",
                        std::vector<Value>{enrolment_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<Enrolment>();
  return std::optional<Enrolment>(EnrolmentFromRow(rows->front()));
}

Result<std::vector<Enrolment>> TrainingStore::Enrolments(const EnrolmentFilter& f) {
  store::Where w;
  w.County("e.county_code", f.region)
      .And("e.enrolment_id > ?", {f.after_id})
      .Eq("e.course_id", f.course_id)
      .Eq("e.person_id", f.person_id);
  auto rows = db_.Query(std::string("SELECT ") + kEnrolmentColumns + " WHERE " + w.Sql() +
                            " ORDER BY e.enrolment_id LIMIT ?",
                        w.Then(int64_t{f.limit}));
  if (!rows) return std::unexpected(rows.error());
  std::vector<Enrolment> out;
  for (const auto& r : *rows) out.push_back(EnrolmentFromRow(r));
  return out;
}

Result<Enrolment> TrainingStore::Attend(int64_t enrolment_id, Date on, int hours, const std::string& actor) {
  auto found = FindEnrolment(enrolment_id);
  if (!found) return std::unexpected(found.error());
  if (!*found) return Fail(ErrorCode::kNotFound, "没有该报名记录：" + std::to_string(enrolment_id));
  const Enrolment& e = **found;
  if (hours < 1 || hours > 12) return Fail(ErrorCode::kInvalidArgument, "学时（hours）：每日须在 1 至 12 之间");
  if (e.status != "enrolled") {
    return Fail(ErrorCode::kConflict, std::string("该报名") + (e.status == "withdrawn" ? "已退出" : "已结业") + "，不能再记考勤");
  }
  auto course = FindCourse(e.course_id);
  if (!course) return std::unexpected(course.error());
  const Course& c = **course;
  if (on < c.start_on || on > c.end_on) {
    return Fail(ErrorCode::kConflict, "考勤日期 " + on.ToString() + " 不在课程日期内（" + c.start_on.ToString() +
                                          " 至 " + c.end_on.ToString() + "）");
  }
  if (on < e.enrolled_on) {
    return Fail(ErrorCode::kConflict, "考勤日期 " + on.ToString() + " 早于报名日期 " + e.enrolled_on.ToString());
  }
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  auto u = db_.Exec(
      "UPDATE training_enrolments SET hours_attended = hours_attended + ?, days_attended = days_attended + 1 "
      "WHERE enrolment_id = ? AND status = 'enrolled' AND hours_attended + ? <= ?",
      std::vector<Value>{int64_t{hours}, enrolment_id, int64_t{hours}, int64_t{c.hours}});
  if (!u) return std::unexpected(u.error());
  if (*u == 0) {
    return Fail(ErrorCode::kConflict, "累计学时将超过课程学时 " + std::to_string(c.hours) + "（已记 " +
                                          std::to_string(e.hours_attended) + " 学时）");
  }
  auto ins = db_.Exec(
      "INSERT INTO training_attendance (county_code, enrolment_id, on_date, hours, recorded_by) VALUES (?, ?, ?, ?, ?)",
      std::vector<Value>{e.county_code, enrolment_id, on.ToString(), int64_t{hours}, actor});
  if (!ins) {
    if (ins.error().code == ErrorCode::kAlreadyExists) {
      return Fail(ErrorCode::kConflict, on.ToString() + " 已记考勤，同一日只记一次");
    }
    return std::unexpected(ins.error());
  }
  if (auto r = tx->Commit(); !r) return std::unexpected(r.error());
  auto again = FindEnrolment(enrolment_id);
  if (!again) return std::unexpected(again.error());
  return **again;
}

Result<Enrolment> TrainingStore::Complete(int64_t enrolment_id, Date on, const policy::ParameterSet& params,
                                          const std::string& actor) {
  (void)actor;
  auto found = FindEnrolment(enrolment_id);
  if (!found) return std::unexpected(found.error());
  if (!*found) return Fail(ErrorCode::kNotFound, "没有该报名记录：" + std::to_string(enrolment_id));
  const Enrolment& e = **found;
  if (e.status == "completed") return Fail(ErrorCode::kConflict, "该报名已结业");
  if (e.status == "withdrawn") return Fail(ErrorCode::kConflict, "该报名已退出，不能结业");
  auto course = FindCourse(e.course_id);
  if (!course) return std::unexpected(course.error());
  const Course& c = **course;
  if (on < c.end_on) {
    return Fail(ErrorCode::kConflict, "结业日期 " + on.ToString() + " 早于课程结束日 " + c.end_on.ToString());
  }
  auto min = params.ValueAt("training.min_attendance_bp", on, c.county_code);
  if (!min) {
    return Fail(ErrorCode::kInvalidArgument,
                "参数 training.min_attendance_bp（结业出勤比例）在 " + on.ToString() + " 无有效值");
  }
  const int64_t share = int64_t{e.hours_attended} * 10000 / c.hours;
  if (share < *min) {
    return Fail(ErrorCode::kConflict, "出勤 " + std::to_string(e.hours_attended) + "/" + std::to_string(c.hours) +
                                          " 学时（" + TrainingStoreBp(share) + "），低于结业要求 " + TrainingStoreBp(*min) +
                                          "（training.min_attendance_bp，附件3（五）2），不能结业");
  }
  auto u = db_.Exec(
      "UPDATE training_enrolments SET status = 'completed', completed_on = ? WHERE enrolment_id = ? AND status = "
      "'enrolled'",
      std::vector<Value>{on.ToString(), enrolment_id});
  if (!u) return std::unexpected(u.error());
  if (*u == 0) return Fail(ErrorCode::kConflict, "该报名已结业");
  auto again = FindEnrolment(enrolment_id);
  if (!again) return std::unexpected(again.error());
  return **again;
}

Result<Enrolment> TrainingStore::Certify(int64_t enrolment_id, const std::string& cert_kind, int level,
                                         Date issued_on, const std::string& number, const std::string& actor) {
  (void)actor;
  auto kind = ParseCertKind(cert_kind);
  if (!kind) {
    return Fail(ErrorCode::kInvalidArgument, "证书类型（cert_kind）：「" + cert_kind + "」不是职业资格证书或职业技能等级证书");
  }
  if (*kind == "skill_level" ? (level < 1 || level > 5) : (level < 0 || level > 5)) {
    return Fail(ErrorCode::kInvalidArgument,
                "证书等级（level）：职业技能等级证书须为 5（五级）至 1（一级），职业资格证书为 0（未分级）至 1");
  }
  if (number.size() > 60) return Fail(ErrorCode::kInvalidArgument, "证书编号（cert_no）：不超过60个字符");
  auto found = FindEnrolment(enrolment_id);
  if (!found) return std::unexpected(found.error());
  if (!*found) return Fail(ErrorCode::kNotFound, "没有该报名记录：" + std::to_string(enrolment_id));
  const Enrolment& e = **found;
  if (e.status != "completed") return Fail(ErrorCode::kConflict, "尚未结业，不能登记证书");
  if (issued_on < *e.completed_on) {
    return Fail(ErrorCode::kConflict, "发证日期 " + issued_on.ToString() + " 早于结业日期 " + e.completed_on->ToString());
  }
  auto course = FindCourse(e.course_id);
  if (!course) return std::unexpected(course.error());
  if (!*course) return Fail(ErrorCode::kNotFound, "没有该培训课程：" + std::to_string(e.course_id));
  std::string cert_name = match::SkillOfOccupation((*course)->occupation_code);
  if (cert_name.empty()) cert_name = (*course)->title;
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  // The person's row locked first (PostgreSQL): a move of the person to
  // another county (RegistryStore rewrites the children's county_code in
  // its transaction) either committed before this reads the county, or
  // waits for this certificate and moves it too. Without the lock a
  // certificate read under the old county could commit beside the move and
  // stay behind (on a sharded registry, on the old shard). SQLite has one
  // writer at a time.
  if (db_.dialect() == store::Dialect::kPostgres) {
    auto lock = db_.Query("SELECT county_code FROM persons WHERE person_id = ? FOR UPDATE",
                          std::vector<Value>{e.person_id});
    if (!lock) return std::unexpected(lock.error());
  }
  auto u = db_.Exec(
      "UPDATE training_enrolments SET cert_kind = ?, cert_level = ?, cert_no = ?, cert_on = ? WHERE enrolment_id = ? "
      "AND cert_kind = ''",
      std::vector<Value>{*kind, int64_t{level}, number, issued_on.ToString(), enrolment_id});
  if (!u) return std::unexpected(u.error());
  if (*u == 0) return Fail(ErrorCode::kConflict, "该报名已登记证书");
  // The registry's certificate (R8, match profiles): appended after the
  // person's others, in the person's county.
  auto cert = db_.Exec(
      "INSERT INTO person_certificates (person_id, seq, county_code, name, level, issued_on) SELECT p.person_id, "
      "COALESCE((SELECT MAX(seq) + 1 FROM person_certificates WHERE person_id = p.person_id), 0), p.county_code, ?, "
      "?, ? FROM persons p WHERE p.person_id = ?",
      std::vector<Value>{cert_name, int64_t{level}, issued_on.ToString(), e.person_id});
  if (!cert) return std::unexpected(cert.error());
  if (auto r = tx->Commit(); !r) return std::unexpected(r.error());
  auto again = FindEnrolment(enrolment_id);
  if (!again) return std::unexpected(again.error());
  return **again;
}

}  // namespace qjy::training
