// Officers' own identity hashes (经办人员身份信息比对, issue #17 §1: "one
// phone shared by officers and beneficiaries", conflict of interest): an
// officer's resident ID number and mobile phone are stored only as the
// registry's keyed hashes (Vault::Index, the same as persons.id_hash and
// persons.phone_hash) in supervision_officer_hashes, one row per (officer's
// region, username, kind "id_number" | "phone"); the shared-contact check
// (checks.h SharedContact) matches them against beneficiaries. The numbers
// are never stored, logged or returned in clear: results carry them masked
// (5201**********123X, 138****0000) and hash prefixes only.
//
// Who: the officer registered must be an existing officer account whose
// region lies inside `scope` (the registering officer's region, or "" for
// the command line). A repeated registration replaces the hash of that kind.
//
// File (qjy supervision officers import), UTF-8 CSV with a header row, with
// or without BOM, columns in any order:
//   账号,身份证号,手机号          ("工号" or "账号/工号" accepted for 账号)
//   zhang.san,520102199001011234,13800000000
// 身份证号 or 手机号 may be empty, not both. The whole file is checked first:
// any bad row makes the import write nothing, every bad row reported in
// Chinese with its row number and field. Writes are audited (masked).
#ifndef QJY_SUPERVISION_OFFICER_HASHES_H_
#define QJY_SUPERVISION_OFFICER_HASHES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_log.h"
#include "auth/clock.h"
#include "core/error.h"
#include "core/vault.h"
#include "store/db.h"

namespace qjy::supervision {

struct OfficerIdentity {
  std::string username, id_number, phone;  // id_number or phone may be empty, not both
};

// One officer's registration as it may be shown: masked, hash prefixes.
struct OfficerRegistered {
  std::string username, county_code, id_masked, phone_masked, recorded_by, recorded_at;
  std::string id_hash_prefix, phone_hash_prefix;  // first 8 hex digits; empty when not registered
};

struct OfficerRowError {
  int64_t row = 0;          // 0 for a single registration
  std::string field;        // "账号", "身份证号", "手机号" or "" (the row)
  std::string message;      // "第3行：身份证号“5201**********123X”校验码不符"
};

struct OfficerImport {
  int64_t rows = 0, written = 0;
  std::vector<OfficerRowError> errors;  // non-empty: nothing written
  std::vector<OfficerRegistered> officers;
};

class OfficerHashes {
 public:
  OfficerHashes(store::Db& db, const Vault& vault, audit::AuditLog* audit, const auth::Clock& clock)
      : db_(db), vault_(vault), audit_(audit), clock_(clock) {}

  // One officer: kInvalidArgument with the field named (bad ID number,
  // phone, both empty), kNotFound (no such officer account, or outside
  // `scope`). Audited.
  Result<OfficerRegistered> Register(const OfficerIdentity& who, const std::string& scope, const std::string& actor);
  // A file, all or nothing (see above).
  Result<OfficerImport> Import(std::string_view csv, const std::string& scope, const std::string& actor);
  // Officers registered in `scope` (hash prefixes only), by username.
  Result<std::vector<OfficerRegistered>> List(const std::string& scope);

 private:
  // Checks one row; on success fills `out` (normalised ID) and the officer's region.
  std::vector<OfficerRowError> Check(const OfficerIdentity& who, const std::string& scope, int64_t row,
                                     OfficerIdentity& out, std::string& region);
  Result<OfficerRegistered> Write(const OfficerIdentity& who, const std::string& region, const std::string& actor,
                                  const std::string& now);
  void AuditWrite(const OfficerRegistered& r, const std::string& actor);

  store::Db& db_;
  const Vault& vault_;
  audit::AuditLog* audit_;
  const auth::Clock& clock_;
};

}  // namespace qjy::supervision

#endif  // QJY_SUPERVISION_OFFICER_HASHES_H_
