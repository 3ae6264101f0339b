// What is kept with every stored decision so that it can be replayed bit
// for bit after the registry, the parameters or the code changed (issue
// #17 §2; replay.h replays it, ledger.h stores it):
//   - the rule's logic version ("R2@1", rules::RuleVersion);
//   - the SHA-256 of the whole parameter set's canonical JSON
//     (params_json.h); the set itself is stored once per hash, so the hash
//     is a reference that cannot change;
//   - the parameters the decision read, each with its value, the date that
//     value took effect and the override region (for people to read; the
//     replay uses the whole set);
//   - the facts of the decision's subject (facts_json.h SubjectWorld), as
//     canonical JSON without identity numbers, phones or names;
//   - the decision itself as stored (ToJson(d).dump()).
//
// A DecisionRecorder serialises and hashes the parameter set once and then
// records many decisions of one World (a sweep). Record is const and
// thread-safe; the World and ParameterSet are borrowed.
#ifndef QJY_POLICY_DECISION_RECORD_H_
#define QJY_POLICY_DECISION_RECORD_H_

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "policy/decision.h"
#include "policy/facts.h"
#include "policy/facts_json.h"
#include "policy/params.h"

namespace qjy::policy {

struct DecisionRecord {
  std::string rule_version;    // "R2@1"
  std::string params_hash;     // hex SHA-256 of the set's canonical JSON
  nlohmann::json params_read;  // [{name, description, reference, unit, value, shown, from, region}]
  std::string facts_json;      // canonical JSON of the subject's facts
  std::string decision_json;   // the decision as stored
};

class DecisionRecorder {
 public:
  DecisionRecorder(const ParameterSet& params, const World& world);

  const std::string& params_hash() const { return params_hash_; }
  const std::string& params_json() const { return params_json_; }
  DecisionRecord Record(const Decision& d) const { return Record(d, ToJson(d).dump()); }
  // The same when the caller has ToJson(d).dump() already (the ledger).
  DecisionRecord Record(const Decision& d, std::string decision_json) const;

 private:
  const ParameterSet& params_;
  const World& world_;
  std::string params_json_, params_hash_;
  // Built on the first Record (a re-sweep that adds nothing never pays for it).
  mutable std::once_flag index_once_;
  mutable std::optional<SubjectIndex> index_;
};

// The names of the parameters `d` cites (Decision::params_used, which the
// rules write as "name = value（clause）"), each once, in order.
std::vector<std::string> ParamNames(const Decision& d);
// Those parameters as stored in DecisionRecord::params_read, their values
// looked up in `params` for the decision's date and county.
nlohmann::json ParamsRead(const ParameterSet& params, const Decision& d);

}  // namespace qjy::policy

#endif  // QJY_POLICY_DECISION_RECORD_H_
