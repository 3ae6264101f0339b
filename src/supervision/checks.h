// The cross-checks of fund supervision (issue #17 §1, 正文（二十一）) as pure
// functions over claims loaded by the caller (screen.h loads them from the
// store). Each returns hits; a hit names the entitlement (once-only key),
// the check, the clause, a Chinese summary and the evidence as JSON. Neither
// summary nor evidence carries a name, an identity number or a phone
// number: persons appear by their registry number, phones by a keyed hash
// prefix (the registry's Vault::Index), so evidence can be shown to users.
//
// Only targets are flagged (the entitlements being screened: proposed ones
// in a sweep or a batch, paid ones for the after-the-fact checks); every
// other claim is evidence. Thresholds come from the parameter set
// (policy/supervision/params) on the screening date.
#ifndef QJY_SUPERVISION_CHECKS_H_
#define QJY_SUPERVISION_CHECKS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "policy/params.h"
#include "supervision/causes.h"

namespace qjy::supervision {

// Check codes (stable; labels in CheckLabel).
// Two live claims of one cause for one person, none of the others paid yet
// (kDuplicateCause), or one of them paid (kDuplicatePaid). Two codes, so
// that a hold released while both were unpaid (a supervisor judged the pair
// before either was paid) does not keep the second from being held again
// once the first is paid: a hold is raised once per (entitlement, check).
inline constexpr char kDuplicateCause[] = "duplicate_cause";
inline constexpr char kDuplicatePaid[] = "duplicate_paid";
inline constexpr char kPersonStatus[] = "person_status";
inline constexpr char kEmployerDeregistered[] = "employer_deregistered";
inline constexpr char kBudget[] = "budget";
inline constexpr char kSharedContact[] = "shared_contact";
inline constexpr char kSharedBankAccount[] = "shared_bank_account";
inline constexpr char kSharedAddress[] = "shared_address";
inline constexpr char kGhostHire[] = "ghost_hire";
inline constexpr char kCircularHire[] = "circular_hire";
inline constexpr char kCountyAnomaly[] = "county_anomaly";

// "同一事由重复享受", ...
std::string CheckLabel(const std::string& check);

// An entitlement as the checks read it.
struct Claim {
  std::string once_key, rule, beneficiary, employer_code, period, fund, county_code, status;
  int64_t person_id = 0;
  int64_t amount_fen = 0;
  bool loan = false;
  bool paid = false;
  Date pay_on;  // paid: the payment's day; else the day it would be paid (screening day)
  // The labour contract the claim is for (hiring subsidies), when known.
  std::optional<Date> spell_from, spell_to;  // spell_to empty: open-ended
  bool target = false;  // flagged by the checks (else evidence only)
};

struct Hit {
  std::string once_key, county_code, check, clause, summary;
  nlohmann::json evidence;
};

// A death, emigration, imprisonment (persons) or deregistration (employers).
struct StatusFact {
  std::string subject;  // "P:<person id>" or "E:<credit code>"
  std::string kind;     // died | emigrated | imprisoned | deregistered
  std::string county_code, source;
  Date from;
  std::optional<Date> until;  // inclusive; empty = open-ended
};
std::string StatusKindLabel(const std::string& kind);  // 死亡, 出境定居, 服刑, 注销

// Social-insurance months paid for a hiring claim's person.
struct ContributionFacts {
  // (person, employer) → months (registry::MonthIndex-like: year*12+month-1).
  std::map<std::pair<int64_t, std::string>, std::set<int32_t>> months;
  std::set<int64_t> persons_known;        // persons with any contribution month
  std::set<std::string> employers_known;  // employers with any contribution month
};

// (a) One cause (causes.yaml) paid twice to one person across rules,
// counties or employers: overlapping contracts (spell "contract") or the
// same period (spell "period", "once" matching any).
std::vector<Hit> DuplicateCause(const std::vector<Claim>& claims, const Causes& causes,
                                const policy::ParameterSet& params, Date on);
// (b) Payments to persons recorded dead, emigrated or imprisoned on the
// day of payment, and to employers deregistered by then.
std::vector<Hit> StatusAtPayment(const std::vector<Claim>& claims, const std::vector<StatusFact>& facts,
                                 const policy::ParameterSet& params, Date on);
// (d) One phone shared by more beneficiaries than the parameter allows;
// an officer's own phone or identity hash shared with a beneficiary
// (conflict of interest). `phone_of`: person id → keyed hash (hex);
// `officer_hashes`: keyed hash → officer username.
std::vector<Hit> SharedContact(const std::vector<Claim>& claims, const std::map<int64_t, std::string>& phone_of,
                               const std::map<int64_t, std::string>& id_hash_of,
                               const std::map<std::string, std::string>& officer_hashes,
                               const policy::ParameterSet& params, Date on);
// A beneficiary's payment facts (registry person_payment_facts): keyed
// hashes (hex) of the bank account and the address, the account's last
// four digits (display only; never compared).
struct PaymentFactsOf {
  std::string bank_hash, bank_last4, address_hash;  // empty: not given
};
// (d') One bank account shared by more beneficiaries than
// supervision.shared_bank_account_max_beneficiaries, one address by more
// than supervision.shared_address_max_beneficiaries. Accounts and
// addresses are compared by their hashes only (two accounts ending alike
// are two accounts). Evidence: hash prefixes, the account's 尾号, persons.
std::vector<Hit> SharedPaymentFacts(const std::vector<Claim>& claims, const std::map<int64_t, PaymentFactsOf>& facts,
                                    const policy::ParameterSet& params, Date on);
// (e) Hiring subsidies for contracts without a contribution month paid by
// the employer within supervision.ghost_hire_months of the start (when the
// contribution data covers the person or the employer), and persons hired
// for more subsidies than supervision.circular_hire_max within the window.
std::vector<Hit> GhostHire(const std::vector<Claim>& claims, const Causes& causes, const ContributionFacts& contrib,
                           const policy::ParameterSet& params, Date on);
std::vector<Hit> CircularHire(const std::vector<Claim>& claims, const Causes& causes,
                              const policy::ParameterSet& params, Date on);

// (c) Budgets: (county, fund, year) → budget fen; `spent`: paid so far in
// that year. The targets of each (county, fund) whose sum would exceed
// what remains are all hit, with the shortfall. No budget entered: not
// checked.
struct BudgetKey {
  std::string county_code, fund;
  int year = 0;
  auto operator<=>(const BudgetKey&) const = default;
};
std::vector<Hit> BudgetExceeded(const std::vector<Claim>& claims, const std::map<BudgetKey, int64_t>& budgets,
                                const std::map<BudgetKey, int64_t>& spent, Date on);

// (f) County anomalies: amount per registered person (`persons` by county)
// against its peers (robust z-score, median and MAD) and against its own
// history (`history_fen`: average yearly amount paid before). One hit per
// county, once_key "county|<code>|<year>" (a county alert: it holds no
// payment by itself).
std::vector<Hit> CountyAnomalies(const std::map<std::string, int64_t>& amount_fen,
                                 const std::map<std::string, int64_t>& persons,
                                 const std::map<std::string, int64_t>& history_fen,
                                 const policy::ParameterSet& params, Date on);

// Months as year*12 + month-1.
int32_t MonthOf(Date d);

}  // namespace qjy::supervision

#endif  // QJY_SUPERVISION_CHECKS_H_
