#include "services/services_store.h"

#include <algorithm>

#include "services/services_schema.h"
#include "store/migrations.h"

namespace qjy::services {
namespace {

using store::Row;
using store::Value;

Value DateValue(Date d) { return d.ToString(); }
Value OptDate(const std::optional<Date>& d) {
  return d ? Value(d->ToString()) : Value(std::monostate{});
}
Date ParseStoredDate(const std::string& s) { return Date::Parse(s).value_or(Date()); }

constexpr char kRegColumns[] =
    "registration_id, county_code, person_id, registered_on, found_on, place_kind, region_code, "
    "channel, kind, served_as, flags, suggested_category, officer, closed_on, close_reason, "
    "close_note";

Registration RegFromRow(const Row& row) {
  Registration r;
  r.registration_id = row.Int(0);
  r.county_code = row.Text(1);
  r.person_id = row.Int(2);
  r.registered_on = ParseStoredDate(row.Text(3));
  r.found_on = ParseStoredDate(row.Text(4));
  r.place = ParsePlaceKind(row.Text(5)).value_or(PlaceKind::kHukou);
  r.region_code = row.Text(6);
  r.channel = row.Text(7);
  r.kind = row.Text(8) == "job_seeking" ? RegistrationKind::kJobSeeking : RegistrationKind::kUnemployed;
  r.served_as = ParseServedAs(row.Text(9)).value_or(ServedAs::kRegistered);
  r.flags = FlagsFromText(row.Text(10)).value_or(0);
  r.suggested_category = ParseCategory(row.Text(11)).value_or(Category::kBasicSkills);
  r.officer = row.Text(12);
  if (!row.IsNull(13)) r.closed_on = ParseStoredDate(row.Text(13));
  if (!row.IsNull(14)) r.close_reason = ParseCloseReason(row.Text(14)).value_or(CloseReason::kOther);
  r.close_note = row.Text(15);
  return r;
}

constexpr char kRecColumns[] =
    "record_id, registration_id, person_id, county_code, kind, delivered_on, officer, outcome, "
    "job_id, hired_on";

ServiceRecord RecFromRow(const Row& row) {
  ServiceRecord r;
  r.record_id = row.Int(0);
  r.registration_id = row.Int(1);
  r.person_id = row.Int(2);
  r.county_code = row.Text(3);
  r.kind = ParseServiceKind(row.Text(4)).value_or(ServiceKind::kPolicyBriefing);
  r.delivered_on = ParseStoredDate(row.Text(5));
  r.officer = row.Text(6);
  r.outcome = row.Text(7);
  r.job_id = row.Int(8);
  if (!row.IsNull(9)) r.hired_on = ParseStoredDate(row.Text(9));
  return r;
}

constexpr char kAssessColumns[] =
    "assessment_id, registration_id, county_code, assessed_on, officer, category, "
    "suggested_category, reason";

Assessment AssessFromRow(const Row& row) {
  Assessment a;
  a.assessment_id = row.Int(0);
  a.registration_id = row.Int(1);
  a.county_code = row.Text(2);
  a.assessed_on = ParseStoredDate(row.Text(3));
  a.officer = row.Text(4);
  a.category = ParseCategory(row.Text(5)).value_or(Category::kBasicSkills);
  a.suggested_category = ParseCategory(row.Text(6)).value_or(Category::kBasicSkills);
  a.reason = row.Text(7);
  return a;
}

}  // namespace

std::string RegionLike(std::string_view prefix) { return std::string(prefix) + "%"; }

Result<void> ServicesStore::Migrate() { return store::ApplyMigrations(db_, ServicesMigrations()); }

Result<void> ServicesStore::AddRegistration(Registration& r) {
  auto open = OpenRegistrationOf(r.person_id);
  if (!open) return std::unexpected(open.error());
  if (*open) {
    return Fail(ErrorCode::kAlreadyExists,
                "该人员已有未注销的失业登记（" + (*open)->registered_on.ToString() + " 登记，编号 " +
                    std::to_string((*open)->registration_id) + "），须先注销再重新登记");
  }
  std::vector<Value> v = {r.county_code,
                          r.person_id,
                          DateValue(r.registered_on),
                          DateValue(r.found_on),
                          std::string(PlaceKindCode(r.place)),
                          r.region_code,
                          r.channel,
                          std::string(RegistrationKindCode(r.kind)),
                          std::string(ServedAsCode(r.served_as)),
                          FlagsToText(r.flags),
                          std::string(CategoryCode(r.suggested_category)),
                          r.officer};
  auto ins = db_.Query(
      "INSERT INTO unemployment_registrations (county_code, person_id, registered_on, found_on, "
      "place_kind, region_code, channel, kind, served_as, flags, suggested_category, officer, "
      "status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open') RETURNING registration_id",
      v);
  if (!ins) {
    if (ins.error().code == ErrorCode::kAlreadyExists) {
      return Fail(ErrorCode::kAlreadyExists, "该人员已有未注销的失业登记，须先注销再重新登记");
    }
    return std::unexpected(ins.error());
  }
  r.registration_id = ins->at(0).Int(0);
  r.closed_on.reset();
  r.close_reason.reset();
  return {};
}

Result<void> ServicesStore::CloseRegistration(int64_t id, Date on, CloseReason reason,
                                              std::string_view note) {
  auto reg = GetRegistration(id);
  if (!reg) return std::unexpected(reg.error());
  if (!*reg) return Fail(ErrorCode::kNotFound, "没有该失业登记：" + std::to_string(id));
  if ((*reg)->closed_on) {
    return Fail(ErrorCode::kConflict, "该失业登记已于 " + (*reg)->closed_on->ToString() + " 注销");
  }
  if (on < (*reg)->registered_on) {
    return Fail(ErrorCode::kInvalidArgument, "注销日期不能早于登记日期 " +
                                                 (*reg)->registered_on.ToString());
  }
  std::vector<Value> v = {DateValue(on), std::string(CloseReasonCode(reason)), std::string(note), id};
  auto n = db_.Exec(
      "UPDATE unemployment_registrations SET status = 'closed', closed_on = ?, close_reason = ?, "
      "close_note = ? WHERE registration_id = ? AND status = 'open'",
      v);
  if (!n) return std::unexpected(n.error());
  if (*n != 1) return Fail(ErrorCode::kConflict, "该失业登记已被注销");
  return {};
}

Result<std::vector<Registration>> ServicesStore::LoadRegistrations(const std::string& where,
                                                                   std::vector<Value> params) {
  auto rows = db_.Query(std::string("SELECT ") + kRegColumns +
                            " FROM unemployment_registrations WHERE " + where,
                        params);
  if (!rows) return std::unexpected(rows.error());
  std::vector<Registration> out;
  out.reserve(rows->size());
  for (const auto& row : *rows) out.push_back(RegFromRow(row));
  return out;
}

Result<std::optional<Registration>> ServicesStore::GetRegistration(int64_t id) {
  auto list = LoadRegistrations("registration_id = ?", {id});
  if (!list) return std::unexpected(list.error());
  if (list->empty()) return std::optional<Registration>();
  return std::optional<Registration>(list->front());
}

Result<std::optional<Registration>> ServicesStore::OpenRegistrationOf(int64_t person_id) {
  auto list = LoadRegistrations("person_id = ? AND status = 'open'", {person_id});
  if (!list) return std::unexpected(list.error());
  if (list->empty()) return std::optional<Registration>();
  return std::optional<Registration>(list->front());
}

Result<std::vector<Registration>> ServicesStore::RegistrationsOfPerson(int64_t person_id) {
  return LoadRegistrations("person_id = ? ORDER BY registered_on, registration_id", {person_id});
}

Result<std::vector<Registration>> ServicesStore::RegistrationsOfPersons(std::span<const int64_t> person_ids) {
  if (person_ids.empty()) return std::vector<Registration>{};
  std::string in;
  for (size_t i = 0; i < person_ids.size(); ++i) in += i ? ",?" : "?";
  return LoadRegistrations("person_id IN (" + in + ") ORDER BY registration_id",
                           std::vector<Value>(person_ids.begin(), person_ids.end()));
}

Result<std::vector<Registration>> ServicesStore::ListRegistrations(std::string_view prefix) {
  return LoadRegistrations("region_code LIKE ? ORDER BY registration_id", {RegionLike(prefix)});
}

Result<void> ServicesStore::AddAssessment(Assessment& a) {
  auto reg = GetRegistration(a.registration_id);
  if (!reg) return std::unexpected(reg.error());
  if (!*reg) return Fail(ErrorCode::kNotFound, "没有该失业登记：" + std::to_string(a.registration_id));
  if (a.assessed_on < (*reg)->registered_on) {
    return Fail(ErrorCode::kInvalidArgument, "评估日期不能早于登记日期");
  }
  if (a.officer.empty()) return Fail(ErrorCode::kInvalidArgument, "须填写评估经办人");
  a.suggested_category = (*reg)->suggested_category;
  a.county_code = (*reg)->county_code;
  if (a.IsOverride() && a.reason.empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                std::string("评估类别与系统建议（") + CategoryLabel(a.suggested_category) +
                    "）不同，须填写调整理由");
  }
  std::vector<Value> v = {a.registration_id, a.county_code, DateValue(a.assessed_on), a.officer,
                          std::string(CategoryCode(a.category)),
                          std::string(CategoryCode(a.suggested_category)), a.reason};
  auto ins = db_.Query(
      "INSERT INTO service_assessments (registration_id, county_code, assessed_on, officer, "
      "category, suggested_category, reason) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING assessment_id",
      v);
  if (!ins) return std::unexpected(ins.error());
  a.assessment_id = ins->at(0).Int(0);
  return {};
}

Result<std::vector<Assessment>> ServicesStore::AssessmentsOf(int64_t registration_id) {
  std::vector<Value> v = {registration_id};
  auto rows = db_.Query(std::string("SELECT ") + kAssessColumns +
                            " FROM service_assessments WHERE registration_id = ? "
                            "ORDER BY assessed_on, assessment_id",
                        v);
  if (!rows) return std::unexpected(rows.error());
  std::vector<Assessment> out;
  for (const auto& row : *rows) out.push_back(AssessFromRow(row));
  return out;
}

Result<std::vector<Assessment>> ServicesStore::AssessmentsInRegion(std::string_view prefix) {
  std::vector<Value> v = {RegionLike(prefix)};
  auto rows = db_.Query(
      "SELECT a.assessment_id, a.registration_id, a.county_code, a.assessed_on, a.officer, "
      "a.category, a.suggested_category, a.reason FROM service_assessments a "
      "JOIN unemployment_registrations r ON r.registration_id = a.registration_id "
      "WHERE r.region_code LIKE ? ORDER BY a.registration_id, a.assessed_on, a.assessment_id",
      v);
  if (!rows) return std::unexpected(rows.error());
  std::vector<Assessment> out;
  out.reserve(rows->size());
  for (const auto& row : *rows) out.push_back(AssessFromRow(row));
  return out;
}

Result<void> ServicesStore::AddRecord(ServiceRecord& r) {
  auto reg = GetRegistration(r.registration_id);
  if (!reg) return std::unexpected(reg.error());
  if (!*reg) return Fail(ErrorCode::kNotFound, "没有该失业登记：" + std::to_string(r.registration_id));
  const Registration& g = **reg;
  if (r.kind == ServiceKind::kJobRecommendation && r.job_id <= 0) {
    return Fail(ErrorCode::kInvalidArgument, "岗位推荐须注明推荐的岗位编号");
  }
  if (r.officer.empty()) return Fail(ErrorCode::kInvalidArgument, "须填写经办人");
  if (r.delivered_on < g.found_on) {
    return Fail(ErrorCode::kInvalidArgument, "服务日期不能早于登记（发现）日期 " + g.found_on.ToString());
  }
  if (r.kind == ServiceKind::kFollowUpVisit) {
    if (!g.closed_on || g.close_reason != CloseReason::kReemployed) {
      return Fail(ErrorCode::kInvalidArgument, "跟踪回访只能记录在已实现就业而注销的登记上");
    }
  } else if (g.closed_on && r.delivered_on > *g.closed_on) {
    return Fail(ErrorCode::kInvalidArgument, "该登记已于 " + g.closed_on->ToString() + " 注销");
  }
  r.person_id = g.person_id;
  r.county_code = g.county_code;
  std::vector<Value> v = {r.registration_id,
                          r.person_id,
                          r.county_code,
                          std::string(ServiceKindCode(r.kind)),
                          DateValue(r.delivered_on),
                          r.officer,
                          r.outcome,
                          r.job_id > 0 ? Value(r.job_id) : Value(std::monostate{}),
                          OptDate(r.hired_on)};
  auto ins = db_.Query(
      "INSERT INTO service_records (registration_id, person_id, county_code, kind, delivered_on, "
      "officer, outcome, job_id, hired_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING record_id",
      v);
  if (!ins) return std::unexpected(ins.error());
  r.record_id = ins->at(0).Int(0);
  return {};
}

Result<void> ServicesStore::LinkHire(int64_t record_id, Date hired_on) {
  auto list = LoadRecords("record_id = ?", {record_id});
  if (!list) return std::unexpected(list.error());
  if (list->empty()) return Fail(ErrorCode::kNotFound, "没有该服务记录：" + std::to_string(record_id));
  const ServiceRecord& r = list->front();
  if (r.kind != ServiceKind::kJobRecommendation) {
    return Fail(ErrorCode::kInvalidArgument, "只有岗位推荐可以关联录用");
  }
  if (hired_on < r.delivered_on) return Fail(ErrorCode::kInvalidArgument, "录用日期不能早于推荐日期");
  std::vector<Value> v = {DateValue(hired_on), record_id};
  auto n = db_.Exec("UPDATE service_records SET hired_on = ? WHERE record_id = ?", v);
  if (!n) return std::unexpected(n.error());
  return {};
}

Result<std::vector<ServiceRecord>> ServicesStore::LoadRecords(const std::string& where,
                                                              std::vector<Value> params) {
  auto rows = db_.Query(std::string("SELECT ") + kRecColumns + " FROM service_records WHERE " + where,
                        params);
  if (!rows) return std::unexpected(rows.error());
  std::vector<ServiceRecord> out;
  out.reserve(rows->size());
  for (const auto& row : *rows) out.push_back(RecFromRow(row));
  return out;
}

Result<std::vector<ServiceRecord>> ServicesStore::RecordsOfPerson(int64_t person_id) {
  return LoadRecords("person_id = ? ORDER BY delivered_on, record_id", {person_id});
}

namespace {
// Registrations an officer's queue on a day is about: registered by then,
// and open that day or closed by re-employment (the follow-up).
constexpr char kQueueRegistrations[] =
    "region_code LIKE ? AND registered_on <= ? AND (closed_on IS NULL OR closed_on > ? OR "
    "close_reason = 'reemployed')";
}  // namespace

Result<std::vector<Registration>> ServicesStore::QueueRegistrations(std::string_view prefix, Date as_of) {
  return LoadRegistrations(std::string(kQueueRegistrations) + " ORDER BY registration_id",
                           {RegionLike(prefix), DateValue(as_of), DateValue(as_of)});
}

Result<std::vector<PersonRecordFact>> ServicesStore::QueueRecordFacts(std::string_view prefix, Date as_of,
                                                                     int max_repeat) {
  const Value params[] = {DateValue(as_of), RegionLike(prefix), DateValue(as_of), DateValue(as_of)};
  auto rows = db_.Query(std::string("SELECT person_id, registration_id, kind, delivered_on, COALESCE(job_id, 0), "
                                    "COUNT(*) FROM service_records WHERE delivered_on <= ? AND person_id IN "
                                    "(SELECT person_id FROM unemployment_registrations WHERE ") +
                            kQueueRegistrations +
                            ") GROUP BY person_id, registration_id, kind, delivered_on, COALESCE(job_id, 0) "
                            "ORDER BY person_id, delivered_on, MIN(record_id)",
                        params);
  if (!rows) return std::unexpected(rows.error());
  std::vector<PersonRecordFact> out;
  out.reserve(rows->size());
  for (const auto& row : *rows) {
    PersonRecordFact f;
    f.person_id = row.Int(0);
    f.fact.registration_id = row.Int(1);
    f.fact.kind = ParseServiceKind(row.Text(2)).value_or(ServiceKind::kPolicyBriefing);
    f.fact.on = ParseStoredDate(row.Text(3));
    f.fact.job_id = row.Int(4);
    const int64_t copies = std::min<int64_t>(row.Int(5), std::max(max_repeat, 1));
    for (int64_t k = 0; k < copies; ++k) out.push_back(f);
  }
  return out;
}

Result<std::vector<ServiceRecord>> ServicesStore::RecordsInRegion(std::string_view prefix) {
  return LoadRecords(
      "person_id IN (SELECT person_id FROM unemployment_registrations WHERE region_code LIKE ?) "
      "ORDER BY person_id, delivered_on, record_id",
      {RegionLike(prefix)});
}

}  // namespace qjy::services
