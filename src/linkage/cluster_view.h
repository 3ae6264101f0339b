// What a linked cluster says now, for the follow-ups and ledger flags a
// link run raises (followup.h, ledger_flags.h): the latest partner record
// that carries a status (the highest record id with one), and the persons
// of our registry whose ID number one of the cluster's records carries.
#ifndef QJY_LINKAGE_CLUSTER_VIEW_H_
#define QJY_LINKAGE_CLUSTER_VIEW_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/vault.h"
#include "registry/model.h"
#include "store/db.h"
#include "store/registry_store.h"

namespace qjy::linkage {

struct ClusterView {
  int64_t cluster_id = 0;  // resolved through merges
  int64_t record_id = 0;   // the latest record with a status
  std::string status, partner, employer;
  std::vector<Blob> id_numbers_enc;  // of every record of the cluster that has one
};

// nullopt when no record of the cluster has a status. `cluster_id` must be
// resolved already (LinkStore::ResolveCluster).
Result<std::optional<ClusterView>> ReadCluster(store::Db& db, int64_t cluster_id);

// The distinct registry persons the cluster's ID numbers name, in record
// order (decrypted in memory only, looked up by the registry's keyed hash).
Result<std::vector<registry::Person>> RegistryPersons(const ClusterView& view, store::RegistryStore& registry,
                                                      const Vault& vault);

}  // namespace qjy::linkage

#endif  // QJY_LINKAGE_CLUSTER_VIEW_H_
