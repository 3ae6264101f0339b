#include "network/history.h"

#include "core/now_iso.h"

namespace qjy::network {

std::string NowIso() { return NowIsoUtc(); }

nlohmann::json Diff(const nlohmann::json& before, const nlohmann::json& after) {
  nlohmann::json diff = nlohmann::json::object();
  for (const auto& [k, v] : after.items()) {
    const bool had = before.is_object() && before.contains(k);
    if (!had || before[k] != v) diff[k] = {had ? before[k] : nlohmann::json(), v};
  }
  return diff;
}

Result<void> RecordChange(store::Db& db, std::string_view county, std::string_view entity, int64_t id,
                          std::string_view actor, std::string_view op, const nlohmann::json& diff) {
  const store::Value p[] = {std::string(county), std::string(entity), id, std::string(actor), NowIso(),
                            std::string(op), diff.dump()};
  auto r = db.Exec("INSERT INTO changes (county_code, entity, entity_id, actor, at, op, diff_json)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?)",
                   p);
  if (!r) return std::unexpected(r.error());
  return {};
}

}  // namespace qjy::network
