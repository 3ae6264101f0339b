// Replaying a stored decision on appeal (复核/申诉, issue #17 §2).
//
// ReplayDecision rebuilds the decision from what was stored with it
// (decision_record.h): the subject's facts snapshot and the whole parameter
// set of that day, on the stored decision date, with today's code. It is
// reproduced when ToJson of the rebuilt decision equals the stored text
// byte for byte (eligibility, amount, fund, every condition with what was
// seen, the amount's steps, the parameters cited).
//
// It then decides the same facts on the same date under today's
// parameters: `today_params` (the set in force now, approved changes
// included) with every timeline cut to the value in force on `today`
// (params_json.h ParamsAsOf) — an appeal asks what the same case would get
// under the values that apply now. The differences are listed: eligibility,
// amount, each condition whose outcome or seen value changed, and each
// parameter read (by either) whose value changed, with its clause.
//
// When the stored rule version differs from the code's, `version_note`
// says so in Chinese: a failure to reproduce is then explained by the code
// change rather than by tampering. A stored parameter set whose hash does
// not match its text is reported the same way (hash_ok false).
//
// No store dependency: the caller reads the StoredDecision (ledger.h).
// Pure; thread-safe.
#ifndef QJY_POLICY_REPLAY_H_
#define QJY_POLICY_REPLAY_H_

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "core/error.h"
#include "policy/decision.h"
#include "policy/params.h"

namespace qjy::policy {

struct StoredDecision {
  std::string decision_json;   // the decision as recorded (ToJson(d).dump())
  std::string rule_version;    // "R2@1"
  std::string params_hash;
  std::string params_json;     // the whole set, canonical (ParamsToJson)
  nlohmann::json params_read;  // DecisionRecord::params_read
  std::string facts_json;      // DecisionRecord::facts_json
};

struct ConditionChange {
  std::string id, clause, text;
  std::optional<bool> then_pass, now_pass;  // nullopt: the condition was not checked
  std::string then_seen, now_seen;
};

struct ParamDifference {
  std::string name, description, reference;
  std::optional<int64_t> then_value, now_value;
  std::string then_shown, now_shown, then_from, now_from;
};

struct Replay {
  Decision then;               // rebuilt from the snapshot and the stored set
  bool reproduced = false;     // byte for byte equal to the stored decision
  std::string mismatch;        // Chinese: what differs, when not reproduced
  bool hash_ok = true;         // the stored set's text hashes to params_hash
  std::string stored_rule_version, code_rule_version;
  std::string version_note;    // Chinese, when the versions differ
  Date today;
  Decision now;                // the same facts under today's parameters
  bool eligible_changed = false, amount_changed = false;
  std::vector<ConditionChange> conditions;
  std::vector<ParamDifference> params;
  bool Differs() const { return eligible_changed || amount_changed || !conditions.empty() || !params.empty(); }
};

// kInvalidArgument when the stored decision, facts or parameter set do not
// parse; a decision the rebuilt engine does not produce is not an error
// (reproduced false, mismatch says so).
Result<Replay> ReplayDecision(const StoredDecision& stored, const ParameterSet& today_params, Date today);

nlohmann::json ToJson(const Replay& r);
// Both decisions and the differences, in Chinese.
std::string ToText(const Replay& r);

}  // namespace qjy::policy

#endif  // QJY_POLICY_REPLAY_H_
