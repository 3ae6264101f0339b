#include "store/person_keys.h"

#include <algorithm>
#include <vector>

#include "store/registry_rows.h"

namespace qjy::store {

Result<int64_t> PersonIdByHash(Db& db, const Blob& id_hash) {
  if (id_hash.empty()) return 0;
  const Value params[] = {id_hash};
  auto rows = db.Query("SELECT person_id FROM persons WHERE id_hash = ?", params);
  if (!rows) return std::unexpected(rows.error());
  return rows->empty() ? 0 : rows->front().Int(0);
}

Result<std::optional<std::string>> PersonCounty(Db& db, int64_t person_id) {
  const Value params[] = {person_id};
  auto rows = db.Query("SELECT county_code FROM persons WHERE person_id = ?", params);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows->front().Text(0));
}

Result<std::optional<PersonCard>> PersonCardById(Db& db, int64_t person_id) {
  const Value params[] = {person_id};
  auto rows = db.Query("SELECT name, id_masked, phone_masked, education FROM persons WHERE person_id = ?", params);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<PersonCard>();
  const Row& r = rows->front();
  return std::optional<PersonCard>(PersonCard{r.Text(0), r.Text(1), r.Text(2), r.Text(3)});
}

Result<std::map<int64_t, PersonCard>> PersonCardsById(Db& db, std::span<const int64_t> person_ids) {
  std::map<int64_t, PersonCard> out;
  constexpr size_t kCardChunk = 500;
  for (size_t off = 0; off < person_ids.size(); off += kCardChunk) {
    const size_t n = std::min(kCardChunk, person_ids.size() - off);
    std::vector<Value> params(person_ids.begin() + off, person_ids.begin() + off + n);
    auto rows = db.Query("SELECT person_id, name, id_masked, phone_masked, education FROM persons WHERE person_id IN (" +
                             registry_rows::Marks(n) + ")",
                         params);
    if (!rows) return std::unexpected(rows.error());
    for (const auto& r : *rows) out[r.Int(0)] = PersonCard{r.Text(1), r.Text(2), r.Text(3), r.Text(4)};
  }
  return out;
}

Result<std::optional<std::string>> PersonNameByHash(Db& db, const Blob& id_hash) {
  if (id_hash.empty()) return std::optional<std::string>();
  const Value params[] = {id_hash};
  auto rows = db.Query("SELECT name FROM persons WHERE id_hash = ?", params);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows->front().Text(0));
}

}  // namespace qjy::store
