// The gig board's bookings (api_gig.cc lists every route): the list, and
// completing (which writes the flexible-employment contract) or cancelling
// one booking.
#include "server/access.h"
#include "server/api_gig_common.h"
#include "server/api_internal.h"
#include "server/api_write.h"

namespace qjy::server {

using gig_api::Caller;

HttpResponse Api::GigBookings(Call& c) {
  if (auto r = GigNotReady(c)) return *r;
  const Caller who(c.account());
  gig::GigBoard board(*c.db, vault_, clock_);
  gig::GigFilter f;
  f.limit = 200;
  if (const std::string post = QueryText(c.query, "post_id"); !post.empty()) {
    const auto id = PathId(post);
    if (!id) return BadRequest("零工岗位编号无效");
    f.post_id = *id;
  }
  if (!who.seeker && !who.officer && !who.employer) return Forbidden();
  auto listable = gig_api::ScopeListFilter(*c.db, who, c.query, f);
  if (!listable) return StoreError(listable.error(), *log_);
  if (!*listable) return JsonOk({{"items", nlohmann::json::array()}});
  auto list = board.ListBookings(f);
  if (!list) return StoreError(list.error(), *log_);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& b : *list) {
    if (who.employer) {
      auto p = board.GetPost(b.post_id);
      if (!p || !*p || (*p)->employer_credit_code != who.a.credit_code) continue;
    }
    items.push_back(gig_api::BookingJson(b));
  }
  return JsonOk({{"items", items}});
}

// POST /api/gig/bookings/{id}/complete | /cancel: a manager of the post (an
// officer of its county, its employer) may do either; the worker may cancel.
HttpResponse Api::GigSettleBooking(Call& c, bool cancel) {
  if (auto r = GigNotReady(c)) return *r;
  const Caller who(c.account());
  gig::GigBoard board(*c.db, vault_, clock_);
  HttpResponse error;
  auto booking = PathRecord<gig::Booking>(
      c.params.at(0), "没有该预约", [&](int64_t id) { return board.GetBooking(id); }, *log_, error);
  if (!booking) return error;
  const gig::Booking& b = *booking;
  const int64_t id = b.booking_id;
  auto post = board.GetPost(b.post_id);
  if (!post) return StoreError(post.error(), *log_);
  const bool manages = *post && ((who.officer && RegionCovers(who.a.region_code, (*post)->county_code)) ||
                                 (who.employer && who.a.credit_code == (*post)->employer_credit_code));
  const std::string target = "gig_booking:" + std::to_string(id);
  if (cancel) {  // the managers, or the worker themselves
    auto me = gig_api::OwnPerson(*c.db, who);
    if (!me) return StoreError(me.error(), *log_);
    const bool worker = who.seeker && *me != 0 && b.person_id == *me;
    if (!manages && !worker) return NotFound("没有该预约");
    auto done = board.Cancel(id, who.a.username);
    if (!done) return ConflictAwareError(done.error(), *log_);
    Audit(c, "gig.cancel", target, "ok");
    return JsonOk(gig_api::BookingJson(*done));
  }
  if (!manages) return NotFound("没有该预约");
  // Completion writes a labour contract for the worker: an officer must
  // have the worker in scope too, and the work must have been due.
  if (who.officer) {
    auto mine = gig_api::PersonInScope(*c.db, vault_, who, b.person_id);
    if (!mine) return StoreError(mine.error(), *log_);
    if (!*mine) {
      Audit(c, "gig.complete", target, "denied");
      return NotFound("没有该预约");
    }
  }
  if (clock_.TodayInChina() < (*post)->work_date) {
    return HttpResponse::Error(409, "conflict", "用工日期（" + (*post)->work_date.ToString() + "）之前不能确认完工");
  }
  auto done = board.Complete(id, who.a.username);
  if (!done) return ConflictAwareError(done.error(), *log_);
  Audit(c, "gig.complete", target, "ok");
  return JsonOk(gig_api::BookingJson(*done));
}

HttpResponse Api::GigCompleteBooking(Call& c) { return GigSettleBooking(c, false); }
HttpResponse Api::GigCancelBooking(Call& c) { return GigSettleBooking(c, true); }

}  // namespace qjy::server
