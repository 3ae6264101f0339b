// GET /api/employers, GET /api/jobs.
#include <algorithm>
#include <cctype>

#include "core/pinyin.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "server/api_pickers.h"

namespace qjy::server {

HttpResponse Api::ListEmployers(Call& c) {
  const auth::Account& a = c.account();
  if (!auth::RoleMay(a.role, auth::Permission::kReadEmployers)) return Forbidden();
  HttpResponse error;
  auto after = QueryInt(c.query, "after", 0, 0, INT64_MAX, error);
  if (!after) return error;
  auto limit = QueryInt(c.query, "limit", 50, 1, 200, error);
  if (!limit) return error;
  const std::string region = QueryText(c.query, "region");
  const std::string q = QueryText(c.query, "q");

  std::string sql =
      "SELECT employer_id, credit_code, name, type, size, region, county_code, insured_headcount, "
      "key_enterprise FROM employers WHERE employer_id > ?";
  std::vector<store::Value> params = {*after};
  if (!region.empty() && auth::RegionLevel(region) == 0) {
    return BadRequest("区划代码须为 2/4/6/9/12 位数字");
  }
  if (a.role == auth::Role::kEmployer) {
    sql += " AND credit_code = ?";
    params.emplace_back(a.credit_code);
  } else {
    std::string scope = a.region_code;
    if (!region.empty()) {
      if (!RegionCovers(scope, region)) return Forbidden();
      scope = region;
    }
    WhereEitherRegion("region", "county_code", scope, sql, params);
  }
  // q: part of the name, its pinyin initials ("nmcs" → 南明测试公司, read
  // anywhere in the name's initials) or the start of the credit code.
  const bool initials = LooksLikeInitials(q);
  const bool code_like = q.size() >= 4 && q.size() <= 18 &&
                         std::all_of(q.begin(), q.end(), [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)); }) &&
                         std::any_of(q.begin(), q.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); });
  std::string upper = q;
  for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  std::string lower = q;
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (!q.empty() && !initials) {
    if (code_like) {
      sql += " AND (name LIKE ? ESCAPE '\\' OR credit_code LIKE ?)";
      params.emplace_back(LikeContains(q));
      params.emplace_back(upper + "%");
    } else {
      sql += " AND name LIKE ? ESCAPE '\\'";
      params.emplace_back(LikeContains(q));
    }
  }
  // Initials are not stored: the rows in scope are read in id order, a
  // chunk at a time, and kept when their name's initials hold q (at most
  // kMaxScan rows per request; next_after continues from the last read).
  constexpr int64_t kChunk = 1000;
  constexpr int64_t kMaxScan = 200'000;
  sql += " ORDER BY employer_id LIMIT ?";
  const size_t after_param = 0;
  params.emplace_back(initials ? kChunk : *limit);
  nlohmann::json items = nlohmann::json::array();
  int64_t last_read = 0;
  bool more = false;
  for (int64_t scanned = 0;;) {
    auto rows = c.db->Query(sql, params);
    if (!rows) return StoreError(rows.error(), *log_);
    for (const auto& r : *rows) {
      last_read = r.Int(0);
      // Defence in depth: the SQL filter and the access rule must agree.
      if (!MayReadEmployer(a, r.Text(1), r.Text(5), r.Text(6))) continue;
      if (initials) {
        const std::string name = r.Text(2);
        if (PinyinInitials(name, false).find(lower) == std::string::npos &&
            name.find(q) == std::string::npos && !r.Text(1).starts_with(upper)) {
          continue;
        }
      }
      items.push_back({{"employer_id", r.Int(0)},
                       {"credit_code", r.Text(1)},
                       {"name", r.Text(2)},
                       {"type", r.Text(3)},
                       {"size", r.Text(4)},
                       {"region", r.Text(5)},
                       {"region_name", RegionName(r.Text(5))},
                       {"county_code", r.Text(6)},
                       {"insured_headcount", r.Int(7)},
                       {"key_enterprise", r.Int(8) != 0}});
      if (static_cast<int64_t>(items.size()) == *limit) break;
    }
    scanned += static_cast<int64_t>(rows->size());
    if (!initials) {
      more = static_cast<int64_t>(rows->size()) == *limit;
      break;
    }
    if (static_cast<int64_t>(items.size()) == *limit) {
      more = true;
      break;
    }
    if (static_cast<int64_t>(rows->size()) < kChunk) break;
    if (scanned >= kMaxScan) {
      more = true;
      break;
    }
    params[after_param] = last_read;
  }
  nlohmann::json out = {{"items", items}, {"next_after", nullptr}};
  if (more) out["next_after"] = last_read;
  return JsonOk(out);
}

HttpResponse Api::ListJobs(Call& c) {
  HttpResponse error;
  auto after = QueryInt(c.query, "after", 0, 0, INT64_MAX, error);
  if (!after) return error;
  auto limit = QueryInt(c.query, "limit", 50, 1, 200, error);
  if (!limit) return error;
  const std::string region = QueryText(c.query, "region");
  const std::string q = QueryText(c.query, "q");
  const std::string employer = QueryText(c.query, "employer");

  std::string sql =
      "SELECT j.job_id, j.employer_credit_code, COALESCE(e.name, ''), j.title, j.occupation_code, "
      "j.headcount, j.wage_min_fen, j.wage_max_fen, j.place_region, j.type, j.open_on, j.close_on, "
      "j.county_code FROM jobs j LEFT JOIN employers e ON e.credit_code = j.employer_credit_code "
      "WHERE j.job_id > ?";
  std::vector<store::Value> params = {*after};
  if (!region.empty()) {
    if (auth::RegionLevel(region) == 0) return BadRequest("区划代码须为 2/4/6/9/12 位数字");
    WhereEitherRegion("j.place_region", "j.county_code", region, sql, params);
  }
  if (!q.empty()) {
    sql += " AND j.title LIKE ? ESCAPE '\\'";
    params.emplace_back(LikeContains(q));
  }
  if (!employer.empty()) {
    sql += " AND j.employer_credit_code = ?";
    params.emplace_back(employer);
  }
  sql += " ORDER BY j.job_id LIMIT ?";
  params.emplace_back(*limit);
  auto rows = c.db->Query(sql, params);
  if (!rows) return StoreError(rows.error(), *log_);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : *rows) {
    items.push_back({{"job_id", r.Int(0)},
                     {"employer_credit_code", r.Text(1)},
                     {"employer_name", r.Text(2)},
                     {"title", r.Text(3)},
                     {"occupation_code", r.Text(4)},
                     {"occupation_name", OccupationName(r.Text(4))},
                     {"headcount", r.Int(5)},
                     {"wage_min_fen", r.Int(6)},
                     {"wage_max_fen", r.Int(7)},
                     {"place_region", r.Text(8)},
                     {"place_name", RegionName(r.Text(8))},
                     {"type", r.Text(9)},
                     {"open_on", r.Text(10)},
                     {"close_on", r.Text(11)},
                     {"county_code", r.Text(12)}});
  }
  nlohmann::json out = {{"items", items}, {"next_after", nullptr}};
  if (static_cast<int64_t>(rows->size()) == *limit) out["next_after"] = rows->back().Int(0);
  return JsonOk(out);
}

}  // namespace qjy::server
