#include "gig/gig_lookups.h"

namespace qjy::gig {

using store::Value;

Result<std::map<std::string, std::string>> EmployerPerCounty(store::Db& db, std::string_view county_prefix) {
  const Value params[] = {std::string(county_prefix) + "%"};
  auto rows = db.Query("SELECT county_code, MIN(credit_code) FROM employers WHERE county_code LIKE ? GROUP BY county_code",
                       params);
  if (!rows) return std::unexpected(rows.error());
  std::map<std::string, std::string> out;
  for (const auto& r : *rows) out[r.Text(0)] = r.Text(1);
  return out;
}

Result<std::vector<int64_t>> PersonsOfCounty(store::Db& db, std::string_view county_code, int64_t limit,
                                             int64_t offset) {
  const Value params[] = {std::string(county_code), limit, offset};
  auto rows = db.Query("SELECT person_id FROM persons WHERE county_code = ? ORDER BY person_id LIMIT ? OFFSET ?", params);
  if (!rows) return std::unexpected(rows.error());
  std::vector<int64_t> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(r.Int(0));
  return out;
}

}  // namespace qjy::gig
