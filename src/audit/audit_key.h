// The audit log's MAC key: 32 random bytes in a key file of its own,
// "<db>.audit.key" beside a SQLite file ($QJY_AUDIT_KEY_FILE or
// "var/qjy.audit.key" for a PostgreSQL URL), mode 0600, never in the
// database.
//
// Why a separate file and not a subkey of the identity vault's key
// (core/vault.h): whoever verifies the audit log needs this key, and an
// auditor who checks the trail must not thereby be able to decrypt every
// resident ID number; the two keys also have different lives (the audit key
// must outlive every row and checkpoint it signed, and may be handed to an
// external verifier; the vault key should never leave the server). Keeping
// them apart lets each be held, backed up and rotated by whom it concerns.
//
// Two subkeys are derived (crypto_kdf): one MACs rows, one MACs anchor
// checkpoints, so a row MAC can never pass as a checkpoint MAC. MACs are
// keyed BLAKE2b-256 (crypto_generichash), as 64 lowercase hex digits.
//
// Thread-safety: immutable after Open; all methods const.
#ifndef QJY_AUDIT_AUDIT_KEY_H_
#define QJY_AUDIT_AUDIT_KEY_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace qjy::audit {

class AuditKey {
 public:
  // Reads the key file. When it does not exist: creates it (0600, fresh
  // random key) if `may_create`, else kNotFound. A group/world-accessible,
  // unreadable or wrongly sized file is an error.
  static Result<AuditKey> Open(const std::string& path, bool may_create);
  // A process-local random key (ephemeral logs in tests).
  static AuditKey Random();
  static AuditKey FromBytes(const std::array<uint8_t, 32>& key);

  // True when Open created the key file just now (first use after upgrade).
  bool created() const { return created_; }

  std::string RowMac(std::string_view data) const;
  std::string CheckpointMac(std::string_view data) const;

 private:
  AuditKey() = default;
  std::array<uint8_t, 32> row_key_{};
  std::array<uint8_t, 32> anchor_key_{};
  bool created_ = false;
};

}  // namespace qjy::audit

#endif  // QJY_AUDIT_AUDIT_KEY_H_
