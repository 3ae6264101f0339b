// Gig posts held by the ad screening (issue #17 §3; api_gig.cc lists every
// route): the list for officers (their region, pending by default) and
// employers (their own), and an officer's approval or rejection.
#include <cstdint>
#include <set>

#include "core/clock.h"
#include "server/access.h"
#include "server/api_gig_common.h"
#include "server/api_internal.h"
#include "server/api_write.h"

namespace qjy::server {

using gig_api::Caller;

HttpResponse Api::GigHolds(Call& c) {
  if (auto r = GigNotReady(c)) return *r;
  const Caller who(c.account());
  if (!who.officer && !who.employer) return Forbidden();
  gig::GigBoard board(*c.db, vault_, clock_);
  HttpResponse error;
  gig::GigHoldFilter f;
  auto after = QueryInt(c.query, "after", 0, 0, INT64_MAX, error);
  if (!after) return error;
  f.after_hold_id = *after;
  f.status = QueryText(c.query, "status");
  static const std::set<std::string> kStatuses = {"", "all", "pending", "approved", "rejected"};
  if (!kStatuses.contains(f.status)) return BadRequest("状态须为 pending/approved/rejected/all");
  if (who.officer) {
    if (who.a.region_code.empty()) return Forbidden();
    f.region_prefix = who.a.region_code;
    if (f.status.empty()) f.status = "pending";
  } else {
    f.employer = who.a.credit_code;
  }
  if (f.status == "all") f.status.clear();
  gig::GigHolds holds(*c.db, board);
  auto list = holds.List(f);
  if (!list) return StoreError(list.error(), *log_);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& h : *list) items.push_back(gig_api::HoldJson(h, RegionName(h.post.place_region)));
  return JsonOk({{"items", items}});
}

HttpResponse Api::GigReviewHold(Call& c, bool approve) {
  if (auto r = GigNotReady(c)) return *r;
  const Caller who(c.account());
  if (!who.officer) return Forbidden();
  gig::GigBoard board(*c.db, vault_, clock_);
  gig::GigHolds holds(*c.db, board);
  const auto id = PathId(c.params.at(0));
  if (!id) return NotFound("没有该待审核零工岗位");
  auto h = holds.Get(*id);
  if (!h) return StoreError(h.error(), *log_);
  if (!*h || !RegionCovers(who.a.region_code, (*h)->post.county_code)) return NotFound("没有该待审核零工岗位");
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  auto note = ReviewNote(*body, approve, error);
  if (!note) return error;
  auto done = holds.Review(*id, approve, who.a.username, *note, IsoUtc(clock_.Now()));
  if (!done) return ConflictAwareError(done.error(), *log_);
  Audit(c, approve ? "gig_hold.approve" : "gig_hold.reject", "gig_hold:" + std::to_string(*id), "ok");
  return JsonOk(gig_api::HoldJson(*done, RegionName(done->post.place_region)));
}

HttpResponse Api::GigApproveHold(Call& c) { return GigReviewHold(c, true); }
HttpResponse Api::GigRejectHold(Call& c) { return GigReviewHold(c, false); }

}  // namespace qjy::server
