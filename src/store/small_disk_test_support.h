// Test support for disk-full tests (issue #13 §8): a small tmpfs that a test
// fills up, so that SQLite and file writes fail with a real ENOSPC.
//
//   SmallDisk disk;
//   if (auto why = disk.Mount(4 << 20); !why.empty()) GTEST_SKIP() << why;
//   ... create the database under disk.dir() ...
//   disk.Fill(64 << 10);   // leave at most 64 KiB free
//   ... the write under test fails ...
//   disk.Unfill();         // space is back
//
// The mount lives in a private mount namespace of the test process
// (unshare(CLONE_NEWNS) as root, or with a user namespace otherwise), so it
// never shows on the host and disappears with the process; the destructor
// unmounts it and removes the directory anyway. Call Mount() before the
// process starts threads (the namespace is the calling thread's; threads
// started later inherit it). Header only, for *_test.cc files.
#ifndef QJY_STORE_SMALL_DISK_TEST_SUPPORT_H_
#define QJY_STORE_SMALL_DISK_TEST_SUPPORT_H_

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace qjy::store::testing {

class SmallDisk {
 public:
  SmallDisk() = default;
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;
  ~SmallDisk() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
    if (!dir_.empty()) ::rmdir(dir_.c_str());
  }

  // Mounts a tmpfs of `bytes` on a new directory under /tmp. Returns "" on
  // success, otherwise why it is impossible here (for GTEST_SKIP).
  std::string Mount(size_t bytes) {
    char tmpl[] = "/tmp/qjy-small-disk.XXXXXX";
    if (::mkdtemp(tmpl) == nullptr) return std::string("mkdtemp: ") + std::strerror(errno);
    dir_ = tmpl;
    if (std::string why = EnterMountNamespace(); !why.empty()) return why;
    const std::string options = "size=" + std::to_string(bytes) + ",mode=0700";
    if (::mount("tmpfs", dir_.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) != 0) {
      return std::string("cannot mount a tmpfs: ") + std::strerror(errno);
    }
    mounted_ = true;
    return "";
  }

  const std::string& dir() const { return dir_; }
  std::string Path(const std::string& name) const { return dir_ + "/" + name; }

  // Bytes an unprivileged write may still use.
  int64_t FreeBytes() const {
    struct statvfs st {};
    if (::statvfs(dir_.c_str(), &st) != 0) return -1;
    return static_cast<int64_t>(st.f_bavail) * static_cast<int64_t>(st.f_frsize);
  }

  // Grows a filler file until at most `leave` bytes are free (4 KiB
  // granularity). Returns the free bytes left.
  int64_t Fill(int64_t leave) {
    const std::string filler = Path(".filler");
    int fd = ::open(filler.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) return FreeBytes();
    std::vector<char> block(4096, 'x');
    while (FreeBytes() > leave) {
      const int64_t want = FreeBytes() - leave;
      const size_t n = want >= static_cast<int64_t>(block.size()) ? block.size() : static_cast<size_t>(want);
      if (::write(fd, block.data(), n) <= 0) break;
    }
    ::close(fd);
    return FreeBytes();
  }

  // Removes the filler: the space is free again.
  void Unfill() { ::unlink(Path(".filler").c_str()); }

 private:
  std::string EnterMountNamespace() {
    if (::unshare(CLONE_NEWNS) != 0) {
      const int root_errno = errno;
      // Unprivileged: a user namespace where we are root (single-threaded
      // callers only).
      const uid_t uid = ::getuid();
      const gid_t gid = ::getgid();
      if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) {
        return std::string("cannot create a mount namespace (") + std::strerror(root_errno) +
               "; user namespace: " + std::strerror(errno) + ")";
      }
      if (!WriteProc("/proc/self/setgroups", "deny") ||
          !WriteProc("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1") ||
          !WriteProc("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1")) {
        return "cannot map the user in a user namespace";
      }
    }
    // Nothing of ours propagates to the host's mounts.
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
      return std::string("cannot make the mounts private: ") + std::strerror(errno);
    }
    return "";
  }

  static bool WriteProc(const char* path, const std::string& text) {
    int fd = ::open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return errno == ENOENT && std::string(path).ends_with("setgroups");
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ::close(fd);
    return ok;
  }

  std::string dir_;
  bool mounted_ = false;
};

}  // namespace qjy::store::testing

#endif  // QJY_STORE_SMALL_DISK_TEST_SUPPORT_H_
