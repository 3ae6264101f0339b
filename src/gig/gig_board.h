// The gig-market board over the store: the market directory (registry
// service_sites of kind gig_market), day-labour posts, workers'
// availability, point-to-point matches and bookings.
//
// Booking (Book) is one transaction that cannot overbook:
//  - the worker's day row (gig_worker_days) is locked first (an UPDATE), so
//    two bookings of one worker on one date run one after the other and the
//    second sees the first in its overlap check: a worker is never booked
//    twice for overlapping hours;
//  - the post's count goes up only `WHERE booked < headcount AND status =
//    'open'` (and a CHECK backs it), so concurrent bookers of the last place
//    get one success and kConflict for the rest.
// Completing a booking writes the registry contract of the gig: start = end
// = work date, flagged flexible (灵活就业), so the policy engine (R9/R10)
// and statistics count it as flexible employment.
// Not thread-safe (it borrows one Db); open one board per connection.
#ifndef QJY_GIG_GIG_BOARD_H_
#define QJY_GIG_GIG_BOARD_H_

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/regions.h"
#include "core/vault.h"
#include "gig/gig.h"
#include "gig/point_match.h"
#include "registry/validate.h"
#include "store/db.h"

namespace qjy::gig {

struct GigFilter {
  std::string region_prefix;   // county_code prefix; empty = all
  std::optional<Date> date;    // work date
  bool open_only = false;      // posts: open with room left
  int64_t person_id = 0;       // availability/bookings: one worker
  int64_t post_id = 0;         // bookings: one post
  int limit = 100;
  int offset = 0;              // posts: rows skipped (paging)
  // Posts: this county's posts first, then its prefecture's, then the rest
  // (each by work date); empty = by work date only.
  std::string near_county;
};

struct WorkerMatch {
  Availability availability;
  PointMatch match;
};
struct PostMatch {
  GigPost post;
  PointMatch match;
};

class GigBoard {
 public:
  // `clock` stamps posts and bookings (UTC); tests inject one.
  GigBoard(store::Db& db, const Vault& vault, const qjy::Clock& clock = TheSystemClock())
      : db_(db), vault_(vault), clock_(clock) {}

  static Result<void> Migrate(store::Db& db);  // gig migrations (600s)

  // Field checks (Chinese field names): date not before `today`, hours
  // 00:00–24:00 with start < end, pay > 0, headcount 1..1000, a known place
  // (county or finer), title 1..60 characters.
  static bool ValidatePost(const GigPost& p, const RegionIndex& regions, Date today,
                           registry::FieldErrors& out);
  static bool ValidateAvailability(const Availability& a, const RegionIndex& regions, Date today,
                                   registry::FieldErrors& out);

  Result<std::vector<Market>> Markets(std::string_view region_prefix);

  // Stores a validated post (county_code set by the caller from the place);
  // kNotFound when the employer is not in the registry.
  Result<GigPost> Post(GigPost p, std::string_view actor);
  // Stores a validated availability; county_code is the person's;
  // kNotFound when the person is unknown.
  Result<Availability> AddAvailability(Availability a);

  Result<std::optional<GigPost>> GetPost(int64_t post_id);
  Result<std::optional<Availability>> GetAvailability(int64_t availability_id);
  Result<std::optional<Booking>> GetBooking(int64_t booking_id);
  // Posts matching the filter (limit, offset and near_county order them);
  // CountPosts counts them all, ignoring limit and offset.
  Result<std::vector<GigPost>> ListPosts(const GigFilter& f);
  Result<int64_t> CountPosts(const GigFilter& f);
  Result<std::vector<Availability>> ListAvailability(const GigFilter& f);
  Result<std::vector<Booking>> ListBookings(const GigFilter& f);

  // Feasible workers for a post (availabilities of its date, not already
  // booked on it), best first; and feasible open posts for an availability.
  Result<std::vector<WorkerMatch>> WorkersFor(int64_t post_id, int limit);
  Result<std::vector<PostMatch>> PostsFor(int64_t availability_id, int limit);

  // Books a worker on a post (see above). kNotFound: no such post/person;
  // kConflict (Chinese message): full or closed, already booked on it, or
  // booked elsewhere for overlapping hours that day.
  Result<Booking> Book(int64_t post_id, int64_t person_id, std::string_view actor);

  // Marks a booked gig done and writes its flexible-employment contract.
  // kConflict unless the booking is 'booked'.
  Result<Booking> Complete(int64_t booking_id, std::string_view actor);

  // Cancels a booked gig (the worker cannot come, or the employer no longer
  // needs them): the booking becomes 'cancelled' and its place on the post is
  // free again, in one transaction. kNotFound: no such booking; kConflict
  // (Chinese) unless it is 'booked' — a completed gig stays completed.
  Result<Booking> Cancel(int64_t booking_id, std::string_view actor);

 private:
  std::string Now() const;

  store::Db& db_;
  const Vault& vault_;
  const qjy::Clock& clock_;
};

}  // namespace qjy::gig

#endif  // QJY_GIG_GIG_BOARD_H_
