// Anchors of the audit log: MAC'd checkpoints written outside the database.
//
// A checkpoint states what the log held when it was written: the oldest
// sequence number it should still hold (first_seq, 1 unless a retention
// purge removed older rows) and the prev_hash that row carries, the newest
// row (last_seq) and its hash (head), the row count, and for a purge what
// was legitimately removed. Each checkpoint is one JSON line whose "mac" is
// the keyed BLAKE2b of the rest (audit_key.h), so it cannot be forged
// without the key. AuditLog writes one after every append and purge
// (audit_log.h), so deleting the newest rows (head behind the newest
// checkpoint) or the oldest rows (first row not the one a MAC'd purge
// checkpoint names) is detected.
//
// Destinations: the primary anchor file, append-only by convention
// (O_APPEND, never rewritten; `chattr +a` makes it so for real), beside a
// SQLite file ("<db>.audit-anchor") or at $QJY_AUDIT_ANCHOR_FILE /
// "var/qjy.audit-anchor" for PostgreSQL; and an optional copy, chosen by
// the operator ($QJY_AUDIT_ANCHOR_COPY): "syslog" / "syslog:FACILITY"
// (syslog(3), default facility authpriv; on by default for PostgreSQL) or
// the path of a second file (e.g. on another disk or host mount). An
// attacker who truncates the database and the primary file together is
// still found by the copy: `qjy audit verify --anchor EXTRACT` reads any
// file holding checkpoint lines (a syslog extract included).
//
// Writers on one host serialise on an flock of the primary file (the
// lock also orders checkpoints across processes); an empty path keeps the
// checkpoints in memory (tests, ephemeral logs).
//
// Thread-safety: an AnchorLog may be shared; Begin() serialises writers
// (in process by a mutex, across processes by flock).
#ifndef QJY_AUDIT_ANCHOR_H_
#define QJY_AUDIT_ANCHOR_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_key.h"
#include "core/error.h"

namespace qjy::audit {

struct Checkpoint {
  std::string kind;            // "genesis", "legacy", "append", "purge"
  std::string at;              // ISO UTC, when written
  int64_t first_seq = 1;       // oldest row the log must hold
  std::string first_prev;      // prev_hash of that row ("" for the genesis row)
  int64_t last_seq = 0;        // newest row (0: empty log)
  std::string head;            // hash of row last_seq
  int64_t rows = 0;            // last_seq - first_seq + 1
  std::string purged_before;   // purge: the cut-off date
  int64_t purged_rows = 0;     // purge: rows deleted
  int64_t legacy_problems = 0; // legacy: problems the SHA-256 check found at sealing
};

// One JSON line (no newline) with its "mac".
std::string SignCheckpoint(const Checkpoint& c, const AuditKey& key);
// kPermissionDenied when the MAC does not match, kInvalidArgument when the
// line is not a checkpoint. Text before the first '{' (a syslog prefix) is
// skipped.
Result<Checkpoint> ParseCheckpoint(std::string_view line, const AuditKey& key);

// A checkpoint line that failed its check, for the verification report.
struct AnchorProblem {
  std::string source;  // file path
  int64_t line = 0;    // 1-based
  std::string what;    // Chinese
};

struct AnchorRead {
  std::vector<Checkpoint> checkpoints;  // valid ones, in file order
  std::vector<AnchorProblem> problems;
  bool missing = false;                 // the file does not exist
};

// Reads every checkpoint of a file. `strict`: every non-empty line must be a
// valid checkpoint (the primary file); otherwise only lines mentioning
// "qjy-audit" or starting with '{' count (syslog extracts).
AnchorRead ReadAnchorFile(const std::string& path, const AuditKey& key, bool strict);

// Where a "syslog" copy goes: priority (facility | LOG_NOTICE) and the
// message ("qjy-audit-anchor " + the checkpoint line).
using SyslogSink = std::function<void(int priority, const std::string& message)>;
// syslog(3).
SyslogSink SystemSyslog();

class AnchorLog {
 public:
  // `path` empty: in memory. `copy`: "", "syslog[:FACILITY]" or a file path.
  // `syslog`: where a syslog copy is sent (empty: SystemSyslog()).
  AnchorLog(std::string path, std::string copy, SyslogSink syslog = {});

  // An exclusive writer: holds the lock until destroyed.
  class Writer {
   public:
    Writer(Writer&& o) noexcept;
    Writer& operator=(Writer&&) = delete;
    ~Writer();
    // The newest valid checkpoint (scanning back from the end), if any.
    std::optional<Checkpoint> Last(const AuditKey& key);
    // Appends to the primary file (fdatasync if `sync`) and to the copy.
    Result<void> Append(const std::string& line, bool sync);

   private:
    friend class AnchorLog;
    Writer(AnchorLog& log, std::unique_lock<std::mutex> lock, int fd)
        : log_(&log), lock_(std::move(lock)), fd_(fd) {}
    AnchorLog* log_;
    std::unique_lock<std::mutex> lock_;
    int fd_;
  };
  Result<Writer> Begin();

  // Every checkpoint of the primary file (strict) and of a file copy.
  std::vector<AnchorRead> ReadAll(const AuditKey& key) const;

  const std::string& path() const { return path_; }
  const std::string& copy() const { return copy_; }

 private:
  std::string path_;
  std::string copy_;
  SyslogSink syslog_;
  mutable std::mutex mu_;
  std::vector<std::string> memory_;  // GUARDED_BY(mu_) when path_ is empty
};

// The destinations that go with a database (see the file comment): the
// primary anchor path and the copy, with the environment's overrides.
std::string DefaultAnchorPath(std::string_view db_url);
std::string DefaultAnchorCopy(std::string_view db_url);
std::string DefaultAuditKeyPath(std::string_view db_url);

}  // namespace qjy::audit

#endif  // QJY_AUDIT_ANCHOR_H_
