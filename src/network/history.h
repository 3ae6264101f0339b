// The history every service-network record keeps: one row of the registry's
// append-only `changes` table per write (entity "site", "workshop", "brand",
// …), written in the same transaction as the write, with the changed fields
// as {"field": [old, new]}. Shared by the network stores.
#ifndef QJY_NETWORK_HISTORY_H_
#define QJY_NETWORK_HISTORY_H_

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "store/db.h"

namespace qjy::network {

// The current UTC time as "YYYY-MM-DDTHH:MM:SSZ" (row timestamps).
std::string NowIso();

// The fields of `after` that differ from `before` (or are missing there), as
// {"field": [old or null, new]}. Diff({}, fields) is the diff of an insert.
nlohmann::json Diff(const nlohmann::json& before, const nlohmann::json& after);

// Appends one `changes` row: county, entity, id, actor, now, op
// ("insert" | "update"), diff. Errors: the store's.
Result<void> RecordChange(store::Db& db, std::string_view county, std::string_view entity, int64_t id,
                          std::string_view actor, std::string_view op, const nlohmann::json& diff);

}  // namespace qjy::network

#endif  // QJY_NETWORK_HISTORY_H_
