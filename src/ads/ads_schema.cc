#include "ads/ads_schema.h"

namespace qjy::ads {
namespace {

// One row per posted ad, whatever became of it: 'published' (clean, in the
// registry's jobs at once), 'pending' (flagged, waiting for an officer,
// nowhere in jobs), 'approved' (published after review), 'rejected'.
// county_code is the workplace county: officers review their region's ads.
constexpr char kJobAds[] = R"sql(
CREATE TABLE job_ads (
  ad_id {id},
  county_code TEXT NOT NULL,
  employer_credit_code TEXT NOT NULL,
  title TEXT NOT NULL,
  ad_json TEXT NOT NULL,
  findings_json TEXT NOT NULL,
  categories TEXT NOT NULL,
  warning TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('published', 'pending', 'approved', 'rejected')),
  job_id {int},
  posted_by TEXT NOT NULL,
  posted_at TEXT NOT NULL,
  reviewed_by TEXT,
  reviewed_at TEXT,
  review_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX job_ads_county_status ON job_ads (county_code, status, ad_id);
CREATE INDEX job_ads_employer ON job_ads (employer_credit_code, ad_id);
)sql";

}  // namespace

const std::vector<store::Migration>& AdsMigrations() {
  static const std::vector<store::Migration> kList = {{700, "ads_job_ads", kJobAds}};
  return kList;
}

}  // namespace qjy::ads
