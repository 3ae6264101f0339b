#include "store/vault_check.h"

#include <string>

namespace qjy::store {
namespace {

Result<bool> TableExists(Db& db, std::string_view table) {
  const Value params[] = {std::string(table)};
  auto rows = db.Query(db.dialect() == Dialect::kPostgres
                           ? "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE tablename = ?"
                             " AND schemaname = current_schema()"
                           : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
                       params);
  if (!rows) return std::unexpected(rows.error());
  return rows->at(0).Int(0) > 0;
}

Result<bool> AnyRow(Db& db, std::string_view table) {
  auto exists = TableExists(db, table);
  if (!exists || !*exists) return exists;
  auto rows = db.Query("SELECT 1 FROM " + std::string(table) + " LIMIT 1");
  if (!rows) return std::unexpected(rows.error());
  return !rows->empty();
}

std::string WrongKey(std::string_view key_path) {
  return "密钥文件 " + std::string(key_path) +
         " 与数据库不符：库中的身份证号、手机号是用另一把密钥加密的。请换回该库原来的密钥文件"
         "（备份时用 --keys-out 另存的 identity.key），不要用这把密钥继续写入";
}

}  // namespace

Result<bool> HoldsSealedData(Db& db) {
  auto check = AnyRow(db, "vault_key");
  if (!check || *check) return check;
  return AnyRow(db, "persons");
}

Result<void> BindVaultKey(Db& db, const Vault& vault, std::string_view key_path) {
  const Blob mine = vault.KeyCheck();
  auto recorded = db.Query("SELECT key_check FROM vault_key WHERE id = 1");
  if (!recorded) return std::unexpected(recorded.error());
  if (recorded->empty()) {
    // Sealed before key checks existed: this key must open what is there.
    auto sample = db.Query("SELECT id_enc FROM persons ORDER BY person_id LIMIT 1");
    if (!sample) return std::unexpected(sample.error());
    if (!sample->empty() && !vault.Decrypt(sample->at(0).Bytes(0))) {
      return Fail(ErrorCode::kPermissionDenied, WrongKey(key_path));
    }
    const Value params[] = {mine};
    if (auto r = db.Exec("INSERT INTO vault_key (id, key_check) VALUES (1, ?) ON CONFLICT (id) DO NOTHING",
                         params);
        !r) {
      return std::unexpected(r.error());
    }
    // Another process may have recorded its key first: compare with that.
    recorded = db.Query("SELECT key_check FROM vault_key WHERE id = 1");
    if (!recorded) return std::unexpected(recorded.error());
    if (recorded->empty()) return Fail(ErrorCode::kStore, "密钥校验值未能写入数据库");
  }
  if (recorded->at(0).Bytes(0) != mine) return Fail(ErrorCode::kPermissionDenied, WrongKey(key_path));
  return {};
}

}  // namespace qjy::store
