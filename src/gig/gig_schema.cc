#include "gig/gig_schema.h"

namespace qjy::gig {
namespace {

// Every table carries county_code with an index leading on it (the shard
// key of the production store). booked <= headcount is a CHECK, so even a
// faulty writer cannot overbook a post; gig_worker_days is the lock row of
// one worker's day: bookings of the same worker and date serialize on it
// (SELECT ... then UPDATE of that row), so overlapping bookings cannot both
// pass the overlap check.
constexpr char kGig[] = R"sql(
CREATE TABLE gig_posts (
  post_id {id},
  county_code TEXT NOT NULL,
  market_site_id {int},
  employer_credit_code TEXT NOT NULL,
  title TEXT NOT NULL,
  work_date TEXT NOT NULL,
  start_min {int} NOT NULL,
  end_min {int} NOT NULL,
  place_region TEXT NOT NULL,
  pay_unit TEXT NOT NULL CHECK (pay_unit IN ('day', 'hour')),
  pay_fen {int} NOT NULL,
  headcount {int} NOT NULL CHECK (headcount >= 1),
  booked {int} NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  posted_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CHECK (booked >= 0 AND booked <= headcount),
  CHECK (start_min >= 0 AND start_min < end_min AND end_min <= 1440)
);
CREATE INDEX gig_posts_county_date ON gig_posts (county_code, work_date);
CREATE TABLE gig_availability (
  availability_id {id},
  county_code TEXT NOT NULL,
  person_id {int} NOT NULL,
  work_date TEXT NOT NULL,
  start_min {int} NOT NULL,
  end_min {int} NOT NULL,
  area_region TEXT NOT NULL,
  min_day_pay_fen {int} NOT NULL,
  skills TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CHECK (start_min >= 0 AND start_min < end_min AND end_min <= 1440)
);
CREATE INDEX gig_availability_county_date ON gig_availability (county_code, work_date);
CREATE INDEX gig_availability_date ON gig_availability (work_date);
CREATE TABLE gig_worker_days (
  person_id {int} NOT NULL,
  work_date TEXT NOT NULL,
  county_code TEXT NOT NULL,
  bookings {int} NOT NULL DEFAULT 0,
  PRIMARY KEY (person_id, work_date)
);
CREATE TABLE gig_bookings (
  booking_id {id},
  county_code TEXT NOT NULL,
  post_id {int} NOT NULL REFERENCES gig_posts (post_id),
  person_id {int} NOT NULL,
  work_date TEXT NOT NULL,
  start_min {int} NOT NULL,
  end_min {int} NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('booked', 'completed', 'cancelled')),
  contract_id {int},
  booked_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  completed_at TEXT
);
CREATE UNIQUE INDEX gig_bookings_post_person ON gig_bookings (post_id, person_id);
CREATE INDEX gig_bookings_person_date ON gig_bookings (person_id, work_date);
CREATE INDEX gig_bookings_county ON gig_bookings (county_code, work_date);
)sql";

// Gig posts held by the ad screening (issue #17 §3): the post as posted
// (post_json), what the screener found (findings_json, opaque here) and the
// officer's decision. An approved hold becomes a gig_posts row (post_id);
// until then the post is nowhere in gig_posts, hence in no list or match.
constexpr char kGigHolds[] = R"sql(
CREATE TABLE gig_post_holds (
  hold_id {id},
  county_code TEXT NOT NULL,
  employer_credit_code TEXT NOT NULL,
  title TEXT NOT NULL,
  post_json TEXT NOT NULL,
  findings_json TEXT NOT NULL,
  warning TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  post_id {int},
  posted_by TEXT NOT NULL,
  posted_at TEXT NOT NULL,
  reviewed_by TEXT,
  reviewed_at TEXT,
  review_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX gig_post_holds_county_status ON gig_post_holds (county_code, status, hold_id);
CREATE INDEX gig_post_holds_employer ON gig_post_holds (employer_credit_code, hold_id);
)sql";

// One live booking per worker and post: the unique index of 600 also held
// cancelled rows, so a worker whose booking was cancelled could never book
// that post again. A partial index (both dialects) leaves cancelled rows out;
// booked and completed ones still count.
constexpr char kGigBookingsLive[] = R"sql(
DROP INDEX gig_bookings_post_person;
CREATE UNIQUE INDEX gig_bookings_post_person_live ON gig_bookings (post_id, person_id)
  WHERE status <> 'cancelled';
)sql";

}  // namespace

const std::vector<store::Migration>& GigMigrations() {
  static const std::vector<store::Migration> kList = {
      {600, "gig_core", kGig},
      {601, "gig_post_holds", kGigHolds},
      {602, "gig_bookings_live_unique", kGigBookingsLive}};
  return kList;
}

}  // namespace qjy::gig
