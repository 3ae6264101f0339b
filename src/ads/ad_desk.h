// The posting desk: a validated ad is screened (ads/screener.h); a clean ad
// is published at once (a registry job, store/registry_store.h), a flagged
// one waits in the review queue of the officers of its county, invisible to
// job lists and matching, and carries the warning to the employer. An
// officer approves (publishes) or rejects it. Every ad leaves a job_ads row.
//
// Publication is one transaction (the job and the ad row together). A
// review is conditional on the ad still pending, so two officers reviewing
// at once cannot both succeed (the second gets kConflict).
//
// The desk does not tell the match index: its caller does, after a call
// that returns a record with job_id set (one place, see the server).
// Not thread-safe (it borrows one Db).
#ifndef QJY_ADS_AD_DESK_H_
#define QJY_ADS_AD_DESK_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ads/ad.h"
#include "ads/screener.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/vault.h"
#include "store/db.h"

namespace qjy::ads {

struct AdRecord {
  int64_t ad_id = 0;
  std::string county_code;
  std::string employer_credit_code;
  std::string status;  // published | pending | approved | rejected
  JobAd ad;
  std::vector<Finding> findings;
  std::string warning;  // to the employer; empty for a clean ad
  int64_t job_id = 0;   // the registry job once published, else 0
  std::string posted_by, posted_at, reviewed_by, reviewed_at, review_note;
  bool Published() const { return job_id != 0; }
};

// An employer for the labour inspection (main(十七)(十八)): its ads in a
// region that were flagged and not approved, as evidence.
struct InspectionCase {
  std::string employer_credit_code;
  int64_t held = 0;  // pending + rejected
  int64_t pending = 0, rejected = 0;
  std::vector<std::string> categories;  // labels found across its ads, first seen first
  std::vector<AdRecord> ads;            // the evidence, oldest first (at most 50)
};

struct AdFilter {
  std::string region_prefix;  // workplace county code prefix; empty = all
  std::string status;         // empty = all
  std::string employer;       // credit code; empty = all
  int64_t after_ad_id = 0;
  int limit = 50;
};

// The latest ad that became registry job `job_id` (the contact the employer
// gave with it lives there); nullopt when the job did not come from an ad
// (e.g. a file import).
Result<std::optional<AdRecord>> LatestAdOfJob(store::Db& db, int64_t job_id);

class AdDesk {
 public:
  // `clock` stamps ads and reviews (UTC); tests inject one.
  AdDesk(store::Db& db, const Vault& vault, const Screener& screener, const qjy::Clock& clock = TheSystemClock())
      : db_(db), vault_(vault), screener_(screener), clock_(clock) {}

  // Posted pay per occupation for the pay-bait check (Screener::Screen);
  // null (the default) = the flat ceiling. Shared: the caller's snapshot
  // stays alive while the desk screens with it.
  void set_wage_reference(std::shared_ptr<const WageReference> wages) { wages_ = std::move(wages); }

  // Applies the ads migrations (700s); outside a transaction.
  static Result<void> Migrate(store::Db& db);

  // Screens and stores `ad`, which must have passed ValidateAd and carry
  // its county_code. Opens its own transaction.
  Result<AdRecord> Post(const JobAd& ad, std::string_view actor);

  // For channels that store clean jobs themselves (file import): screens
  // `ad` (with its county_code); clean → nullopt and nothing is written;
  // flagged → the pending ad, stored like Post's. An identical ad of the
  // same employer already pending is returned instead of queued twice, so
  // importing a file again does not duplicate the review queue; one an
  // officer approved counts as clean (nullopt). Opens its own transaction.
  Result<std::optional<AdRecord>> HoldIfFlagged(const JobAd& ad, std::string_view actor);

  // Approves (publishes) or rejects a pending ad. kNotFound for no such ad,
  // kConflict when it is no longer pending.
  Result<AdRecord> Review(int64_t ad_id, bool approve, std::string_view officer,
                          std::string_view note);

  // The employer's edit of an ad held by screening (pending or rejected):
  // `ad` (validated, with its county_code) replaces the held text and is
  // screened again, as Post does — clean → published (a registry job),
  // still flagged → pending again with the new findings and warning; the
  // earlier review is cleared. kNotFound for no such ad of
  // `employer_credit_code`, kConflict when it is not held (published,
  // approved, or reviewed meanwhile). The previous text's findings are
  // returned in `previous` for the caller's audit. Opens its own transaction.
  Result<AdRecord> Resubmit(int64_t ad_id, std::string_view employer_credit_code, const JobAd& ad,
                            std::string_view actor, AdRecord* previous = nullptr);

  Result<std::optional<AdRecord>> Get(int64_t ad_id);
  Result<std::vector<AdRecord>> List(const AdFilter& filter);
  // Employers with at least `min_held` flagged, unapproved ads (pending or
  // rejected) in the region, most first, each with its ads as evidence.
  Result<std::vector<InspectionCase>> InspectionList(std::string_view region_prefix, int min_held);

  // (status, count) of the ads in a region.
  Result<std::vector<std::pair<std::string, int64_t>>> CountByStatus(std::string_view region_prefix);

 private:
  std::string Now() const;
  Result<int64_t> PublishJob(const JobAd& ad, std::string_view actor);

  store::Db& db_;
  const Vault& vault_;
  const Screener& screener_;
  const qjy::Clock& clock_;
  std::shared_ptr<const WageReference> wages_;
};

}  // namespace qjy::ads

#endif  // QJY_ADS_AD_DESK_H_
