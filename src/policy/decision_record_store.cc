#include "policy/decision_record_store.h"

namespace qjy::policy {

using store::Value;

Result<void> DecisionRecords::PutParamSet(const std::string& hash, const std::string& params_json,
                                          const std::string& now) {
  auto n = db_.Exec(
      "INSERT INTO policy_param_sets (params_hash, params, created_at) VALUES (?, ?, ?) "
      "ON CONFLICT (params_hash) DO NOTHING",
      std::vector<Value>{hash, params_json, now});
  if (!n) return std::unexpected(n.error());
  return {};
}

Result<void> DecisionRecords::Put(const std::string& county_code, const std::string& once_key, int64_t version,
                                  const DecisionRecord& r, const std::string& now) {
  auto n = db_.Exec(
      "INSERT INTO policy_decision_records (county_code, once_key, version, rule_version, params_hash, params_read, "
      "facts, decision, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      std::vector<Value>{county_code, once_key, version, r.rule_version, r.params_hash, r.params_read.dump(),
                         r.facts_json, r.decision_json, now});
  if (!n) return std::unexpected(n.error());
  return {};
}

Result<int64_t> DecisionRecords::NextVersion(const std::string& county_code, const std::string& once_key) {
  auto rows = db_.Query(
      "SELECT COALESCE(MAX(version), 0) FROM policy_decision_records WHERE county_code = ? AND once_key = ?",
      std::vector<Value>{county_code, once_key});
  if (!rows) return std::unexpected(rows.error());
  return rows->front().Int(0) + 1;
}

Result<std::optional<StoredDecision>> DecisionRecords::Latest(const std::string& county_code,
                                                              const std::string& once_key) {
  auto rows = db_.Query(
      "SELECT r.decision, r.rule_version, r.params_hash, s.params, r.params_read, r.facts "
      "FROM policy_decision_records r JOIN policy_param_sets s ON s.params_hash = r.params_hash "
      "WHERE r.county_code = ? AND r.once_key = ? ORDER BY r.version DESC LIMIT 1",
      std::vector<Value>{county_code, once_key});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<StoredDecision>();
  const store::Row& row = rows->front();
  StoredDecision s{row.Text(0), row.Text(1), row.Text(2), row.Text(3),
                   nlohmann::json::parse(row.Text(4), nullptr, false), row.Text(5)};
  return std::optional<StoredDecision>(std::move(s));
}

}  // namespace qjy::policy
