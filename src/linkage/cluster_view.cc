#include "linkage/cluster_view.h"

#include <set>

namespace qjy::linkage {

Result<std::optional<ClusterView>> ReadCluster(store::Db& db, int64_t cluster_id) {
  const std::vector<store::Value> p = {cluster_id};
  auto rows = db.Query(
      "SELECT record_id, id_number_enc, status, source, employer FROM linkage_records"
      " WHERE cluster_id = ? ORDER BY record_id",
      p);
  if (!rows) return std::unexpected(rows.error());
  ClusterView view;
  view.cluster_id = cluster_id;
  bool any_status = false;
  for (const auto& r : *rows) {
    if (!r.IsNull(1)) view.id_numbers_enc.push_back(r.Bytes(1));
    if (r.Text(2).empty()) continue;
    any_status = true;
    view.record_id = r.Int(0);
    view.status = r.Text(2);
    view.partner = r.Text(3);
    view.employer = r.Text(4);
  }
  if (!any_status) return std::nullopt;
  return view;
}

Result<std::vector<registry::Person>> RegistryPersons(const ClusterView& view, store::RegistryStore& registry,
                                                      const Vault& vault) {
  std::vector<registry::Person> out;
  std::set<int64_t> seen;
  for (const Blob& sealed : view.id_numbers_enc) {
    auto id = vault.Decrypt(sealed);
    if (!id) return std::unexpected(id.error());
    auto person = registry.FindPersonByIdNumber(*id);
    if (!person) return std::unexpected(person.error());
    if (!*person || !seen.insert((*person)->person_id).second) continue;
    out.push_back(std::move(**person));
  }
  return out;
}

}  // namespace qjy::linkage
