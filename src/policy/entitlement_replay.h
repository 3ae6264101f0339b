// `qjy policy replay ID` and GET /api/policy/entitlements/{id}/replay: a
// stored entitlement (the DECISION_ID is its entitlement_id) replayed from
// its latest decision record (decision_record_store.h, replay.h).
//
// Scoped: an entitlement whose county is outside `region` (a code prefix;
// empty: the province) is kNotFound, as if it did not exist. kNotFound
// also for an entitlement stored without a record (proposed before
// migration 260), with a Chinese message saying so.
#ifndef QJY_POLICY_ENTITLEMENT_REPLAY_H_
#define QJY_POLICY_ENTITLEMENT_REPLAY_H_

#include <cstdint>
#include <string>

#include "core/date.h"
#include "core/error.h"
#include "policy/ledger.h"
#include "policy/params.h"
#include "policy/replay.h"
#include "store/db.h"

namespace qjy::policy {

struct EntitlementReplay {
  Entitlement entitlement;
  Replay replay;
  // The entitlement's explanation is no longer its latest recorded
  // decision: a re-check re-decided it without a new record (before
  // re-checks stored theirs, or a Recheck without a recorder); the replay
  // shows the latest decision recorded. A re-check through ApplyRecheck
  // with StoreRecheck / WorldRecheck stores its decision as the next record
  // (rule version, parameter-set hash, facts read), so its replay
  // reproduces the re-check and this stays false.
  bool redecided_since = false;
};

Result<EntitlementReplay> ReplayEntitlement(store::Db& db, int64_t entitlement_id, const std::string& region,
                                            const ParameterSet& today_params, Date today);

}  // namespace qjy::policy

#endif  // QJY_POLICY_ENTITLEMENT_REPLAY_H_
