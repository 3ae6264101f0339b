// The gig-market board (issue #6 point 5), one handler per route:
//   GET  /api/gig/markets                      every user: the directory and the
//                                              per-county check of the requirement
//   GET  /api/gig/posts                        every user: day-labour posts (?date, region, open)
//   POST /api/gig/posts                        employer (own) or officer (place in region)
//   GET  /api/gig/posts/{id}/workers           officer in region or the employer: matches
//   POST /api/gig/posts/{id}/book              officer in region (any worker with a
//                                              matching availability) or a seeker (self)
//   GET  /api/gig/availability                 officer: region; seeker: own
//   POST /api/gig/availability                 seeker (self) or officer (person in scope)
//   GET  /api/gig/availability/{id}/posts      the seeker or an officer in scope: matches
//   GET  /api/gig/bookings                     officer: region; seeker: own; employer: own posts
//   POST /api/gig/bookings/{id}/complete       officer in region or the post's employer:
//                                              writes the flexible-employment contract
//   POST /api/gig/bookings/{id}/cancel         the same, or the worker (self): frees the place
//   GET  /api/gig/holds                        officer: posts of the region held by the ad
//                                              screening (default pending); employer: own
//   POST /api/gig/holds/{id}/approve|reject    officer in region (issue #17 §3)
// A post whose title or pay the ad screener flags (discrimination, fraud,
// pay far above simple work) is held (202), not posted, until reviewed.
// Workers are shown to employers by masked name only.
//
// This file: the migration, markets and posts. api_gig_matching.cc: workers,
// booking, availability; api_gig_bookings.cc: bookings; api_gig_holds.cc:
// held posts. Shared pieces: api_gig_common.h.
#include <algorithm>

#include "ads/ad_json.h"
#include "core/clause_display.h"
#include "core/clock.h"
#include "core/utf8.h"
#include "gig/coverage.h"
#include "server/access.h"
#include "server/api_gig_common.h"
#include "server/api_internal.h"
#include "store/registry_store.h"

namespace qjy::server {

using gig_api::Caller;

std::optional<HttpResponse> Api::GigNotReady(Call& c) {
  if (auto m = EnsureMigrated(pool_.url() + "#gig", c.db, &gig::GigBoard::Migrate); !m) {
    return StoreError(m.error(), *log_);
  }
  return std::nullopt;
}

HttpResponse Api::GigMarkets(Call& c) {
  if (auto r = GigNotReady(c)) return *r;
  const Caller who(c.account());
  gig::GigBoard board(*c.db, vault_, clock_);
  auto target = gig::MarketTarget::LoadDefault();
  if (!target) return HttpResponse::Error(503, "unavailable", target.error().message);
  std::string scope = gig_api::ListRegion(who, c.query);
  scope = std::string(Utf8Prefix(scope, 6));
  auto markets = board.Markets(scope.substr(0, std::min<size_t>(scope.size(), 6)));
  if (!markets) return StoreError(markets.error(), *log_);
  auto rows = gig::Coverage(regions_, scope, *markets, *target);
  nlohmann::json counties = nlohmann::json::array();
  int met = 0, late = 0, missing = 0;
  for (const auto& r : rows) {
    met += r.status == "met";
    late += r.status == "late";
    missing += r.status == "missing";
    counties.push_back({{"county_code", r.county_code}, {"county_name", r.county_name},
                        {"prefecture_code", r.prefecture_code}, {"prefecture_name", r.prefecture_name},
                        {"markets", r.markets}, {"online", r.online}, {"offline", r.offline},
                        {"by_deadline", r.by_deadline}, {"status", r.status},
                        {"status_label", r.status_label}});
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& m : *markets) {
    list.push_back({{"site_id", m.site_id}, {"county_code", m.county_code}, {"name", m.name},
                    {"region", m.region}, {"region_name", RegionName(m.region)}, {"tier", m.tier},
                    {"online", m.online},
                    {"opened_on", m.opened_on ? nlohmann::json(m.opened_on->ToString()) : nlohmann::json(nullptr)}});
  }
  return JsonOk({{"region", scope},
                 {"target", {{"document", target->document}, {"clause", target->clause}, {"clause_text", DisplayClause(target->clause)},
                             {"min_per_county", target->min_per_county},
                             {"deadline", target->deadline.ToString()},
                             {"online_counts", target->online_counts}}},
                 {"summary", {{"counties", rows.size()}, {"met", met}, {"late", late}, {"missing", missing}}},
                 {"counties", counties},
                 {"markets", list}});
}

HttpResponse Api::GigPosts(Call& c) {
  if (auto r = GigNotReady(c)) return *r;
  const Caller who(c.account());
  gig::GigBoard board(*c.db, vault_, clock_);
  HttpResponse error;
  auto date = gig_api::DateParam(c.query);
  if (!date) return BadRequest("日期格式应为 YYYY-MM-DD");
  gig::GigFilter f;
  f.region_prefix = gig_api::ListRegion(who, c.query);
  f.date = *date;
  f.open_only = QueryText(c.query, "open") == "1";
  auto limit = QueryInt(c.query, "limit", 200, 1, 200, error);
  if (!limit) return error;
  auto offset = QueryInt(c.query, "offset", 0, 0, 1000000, error);
  if (!offset) return error;
  f.limit = static_cast<int>(*limit);
  f.offset = static_cast<int>(*offset);
  // A seeker's own area first (the county they live in, else their
  // household registration's); anyone may ask with ?near=<county>.
  if (who.seeker) {
    auto me = gig_api::OwnPerson(*c.db, who);
    if (!me) return StoreError(me.error(), *log_);
    if (*me != 0) {
      auto p = store::RegistryStore(*c.db, vault_).GetPerson(*me);
      if (p && *p) {
        const std::string& home = (*p)->residence_region.size() >= 6 ? (*p)->residence_region : (*p)->hukou_region;
        if (home.size() >= 6) f.near_county = home.substr(0, 6);
      }
    }
  }
  if (const std::string near = QueryText(c.query, "near"); !near.empty()) {
    if (near.size() < 6 || !regions_.Find(near.substr(0, 6))) return BadRequest("near：应为县级或更细的区划代码");
    f.near_county = near.substr(0, 6);
  }
  auto posts = board.ListPosts(f);
  if (!posts) return StoreError(posts.error(), *log_);
  auto total = board.CountPosts(f);
  if (!total) return StoreError(total.error(), *log_);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& p : *posts) {
    auto j = gig_api::PostJson(p, RegionName(p.place_region));
    if (!f.near_county.empty()) {
      j["proximity"] = p.county_code == f.near_county                       ? "本县（市、区）"
                       : p.county_code.substr(0, 4) == f.near_county.substr(0, 4) ? "本市（州）"
                                                                                  : "省内其他地区";
    }
    items.push_back(std::move(j));
  }
  nlohmann::json near = nullptr;
  if (!f.near_county.empty()) near = {{"county_code", f.near_county}, {"name", RegionName(f.near_county)}};
  return JsonOk({{"items", items}, {"total", *total}, {"offset", f.offset}, {"limit", f.limit}, {"near", near}});
}

HttpResponse Api::GigAddPost(Call& c) {
  if (auto r = GigNotReady(c)) return *r;
  const Caller who(c.account());
  const auth::Account& a = who.a;
  if (!who.officer && !who.employer) return Forbidden();
  gig::GigBoard board(*c.db, vault_, clock_);
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  gig::GigPost p;
  try {
    p.employer_credit_code = who.employer ? a.credit_code : body->value("employer_credit_code", "");
    p.title = body->value("title", "");
    p.place_region = body->value("place_region", "");
    p.pay_fen = body->value("pay_fen", int64_t{0});
    p.headcount = body->value("headcount", 1);
    p.market_site_id = body->value("market_site_id", int64_t{0});
    auto unit = gig::ParsePayUnit(body->value("pay_unit", "day"));
    if (!unit) return FieldErrorsResponse({{"计酬方式", body->value("pay_unit", ""), "应为 day（按日）或 hour（按小时）"}});
    p.pay_unit = *unit;
    auto d = Date::Parse(body->value("work_date", ""));
    if (!d) return FieldErrorsResponse({{"用工日期", body->value("work_date", ""), "日期格式应为 YYYY-MM-DD"}});
    p.work_date = *d;
  } catch (const nlohmann::json::exception&) {
    return BadRequest("字段类型错误：报酬、人数须为整数，其余为文字");
  }
  auto start = gig_api::Minutes(*body, "start", 8 * 60), end = gig_api::Minutes(*body, "end", 17 * 60);
  if (!start || !end) return FieldErrorsResponse({{"工作时间", "", "时间格式应为 HH:MM，如 08:00"}});
  p.start_min = *start;
  p.end_min = *end;
  registry::FieldErrors errors;
  gig::GigBoard::ValidatePost(p, regions_, clock_.TodayInChina(), errors);
  if (!errors.empty()) return FieldErrorsResponse(errors);
  auto emp = store::RegistryStore(*c.db, vault_).FindEmployer(p.employer_credit_code);
  if (!emp) return StoreError(emp.error(), *log_);
  if (!*emp) return FieldErrorsResponse({{"统一社会信用代码", p.employer_credit_code, "用工单位不在登记库中"}});
  if (who.officer && !RegionCovers(a.region_code, p.place_region)) {
    return HttpResponse::Error(403, "forbidden", "工作地点不在本人管辖区域内");
  }
  auto county = regions_.CountyOf(p.place_region);
  p.county_code = county ? *county : (*emp)->county_code;
  std::string screen_error;
  const ads::Screener* screener = AdsScreener(screen_error);
  if (!screener) return HttpResponse::Error(503, "unavailable", screen_error);
  if (auto findings = screener->ScreenGig(p.title, p.DayPayFen()); !findings.empty()) {
    gig::GigHolds holds(*c.db, board);
    auto held = holds.Hold(p, ads::FindingsToJson(findings).dump(), screener->Warning(findings), a.username,
                           IsoUtc(clock_.Now()));
    if (!held) return ConflictAwareError(held.error(), *log_);
    Audit(c, "gig.post", "gig_hold:" + std::to_string(held->hold_id), "held");
    return JsonOk(gig_api::HoldJson(*held, RegionName(p.place_region)), 202);
  }
  auto stored = board.Post(p, a.username);
  if (!stored) return ConflictAwareError(stored.error(), *log_);
  Audit(c, "gig.post", "gig_post:" + std::to_string(stored->post_id), "ok");
  return JsonOk(gig_api::PostJson(*stored, RegionName(stored->place_region)), 201);
}

}  // namespace qjy::server
