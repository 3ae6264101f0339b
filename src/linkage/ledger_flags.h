// Flags a link run raises besides the return service (issue #18), each
// kept for the month it was found and closed by an officer with what was
// verified (核实情况):
//
//  - "poverty_unemployed", 附件4（九）防返贫动态监测: a person of our
//    registry who is, on the day, a member of one of the groups the policy
//    file lists (policy/linkage/followup.yaml `poverty_ledger.groups`:
//    脱贫人口, 易地扶贫搬迁群众, 防止返贫监测对象, 农村低保对象, 特困人员) and
//    whom the cluster's latest partner record calls unemployed: an entry in
//    that month's 就业帮扶台账.
//  - "benefit_employed", 附件3（四）失业保险待遇核查比对: a person drawing
//    unemployment-insurance benefit (a `benefit_claims` row with status
//    'active', src/benefits) whom the latest partner record calls employed:
//    to be checked before the next month is paid. Not a stop by itself: the
//    partner's word is evidence, the officer decides.
//
// One flag per (kind, person, cluster, month): re-running a link or a
// review in the same month adds nothing. Flags carry the person's county
// (the sharding key) and are listed only inside the caller's region.
#ifndef QJY_LINKAGE_LEDGER_FLAGS_H_
#define QJY_LINKAGE_LEDGER_FLAGS_H_

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/date.h"
#include "core/error.h"
#include "core/vault.h"
#include "linkage/followup.h"
#include "registry/model.h"
#include "store/db.h"

namespace qjy::linkage {

struct FlagRule {
  std::string kind, title, clause, quote;
};

struct FlagPolicy {
  FlagRule poverty, benefit;
  std::vector<registry::Group> poverty_groups;
};

// The `poverty_ledger` and `benefit_check` sections of the follow-up policy
// file; a group name the registry does not know is a load error naming it.
Result<FlagPolicy> ParseFlagPolicy(std::string_view yaml, std::string_view name);
Result<FlagPolicy> LoadFlagPolicy(const std::filesystem::path& file);

struct LedgerFlag {
  int64_t flag_id = 0;
  std::string county_code, kind, month;  // month YYYY-MM
  int64_t person_id = 0, cluster_id = 0, record_id = 0;
  std::string partner, status, created_at;
  std::string outcome, closed_by, closed_at;  // empty while open
  std::string person_name, id_masked;         // from the registry (masked ID only)
};

class FlagStore {
 public:
  FlagStore(store::Db& db, const Vault& vault, const Clock& clock = TheSystemClock())
      : db_(db), vault_(vault), clock_(clock) {}

  // Raises the flags the clusters now call for on `today`; returns how many
  // were new. Needs LinkStore::Migrate (the table is migration 1202).
  Result<int> FlagClusters(std::span<const int64_t> clusters, const FollowupPolicy& words,
                           const FlagPolicy& policy, Date today);
  // Flags of persons whose county is under `scope`; `month` and `kind`
  // empty = all. Open flags first, then newest.
  Result<std::vector<LedgerFlag>> InScope(const std::string& scope, const std::string& month,
                                          const std::string& kind);
  // Closes an open flag with the officer's outcome (not empty). kNotFound,
  // kPermissionDenied (the flag's county is outside `scope`), kConflict
  // (already closed), kInvalidArgument (empty outcome).
  Result<void> Close(int64_t flag_id, const std::string& scope, const std::string& outcome,
                     const std::string& by);

 private:
  store::Db& db_;
  const Vault& vault_;
  const Clock& clock_;  // created_at, closed_at
};

}  // namespace qjy::linkage

#endif  // QJY_LINKAGE_LEDGER_FLAGS_H_
