#include "cli/registry_handle.h"

#include <filesystem>

#include "store/vault_check.h"

namespace qjy::cli {

Result<RegistryHandle> OpenRegistry(const std::string& db_url, const std::string& key_file) {
  RegistryHandle h;
  auto db = store::OpenDb(db_url);
  if (!db) return std::unexpected(db.error());
  h.db = std::move(*db);
  const std::string key_path = key_file.empty() ? DefaultKeyPath(db_url) : key_file;
  // A key file is created only for a database that has nothing sealed yet:
  // a new key for sealed data would make it unreadable and mix two keys.
  std::error_code ec;
  if (!std::filesystem::exists(key_path, ec)) {
    auto sealed = store::HoldsSealedData(*h.db);
    if (!sealed) return std::unexpected(sealed.error());
    if (*sealed) {
      return Fail(ErrorCode::kNotFound,
                  "密钥文件 " + key_path +
                      " 不存在，而数据库中已有加密的身份证号、手机号。请把该库原来的密钥文件放回此处"
                      "（备份时用 --keys-out 另存的 identity.key；PostgreSQL 用 --key-file 或 QJY_KEY_FILE 指定）。"
                      "不会新建密钥：新密钥打不开已有数据");
    }
  }
  auto vault = Vault::OpenOrCreate(key_path);
  if (!vault) return std::unexpected(vault.error());
  h.vault = std::make_unique<Vault>(std::move(*vault));
  h.registry = std::make_unique<store::RegistryStore>(*h.db, *h.vault);
  if (auto m = h.registry->Migrate(); !m) return std::unexpected(m.error());
  if (auto b = store::BindVaultKey(*h.db, *h.vault, key_path); !b) return std::unexpected(b.error());
  return h;
}

}  // namespace qjy::cli
