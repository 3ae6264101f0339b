// GET /api/employers, GET /api/jobs: who may see what; the pages come from
// store/catalog_pages.h.
#include <algorithm>
#include <cctype>

#include "core/pinyin.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "server/api_pickers.h"
#include "store/catalog_pages.h"

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

  if (!region.empty() && auth::RegionLevel(region) == 0) {
    return BadRequest("区划代码须为 2/4/6/9/12 位数字");
  }
  store::EmployerPageQuery page;
  page.after = *after;
  if (a.role == auth::Role::kEmployer) {
    page.credit_code = a.credit_code;
  } else {
    page.scope = a.region_code;
    if (!region.empty()) {
      if (!RegionCovers(page.scope, region)) return Forbidden();
      page.scope = region;
    }
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
    page.name_contains = q;
    if (code_like) page.code_prefix = upper;
  }
  // Initials are not stored: the rows in scope are read in id order, a
  // chunk at a time, and kept when their name's initials hold q (at most
  // kMaxScan rows per request; next_after continues from the last read).
  constexpr int64_t kChunk = 1000;
  constexpr int64_t kMaxScan = 200'000;
  page.limit = initials ? kChunk : *limit;
  nlohmann::json items = nlohmann::json::array();
  int64_t last_read = 0;
  bool more = false;
  for (int64_t scanned = 0;;) {
    auto rows = store::EmployerPage(*c.db, page);
    if (!rows) return StoreError(rows.error(), *log_);
    for (const auto& r : *rows) {
      last_read = r.employer_id;
      // Defence in depth: the SQL filter and the access rule must agree.
      if (!MayReadEmployer(a, r.credit_code, r.region, r.county_code)) continue;
      if (initials && PinyinInitials(r.name, false).find(lower) == std::string::npos &&
          r.name.find(q) == std::string::npos && !r.credit_code.starts_with(upper)) {
        continue;
      }
      items.push_back({{"employer_id", r.employer_id},
                       {"credit_code", r.credit_code},
                       {"name", r.name},
                       {"type", r.type},
                       {"size", r.size},
                       {"region", r.region},
                       {"region_name", RegionName(r.region)},
                       {"county_code", r.county_code},
                       {"insured_headcount", r.insured_headcount},
                       {"key_enterprise", r.key_enterprise}});
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
    page.after = last_read;
  }
  nlohmann::json out = {{"items", items}, {"next_after", nullptr}};
  if (more) out["next_after"] = last_read;
  return JsonOk(out);
}

namespace {

// The words of a job search: split on ASCII white space and the ideographic
// space (U+3000), at most 8.
std::vector<std::string> SearchTerms(const std::string& q) {
  std::string text = q;
  for (size_t at; (at = text.find("\u3000")) != std::string::npos;) text.replace(at, 3, " ");
  std::vector<std::string> out;
  std::string word;
  for (char ch : text + " ") {
    if (std::isspace(static_cast<unsigned char>(ch))) {
      if (!word.empty() && out.size() < 8) out.push_back(word);
      word.clear();
    } else {
      word += ch;
    }
  }
  return out;
}

// Guizhou's prefectures and counties whose name holds `term` (遵义 →
// 遵义市 5203; 南明 → 南明区 520102): a search word may name the place.
std::vector<std::string> JobPlacesNamed(const RegionIndex& regions, const std::string& term) {
  std::vector<std::string> out;
  auto prefectures = regions.Children("52");
  if (!prefectures) return out;
  for (const Region& p : *prefectures) {
    if (p.name.find(term) != std::string::npos) {
      out.push_back(p.code);
      continue;  // its counties are inside it
    }
    auto counties = regions.Children(p.code);
    if (!counties) continue;
    for (const Region& c : *counties) {
      if (c.name.find(term) != std::string::npos) out.push_back(c.code);
    }
  }
  return out;
}

}  // namespace

HttpResponse Api::ListJobs(Call& c) {
  HttpResponse error;
  auto after = QueryInt(c.query, "after", 0, 0, INT64_MAX, error);
  if (!after) return error;
  auto limit = QueryInt(c.query, "limit", 50, 1, 200, error);
  if (!limit) return error;
  const std::string region = QueryText(c.query, "region");
  const std::string q = QueryText(c.query, "q");
  const std::string employer = QueryText(c.query, "employer");
  // Seekers see the jobs open for applications today (the server's date);
  // officers and employers may ask for another day (open_on=, e.g. a
  // service date) or for every job (include_closed=1, 含已截止).
  const auth::Account& a = c.account();
  const bool may_see_closed = a.role != auth::Role::kSeeker;
  const Date today = Date::InChina(clock_.Now());
  Date open_day = today;
  if (const std::string day = QueryText(c.query, "open_on"); !day.empty() && may_see_closed) {
    auto d = Date::Parse(day);
    if (!d) return BadRequest("在招日期（open_on）须为 YYYY-MM-DD");
    open_day = *d;
  }
  const bool include_closed = may_see_closed && QueryText(c.query, "include_closed") == "1";

  store::JobPageQuery page;
  page.after = *after;
  page.limit = *limit;
  if (!region.empty()) {
    if (auth::RegionLevel(region) == 0) return BadRequest("区划代码须为 2/4/6/9/12 位数字");
    page.scope = region;
  }
  // Every word must be in the title or the requirements, or name the
  // job's county or prefecture ("焊工 遵义").
  for (std::string& term : SearchTerms(q)) {
    auto places = JobPlacesNamed(regions_, term);
    page.keywords.push_back({std::move(term), std::move(places)});
  }
  page.employer = employer;
  if (!include_closed) page.open_on = open_day.ToString();
  auto rows = store::JobPage(*c.db, page);
  if (!rows) return StoreError(rows.error(), *log_);
  nlohmann::json items = nlohmann::json::array();
  const std::string today_text = today.ToString();
  for (const auto& r : *rows) {
    // Dates are stored YYYY-MM-DD, so text order is date order.
    const bool closed = !r.close_on.empty() && r.close_on < today_text;
    items.push_back({{"job_id", r.job_id},
                     {"employer_credit_code", r.employer_credit_code},
                     {"employer_name", r.employer_name},
                     {"title", r.title},
                     {"occupation_code", r.occupation_code},
                     {"occupation_name", OccupationName(r.occupation_code)},
                     {"headcount", r.headcount},
                     {"wage_min_fen", r.wage_min_fen},
                     {"wage_max_fen", r.wage_max_fen},
                     {"place_region", r.place_region},
                     {"place_name", RegionName(r.place_region)},
                     {"type", r.type},
                     {"open_on", r.open_on},
                     {"close_on", r.close_on},
                     {"closed", closed},
                     {"open", !closed && r.open_on <= today_text},
                     {"county_code", r.county_code}});
  }
  nlohmann::json out = {{"items", items}, {"next_after", nullptr}};
  if (static_cast<int64_t>(rows->size()) == *limit) out["next_after"] = rows->back().job_id;
  return JsonOk(out);
}

}  // namespace qjy::server
