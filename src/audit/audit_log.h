// The audit trail: append-only, chained with a keyed MAC and anchored
// outside the database.
//
// Each row's hash = BLAKE2b-256 keyed with the audit key (audit_key.h) over
// previous row's hash || "\n" || canonical row, the canonical row being the
// JSON array [seq, at, actor, role, region, action, target, result, client,
// detail]; the first row's previous hash is "". Without the key file nobody
// can recompute a row's hash, so an edit is found even when the editor
// recomputes a SHA-256 chain. After every append and purge a MAC'd
// checkpoint (anchor.h) records first/last seq, head hash and row count
// outside the database, so deleting the newest rows or the oldest rows
// (even with a forged "audit.purge" row) is found too.
//
// Upgrade: a database written before the keyed chain holds a plain
// SHA-256 chain. The first append or Seal() that creates the audit key
// checks that chain as before and writes a "legacy" checkpoint sealing it
// (its last seq and head); those rows are verified by SHA-256 from then on,
// and their head must equal the sealed one. This proves the old rows were
// not changed after the upgrade; it cannot prove they were not changed
// before it.
//
// Fail closed: if the key exists but no valid checkpoint does while the
// table holds rows (the anchor file was deleted), Append and Purge refuse
// with kPermissionDenied until the anchor file is restored (README).
//
// Retention: Purge() refuses any cut-off within kRetentionDays of today; a
// permitted purge deletes a prefix of the chain, writes an "audit.purge"
// row and a "purge" checkpoint (fsync'd) naming the new first row and the
// hash it links to. Verify() accepts a missing prefix only if a checkpoint
// says so.
//
// `detail` never holds plaintext identity numbers: callers pass masked
// values or ids.
//
// Thread-safety: Append/Purge/Seal are serialised by the anchor's lock (a
// mutex in process, flock across processes on one host) and a database
// write transaction; Search/Verify only read. Each call borrows the
// caller's Db connection.
#ifndef QJY_AUDIT_AUDIT_LOG_H_
#define QJY_AUDIT_AUDIT_LOG_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "audit/anchor.h"
#include "audit/audit_key.h"
#include "auth/clock.h"
#include "core/date.h"
#include "core/error.h"
#include "store/db.h"

namespace qjy::audit {

struct AuditEntry {
  int64_t seq = 0;         // assigned by Append
  std::string at;          // ISO UTC, assigned by Append
  std::string actor;       // username, "cli:<user>" or "system"
  std::string role;
  std::string region;      // the actor's region binding, if any
  std::string action;      // "login", "person.read", "person.reveal", ...
  std::string target;      // "person:123", "import:job-7", ...
  std::string result;      // "ok", "denied", "failed", "not_found"
  std::string client;      // client address
  std::string detail;      // free text or JSON, no plaintext identity
  std::string prev_hash;   // assigned by Append
  std::string hash;        // assigned by Append
};

struct AuditQuery {
  std::string actor;
  std::string action;
  std::string from;        // "YYYY-MM-DD" inclusive
  std::string to;          // "YYYY-MM-DD" inclusive
  int64_t before_seq = 0;  // keyset cursor: rows with seq < this (0 = newest)
  int limit = 100;         // clamped to 1..500
};

struct VerifyProblem {
  int64_t seq = 0;         // the first bad row; 0 for a problem of an anchor file
  std::string what;        // Chinese description naming the row or the file and line
};

struct VerifyReport {
  int64_t rows_checked = 0;
  int64_t checkpoints = 0;       // valid checkpoints read
  int64_t anchored_seq = 0;      // the newest row a checkpoint vouches for
  std::string anchored_at;       // when that checkpoint was written
  int64_t unanchored_rows = 0;   // rows after it (a crash between commit and checkpoint)
  int64_t legacy_seq = 0;        // rows up to here are the sealed SHA-256 chain
  std::vector<VerifyProblem> problems;  // in row order, the first bad row first
  bool ok() const { return problems.empty(); }
};

// Where the key and the anchors live. An empty key_path means an
// ephemeral seal: a random key and checkpoints in memory, for tests that
// never reopen the log.
struct SealConfig {
  std::string key_path;
  std::string anchor_path;
  std::string anchor_copy;  // "", "syslog[:FACILITY]" or a file path
  SyslogSink syslog;        // where a syslog copy goes (empty: syslog(3))

  // The defaults for a database (anchor.h), with the environment's overrides.
  static SealConfig ForDb(std::string_view db_url);
  static SealConfig Ephemeral() { return {}; }
};

// The chain steps, exposed for tests: the keyed one of current rows and the
// plain SHA-256 one of rows written before the upgrade.
std::string CanonicalRow(const AuditEntry& e);
std::string MacChainHash(const AuditKey& key, const std::string& prev_hash, const AuditEntry& e);
std::string LegacyChainHash(const std::string& prev_hash, const AuditEntry& e);

class AuditLog {
 public:
  AuditLog(const auth::Clock& clock, SealConfig config);
  // SealConfig::ForDb(db_url).
  AuditLog(const auth::Clock& clock, std::string_view db_url);

  // Fills seq, at, prev_hash and hash; returns the row as stored.
  // Must be called outside a transaction on `db`.
  Result<AuditEntry> Append(store::Db& db, AuditEntry e);

  // Newest first.
  Result<std::vector<AuditEntry>> Search(store::Db& db, const AuditQuery& q);

  // Creates the key if missing and writes the first checkpoint (genesis, or
  // the legacy seal of an upgraded database). Append and Purge call it
  // themselves; `qjy audit seal` and the server's start call it early.
  Result<void> Seal(store::Db& db);

  // Checks the chain against the key and every checkpoint of the anchor
  // file, its file copy and `extra_anchor_files` (e.g. a syslog extract).
  // Never creates the key: a missing key is kNotFound.
  Result<VerifyReport> Verify(store::Db& db,
                              std::span<const std::string> extra_anchor_files = {});

  // Deletes rows older than `before` if `before` is at least kRetentionDays
  // before `today`; otherwise kPermissionDenied. Returns rows deleted.
  Result<int64_t> Purge(store::Db& db, Date before, Date today, const std::string& actor);

 private:
  Result<const AuditKey*> Key(bool may_create);
  Result<void> EnsureAnchored(store::Db& db, AnchorLog::Writer& w, const AuditKey& key);
  Result<AuditEntry> AppendInTransaction(store::Db& db, const AuditKey& key, AuditEntry e);
  Result<void> WriteCheckpoint(AnchorLog::Writer& w, const AuditKey& key, Checkpoint c, bool sync);

  const auth::Clock& clock_;
  const SealConfig config_;
  AnchorLog anchor_;
  std::mutex key_mu_;
  std::optional<AuditKey> key_;  // GUARDED_BY(key_mu_), opened on first use
  bool anchored_ = false;        // GUARDED_BY the anchor writer's lock
};

}  // namespace qjy::audit

#endif  // QJY_AUDIT_AUDIT_LOG_H_
