#include "cli/registry_handle.h"

namespace qjy::cli {

Result<RegistryHandle> OpenRegistry(const std::string& db_url, const std::string& key_file) {
  RegistryHandle h;
  auto db = store::OpenDb(db_url);
  if (!db) return std::unexpected(db.error());
  h.db = std::move(*db);
  auto vault = Vault::OpenOrCreate(key_file.empty() ? DefaultKeyPath(db_url) : key_file);
  if (!vault) return std::unexpected(vault.error());
  h.vault = std::make_unique<Vault>(std::move(*vault));
  h.registry = std::make_unique<store::RegistryStore>(*h.db, *h.vault);
  if (auto m = h.registry->Migrate(); !m) return std::unexpected(m.error());
  return h;
}

}  // namespace qjy::cli
