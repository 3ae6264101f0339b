#include "policy/entitlement_replay.h"

#include "auth/clock.h"
#include "policy/decision_record_store.h"

namespace qjy::policy {

Result<EntitlementReplay> ReplayEntitlement(store::Db& db, int64_t entitlement_id, const std::string& region,
                                            const ParameterSet& today_params, Date today) {
  auth::SystemClock unused;  // the ledger is only read here
  Ledger ledger(db, nullptr, unused);
  auto e = ledger.FindById(entitlement_id);
  if (!e) return std::unexpected(e.error());
  if (!*e || !(*e)->county_code.starts_with(region)) {
    return Fail(ErrorCode::kNotFound, "没有该享受资格：" + std::to_string(entitlement_id));
  }
  auto stored = DecisionRecords(db).Latest((*e)->county_code, (*e)->once_key);
  if (!stored) return std::unexpected(stored.error());
  if (!*stored) {
    return Fail(ErrorCode::kNotFound, "享受资格 " + std::to_string(entitlement_id) +
                                          " 没有决定存档（在决定存档上线前提出），无法重放");
  }
  auto r = ReplayDecision(**stored, today_params, today);
  if (!r) return std::unexpected(r.error());
  EntitlementReplay out{std::move(**e), std::move(*r), false};
  out.redecided_since = out.entitlement.explanation_json != (*stored)->decision_json;
  return out;
}

}  // namespace qjy::policy
