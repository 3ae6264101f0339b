// The facts the rules read: registry records (persons, employers,
// contracts, service sites) plus facts other subsystems own —
// unemployment registrations (src/services, issue #4), internships,
// start-ups, outbound-work placements. A World holds them in memory with
// the indexes the rules need; it is built from the store (world_loader.h),
// from a scenario file (scenario.h) or by the benchmark generator.
//
// Registrations come through RegistrationSource so that the services
// subsystem can plug its store in; scenarios give them as data.
#ifndef QJY_POLICY_FACTS_H_
#define QJY_POLICY_FACTS_H_

#include <climits>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "registry/model.h"
#include "registry/place.h"

namespace qjy::policy {

// One unemployment registration (失业登记), A3(一). `ended_on` inclusive
// last day registered; empty while still registered.
struct Registration {
  int64_t person_id = 0;
  Date registered_on;
  std::optional<Date> ended_on;
  // 领取失业保险金 (R8). Empty = unknown (the benefit records do not cover
  // the person's county: no rule may read it as false); false = known none
  // during the registration; true = a benefit in `ui_benefit_months`, or
  // the whole registration when that is empty (scenario files).
  std::optional<bool> receives_ui_benefit;
  // The benefit months (registry::MonthIndex, inclusive) overlapping the
  // registration (src/benefits, issue #16 §1).
  struct MonthSpan {
    int32_t from = 0, through = 0;
  };
  std::vector<MonthSpan> ui_benefit_months;
  // 领取失业保险金 on `month`: unknown, false or true as above.
  std::optional<bool> ReceivesUiBenefitIn(int32_t month) const {
    if (!receives_ui_benefit || !*receives_ui_benefit || ui_benefit_months.empty()) return receives_ui_benefit;
    for (const auto& s : ui_benefit_months) {
      if (month >= s.from && month <= s.through) return true;
    }
    return false;
  }
};

// The facts provider for registrations (implemented by src/services).
class RegistrationSource {
 public:
  virtual ~RegistrationSource() = default;
  virtual Result<void> ForEach(const std::function<void(const Registration&)>& fn) = 0;
  // Only the registrations of `person_ids` (one person's or one employer's
  // evaluation). The default filters ForEach; a store answers by index.
  virtual Result<void> ForEachOf(std::span<const int64_t> person_ids,
                                 const std::function<void(const Registration&)>& fn);
  // The registrations of many persons (a county's, world_loader.h
  // LoadCountyWorld), each person's in the order ForEach gives them. The
  // default filters ForEach through a hash set; a store answers set-based.
  virtual Result<void> ForEachOfMany(std::span<const int64_t> person_ids,
                                     const std::function<void(const Registration&)>& fn);
};

// An internship (就业见习), A1(十二).
struct Internship {
  int64_t person_id = 0;
  std::string host_credit_code;
  Date start_on;
  Date end_on;                       // planned last day (inclusive)
  std::optional<Date> retained_on;   // labour contract signed with the host
};

// A start-up (创业), A3(九), A1(二): the person founded the employer.
struct Venture {
  int64_t person_id = 0;
  std::string credit_code;  // the firm or individual business (an Employer)
  Date founded_on;
  bool first_time = true;   // 首次创办
};

// Outbound work organised by an agency (R18, A2(四)).
struct Placement {
  std::string agency_credit_code;
  int64_t person_id = 0;
  Date start_on;  // the placed person's contract start
};

// Social-insurance contribution months (registry/contribution.h) as the
// rules read them: a run of consecutive months paid by one payer for one
// person with the same kinds. Loaders coalesce the stored months into runs
// (a person insured for three years is one or two runs, not 36 records).
struct InsuranceSpell {
  int64_t person_id = 0;
  std::string employer_credit_code;  // the payer; "" = paid as an individual
  int32_t from_month = 0;            // registry::MonthIndex, inclusive
  int32_t to_month = 0;              // inclusive
  uint8_t kinds = 0;                 // registry::InsuranceKind bits
};

// A 就业帮扶车间（基地） as the county's registry holds it (src/network,
// main(九), A2(十四)): who runs it, whether officials recognised it, and —
// when the registry's contracts cannot show it — the number of 脱贫人口
// (含监测对象) it employs as officials entered it, with its source.
struct Workshop {
  int64_t workshop_id = 0;
  std::string county_code;
  std::string name;
  std::string region;                 // where it is (township or county)
  std::string operator_credit_code;   // the employer running it
  std::string status;                 // applied | recognised | rejected | revoked
  std::optional<Date> recognised_on;  // the recognition's date (status recognised or revoked)
  std::optional<Date> revoked_on;     // the revocation's date (status revoked)
  std::optional<int64_t> entered_poverty_employed;  // empty: not entered
  std::string entered_source;         // where the entered number comes from
  std::optional<Date> entered_as_of;  // the day it counts
  // Recognised and not revoked on `date`.
  bool RecognisedOn(Date date) const {
    return recognised_on && *recognised_on <= date && status != "applied" && status != "rejected" &&
           !(revoked_on && *revoked_on <= date);
  }
};

// A full-employment community's recognition (充分就业社区, A4(十五)) as
// officials recorded it in the network registry (src/network, migration
// 802). `level` "" = not recorded (unknown); "none" = not recognised;
// "national" 国家级 | "province" 省级 | "prefecture" 市州级.
struct CommunityRecognition {
  int64_t site_id = 0;
  std::string level;
  std::optional<Date> recognised_on;
};

// Which months InsuredMonths counts.
struct MonthQuery {
  uint8_t kinds = 15;                // any of these kinds paid in the month
  int32_t from_month = INT32_MIN;    // inclusive
  int32_t through_month = INT32_MAX; // inclusive (the decision date's month)
  // When set, only months paid by this payer (or, with `individual_too`,
  // paid as an individual).
  const std::string* payer = nullptr;
  bool individual_too = false;
};

class World {
 public:
  std::vector<registry::Person> persons;
  std::vector<registry::Employer> employers;
  std::vector<registry::Contract> contracts;
  std::vector<registry::ServiceSite> sites;
  std::vector<Registration> registrations;
  std::vector<Internship> internships;
  std::vector<Venture> ventures;
  std::vector<Placement> placements;
  std::vector<InsuranceSpell> insurance;
  std::vector<Workshop> workshops;
  // Was the workshop registry loaded? False: every workshop fact is
  // unknown (a world built without it), not absent.
  bool workshops_known = false;
  std::vector<CommunityRecognition> recognitions;  // of `sites`, by site id
  // Were communities' recognitions loaded? False: unknown (as above).
  bool recognitions_known = false;

  // Builds the indexes; call after filling the vectors (and again after
  // changing them).
  void Index();

  const registry::Person* Person(int64_t id) const;
  const registry::Employer* Employer(const std::string& credit_code) const;
  // Indexes into the vectors above.
  const std::vector<uint32_t>& ContractsOfPerson(int64_t id) const;
  const std::vector<uint32_t>& ContractsOfEmployer(const std::string& code) const;
  const std::vector<uint32_t>& RegistrationsOf(int64_t id) const;
  const std::vector<uint32_t>& InternshipsOfHost(const std::string& code) const;
  const std::vector<uint32_t>& VenturesOf(int64_t id) const;
  const std::vector<uint32_t>& PlacementsOfAgency(const std::string& code) const;
  const std::vector<uint32_t>& WorkshopsOfOperator(const std::string& code) const;
  // The recorded recognition of community `site_id`; null when none.
  const CommunityRecognition* RecognitionOf(int64_t site_id) const;
  // Distinct calendar months matching `q` with a contribution recorded for
  // the person. nullopt = unknown: the registry holds no contribution month
  // of this person at all (the insurance data was not loaded for them), so
  // "0 months" would be invented.
  std::optional<int> InsuredMonths(int64_t person_id, const MonthQuery& q) const;
  // Was the month paid (any payer, `kinds`)? nullopt = unknown as above.
  std::optional<bool> PaidIn(int64_t person_id, int32_t month, uint8_t kinds = 15) const;

  // Fast paths for records held in this World's vectors (positions, no
  // hashing); records from elsewhere fall back to the id lookups above.
  std::span<const uint32_t> ContractsOf(const registry::Person& p) const;
  std::span<const uint32_t> RegistrationsOf(const registry::Person& p) const;
  const registry::Person* PersonOf(const registry::Contract& c) const;
  const registry::Employer* EmployerOf(const registry::Contract& c) const;
  // Where the contract's work is, relative to its person's household
  // registration (registry/place.h); kUnknown when the person is not held
  // here or the place of work is not recorded.
  registry::WorkPlace PlaceOf(const registry::Contract& c) const;
  // Was the person ever a member of `g` (any dates)? From a per-person bit
  // mask built by Index() for records held here (no pointer chasing).
  bool EverIn(const registry::Person& p, registry::Group g) const;
  // The same for several groups: bit g set when ever a member of Group g.
  uint64_t GroupsEver(const registry::Person& p) const;
  // Contracts of an employer held here (positions, no hashing).
  std::span<const uint32_t> ContractsOf(const registry::Employer& e) const;
  // Does the person hold any certificate? From a per-person flag for
  // records held here (a sweep gate that does not read the record).
  bool HasCertificates(const registry::Person& p) const;
  // The same for start-ups (ventures naming the person).
  bool HasVentures(const registry::Person& p) const;
  // contracts[i].start_on as days, a column built by Index() (filters over
  // many contracts read it instead of the records).
  std::span<const int32_t> ContractStartDays() const { return contract_start_days_; }
  // c.start_on as days, from the column for a record held here.
  int32_t StartDayOf(const registry::Contract& c) const;
  // Does any of the person's contracts have one of `flags` (kCrossCounty...)?
  // From a per-contract flag column (sweep gates; no contract record read).
  // kCrossCounty / kCrossProvince are derived from the place of work and the
  // household registration (PlaceOf); an unknown place sets neither.
  static constexpr uint8_t kCrossCounty = 1, kCrossProvince = 2, kFlexible = 4, kNewForm = 8;
  bool AnyContractWith(const registry::Person& p, uint8_t flags) const;

 private:
  std::unordered_map<int64_t, uint32_t> person_index_;
  std::unordered_map<std::string, uint32_t> employer_index_;
  std::unordered_map<int64_t, std::vector<uint32_t>> contracts_of_person_;
  std::unordered_map<std::string, std::vector<uint32_t>> contracts_of_employer_;
  std::unordered_map<int64_t, std::vector<uint32_t>> registrations_of_;
  std::unordered_map<std::string, std::vector<uint32_t>> internships_of_;
  std::unordered_map<int64_t, std::vector<uint32_t>> ventures_of_;
  std::unordered_map<std::string, std::vector<uint32_t>> placements_of_;
  std::unordered_map<std::string, std::vector<uint32_t>> workshops_of_;
  std::unordered_map<int64_t, uint32_t> recognition_of_;
  std::unordered_map<int64_t, std::vector<uint32_t>> insurance_of_;  // positions in `insurance`
  // CSR by person position: contracts and registrations of persons[i] are
  // [offsets[i], offsets[i+1]) of the flat arrays.
  std::vector<uint32_t> person_contract_offsets_, person_contracts_;
  std::vector<uint32_t> person_reg_offsets_, person_regs_;
  std::vector<uint32_t> employer_contract_offsets_, employer_contracts_;
  std::vector<uint32_t> contract_person_pos_, contract_employer_pos_;  // UINT32_MAX: unknown
  std::vector<uint64_t> person_groups_ever_;  // bit g: ever a member of Group g
  std::vector<uint8_t> person_flags_;  // kHasCertificates | kHasVentures
  std::vector<int32_t> contract_start_days_;
  std::vector<uint8_t> contract_flags_;
};

}  // namespace qjy::policy

#endif  // QJY_POLICY_FACTS_H_
