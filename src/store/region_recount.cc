// region_counts::Recount / RecountHukou: the counts of store/region_counts.h
// from the tables themselves, by SQL aggregates (no counters read).
#include <vector>

#include "store/region_counts.h"

namespace qjy::store::region_counts {
namespace {

// "((a >= ? AND a < ?) OR (b >= ? AND b < ?) ...)": the column starts with
// `code` (a string range, so the column indexes serve it; codes are digits,
// so the range ends at the code with its last digit raised by one).
std::string PrefixAny(std::initializer_list<const char*> columns, std::string_view code,
                      std::vector<Value>& params) {
  std::string end(code);
  ++end.back();
  std::string sql = "(";
  for (const char* col : columns) {
    if (sql.size() > 1) sql += " OR ";
    sql += "(" + std::string(col) + " >= ? AND " + col + " < ?)";
    params.emplace_back(std::string(code));
    params.emplace_back(end);
  }
  return sql + ")";
}

Result<int64_t> Count(Db& db, const char* table, std::initializer_list<const char*> columns,
                      std::string_view code) {
  std::vector<Value> params;
  const std::string sql =
      std::string("SELECT COUNT(*) FROM ") + table + " WHERE " + PrefixAny(columns, code, params);
  auto rows = db.Query(sql, params);
  if (!rows) return std::unexpected(rows.error());
  return rows->empty() ? 0 : rows->front().Int(0);
}

}  // namespace

Result<Counts> Recount(Db& db, std::string_view region) {
  if (region.empty()) return Fail(ErrorCode::kInvalidArgument, "缺少区划代码");
  auto persons = Count(db, "persons", {"hukou_region", "residence_region", "county_code"}, region);
  if (!persons) return std::unexpected(persons.error());
  auto employers = Count(db, "employers", {"region", "county_code"}, region);
  if (!employers) return std::unexpected(employers.error());
  auto jobs = Count(db, "jobs", {"place_region", "county_code"}, region);
  if (!jobs) return std::unexpected(jobs.error());
  return Counts{*persons, *employers, *jobs};
}

Result<std::map<std::string, int64_t>> RecountHukou(Db& db, std::string_view region,
                                                    size_t child_len) {
  if (region.empty()) return Fail(ErrorCode::kInvalidArgument, "缺少区划代码");
  std::vector<Value> params = {static_cast<int64_t>(child_len)};
  std::string sql = "SELECT substr(hukou_region, 1, ?), COUNT(*) FROM persons WHERE " +
                    PrefixAny({"hukou_region"}, region, params) +
                    " AND length(hukou_region) >= ? GROUP BY 1";
  params.emplace_back(static_cast<int64_t>(child_len));
  auto rows = db.Query(sql, params);
  if (!rows) return std::unexpected(rows.error());
  std::map<std::string, int64_t> out;
  for (const auto& r : *rows) out[r.Text(0)] = r.Int(1);
  return out;
}

}  // namespace qjy::store::region_counts
