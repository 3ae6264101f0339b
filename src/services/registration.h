// Unemployment registration (A3(一), A3(二)): where and how a person
// registered, whether it is an unemployment or (past the statutory working
// age) a job-seeking registration, the A3(二) category a person is served
// as, the facts that trigger packages, and its closing.
#ifndef QJY_SERVICES_REGISTRATION_H_
#define QJY_SERVICES_REGISTRATION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "registry/model.h"
#include "registry/contribution.h"
#include "services/classification.h"
#include "services/employment_status.h"
#include "services/obligations.h"
#include "services/params.h"

namespace qjy::services {

// A3(一): 户籍地、常住地、就业地、参保地或线上.
enum class PlaceKind { kHukou, kResidence, kWork, kInsured, kOnline };
const char* PlaceKindCode(PlaceKind k);   // "hukou"
const char* PlaceKindLabel(PlaceKind k);  // "户籍地"
Result<PlaceKind> ParsePlaceKind(std::string_view s);

enum class RegistrationKind { kUnemployed, kJobSeeking };
const char* RegistrationKindCode(RegistrationKind k);   // "unemployed" / "job_seeking"
const char* RegistrationKindLabel(RegistrationKind k);  // "失业登记" / "求职登记"

// A3(二): served as registered unemployed.
enum class ServedAs { kRegistered, kGraduate, kSubsidyRecipient, kMigrantLivingSubsidy };
const char* ServedAsCode(ServedAs s);
const char* ServedAsLabel(ServedAs s);
Result<ServedAs> ParseServedAs(std::string_view s);

enum class CloseReason { kReemployed, kWithdrawn, kMoved, kRetired, kOther };
const char* CloseReasonCode(CloseReason r);
const char* CloseReasonLabel(CloseReason r);
Result<CloseReason> ParseCloseReason(std::string_view s);

struct Registration {
  int64_t registration_id = 0;
  std::string county_code;  // county of region_code
  int64_t person_id = 0;
  Date registered_on;
  Date found_on;            // day found unemployed (A4(三)); <= registered_on
  PlaceKind place = PlaceKind::kHukou;
  std::string region_code;  // where registered: county or township
  std::string channel;      // counter / online / outreach / app
  RegistrationKind kind = RegistrationKind::kUnemployed;
  ServedAs served_as = ServedAs::kRegistered;
  uint32_t flags = 0;
  Category suggested_category = Category::kBasicSkills;
  std::string officer;      // responsible officer
  std::optional<Date> closed_on;
  std::optional<CloseReason> close_reason;
  std::string close_note;
  // Not stored: what BuildRegistration could not judge for lack of data
  // (Chinese), and the officer's written reason for registering a person
  // the registry shows employed (audited by the caller).
  std::vector<std::string> notes;
  std::string override_reason;
  EmploymentStatus employment;  // on registered_on, as derived

  bool OpenOn(Date d) const { return registered_on <= d && (!closed_on || d < *closed_on); }
  RegistrationFacts Facts() const;
};

struct RegistrationRequest {
  Date on;
  std::optional<Date> found_on;
  PlaceKind place = PlaceKind::kHukou;
  std::string region_code;
  std::string channel = "counter";
  ServedAs served_as = ServedAs::kRegistered;
  uint32_t extra_flags = 0;  // e.g. living_difficulty, judged by the officer
  std::string officer;
  // The person's employment facts (contracts and contribution months, from
  // the registry): the status on the registration date and "离校未就业".
  std::vector<registry::Contract> contracts;
  std::vector<registry::Contribution> contributions;
  // Their employers' names, so the reasons name them (services/employment_facts.h).
  EmployerNames employer_names;
  // A person employed on the registration date is refused unless the
  // officer gives a written reason here (the caller audits it).
  std::string override_reason;
};

// Builds the registration of `person` (not stored): kind from the
// statutory working age, flags from the person's groups (离校未就业 graduate:
// a college graduate who left school and has not worked since — no
// contract begun, no employer-paid month; or served as graduate. No fixed
// window: a graduate without a school-leaving date gets no flag and a note
// naming the missing date; one whose work since is unknown gets the flag
// and a note; graduate in difficulty =
// graduate and poverty-alleviated / monitoring object / 低保 / 特困 /
// zero-employment family / disabled; veteran; hard-to-employ), the
// suggested category. kInvalidArgument for a person under the minimum age,
// a found_on after the registration date, an empty region or officer, a
// place of work/insured the person has none of. kPermissionDenied (message:
// the reason, in Chinese) for a person employed on the registration date
// (employment_status.h) unless request.override_reason is filled.
Result<Registration> BuildRegistration(const registry::Person& person,
                                       const RegistrationRequest& request,
                                       const ServiceParams& params);

// The category the registry data suggests (the officer's assessment may
// override it, with a reason): hard-to-employ or disabled -> 存在就业困难;
// at most junior-high education and no certificate -> 缺乏基本技能; else
// 具备初级技能.
Category SuggestCategory(const registry::Person& person, Date on);

}  // namespace qjy::services

#endif  // QJY_SERVICES_REGISTRATION_H_
