// The audit trail: append-only and hash-chained.
//
// Each row's hash = SHA-256(previous row's hash || "\n" || canonical row),
// the canonical row being the JSON array [seq, at, actor, role, region,
// action, target, result, client, detail]. The first row's previous hash is
// "". Verify() walks the chain and reports every row whose content no
// longer matches its hash, every break of the chain and every gap in the
// sequence numbers, so that an edit or deletion made behind the
// application's back (e.g. after dropping the triggers) is found. A
// deletion of the newest rows only is not detectable from the table alone.
//
// Retention: Purge() refuses any cut-off within kRetentionDays of today;
// a permitted purge writes an "audit.purge" row naming the hash of the last
// purged row, which Verify() accepts as the new start of the chain.
//
// `detail` never holds plaintext identity numbers: callers pass masked
// values or ids.
//
// Thread-safety: Append/Purge are serialised by an internal mutex and a
// database write transaction (safe across processes); Search/Verify only
// read. Each call borrows the caller's Db connection.
#ifndef QJY_AUDIT_AUDIT_LOG_H_
#define QJY_AUDIT_AUDIT_LOG_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

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
  int64_t seq = 0;
  std::string what;        // Chinese description
};

struct VerifyReport {
  int64_t rows_checked = 0;
  std::vector<VerifyProblem> problems;
  bool ok() const { return problems.empty(); }
};

// SHA-256 chain step, exposed for tests.
std::string ChainHash(const std::string& prev_hash, const AuditEntry& e);

class AuditLog {
 public:
  explicit AuditLog(const auth::Clock& clock) : clock_(clock) {}

  // Fills seq, at, prev_hash and hash; returns the row as stored.
  // Must be called outside a transaction on `db`.
  Result<AuditEntry> Append(store::Db& db, AuditEntry e);

  // Newest first.
  Result<std::vector<AuditEntry>> Search(store::Db& db, const AuditQuery& q);

  static Result<VerifyReport> Verify(store::Db& db);

  // Deletes rows older than `before` if `before` is at least kRetentionDays
  // before `today`; otherwise kPermissionDenied. Returns rows deleted.
  Result<int64_t> Purge(store::Db& db, Date before, Date today, const std::string& actor);

 private:
  Result<AuditEntry> AppendInTransaction(store::Db& db, AuditEntry e);

  const auth::Clock& clock_;
  std::mutex mu_;
};

}  // namespace qjy::audit

#endif  // QJY_AUDIT_AUDIT_LOG_H_
