// Pages of the employer and job registers as the officers' lists read them
// (GET /api/employers, GET /api/jobs): keyset pages in id order, filtered
// by region, name or title, and employer. The SQL lives here so the
// handlers only decide who may see what.
//
// Region filters match a row when either of its two region columns (the
// registered place and the owning county) starts with the scope, so a
// record of a township shows under its county and prefecture.
#ifndef QJY_STORE_CATALOG_PAGES_H_
#define QJY_STORE_CATALOG_PAGES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "store/db.h"

namespace qjy::store {

struct EmployerPageQuery {
  int64_t after = 0;         // employer_id > after
  int64_t limit = 50;
  std::string credit_code;   // non-empty: this employer only
  std::string scope;         // non-empty: region or owning county under this code
  std::string name_contains; // part of the name (LIKE, wildcards escaped)
  std::string code_prefix;   // with name_contains: or the credit code starts with this
};

struct EmployerListRow {
  int64_t employer_id = 0;
  std::string credit_code, name, type, size, region, county_code;
  int64_t insured_headcount = 0;
  bool key_enterprise = false;
};

Result<std::vector<EmployerListRow>> EmployerPage(Db& db, const EmployerPageQuery& q);

// The registered name of employer `credit_code`; nullopt when the registry
// has no such employer (or the code is empty).
Result<std::optional<std::string>> EmployerName(Db& db, const std::string& credit_code);

struct JobPageQuery {
  int64_t after = 0;  // job_id > after
  int64_t limit = 50;
  std::string scope;           // non-empty: place or owning county under this code
  std::string title_contains;  // part of the title
  // Every keyword must be found in the title or the requirements, or name
  // the job's place: its county_code starts with one of `region_prefixes`
  // (the caller resolves names such as 遵义 to codes).
  struct Keyword {
    std::string text;
    std::vector<std::string> region_prefixes;
  };
  std::vector<Keyword> keywords;
  std::string employer;        // non-empty: this employer's jobs
  // Non-empty (YYYY-MM-DD): only jobs open for applications on that day
  // (open_on <= day <= close_on, no close_on = open).
  std::string open_on;
};

struct JobListRow {
  int64_t job_id = 0;
  std::string employer_credit_code, employer_name, title, occupation_code;
  int64_t headcount = 0, wage_min_fen = 0, wage_max_fen = 0;
  std::string place_region, type, open_on, close_on, county_code;
};

Result<std::vector<JobListRow>> JobPage(Db& db, const JobPageQuery& q);

// "%text%" for LIKE … ESCAPE '\', with %, _ and \ in `text` escaped.
std::string LikeContains(std::string_view text);

}  // namespace qjy::store

#endif  // QJY_STORE_CATALOG_PAGES_H_
