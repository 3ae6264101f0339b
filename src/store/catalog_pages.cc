#include "store/catalog_pages.h"

#include <fmt/format.h>

namespace qjy::store {
namespace {

// " AND (substr(a, 1, n) = prefix OR substr(b, 1, n) = prefix)".
void WhereEitherRegion(std::string_view a, std::string_view b, const std::string& prefix, std::string& sql,
                       std::vector<Value>& params) {
  sql += fmt::format(" AND (substr({}, 1, ?) = ? OR substr({}, 1, ?) = ?)", a, b);
  for (int i = 0; i < 2; ++i) {
    params.emplace_back(static_cast<int64_t>(prefix.size()));
    params.emplace_back(prefix);
  }
}

}  // namespace

std::string LikeContains(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

Result<std::optional<std::string>> EmployerName(Db& db, const std::string& credit_code) {
  if (credit_code.empty()) return std::optional<std::string>();
  const Value params[] = {credit_code};
  auto rows = db.Query("SELECT name FROM employers WHERE credit_code = ?", params);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows->front().Text(0));
}

Result<std::vector<EmployerListRow>> EmployerPage(Db& db, const EmployerPageQuery& q) {
  std::string sql =
      "SELECT employer_id, credit_code, name, type, size, region, county_code, insured_headcount, "
      "key_enterprise FROM employers WHERE employer_id > ?";
  std::vector<Value> params = {q.after};
  if (!q.credit_code.empty()) {
    sql += " AND credit_code = ?";
    params.emplace_back(q.credit_code);
  }
  if (!q.scope.empty()) WhereEitherRegion("region", "county_code", q.scope, sql, params);
  if (!q.name_contains.empty()) {
    if (!q.code_prefix.empty()) {
      sql += " AND (name LIKE ? ESCAPE '\\' OR credit_code LIKE ?)";
      params.emplace_back(LikeContains(q.name_contains));
      params.emplace_back(q.code_prefix + "%");
    } else {
      sql += " AND name LIKE ? ESCAPE '\\'";
      params.emplace_back(LikeContains(q.name_contains));
    }
  }
  sql += " ORDER BY employer_id LIMIT ?";
  params.emplace_back(q.limit);
  auto rows = db.Query(sql, params);
  if (!rows) return std::unexpected(rows.error());
  std::vector<EmployerListRow> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) {
    out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Int(7),
                   r.Int(8) != 0});
  }
  return out;
}

Result<std::vector<JobListRow>> JobPage(Db& db, const JobPageQuery& q) {
  std::string sql =
      "SELECT j.job_id, j.employer_credit_code, COALESCE(e.name, ''), j.title, j.occupation_code, "
      "j.headcount, j.wage_min_fen, j.wage_max_fen, j.place_region, j.type, j.open_on, j.close_on, "
      "j.county_code FROM jobs j LEFT JOIN employers e ON e.credit_code = j.employer_credit_code "
      "WHERE j.job_id > ?";
  std::vector<Value> params = {q.after};
  if (!q.scope.empty()) WhereEitherRegion("j.place_region", "j.county_code", q.scope, sql, params);
  if (!q.title_contains.empty()) {
    sql += " AND j.title LIKE ? ESCAPE '\\'";
    params.emplace_back(LikeContains(q.title_contains));
  }
  for (const auto& k : q.keywords) {
    sql += " AND (j.title LIKE ? ESCAPE '\\' OR j.requirements LIKE ? ESCAPE '\\'";
    params.emplace_back(LikeContains(k.text));
    params.emplace_back(LikeContains(k.text));
    for (const auto& prefix : k.region_prefixes) {
      sql += " OR substr(j.county_code, 1, ?) = ?";
      params.emplace_back(static_cast<int64_t>(prefix.size()));
      params.emplace_back(prefix);
    }
    sql += ")";
  }
  if (!q.employer.empty()) {
    sql += " AND j.employer_credit_code = ?";
    params.emplace_back(q.employer);
  }
  if (!q.open_on.empty()) {
    sql += " AND j.open_on <= ? AND (j.close_on IS NULL OR j.close_on = '' OR j.close_on >= ?)";
    params.emplace_back(q.open_on);
    params.emplace_back(q.open_on);
  }
  sql += " ORDER BY j.job_id LIMIT ?";
  params.emplace_back(q.limit);
  auto rows = db.Query(sql, params);
  if (!rows) return std::unexpected(rows.error());
  std::vector<JobListRow> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) {
    out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5), r.Int(6), r.Int(7), r.Text(8),
                   r.Text(9), r.Text(10), r.Text(11), r.Text(12)});
  }
  return out;
}

}  // namespace qjy::store
