#include "audit/audit_key.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>

namespace qjy::audit {
namespace {

void EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) std::abort();  // no usable randomness: nothing safe can be done
}

std::string Hex(const unsigned char* p, size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(2 * n, '0');
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = kDigits[p[i] >> 4];
    out[2 * i + 1] = kDigits[p[i] & 15];
  }
  return out;
}

std::string Mac(const std::array<uint8_t, 32>& key, std::string_view data) {
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(data.data()),
                     data.size(), key.data(), key.size());
  return Hex(out, sizeof out);
}

// false: the file exists already (another process created it first).
Result<bool> WriteNewKey(const std::string& path, const std::array<uint8_t, 32>& key) {
  auto parent = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  // O_EXCL: two processes starting at once must not each write a key.
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno == EEXIST) return false;
  if (fd < 0) return Fail(ErrorCode::kIo, "无法创建审计密钥文件：" + path);
  bool ok = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) &&
            ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    ::unlink(path.c_str());
    return Fail(ErrorCode::kIo, "无法写入审计密钥文件：" + path);
  }
  return true;
}

}  // namespace

AuditKey AuditKey::FromBytes(const std::array<uint8_t, 32>& key) {
  EnsureSodium();
  AuditKey k;
  crypto_kdf_derive_from_key(k.row_key_.data(), k.row_key_.size(), 1, "qjyaudit", key.data());
  crypto_kdf_derive_from_key(k.anchor_key_.data(), k.anchor_key_.size(), 2, "qjyaudit",
                             key.data());
  return k;
}

AuditKey AuditKey::Random() {
  EnsureSodium();
  std::array<uint8_t, 32> key{};
  randombytes_buf(key.data(), key.size());
  AuditKey k = FromBytes(key);
  sodium_memzero(key.data(), key.size());
  k.created_ = true;
  return k;
}

Result<AuditKey> AuditKey::Open(const std::string& path, bool may_create) {
  EnsureSodium();
  std::array<uint8_t, 32> key{};
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) return Fail(ErrorCode::kIo, "无法读取审计密钥文件：" + path);
    if (!may_create) {
      return Fail(ErrorCode::kNotFound,
                  "审计密钥文件不存在：" + path + "（无法校验审计记录的签名；请从密钥备份恢复）");
    }
    randombytes_buf(key.data(), key.size());
    auto w = WriteNewKey(path, key);
    if (!w) return std::unexpected(w.error());
    if (!*w) return Open(path, false);
    AuditKey k = FromBytes(key);
    sodium_memzero(key.data(), key.size());
    k.created_ = true;
    return k;
  }
  if (st.st_mode & 077) {
    return Fail(ErrorCode::kPermissionDenied, "审计密钥文件权限过宽（应为 0600）：" + path);
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Fail(ErrorCode::kIo, "无法读取审计密钥文件：" + path);
  uint8_t extra = 0;
  ssize_t n = ::read(fd, key.data(), key.size());
  ssize_t more = ::read(fd, &extra, 1);
  ::close(fd);
  if (n != static_cast<ssize_t>(key.size()) || more != 0) {
    return Fail(ErrorCode::kInvalidArgument, "审计密钥文件长度不对（应为 32 字节）：" + path);
  }
  AuditKey k = FromBytes(key);
  sodium_memzero(key.data(), key.size());
  return k;
}

std::string AuditKey::RowMac(std::string_view data) const { return Mac(row_key_, data); }

std::string AuditKey::CheckpointMac(std::string_view data) const {
  return Mac(anchor_key_, data);
}

}  // namespace qjy::audit
