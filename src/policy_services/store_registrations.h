// The policy engine's RegistrationSource over the services store
// (unemployment_registrations, issue #4): what the rules read as
// "registered unemployed" (登记失业, A3(一)).
//
// Mapping (ToPolicyRegistration):
//   - only unemployment registrations (kind unemployed) count; a job-seeking
//     registration (past the statutory working age) is not 登记失业 and is
//     skipped;
//   - registered_on is the registration date;
//   - ended_on is the closing day, inclusive: a registration closed on the
//     day of a hire (reason 就业) still counts for that hire — the person was
//     registered unemployed when hired — and for nothing later;
//   - receives_ui_benefit comes from the 失业保险金 claims (src/benefits,
//     ApplyBenefitFacts): true with the benefit months overlapping the
//     registration, false when the benefit records cover the person (their
//     own claim, or their county keeps benefits here) and none overlaps,
//     unknown (empty) otherwise — a fact the platform does not hold is never
//     false (a 失业补助金 recipient is not a 失业保险金 recipient).
// The 四级 level of a registration on a date is services::LevelOn over the
// same registered_on; R3's "半年以上" reads the same months (policy README).
//
// One instance per connection, not safe for concurrent use (like the Db).
// Migrates the services tables on first use, so a database without them
// reads as "no registrations" instead of failing.
#ifndef QJY_POLICY_SERVICES_STORE_REGISTRATIONS_H_
#define QJY_POLICY_SERVICES_STORE_REGISTRATIONS_H_

#include <optional>

#include "benefits/benefit_facts.h"
#include "policy/facts.h"
#include "services/registration.h"
#include "store/db.h"

namespace qjy::policy_services {

// nullopt for a registration the policy rules do not read (job-seeking).
// receives_ui_benefit is left unknown.
std::optional<policy::Registration> ToPolicyRegistration(const services::Registration& r);
// Sets receives_ui_benefit and ui_benefit_months of `p` from `facts`
// (`county`: the registration's county).
void ApplyBenefitFacts(policy::Registration& p, const std::string& county, const benefits::BenefitFacts& facts);

class StoreRegistrations final : public policy::RegistrationSource {
 public:
  explicit StoreRegistrations(store::Db& db) : db_(db) {}
  // Every unemployment registration, open or closed, by registration id.
  Result<void> ForEach(const std::function<void(const policy::Registration&)>& fn) override;
  // Only those of `person_ids` (one indexed query per person).
  Result<void> ForEachOf(std::span<const int64_t> person_ids,
                         const std::function<void(const policy::Registration&)>& fn) override;
  // Set-based (IN lists of 500), each person's by registration_id as ForEach.
  Result<void> ForEachOfMany(std::span<const int64_t> person_ids,
                             const std::function<void(const policy::Registration&)>& fn) override;

 private:
  Result<void> Ready();
  store::Db& db_;
  bool migrated_ = false;
};

}  // namespace qjy::policy_services

#endif  // QJY_POLICY_SERVICES_STORE_REGISTRATIONS_H_
