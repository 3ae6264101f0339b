// GET /api/stats?region=CODE: counts of one region for the officer's home
// page, by SQL aggregates (no paging through the lists).
//
// A record counts for the region with the read rules of access.h:
//   persons   — household registration, residence or owning county at or
//               below the region;
//   employers — registered place or owning county;
//   jobs      — workplace or owning county.
// `children` counts persons per child region by household registration
// (户籍地) only, so each person counts once; a person whose household
// registration is coded only to the region itself (or lies outside it, the
// person being in the region by residence) counts in no child, so the
// children may sum to less than `persons`.
#include "server/access.h"
#include "server/api_internal.h"

namespace qjy::server {
namespace {

// "((a >= ? AND a < ?) OR (b >= ? AND b < ?) ...)": the column starts with
// `code` (a string range, so the column indexes serve it; codes are digits,
// so the range ends at the code with its last digit raised by one).
std::string PrefixAny(std::initializer_list<const char*> columns, const std::string& code,
                      std::vector<store::Value>& params) {
  std::string end = code;
  ++end.back();
  std::string sql = "(";
  for (const char* col : columns) {
    if (sql.size() > 1) sql += " OR ";
    sql += "(" + std::string(col) + " >= ? AND " + col + " < ?)";
    params.emplace_back(code);
    params.emplace_back(end);
  }
  return sql + ")";
}

}  // namespace

HttpResponse Api::Stats(Call& c) {
  const auth::Account& a = c.account();
  if (a.role != auth::Role::kOfficer) return Forbidden();
  std::string code = QueryText(c.query, "region");
  if (code.empty()) code = a.region_code;
  if (auth::RegionLevel(code) == 0) return BadRequest("区划代码须为 2/4/6/9/12 位数字");
  if (!RegionCovers(a.region_code, code)) return Forbidden();
  const Region* region = regions_.Find(code);
  if (!region) return NotFound("没有该区划");

  auto count = [&](const char* table, std::initializer_list<const char*> columns)
      -> Result<int64_t> {
    std::vector<store::Value> params;
    std::string sql = std::string("SELECT COUNT(*) FROM ") + table + " WHERE " +
                      PrefixAny(columns, code, params);
    auto rows = c.db->Query(sql, params);
    if (!rows) return std::unexpected(rows.error());
    return rows->empty() ? 0 : rows->front().Int(0);
  };
  auto persons = count("persons", {"hukou_region", "residence_region", "county_code"});
  if (!persons) return StoreError(persons.error(), *log_);
  auto employers = count("employers", {"region", "county_code"});
  if (!employers) return StoreError(employers.error(), *log_);
  auto jobs = count("jobs", {"place_region", "county_code"});
  if (!jobs) return StoreError(jobs.error(), *log_);

  nlohmann::json children = nlohmann::json::array();
  auto kids = regions_.Children(code);
  if (kids && !kids->empty()) {
    const int64_t child_len = static_cast<int64_t>(kids->front().code.size());
    std::vector<store::Value> params = {child_len};
    std::string sql = "SELECT substr(hukou_region, 1, ?), COUNT(*) FROM persons WHERE " +
                      PrefixAny({"hukou_region"}, code, params) + " GROUP BY 1";
    auto rows = c.db->Query(sql, params);
    if (!rows) return StoreError(rows.error(), *log_);
    std::map<std::string, int64_t> by_child;
    for (const auto& r : *rows) by_child[r.Text(0)] = r.Int(1);
    for (const auto& k : *kids) {
      auto it = by_child.find(k.code);
      children.push_back(
          {{"code", k.code}, {"name", k.name}, {"persons", it == by_child.end() ? 0 : it->second}});
    }
  }
  return JsonOk({{"region", code},
                 {"name", region->name},
                 {"persons", *persons},
                 {"employers", *employers},
                 {"jobs", *jobs},
                 {"children", std::move(children)}});
}

}  // namespace qjy::server
