// Backup and restore of a database, taken while the server writes.
//
// SQLite: the online backup API (sqlite3_backup_*) copies the database in
// one read transaction, so the copy is a consistent snapshot; in WAL mode
// the server's writers are not blocked meanwhile. PostgreSQL: pg_dump
// (custom format) of the server's database, inside an exported
// REPEATABLE READ snapshot in which the row counts of the manifest are
// taken too; pg_restore into an empty database restores it.
//
// The backup directory holds the data (qjy.db or qjy.pgdump), a manifest
// (manifest.json: source, time, row count per table, the newest audit row)
// and the audit anchor's checkpoints up to the newest audit row of the
// snapshot (audit.anchor), so that `qjy audit verify` of the restored
// database passes without pretending later rows existed.
//
// Key files are never written into the backup directory: the identity key
// (<db>.key) and the audit key (<db>.audit.key) go to `keys_out`, which
// must be a different directory (not inside `out`), or are left out with a
// warning. A backup that holds the data with its keys is a copy of every ID
// number in clear and lets its holder rewrite the audit log.
//
// PostgreSQL may also be copied physically (method "basebackup", see
// BackupOptions): the whole server with its WAL, for a restore into an
// empty data directory.
//
// Restore refuses to overwrite an existing database unless `force`; an
// existing anchor file of the target is moved aside, not deleted.
#ifndef QJY_BACKUP_BACKUP_H_
#define QJY_BACKUP_BACKUP_H_

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/error.h"

namespace qjy::backup {

struct BackupOptions {
  std::string db;                   // SQLite path or postgresql:// URL
  std::filesystem::path out;        // created if missing; must be empty
  std::filesystem::path keys_out;   // optional; apart from `out`
  std::string key_file;             // identity key; default core/vault.h DefaultKeyPath
  std::string audit_key_file;       // default audit/anchor.h DefaultAuditKeyPath
  std::string anchor_file;          // default audit/anchor.h DefaultAnchorPath
  // PostgreSQL only: "dump" (default, logical, pg_dump) or "basebackup"
  // (physical, pg_basebackup -Ft -z -X stream of the whole server into
  // out/pgdata: base.tar.gz, pg_wal.tar.gz, backup_manifest). A basebackup
  // is restored by the operator (README "Backup and restore"), not by
  // Restore(); its manifest's counts and audit head are taken just before
  // the copy starts, so the restored server, which is at the end of the
  // copy, holds at least those audit rows (the anchor never claims more).
  std::string method;
};

struct Manifest {
  std::string kind;                        // "sqlite", "postgres" or "postgres-basebackup"
  std::string source;                      // path, or URL without password
  std::string at;                          // ISO UTC
  std::map<std::string, int64_t> rows;     // per table
  int64_t audit_last_seq = 0;
};

struct BackupResult {
  Manifest manifest;
  std::vector<std::string> warnings;       // Chinese, for the operator
};

Result<BackupResult> Backup(const BackupOptions& options);

struct RestoreOptions {
  std::filesystem::path from;               // a backup directory
  std::string db;                           // target SQLite path or URL (empty database)
  std::filesystem::path keys_from;          // optional: the keys_out of the backup
  std::string key_file, audit_key_file, anchor_file;  // targets; defaults as above
  bool force = false;                       // overwrite an existing SQLite file
};

struct RestoreResult {
  Manifest manifest;                        // of the backup
  std::map<std::string, int64_t> rows;      // counted in the restored database
  std::vector<std::string> warnings;
};

Result<RestoreResult> Restore(const RestoreOptions& options);

// Row count per table of a database (what the manifest records).
Result<std::map<std::string, int64_t>> CountRows(const std::string& db);

}  // namespace qjy::backup

#endif  // QJY_BACKUP_BACKUP_H_
