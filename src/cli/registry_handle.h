// Opening a database for a command: the connection, the key vault that goes
// with it, the registry repositories, with migrations applied.
#ifndef QJY_CLI_REGISTRY_HANDLE_H_
#define QJY_CLI_REGISTRY_HANDLE_H_

#include <memory>
#include <string>

#include "core/error.h"
#include "core/vault.h"
#include "store/db.h"
#include "store/registry_store.h"

namespace qjy::cli {

struct RegistryHandle {
  std::unique_ptr<store::Db> db;
  std::unique_ptr<Vault> vault;
  std::unique_ptr<store::RegistryStore> registry;
};

// `db_url`: a SQLite path or postgresql:// URL. `key_file`: empty for the
// default next to the database (core/vault.h DefaultKeyPath).
Result<RegistryHandle> OpenRegistry(const std::string& db_url, const std::string& key_file = "");

}  // namespace qjy::cli

#endif  // QJY_CLI_REGISTRY_HANDLE_H_
