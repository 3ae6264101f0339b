// Repository of registrations, assessments and service records, written
// once over store::Db (SQLite and PostgreSQL). One instance per connection;
// not safe for concurrent use (like the Db it borrows).
#ifndef QJY_SERVICES_SERVICES_STORE_H_
#define QJY_SERVICES_SERVICES_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "services/registration.h"
#include "services/service_kind.h"
#include "store/db.h"

namespace qjy::services {

// The officer's assessment of a registration's category (A3(六)1). When
// `category` differs from the registration's suggested category it is an
// override and needs a reason. History is kept: the latest assessment on or
// before a date is the one in force.
struct Assessment {
  int64_t assessment_id = 0;
  int64_t registration_id = 0;
  std::string county_code;
  Date assessed_on;
  std::string officer;
  Category category = Category::kBasicSkills;
  Category suggested_category = Category::kBasicSkills;
  std::string reason;
  bool IsOverride() const { return category != suggested_category; }
};

// A record's fact with the person it belongs to (the queue's lean load).
struct PersonRecordFact {
  int64_t person_id = 0;
  RecordFact fact;
};

struct ServiceRecord {
  int64_t record_id = 0;
  int64_t registration_id = 0;
  int64_t person_id = 0;
  std::string county_code;
  ServiceKind kind = ServiceKind::kPolicyBriefing;
  Date delivered_on;
  std::string officer;
  std::string outcome;
  int64_t job_id = 0;             // job recommendations
  std::optional<Date> hired_on;   // the recommendation led to a hire
  RecordFact Fact() const { return {registration_id, kind, delivered_on, job_id}; }
};

class ServicesStore {
 public:
  explicit ServicesStore(store::Db& db) : db_(db) {}

  Result<void> Migrate();

  // Stores `r` (assigns registration_id). kAlreadyExists "该人员已有未注销的
  // 失业登记" when the person has an open registration (checked, and
  // enforced by the database against races).
  Result<void> AddRegistration(Registration& r);
  // kNotFound; kConflict when already closed; kInvalidArgument when `on`
  // is before the registration date.
  Result<void> CloseRegistration(int64_t registration_id, Date on, CloseReason reason,
                                 std::string_view note);
  Result<std::optional<Registration>> GetRegistration(int64_t registration_id);
  Result<std::optional<Registration>> OpenRegistrationOf(int64_t person_id);
  // Oldest first.
  Result<std::vector<Registration>> RegistrationsOfPerson(int64_t person_id);
  // Those of several persons (at most a few hundred: one IN list), by
  // registration_id (the order ListRegistrations gives).
  Result<std::vector<Registration>> RegistrationsOfPersons(std::span<const int64_t> person_ids);
  // Every registration (open or closed) whose region_code starts with
  // `region_prefix` ("" = all), by registration_id.
  Result<std::vector<Registration>> ListRegistrations(std::string_view region_prefix);

  // kInvalidArgument for an override without a reason or a date before the
  // registration; kNotFound for an unknown registration.
  Result<void> AddAssessment(Assessment& a);
  // Oldest first.
  Result<std::vector<Assessment>> AssessmentsOf(int64_t registration_id);
  Result<std::vector<Assessment>> AssessmentsInRegion(std::string_view region_prefix);

  // kInvalidArgument: a job recommendation without job_id, a date before
  // the registration, a non-follow-up record after the closing date, a
  // follow-up visit on an open registration. kNotFound: unknown registration.
  Result<void> AddRecord(ServiceRecord& r);
  // Links a job recommendation to the hire it led to.
  Result<void> LinkHire(int64_t record_id, Date hired_on);
  // Sorted by date, then id.
  Result<std::vector<ServiceRecord>> RecordsOfPerson(int64_t person_id);
  Result<std::vector<ServiceRecord>> RecordsInRegion(std::string_view region_prefix);
  // For the queue on `as_of` (Caseload::LoadForQueue): the registrations of
  // the region open that day or closed by re-employment by then, and the
  // record facts of their persons delivered by then, by person and date.
  Result<std::vector<Registration>> QueueRegistrations(std::string_view region_prefix, Date as_of);
  // Identical records (same person, registration, kind, day and job) come
  // at most `max_repeat` times (ObligationEngine::MostCounted): the rows
  // follow the distinct facts, not how often one was entered.
  Result<std::vector<PersonRecordFact>> QueueRecordFacts(std::string_view region_prefix, Date as_of,
                                                         int max_repeat);

 private:
  Result<std::vector<Registration>> LoadRegistrations(const std::string& where,
                                                      std::vector<store::Value> params);
  Result<std::vector<ServiceRecord>> LoadRecords(const std::string& where,
                                                 std::vector<store::Value> params);
  store::Db& db_;
};

// "52%" for a LIKE on region codes (codes are digits: no escaping needed).
std::string RegionLike(std::string_view prefix);

}  // namespace qjy::services

#endif  // QJY_SERVICES_SERVICES_STORE_H_
