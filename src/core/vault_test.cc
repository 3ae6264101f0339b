#include "core/vault.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <thread>

namespace qjy {
namespace {

std::array<uint8_t, 32> TestKey(uint8_t fill) {
  std::array<uint8_t, 32> k;
  k.fill(fill);
  return k;
}

TEST(VaultTest, RoundTripsAndHidesPlaintext) {
  Vault v = Vault::FromKey(TestKey(7));
  Blob a = v.Encrypt("52010219900101001X");
  Blob b = v.Encrypt("52010219900101001X");
  EXPECT_NE(a, b);  // random nonce
  std::string bytes(a.begin(), a.end());
  EXPECT_EQ(bytes.find("5201021990"), std::string::npos);
  EXPECT_EQ(*v.Decrypt(a), "52010219900101001X");
}

// Nonces are the first 24 bytes of a sealed value.
Blob NonceOf(const Blob& sealed) { return Blob(sealed.begin(), sealed.begin() + 24); }

TEST(VaultTest, NoncesNeverRepeatAcrossCallsThreadsAndForks) {
  Vault v = Vault::FromKey(TestKey(7));
  std::set<Blob> seen;
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(seen.insert(NonceOf(v.Encrypt("x"))).second);
  Blob from_thread;
  std::thread([&] { from_thread = NonceOf(v.Encrypt("x")); }).join();
  EXPECT_TRUE(seen.insert(from_thread).second);
  // A forked child must not continue the parent's nonce sequence.
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    Blob n = NonceOf(v.Encrypt("x"));
    _exit(write(fds[1], n.data(), n.size()) == static_cast<ssize_t>(n.size()) ? 0 : 1);
  }
  close(fds[1]);
  Blob child(24);
  ASSERT_EQ(read(fds[0], child.data(), child.size()), 24);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(seen.insert(child).second);
  EXPECT_TRUE(seen.insert(NonceOf(v.Encrypt("x"))).second);
  EXPECT_EQ(*v.Decrypt(v.Encrypt("after fork")), "after fork");
}

TEST(VaultTest, RejectsTamperingAndForeignKeys) {
  Vault v = Vault::FromKey(TestKey(7));
  Blob a = v.Encrypt("13812345678");
  a[a.size() / 2] ^= 1;
  EXPECT_EQ(v.Decrypt(a).error().code, ErrorCode::kPermissionDenied);
  Vault other = Vault::FromKey(TestKey(8));
  EXPECT_FALSE(other.Decrypt(v.Encrypt("x")).has_value());
  EXPECT_FALSE(v.Decrypt(Blob{1, 2, 3}).has_value());
}

TEST(VaultTest, IndexIsKeyedAndDeterministic) {
  Vault v = Vault::FromKey(TestKey(7));
  Vault w = Vault::FromKey(TestKey(9));
  EXPECT_EQ(v.Index("abc"), v.Index("abc"));
  EXPECT_NE(v.Index("abc"), v.Index("abd"));
  EXPECT_NE(v.Index("abc"), w.Index("abc"));
}

TEST(VaultTest, KeyCheckTellsKeysApartAndIsNoLookupHash) {
  Vault v = Vault::FromKey(TestKey(7));
  EXPECT_EQ(v.KeyCheck().size(), 16u);
  EXPECT_EQ(v.KeyCheck(), Vault::FromKey(TestKey(7)).KeyCheck());
  EXPECT_NE(v.KeyCheck(), Vault::FromKey(TestKey(9)).KeyCheck());
  // Its own subkey: no lookup hash of any text equals it.
  EXPECT_NE(v.KeyCheck(), v.Index("qjy vault key check v1"));
}

TEST(VaultTest, KeyFileCreatedPrivateAndReused) {
  auto dir = std::filesystem::temp_directory_path() / ("qjy_vault_" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::string path = (dir / "k.key").string();
  auto v1 = Vault::OpenOrCreate(path);
  ASSERT_TRUE(v1.has_value()) << v1.error().message;
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  auto v2 = Vault::OpenOrCreate(path);
  ASSERT_TRUE(v2.has_value());
  EXPECT_EQ(*v2->Decrypt(v1->Encrypt("same key")), "same key");
  chmod(path.c_str(), 0644);
  EXPECT_EQ(Vault::OpenOrCreate(path).error().code, ErrorCode::kPermissionDenied);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace qjy
