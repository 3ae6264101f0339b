// 职业培训补贴 and 生活费补贴 (A3(五)2; A1(十一), A2(十二), A4(十四)),
// decided with the policy engine's Eval (conditions with clause, what was
// seen and the fix; parameters cited from policy/params/training.yaml) and
// paid once through the double-entry ledger.
//
// 职业培训补贴 (rule "T1"), for one enrolment, on the decision date:
//   - target group on the enrolment date: a registered unemployed person
//     (an open 失业登记, A3(五)2) or a member of an enabled group
//     (training.group_*); "unknown" — not false — when the registry holds
//     no registration records (the services tables are not migrated) and
//     no enabled group applies;
//   - completed (结业), hours attended / course hours >= training.min_attendance_bp;
//   - a certificate obtained (职业资格证书 / 职业技能等级证书), except for
//     创业培训 where completion suffices; the amount by the certificate's
//     level (training.amount_level_N) or training.amount_startup;
//   - at most training.max_per_year per person per calendar year of
//     completion (other enrolments' T1 payments count).
// 生活费补贴 (rule "T2"): registered unemployed on the enrolment date (the
// same unknown), completed with the attendance share; amount = days
// attended (capped at training.living_max_days) × training.living_per_day_fen.
//
// Payment: Decision::once_key "T1|P:<person>|<person>|course:<id>" (T2
// alike) is the policy_payments key and training_subsidies.once_key (both
// UNIQUE); the payment row, its two ledger entries (debit
// "职业培训补贴支出:employment_subsidy" / "生活费补贴支出:employment_subsidy",
// credit "资金专户:employment_subsidy", txn "pay:<once_key>" so `qjy ledger
// check` reconciles them) and the training_subsidies row are written in
// ONE transaction: a retry or a concurrent payment pays nothing twice.
#ifndef QJY_TRAINING_SUBSIDY_H_
#define QJY_TRAINING_SUBSIDY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "core/error.h"
#include "policy/decision.h"
#include "policy/params.h"
#include "store/db.h"
#include "training/training_store.h"

namespace qjy::training {

enum class SubsidyKind { kTraining, kLiving };
std::string_view SubsidyKindCode(SubsidyKind k);   // "training" | "living"
std::string_view SubsidyKindLabel(SubsidyKind k);  // "职业培训补贴" | "生活费补贴"
std::optional<SubsidyKind> ParseSubsidyKind(std::string_view code_or_label);

// What a decision reads, gathered by LoadFacts (or built by tests).
struct SubsidyFacts {
  Course course;
  Enrolment enrolment;
  // Registered unemployed on the enrolment date; nullopt: unknown (no
  // registration records kept here).
  std::optional<bool> registered;
  std::vector<std::string> groups;  // registry group codes in force on the enrolment date
  // T1 payments of the person's other enrolments completed in the same year.
  int paid_same_year = 0;
};

policy::Decision DecideTraining(const policy::ParameterSet& params, const SubsidyFacts& f, Date on);
policy::Decision DecideLiving(const policy::ParameterSet& params, const SubsidyFacts& f, Date on);
policy::Decision Decide(SubsidyKind k, const policy::ParameterSet& params, const SubsidyFacts& f, Date on);

Result<SubsidyFacts> LoadFacts(store::Db& db, int64_t enrolment_id);

struct PaidSubsidy {
  std::string county_code;
  int64_t enrolment_id = 0, person_id = 0, course_id = 0;
  std::string kind;  // training | living
  int64_t amount_fen = 0;
  std::string once_key, decided_on, paid_at;
  nlohmann::json explanation;  // the Decision as policy::ToJson
};

enum class PayOutcome { kPaid, kAlreadyPaid, kRefused };
struct PayResult {
  PayOutcome outcome = PayOutcome::kRefused;
  policy::Decision decision;
};

// Decides on `on` and, when eligible, pays (see above). A refusal is a
// result with the decision, not an error. `now` is the UTC timestamp text.
Result<PayResult> PaySubsidy(store::Db& db, const policy::ParameterSet& params, int64_t enrolment_id,
                             SubsidyKind kind, Date on, const std::string& actor, const std::string& now);

struct SubsidyFilter {
  std::string region;
  int64_t person_id = 0, course_id = 0;
};
Result<std::vector<PaidSubsidy>> PaidSubsidies(store::Db& db, const SubsidyFilter& f);
nlohmann::json PaidSubsidyJson(const PaidSubsidy& s);

}  // namespace qjy::training

#endif  // QJY_TRAINING_SUBSIDY_H_
