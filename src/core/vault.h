// Protection of identity fields (resident ID numbers, phone numbers) at rest.
//
// A Vault holds one 32-byte master key read from a key file kept outside the
// database (created on first use with mode 0600). From it two subkeys are
// derived: one for authenticated encryption (XChaCha20-Poly1305, a unique
// nonce per value: a random per-thread, per-process 16-byte prefix and a
// counter) and one for a keyed hash (BLAKE2b, 16 bytes) that serves
// as the exact-lookup index, so the database never holds a plaintext ID.
//
// Thread-safety: all methods are const and safe to call concurrently.
#ifndef QJY_CORE_VAULT_H_
#define QJY_CORE_VAULT_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace qjy {

using Blob = std::vector<uint8_t>;

class Vault {
 public:
  // Reads the key file, or creates it (0600) with a fresh random key when it
  // does not exist. An unreadable, wrongly sized or group/world-readable key
  // file is an error.
  static Result<Vault> OpenOrCreate(const std::string& key_path);
  // For tests: a vault over a fixed key.
  static Vault FromKey(const std::array<uint8_t, 32>& key);

  // nonce || ciphertext || tag. Different on every call.
  Blob Encrypt(std::string_view plaintext) const;
  // Fails with kPermissionDenied on a forged or corrupted value.
  Result<std::string> Decrypt(const Blob& sealed) const;
  // Deterministic keyed hash for exact lookup; equal inputs give equal blobs.
  Blob Index(std::string_view plaintext) const;
  // A fingerprint of the key (16 bytes, a keyed hash of a fixed label under
  // its own derived subkey): equal for the same key, different for another,
  // and revealing nothing of the key. A database records it
  // (store/vault_check.h) so a wrong key file is found before it is used.
  Blob KeyCheck() const;

 private:
  Vault() = default;
  std::array<uint8_t, 32> enc_key_{};
  std::array<uint8_t, 32> mac_key_{};
  std::array<uint8_t, 32> check_key_{};
};

// The key file that goes with a database: "<db path>.key" for a SQLite file,
// or $QJY_KEY_FILE / "var/qjy.key" for a server URL.
std::string DefaultKeyPath(std::string_view db);

}  // namespace qjy

#endif  // QJY_CORE_VAULT_H_
