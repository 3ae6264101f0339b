// Storage of decision records (decision_record.h) in the tables of
// migration 260 (ledger_schema.cc): policy_param_sets, one row per
// parameter-set hash, and policy_decision_records, one row per version of
// an entitlement's decision, keyed by (county_code, once_key, version).
// Both tables are append-only (triggers). Works on SQLite and PostgreSQL.
//
// Writes run inside the caller's transaction (the ledger's). Borrows one
// connection: one DecisionRecords per thread.
#ifndef QJY_POLICY_DECISION_RECORD_STORE_H_
#define QJY_POLICY_DECISION_RECORD_STORE_H_

#include <optional>
#include <string>

#include "core/error.h"
#include "policy/decision_record.h"
#include "policy/replay.h"
#include "store/db.h"

namespace qjy::policy {

class DecisionRecords {
 public:
  explicit DecisionRecords(store::Db& db) : db_(db) {}

  // Stores the set under its hash unless that hash is stored already.
  Result<void> PutParamSet(const std::string& hash, const std::string& params_json, const std::string& now);
  // Stores `r` as version `version` (1: the proposal). kAlreadyExists when
  // that version is stored.
  Result<void> Put(const std::string& county_code, const std::string& once_key, int64_t version,
                   const DecisionRecord& r, const std::string& now);
  // The next version after the latest stored for the key (1 when none).
  Result<int64_t> NextVersion(const std::string& county_code, const std::string& once_key);
  // The latest record with its parameter set; nullopt when the decision was
  // stored without a record (before migration 260).
  Result<std::optional<StoredDecision>> Latest(const std::string& county_code, const std::string& once_key);

 private:
  store::Db& db_;
};

}  // namespace qjy::policy

#endif  // QJY_POLICY_DECISION_RECORD_STORE_H_
