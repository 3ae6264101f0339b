#include "core/vault.h"

#include <fcntl.h>

#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace qjy {
namespace {

void EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) std::abort();  // no usable randomness: nothing safe can be done
}

// XChaCha20 nonces without a getrandom() per value: each thread draws a
// random 16-byte prefix once and counts up in the last 8 bytes. Prefixes are
// 128 random bits, so two threads (or processes, or runs) colliding is as
// unlikely as two random 24-byte nonces colliding over any realistic volume.
// A forked child would inherit the parent's prefix and counter and repeat
// its nonces, so the prefix is redrawn when the process id changes.
class NonceSource {
 public:
  void Next(uint8_t* out) {
    const pid_t pid = getpid();
    if (pid != pid_ || counter_ == UINT64_MAX) {
      randombytes_buf(prefix_, sizeof prefix_);
      counter_ = 0;
      pid_ = pid;
    }
    std::memcpy(out, prefix_, sizeof prefix_);
    uint64_t c = counter_++;
    for (size_t i = 0; i < 8; ++i, c >>= 8) out[sizeof prefix_ + i] = static_cast<uint8_t>(c);
  }

 private:
  uint8_t prefix_[16] = {};
  uint64_t counter_ = 0;
  pid_t pid_ = 0;
};
static_assert(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES == 24);

}  // namespace

Vault Vault::FromKey(const std::array<uint8_t, 32>& key) {
  EnsureSodium();
  Vault v;
  crypto_kdf_derive_from_key(v.enc_key_.data(), v.enc_key_.size(), 1, "qjy-enc_", key.data());
  crypto_kdf_derive_from_key(v.mac_key_.data(), v.mac_key_.size(), 2, "qjy-mac_", key.data());
  crypto_kdf_derive_from_key(v.check_key_.data(), v.check_key_.size(), 3, "qjy-chk_", key.data());
  return v;
}

Result<Vault> Vault::OpenOrCreate(const std::string& key_path) {
  EnsureSodium();
  std::array<uint8_t, 32> key{};
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(key_path, ec)) {
    randombytes_buf(key.data(), key.size());
    auto parent = fs::path(key_path).parent_path();
    if (!parent.empty()) fs::create_directories(parent, ec);
    // Created 0600 from the start (no umask dance: it is process-wide).
    int fd = ::open(key_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    bool ok = fd >= 0 && ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size());
    if (fd >= 0) ok = ::close(fd) == 0 && ok;
    if (!ok) {
      if (fd >= 0) ::unlink(key_path.c_str());
      return Fail(ErrorCode::kIo, "无法创建密钥文件：" + key_path);
    }
    auto v = FromKey(key);
    sodium_memzero(key.data(), key.size());
    return v;
  }
  struct stat st {};
  if (stat(key_path.c_str(), &st) != 0) return Fail(ErrorCode::kIo, "无法读取密钥文件：" + key_path);
  if (st.st_mode & 077) {
    return Fail(ErrorCode::kPermissionDenied,
                "密钥文件权限过宽（应为 0600）：" + key_path);
  }
  std::ifstream in(key_path, std::ios::binary);
  in.read(reinterpret_cast<char*>(key.data()), key.size());
  if (in.gcount() != static_cast<std::streamsize>(key.size()) || in.peek() != EOF) {
    return Fail(ErrorCode::kInvalidArgument, "密钥文件长度不对（应为 32 字节）：" + key_path);
  }
  auto v = FromKey(key);
  sodium_memzero(key.data(), key.size());
  return v;
}

Blob Vault::Encrypt(std::string_view plaintext) const {
  constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  constexpr size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
  Blob out(kNonce + plaintext.size() + kTag);
  thread_local NonceSource nonces;
  nonces.Next(out.data());
  unsigned long long len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      out.data() + kNonce, &len, reinterpret_cast<const unsigned char*>(plaintext.data()),
      plaintext.size(), nullptr, 0, nullptr, out.data(), enc_key_.data());
  out.resize(kNonce + len);
  return out;
}

Result<std::string> Vault::Decrypt(const Blob& sealed) const {
  constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  constexpr size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
  if (sealed.size() < kNonce + kTag) {
    return Fail(ErrorCode::kPermissionDenied, "加密字段已损坏");
  }
  std::string out(sealed.size() - kNonce - kTag, '\0');
  unsigned long long len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(out.data()), &len, nullptr, sealed.data() + kNonce,
          sealed.size() - kNonce, nullptr, 0, sealed.data(), enc_key_.data()) != 0) {
    return Fail(ErrorCode::kPermissionDenied, "加密字段校验失败（密钥不符或数据被篡改）");
  }
  out.resize(len);
  return out;
}

Blob Vault::Index(std::string_view plaintext) const {
  Blob out(16);
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(plaintext.data()),
                     plaintext.size(), mac_key_.data(), mac_key_.size());
  return out;
}

Blob Vault::KeyCheck() const {
  static constexpr std::string_view kLabel = "qjy vault key check v1";
  Blob out(16);
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(kLabel.data()),
                     kLabel.size(), check_key_.data(), check_key_.size());
  return out;
}

std::string DefaultKeyPath(std::string_view db) {
  if (db.starts_with("postgres://") || db.starts_with("postgresql://")) {
    if (const char* env = std::getenv("QJY_KEY_FILE")) return env;
    return "var/qjy.key";
  }
  return std::string(db) + ".key";
}

}  // namespace qjy
