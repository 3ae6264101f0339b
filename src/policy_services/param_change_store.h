// Changes to policy parameters proposed and approved by officials
// (issue #14 "parameters officials can edit"), kept in the database and
// laid over the shipped YAML (policy/param_changes.h) without a release.
//
//   Propose  an officer proposes a new value of one parameter from an
//            effective date (after today: a change never reaches back to
//            decisions already made), with the document and clause it
//            rests on and a reason. Checked against the parameter
//            (CheckChange) before anything is written.
//   Approve  another officer holding kApproveParamsGrant (审批政策参数)
//            approves it: never the proposer (two-person rule), only a
//            proposed change, and only while its effective date is still
//            after the day of approval. A conditional UPDATE, so two
//            approvers racing cannot both decide it.
//   Reject   the same people may reject it instead (with a reason).
// Nothing is ever deleted or edited: the table is the history.
//
// Table policy_param_changes (migration 1400). Borrows one connection:
// one ParamChangeStore per thread.
#ifndef QJY_POLICY_SERVICES_PARAM_CHANGE_STORE_H_
#define QJY_POLICY_SERVICES_PARAM_CHANGE_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "policy/param_changes.h"
#include "policy/params.h"
#include "store/db.h"

namespace qjy::policy_services {

// The account grant that lets an officer approve a parameter change.
inline constexpr char kApproveParamsGrant[] = "approve_params";

struct ParamChange {
  int64_t change_id = 0;
  std::string name;
  std::optional<int64_t> old_value;  // in force the day before `from` when proposed
  std::optional<int64_t> value;      // nullopt: the scheme ends
  Date from;
  std::string document;  // e.g. 黔人社发〔2026〕3号
  std::string clause;    // e.g. 第二条
  std::string reason;
  std::string status;    // proposed | approved | rejected
  std::string proposed_by;
  int64_t proposed_at = 0;  // Unix seconds
  std::string decided_by;
  int64_t decided_at = 0;
  std::string decision_note;
};

struct ParamProposal {
  std::string name;
  std::optional<int64_t> value;
  Date from;
  std::string document, clause, reason;
};

class ParamChangeStore {
 public:
  explicit ParamChangeStore(store::Db& db) : db_(db) {}

  static Result<void> Migrate(store::Db& db);

  // kInvalidArgument (Chinese, naming the field) for an unknown parameter,
  // a bad value, an effective date not after `today`, or a missing
  // document, clause or reason.
  Result<ParamChange> Propose(const policy::ParameterSet& params, const ParamProposal& p,
                              const std::string& actor, Date today, int64_t now);
  // kNotFound, kPermissionDenied (the proposer), kConflict (no longer
  // proposed, or its date is no longer after `today`).
  Result<ParamChange> Approve(int64_t change_id, const std::string& actor, Date today, int64_t now);
  Result<ParamChange> Reject(int64_t change_id, const std::string& actor, const std::string& note, int64_t now);

  Result<std::optional<ParamChange>> Find(int64_t change_id);
  // Every change, newest first.
  Result<std::vector<ParamChange>> List();
  // The approved changes in approval order, as the layering takes them.
  Result<std::vector<policy::ParamValueChange>> Approved();
  // A number that changes whenever a change is approved (the engine is
  // rebuilt when it moves).
  Result<int64_t> Revision();

 private:
  Result<ParamChange> Decide(int64_t change_id, const std::string& actor, const std::string& status,
                             const std::string& note, std::optional<Date> today, int64_t now);
  store::Db& db_;
};

// `base` with the approved changes of `db` laid over it (the table is
// created when missing): what the engine reads, for the server and the
// command line alike.
Result<policy::ParameterSet> WithApprovedChanges(store::Db& db, const policy::ParameterSet& base);

}  // namespace qjy::policy_services

#endif  // QJY_POLICY_SERVICES_PARAM_CHANGE_STORE_H_
