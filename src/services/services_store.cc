#include "services/services_store.h"

#include <algorithm>

#include "services/services_schema.h"
#include "store/migrations.h"
#include "store/row_codec.h"

namespace qjy::services {
namespace {

using store::Row;
using store::Value;

Value DateValue(Date d) { return d.ToString(); }

std::optional<RegistrationKind> ParseRegistrationKind(std::string_view s) {
  for (auto k : {RegistrationKind::kUnemployed, RegistrationKind::kJobSeeking}) {
    if (s == RegistrationKindCode(k)) return k;
  }
  return std::nullopt;
}

const store::RowCodec<Registration>& RegCodec() {
  static const store::RowCodec<Registration> kCodec =
      store::RowCodec<Registration>()
          .Field("registration_id", [](auto& r) -> auto& { return r.registration_id; })
          .Field("county_code", [](auto& r) -> auto& { return r.county_code; })
          .Field("person_id", [](auto& r) -> auto& { return r.person_id; })
          .Field("registered_on", [](auto& r) -> auto& { return r.registered_on; })
          .Field("found_on", [](auto& r) -> auto& { return r.found_on; })
          .Field("place_kind", [](auto& r) -> auto& { return r.place; }, store::Coded(PlaceKindCode, ParsePlaceKind))
          .Field("region_code", [](auto& r) -> auto& { return r.region_code; })
          .Field("channel", [](auto& r) -> auto& { return r.channel; })
          .Field("kind", [](auto& r) -> auto& { return r.kind; },
                 store::Coded(RegistrationKindCode, ParseRegistrationKind))
          .Field("served_as", [](auto& r) -> auto& { return r.served_as; }, store::Coded(ServedAsCode, ParseServedAs))
          .Field("flags", [](auto& r) -> auto& { return r.flags; }, store::Coded(FlagsToText, FlagsFromText))
          .Field("suggested_category", [](auto& r) -> auto& { return r.suggested_category; },
                 store::Coded(CategoryCode, ParseCategory))
          .Field("officer", [](auto& r) -> auto& { return r.officer; })
          .Field("closed_on", [](auto& r) -> auto& { return r.closed_on; })
          .Field("close_reason", [](auto& r) -> auto& { return r.close_reason; },
                 store::Nullable(store::Coded(CloseReasonCode, ParseCloseReason)))
          .Field("close_note", [](auto& r) -> auto& { return r.close_note; });
  return kCodec;
}

const store::RowCodec<ServiceRecord>& RecCodec() {
  static const store::RowCodec<ServiceRecord> kCodec =
      store::RowCodec<ServiceRecord>()
          .Field("record_id", [](auto& r) -> auto& { return r.record_id; })
          .Field("registration_id", [](auto& r) -> auto& { return r.registration_id; })
          .Field("person_id", [](auto& r) -> auto& { return r.person_id; })
          .Field("county_code", [](auto& r) -> auto& { return r.county_code; })
          .Field("kind", [](auto& r) -> auto& { return r.kind; }, store::Coded(ServiceKindCode, ParseServiceKind))
          .Field("delivered_on", [](auto& r) -> auto& { return r.delivered_on; })
          .Field("officer", [](auto& r) -> auto& { return r.officer; })
          .Field("outcome", [](auto& r) -> auto& { return r.outcome; })
          .Field("job_id", [](auto& r) -> auto& { return r.job_id; }, store::ZeroAsNull())
          .Field("hired_on", [](auto& r) -> auto& { return r.hired_on; });
  return kCodec;
}

const store::RowCodec<Assessment>& AssessCodec() {
  static const store::RowCodec<Assessment> kCodec =
      store::RowCodec<Assessment>()
          .Field("assessment_id", [](auto& a) -> auto& { return a.assessment_id; })
          .Field("registration_id", [](auto& a) -> auto& { return a.registration_id; })
          .Field("county_code", [](auto& a) -> auto& { return a.county_code; })
          .Field("assessed_on", [](auto& a) -> auto& { return a.assessed_on; })
          .Field("officer", [](auto& a) -> auto& { return a.officer; })
          .Field("category", [](auto& a) -> auto& { return a.category; }, store::Coded(CategoryCode, ParseCategory))
          .Field("suggested_category", [](auto& a) -> auto& { return a.suggested_category; },
                 store::Coded(CategoryCode, ParseCategory))
          .Field("reason", [](auto& a) -> auto& { return a.reason; });
  return kCodec;
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
  // A new registration is open: no closing columns.
  static const store::RowCodec<Registration> kInsertable =
      RegCodec().Except({"registration_id", "closed_on", "close_reason", "close_note"});
  auto ins = kInsertable.InsertReturning(db_, "unemployment_registrations", "registration_id", r, "status", "'open'");
  if (!ins) {
    if (ins.error().code == ErrorCode::kAlreadyExists) {
      return Fail(ErrorCode::kAlreadyExists, "该人员已有未注销的失业登记，须先注销再重新登记");
    }
    return std::unexpected(ins.error());
  }
  r.registration_id = *ins;
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
  auto rows = db_.Query("SELECT " + RegCodec().Columns() + " FROM unemployment_registrations WHERE " + where, params);
  if (!rows) return std::unexpected(rows.error());
  return RegCodec().ReadAll(*rows);
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
  static const store::RowCodec<Assessment> kInsertable = AssessCodec().Except({"assessment_id"});
  auto ins = kInsertable.InsertReturning(db_, "service_assessments", "assessment_id", a);
  if (!ins) return std::unexpected(ins.error());
  a.assessment_id = *ins;
  return {};
}

Result<std::vector<Assessment>> ServicesStore::AssessmentsOf(int64_t registration_id) {
  std::vector<Value> v = {registration_id};
  auto rows = db_.Query("SELECT " + AssessCodec().Columns() +
                            " FROM service_assessments WHERE registration_id = ? ORDER BY assessed_on, assessment_id",
                        v);
  if (!rows) return std::unexpected(rows.error());
  return AssessCodec().ReadAll(*rows);
}

Result<std::vector<Assessment>> ServicesStore::AssessmentsInRegion(std::string_view prefix) {
  std::vector<Value> v = {RegionLike(prefix)};
  auto rows = db_.Query("SELECT " + AssessCodec().Columns("a") +
                            " FROM service_assessments a "
                            "JOIN unemployment_registrations r ON r.registration_id = a.registration_id "
                            "WHERE r.region_code LIKE ? ORDER BY a.registration_id, a.assessed_on, a.assessment_id",
                        v);
  if (!rows) return std::unexpected(rows.error());
  return AssessCodec().ReadAll(*rows);
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
  ServiceRecord row = r;
  if (row.job_id < 0) row.job_id = 0;  // no job: NULL
  static const store::RowCodec<ServiceRecord> kInsertable = RecCodec().Except({"record_id"});
  auto ins = kInsertable.InsertReturning(db_, "service_records", "record_id", row);
  if (!ins) return std::unexpected(ins.error());
  r.record_id = *ins;
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
  auto rows = db_.Query("SELECT " + RecCodec().Columns() + " FROM service_records WHERE " + where, params);
  if (!rows) return std::unexpected(rows.error());
  return RecCodec().ReadAll(*rows);
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
  // One row per distinct fact (the grouping columns), with its count.
  static const store::RowCodec<PersonRecordFact> kFact =
      store::RowCodec<PersonRecordFact>()
          .Field("person_id", [](auto& f) -> auto& { return f.person_id; })
          .Field("registration_id", [](auto& f) -> auto& { return f.fact.registration_id; })
          .Field("kind", [](auto& f) -> auto& { return f.fact.kind; }, store::Coded(ServiceKindCode, ParseServiceKind))
          .Field("delivered_on", [](auto& f) -> auto& { return f.fact.on; })
          .Field("COALESCE(job_id, 0)", [](auto& f) -> auto& { return f.fact.job_id; });
  auto rows = db_.Query("SELECT " + kFact.Columns() +
                            ", COUNT(*) FROM service_records WHERE delivered_on <= ? AND person_id IN "
                            "(SELECT person_id FROM unemployment_registrations WHERE " +
                            kQueueRegistrations + ") GROUP BY " + kFact.Columns() +
                            " ORDER BY person_id, delivered_on, MIN(record_id)",
                        params);
  if (!rows) return std::unexpected(rows.error());
  std::vector<PersonRecordFact> out;
  out.reserve(rows->size());
  for (const auto& row : *rows) {
    auto f = kFact.Read(row);
    if (!f) return std::unexpected(f.error());
    const int64_t copies = std::min<int64_t>(row.Int(kFact.size()), std::max(max_repeat, 1));
    for (int64_t k = 0; k < copies; ++k) out.push_back(*f);
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
