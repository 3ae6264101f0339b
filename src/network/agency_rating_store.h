// The quality ratings of market HR service agencies (附件4（二）"优质市场化
// 人力资源机构"): each rating an officer records on an agency (a site of
// kind hr_agency) with its grade (quality_schemes.h AgencyGrades), the date,
// who rated it and on what basis. Ratings are never edited or deleted: a
// new rating supersedes the older ones from its date; the rating in force on
// a date is the latest dated on or before it. Table network_agency_ratings
// (migration 813, keyed by county_code); every rating is one transaction
// with its row in the registry's `changes` history (entity
// "agency_rating"). Validation names the field in Chinese; nothing stored on
// error. Not safe for concurrent use (it borrows one Db).
#ifndef QJY_NETWORK_AGENCY_RATING_STORE_H_
#define QJY_NETWORK_AGENCY_RATING_STORE_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/regions.h"
#include "network/coverage.h"
#include "network/quality_schemes.h"
#include "store/db.h"
#include "store/migrations.h"

namespace qjy::network {

std::span<const store::Migration> AgencyRatingMigrations();  // 813

struct AgencyRatingInput {
  int64_t site_id = 0;        // an hr_agency site
  std::string grade;          // grade code or label (agency_grades.yaml)
  std::optional<Date> rated_on;
  std::string rated_by;       // 评定单位, e.g. 省人力资源社会保障厅、市人力资源服务行业协会
  std::string basis;          // 评定依据, e.g. 文件号或评价结果公告
};

struct AgencyRating {
  int64_t rating_id = 0;
  std::string county_code, region;  // the agency's
  AgencyRatingInput in;             // grade as its code
  std::string created_by;
};

class AgencyRatingStore {
 public:
  AgencyRatingStore(store::Db& db, const RegionIndex& regions) : db_(db), regions_(regions) {}
  Result<void> Migrate();  // the network's migrations, then 813; outside a transaction

  // Validates (kInvalidArgument, "字段：原因"): the site exists and is a
  // market HR agency (机构); a known grade (评级); a rating date, not after
  // `today` nor before the agency opened or after it closed (评级日期); who
  // rated it (评定单位); no other rating of the agency on that date.
  // Returns the new rating id.
  Result<int64_t> Add(const AgencyRatingInput& in, const AgencyGrades& grades, Date today, std::string_view actor);
  // Ratings of the agencies under `scope`, by site and date.
  Result<std::vector<AgencyRating>> List(std::string_view scope);

 private:
  store::Db& db_;
  const RegionIndex& regions_;
};

// Attaches each rating to its site as Site::quality (coverage.h), sorted
// by date: (rated_on, the grade counts as 优质). Ratings of sites not in
// `sites` are ignored.
void AttachRatings(std::span<const AgencyRating> ratings, const AgencyGrades& grades, std::vector<Site>& sites);

}  // namespace qjy::network

#endif  // QJY_NETWORK_AGENCY_RATING_STORE_H_
