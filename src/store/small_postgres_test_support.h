// Test support for PostgreSQL disk-full tests (issue #13 §8): a throwaway
// PostgreSQL 15 cluster whose data directory lives on a SmallDisk
// (store/small_disk_test_support.h), so that filling the disk makes the
// server's writes fail with SQLSTATE 53100 disk_full.
//
//   SmallDisk disk;
//   if (auto why = disk.Mount(64 << 20); !why.empty()) GTEST_SKIP() << why;
//   SmallPostgres pg;
//   if (auto why = pg.Start(disk); !why.empty()) GTEST_SKIP() << why;
//   auto db = store::OpenDb(pg.url());
//
// Kept small and fast: 1 MiB WAL segments, shared_buffers 1 MB, fsync off,
// Unix socket only (no TCP port to clash). The WAL (pg_wal), the socket and
// the server log live beside the disk, on the ordinary filesystem: a full
// data disk makes a statement fail with disk_full and the server carries on,
// whereas a WAL write that finds no space makes PostgreSQL PANIC and stop
// (see README, 故障与运维), which a test cannot recover from deterministically.
// As root the server runs as the `postgres` system user (initdb and postgres
// refuse root); inside an unprivileged user namespace initdb refuses to run
// and Start() says why. The destructor stops the server (immediate) and
// removes the side directory. Header only, for *_test.cc files.
#ifndef QJY_STORE_SMALL_POSTGRES_TEST_SUPPORT_H_
#define QJY_STORE_SMALL_POSTGRES_TEST_SUPPORT_H_

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "store/small_disk_test_support.h"

namespace qjy::store::testing {

class SmallPostgres {
 public:
  SmallPostgres() = default;
  SmallPostgres(const SmallPostgres&) = delete;
  SmallPostgres& operator=(const SmallPostgres&) = delete;
  ~SmallPostgres() {
    if (started_) Run(bin_ + "/pg_ctl -D " + data_ + " -m immediate -w stop >/dev/null 2>&1");
    std::error_code ec;
    if (!side_.empty()) std::filesystem::remove_all(side_, ec);
  }

  // Creates and starts the cluster with its data directory on `disk`.
  // Returns "" on success, otherwise why it is impossible here.
  std::string Start(const SmallDisk& disk) {
    for (const char* d : {"/usr/lib/postgresql/15/bin", "/usr/local/pgsql/bin"}) {
      if (::access((std::string(d) + "/initdb").c_str(), X_OK) == 0) bin_ = d;
    }
    if (bin_.empty()) return "PostgreSQL 15 server binaries (initdb, pg_ctl) not found";
    side_ = disk.dir() + "-pg";
    std::error_code ec;
    std::filesystem::create_directories(side_, ec);
    if (ec) return "cannot create " + side_ + ": " + ec.message();
    if (::geteuid() == 0) {
      const passwd* pw = ::getpwnam("postgres");
      if (pw == nullptr) return "running as root but there is no 'postgres' system user";
      if (::chown(disk.dir().c_str(), pw->pw_uid, pw->pw_gid) != 0 ||
          ::chown(side_.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
        return "cannot hand the directories to the postgres user";
      }
      as_ = "runuser -u postgres -- ";
    }
    ::chmod(side_.c_str(), 0700);
    data_ = disk.dir() + "/data";
    const std::string log = side_ + "/server.log";
    if (Run(bin_ + "/initdb -D " + data_ + " --waldir=" + side_ + "/wal -U postgres --auth=trust -E UTF8 " +
            "--locale=C --no-sync --wal-segsize=1 >" + side_ + "/initdb.log 2>&1") != 0) {
      return "initdb failed: " + Tail(side_ + "/initdb.log");
    }
    const std::string options =
        "-c listen_addresses='' -k " + side_ + " -c shared_buffers=1MB -c max_connections=20 " +
        "-c fsync=off -c full_page_writes=off -c min_wal_size=2MB -c max_wal_size=8MB";
    if (Run(bin_ + "/pg_ctl -D " + data_ + " -l " + log + " -w -t 30 -o \"" + options +
            "\" start >/dev/null 2>&1") != 0) {
      return "cannot start PostgreSQL: " + Tail(log);
    }
    started_ = true;
    url_ = "postgresql:///postgres?host=" + side_ + "&user=postgres";
    return "";
  }

  const std::string& url() const { return url_; }
  // The server's log (on the ordinary filesystem), for a failure message.
  std::string Log() const { return Tail(side_ + "/server.log"); }

 private:
  int Run(const std::string& command) const { return std::system((as_ + command).c_str()); }

  static std::string Tail(const std::string& path) {
    std::ifstream in(path);
    std::stringstream all;
    all << in.rdbuf();
    std::string text = all.str();
    return text.size() > 1500 ? text.substr(text.size() - 1500) : text;
  }

  std::string bin_, side_, data_, url_, as_;
  bool started_ = false;
};

}  // namespace qjy::store::testing

#endif  // QJY_STORE_SMALL_POSTGRES_TEST_SUPPORT_H_
