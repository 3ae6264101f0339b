// The gig-market board (issue #6 point 5):
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
#include <ctime>
#include <mutex>
#include <set>

#include "core/clock.h"
#include "core/utf8.h"
#include "core/clause_display.h"
#include "gig/coverage.h"
#include "ads/ad_json.h"
#include "gig/gig_board.h"
#include "gig/gig_holds.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "store/registry_store.h"

namespace qjy::server {
namespace {

nlohmann::json PostJson(const gig::GigPost& p, const std::string& place_name) {
  return {{"post_id", p.post_id},
          {"county_code", p.county_code},
          {"market_site_id", p.market_site_id ? nlohmann::json(p.market_site_id) : nlohmann::json(nullptr)},
          {"employer_credit_code", p.employer_credit_code},
          {"title", p.title},
          {"work_date", p.work_date.ToString()},
          {"start", gig::FormatMinutes(p.start_min)},
          {"end", gig::FormatMinutes(p.end_min)},
          {"place_region", p.place_region},
          {"place_name", place_name},
          {"pay_unit", std::string(gig::PayUnitCode(p.pay_unit))},
          {"pay_fen", p.pay_fen},
          {"day_pay_fen", p.DayPayFen()},
          {"headcount", p.headcount},
          {"booked", p.booked},
          {"status", p.status}};
}

nlohmann::json AvailJson(const gig::Availability& a) {
  return {{"availability_id", a.availability_id},
          {"county_code", a.county_code},
          {"person_id", a.person_id},
          {"work_date", a.work_date.ToString()},
          {"start", gig::FormatMinutes(a.start_min)},
          {"end", gig::FormatMinutes(a.end_min)},
          {"area_region", a.area_region},
          {"min_day_pay_fen", a.min_day_pay_fen},
          {"skills", a.skills}};
}

nlohmann::json BookingJson(const gig::Booking& b) {
  return {{"booking_id", b.booking_id},
          {"county_code", b.county_code},
          {"post_id", b.post_id},
          {"person_id", b.person_id},
          {"work_date", b.work_date.ToString()},
          {"start", gig::FormatMinutes(b.start_min)},
          {"end", gig::FormatMinutes(b.end_min)},
          {"status", b.status},
          {"contract_id", b.contract_id ? nlohmann::json(b.contract_id) : nlohmann::json(nullptr)}};
}

// "王小明" -> "王**": the first character of a name, for employers.
std::string MaskName(const std::string& name) {
  size_t n = 1;
  const auto lead = static_cast<unsigned char>(name[0]);
  if (lead >= 0xF0) n = 4;
  else if (lead >= 0xE0) n = 3;
  else if (lead >= 0xC0) n = 2;
  return name.substr(0, n) + "**";
}

std::optional<int> Minutes(const nlohmann::json& j, const char* key, int fallback) {
  if (!j.contains(key)) return fallback;
  if (!j[key].is_string()) return std::nullopt;
  return gig::ParseMinutes(j[key].get<std::string>());
}

nlohmann::json HoldJson(const gig::GigHold& h, const std::string& place_name) {
  nlohmann::json findings = nlohmann::json::array();
  try {
    findings = nlohmann::json::parse(h.findings_json);
  } catch (const nlohmann::json::exception&) {
  }
  return {{"hold_id", h.hold_id},
          {"status", h.status},
          {"post", PostJson(h.post, place_name)},
          {"findings", findings},
          {"warning", h.warning},
          {"posted_by", h.posted_by},
          {"posted_at", h.posted_at},
          {"reviewed_by", h.reviewed_by},
          {"reviewed_at", h.reviewed_at},
          {"review_note", h.review_note}};
}

}  // namespace

HttpResponse Api::Gig(Call& c) {
  if (auto m = EnsureMigrated(pool_.url() + "#gig", c.db, &gig::GigBoard::Migrate); !m) {
    return StoreError(m.error(), *log_);
  }
  const auth::Account& a = c.account();
  const bool officer = a.role == auth::Role::kOfficer;
  const bool employer = a.role == auth::Role::kEmployer;
  const bool seeker = a.role == auth::Role::kSeeker;
  gig::GigBoard board(*c.db, vault_, clock_);
  store::RegistryStore registry(*c.db, vault_);
  const std::string path = c.req.Path();
  const std::string& method = c.req.method;
  const Date today = clock_.TodayInChina();
  HttpResponse error;

  // The seeker's own person id (0 when none).
  auto own_person = [&]() -> int64_t {
    if (!seeker || a.id_hash.empty()) return 0;
    const store::Value params[] = {a.id_hash};
    auto rows = c.db->Query("SELECT person_id FROM persons WHERE id_hash = ?", params);
    return rows && !rows->empty() ? rows->front().Int(0) : 0;
  };
  auto person_in_scope = [&](int64_t person_id) -> bool {
    if (seeker) return person_id != 0 && person_id == own_person();
    if (!officer) return false;
    auto p = registry.GetPerson(person_id);
    return p && *p && MayReadPerson(a, **p, vault_);
  };
  auto date_param = [&]() -> std::optional<std::optional<Date>> {
    std::string d = QueryText(c.query, "date");
    if (d.empty()) return std::optional<Date>();
    auto parsed = Date::Parse(d);
    if (!parsed) return std::nullopt;
    return std::optional<Date>(*parsed);
  };
  auto id_param = [&]() -> int64_t {
    try {
      return std::stoll(c.params.at(0));
    } catch (const std::exception&) {
      return 0;
    }
  };
  // Region of lists: the officer's; others the province unless ?region.
  auto list_region = [&]() -> std::string {
    std::string r = QueryText(c.query, "region");
    if (officer) return r.empty() || !RegionCovers(a.region_code, r) ? a.region_code : r;
    return r.empty() ? "52" : r;
  };

  if (path == "/api/gig/markets") {
    auto target = gig::MarketTarget::LoadDefault();
    if (!target) return HttpResponse::Error(503, "unavailable", target.error().message);
    std::string scope = list_region();
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

  if (path == "/api/gig/posts" && method == "GET") {
    auto date = date_param();
    if (!date) return BadRequest("日期格式应为 YYYY-MM-DD");
    gig::GigFilter f;
    f.region_prefix = list_region();
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
    if (seeker) {
      if (int64_t me = own_person(); me != 0) {
        auto p = registry.GetPerson(me);
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
      auto j = PostJson(p, RegionName(p.place_region));
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

  if (path == "/api/gig/posts") {  // POST
    if (!officer && !employer) return Forbidden();
    auto body = ParseJsonObject(c.req, error);
    if (!body) return error;
    gig::GigPost p;
    try {
      p.employer_credit_code = employer ? a.credit_code : body->value("employer_credit_code", "");
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
    auto start = Minutes(*body, "start", 8 * 60), end = Minutes(*body, "end", 17 * 60);
    if (!start || !end) return FieldErrorsResponse({{"工作时间", "", "时间格式应为 HH:MM，如 08:00"}});
    p.start_min = *start;
    p.end_min = *end;
    registry::FieldErrors errors;
    gig::GigBoard::ValidatePost(p, regions_, today, errors);
    if (!errors.empty()) return FieldErrorsResponse(errors);
    auto emp = registry.FindEmployer(p.employer_credit_code);
    if (!emp) return StoreError(emp.error(), *log_);
    if (!*emp) return FieldErrorsResponse({{"统一社会信用代码", p.employer_credit_code, "用工单位不在登记库中"}});
    if (officer && !RegionCovers(a.region_code, p.place_region)) {
      return HttpResponse::Error(403, "forbidden", "工作地点不在本人管辖区域内");
    }
    auto county = regions_.CountyOf(p.place_region);
    p.county_code = county ? *county : (*emp)->county_code;
    std::string screen_error;
    const ads::Screener* screener = AdsScreener(screen_error);
    if (!screener) return HttpResponse::Error(503, "unavailable", screen_error);
    if (auto findings = screener->ScreenGig(p.title, p.DayPayFen()); !findings.empty()) {
      gig::GigHolds holds(*c.db, board);
      auto held = holds.Hold(p, ads::FindingsToJson(findings).dump(), screener->Warning(findings),
                             a.username, IsoUtc(clock_.Now()));
      if (!held) return ConflictAwareError(held.error(), *log_);
      Audit(c, "gig.post", "gig_hold:" + std::to_string(held->hold_id), "held");
      return JsonOk(HoldJson(*held, RegionName(p.place_region)), 202);
    }
    auto stored = board.Post(p, a.username);
    if (!stored) return ConflictAwareError(stored.error(), *log_);
    Audit(c, "gig.post", "gig_post:" + std::to_string(stored->post_id), "ok");
    return JsonOk(PostJson(*stored, RegionName(stored->place_region)), 201);
  }

  if (path == "/api/gig/holds") {  // GET: held posts (issue #17 §3)
    if (!officer && !employer) return Forbidden();
    gig::GigHoldFilter f;
    auto after = QueryInt(c.query, "after", 0, 0, INT64_MAX, error);
    if (!after) return error;
    f.after_hold_id = *after;
    f.status = QueryText(c.query, "status");
    static const std::set<std::string> kStatuses = {"", "all", "pending", "approved", "rejected"};
    if (!kStatuses.contains(f.status)) return BadRequest("状态须为 pending/approved/rejected/all");
    if (officer) {
      if (a.region_code.empty()) return Forbidden();
      f.region_prefix = a.region_code;
      if (f.status.empty()) f.status = "pending";
    } else {
      f.employer = a.credit_code;
    }
    if (f.status == "all") f.status.clear();
    gig::GigHolds holds(*c.db, board);
    auto list = holds.List(f);
    if (!list) return StoreError(list.error(), *log_);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& h : *list) items.push_back(HoldJson(h, RegionName(h.post.place_region)));
    return JsonOk({{"items", items}});
  }

  if (path.starts_with("/api/gig/holds/")) {  // {id}/approve, {id}/reject
    if (!officer) return Forbidden();
    gig::GigHolds holds(*c.db, board);
    const int64_t id = id_param();
    auto h = holds.Get(id);
    if (!h) return StoreError(h.error(), *log_);
    if (!*h || !RegionCovers(a.region_code, (*h)->post.county_code)) return NotFound("没有该待审核零工岗位");
    auto body = ParseJsonObject(c.req, error);
    if (!body) return error;
    const bool approve = path.ends_with("/approve");
    std::string note = body->value("note", "");
    if (note.size() > 1000) return BadRequest("审核意见过长（上限 1000 字节）");
    if (!approve && note.empty()) return BadRequest("驳回时须填写理由");
    auto done = holds.Review(id, approve, a.username, ScrubIdentity(note), IsoUtc(clock_.Now()));
    if (!done) return ConflictAwareError(done.error(), *log_);
    Audit(c, approve ? "gig_hold.approve" : "gig_hold.reject", "gig_hold:" + std::to_string(id), "ok");
    return JsonOk(HoldJson(*done, RegionName(done->post.place_region)));
  }

  if (path.starts_with("/api/gig/posts/")) {  // {id}/workers, {id}/book
    const int64_t id = id_param();
    auto post = board.GetPost(id);
    if (!post) return StoreError(post.error(), *log_);
    if (!*post) return NotFound("没有该零工岗位");
    const gig::GigPost& p = **post;
    const bool manages = (officer && RegionCovers(a.region_code, p.county_code)) ||
                         (employer && a.credit_code == p.employer_credit_code);
    if (path.ends_with("/workers")) {
      if (!manages) return NotFound("没有该零工岗位");
      auto workers = board.WorkersFor(id, 50);
      if (!workers) return ConflictAwareError(workers.error(), *log_);
      nlohmann::json items = nlohmann::json::array();
      for (const auto& w : *workers) {
        auto person = registry.GetPerson(w.availability.person_id);
        std::string name = person && *person ? (*person)->name : std::string();
        if (!officer || !(person && *person && MayReadPerson(a, **person, vault_))) {
          name = name.empty() ? name : MaskName(name);
        }
        auto j = AvailJson(w.availability);
        j["name"] = name;
        j["score"] = w.match.score;
        j["reasons"] = w.match.reasons;
        items.push_back(j);
      }
      return JsonOk({{"post", PostJson(p, RegionName(p.place_region))}, {"items", items}});
    }
    // book
    auto body = ParseJsonObject(c.req, error);
    if (!body) return error;
    int64_t person_id = seeker ? own_person() : body->value("person_id", int64_t{0});
    if (!(officer && manages) && !(seeker && person_id != 0)) return Forbidden();
    // An officer books only persons of their own region: the booking and
    // the contract it leads to are records of that person.
    if (officer && !person_in_scope(person_id)) {
      Audit(c, "gig.book", "gig_post:" + std::to_string(id), "denied");
      return NotFound("没有该人员（或不在您的辖区）");
    }
    if (p.work_date < today) {
      return HttpResponse::Error(409, "conflict",
                                 "该零工岗位的用工日期（" + p.work_date.ToString() + "）已过，不能再预约");
    }
    // The worker must have said they are free then (point to point).
    gig::GigFilter f;
    f.person_id = person_id;
    f.date = p.work_date;
    auto avail = board.ListAvailability(f);
    if (!avail) return StoreError(avail.error(), *log_);
    bool fits = false;
    std::string why = "该人员未登记当天的空闲时间";
    for (const auto& av : *avail) {
      auto m = gig::MatchPoint(p, av);
      if (m.feasible) fits = true;
      else why = "与该人员登记的空闲条件不符：" + m.why_not;
    }
    if (!fits) return HttpResponse::Error(409, "conflict", why);
    auto booking = board.Book(id, person_id, a.username);
    if (!booking) return ConflictAwareError(booking.error(), *log_);
    Audit(c, "gig.book", "gig_post:" + std::to_string(id), "ok");
    return JsonOk(BookingJson(*booking), 201);
  }

  if (path == "/api/gig/availability" && method == "GET") {
    gig::GigFilter f;
    auto date = date_param();
    if (!date) return BadRequest("日期格式应为 YYYY-MM-DD");
    f.date = *date;
    f.limit = 200;
    if (seeker) {
      f.person_id = own_person();
      if (f.person_id == 0) return JsonOk({{"items", nlohmann::json::array()}});
    } else if (officer) {
      f.region_prefix = list_region();
    } else {
      return Forbidden();
    }
    auto list = board.ListAvailability(f);
    if (!list) return StoreError(list.error(), *log_);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& av : *list) items.push_back(AvailJson(av));
    return JsonOk({{"items", items}});
  }

  if (path == "/api/gig/availability") {  // POST
    if (!seeker && !officer) return Forbidden();
    auto body = ParseJsonObject(c.req, error);
    if (!body) return error;
    gig::Availability av;
    try {
      av.person_id = seeker ? own_person() : body->value("person_id", int64_t{0});
      av.area_region = body->value("area_region", "");
      av.min_day_pay_fen = body->value("min_day_pay_fen", int64_t{0});
      av.skills = body->value("skills", "");
      auto d = Date::Parse(body->value("work_date", ""));
      if (!d) return FieldErrorsResponse({{"可工作日期", body->value("work_date", ""), "日期格式应为 YYYY-MM-DD"}});
      av.work_date = *d;
    } catch (const nlohmann::json::exception&) {
      return BadRequest("字段类型错误：人员编号、期望日薪须为整数，其余为文字");
    }
    auto start = Minutes(*body, "start", 8 * 60), end = Minutes(*body, "end", 18 * 60);
    if (!start || !end) return FieldErrorsResponse({{"空闲时间", "", "时间格式应为 HH:MM，如 08:00"}});
    av.start_min = *start;
    av.end_min = *end;
    if (!person_in_scope(av.person_id)) return NotFound("没有该人员");
    registry::FieldErrors errors;
    gig::GigBoard::ValidateAvailability(av, regions_, today, errors);
    if (!errors.empty()) return FieldErrorsResponse(errors);
    auto stored = board.AddAvailability(av);
    if (!stored) return ConflictAwareError(stored.error(), *log_);
    Audit(c, "gig.availability", "person:" + std::to_string(av.person_id), "ok");
    return JsonOk(AvailJson(*stored), 201);
  }

  if (path.starts_with("/api/gig/availability/")) {  // {id}/posts
    auto av = board.GetAvailability(id_param());
    if (!av) return StoreError(av.error(), *log_);
    if (!*av || !person_in_scope((*av)->person_id)) return NotFound("没有该空闲时间登记");
    auto posts = board.PostsFor((*av)->availability_id, 50);
    if (!posts) return ConflictAwareError(posts.error(), *log_);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& pm : *posts) {
      auto j = PostJson(pm.post, RegionName(pm.post.place_region));
      j["score"] = pm.match.score;
      j["reasons"] = pm.match.reasons;
      items.push_back(j);
    }
    return JsonOk({{"availability", AvailJson(**av)}, {"items", items}});
  }

  if (path == "/api/gig/bookings") {
    gig::GigFilter f;
    f.limit = 200;
    std::string post = QueryText(c.query, "post_id");
    if (!post.empty()) {
      try {
        f.post_id = std::stoll(post);
      } catch (const std::exception&) {
        return BadRequest("零工岗位编号无效");
      }
    }
    if (seeker) {
      f.person_id = own_person();
      if (f.person_id == 0) return JsonOk({{"items", nlohmann::json::array()}});
    } else if (officer) {
      f.region_prefix = list_region();
    } else if (!employer) {
      return Forbidden();
    }
    auto list = board.ListBookings(f);
    if (!list) return StoreError(list.error(), *log_);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& b : *list) {
      if (employer) {
        auto p = board.GetPost(b.post_id);
        if (!p || !*p || (*p)->employer_credit_code != a.credit_code) continue;
      }
      items.push_back(BookingJson(b));
    }
    return JsonOk({{"items", items}});
  }

  // /api/gig/bookings/{id}/complete | /cancel
  const bool cancel = path.ends_with("/cancel");
  const int64_t id = id_param();
  gig::GigFilter f;
  f.limit = 1;
  const store::Value key[] = {id};
  auto rows = c.db->Query("SELECT post_id, county_code, person_id FROM gig_bookings WHERE booking_id = ?", key);
  if (!rows) return StoreError(rows.error(), *log_);
  if (rows->empty()) return NotFound("没有该预约");
  auto post = board.GetPost(rows->front().Int(0));
  if (!post) return StoreError(post.error(), *log_);
  const bool manages = *post && ((officer && RegionCovers(a.region_code, (*post)->county_code)) ||
                                 (employer && a.credit_code == (*post)->employer_credit_code));
  if (cancel) {  // the managers, or the worker themselves
    const bool worker = seeker && rows->front().Int(2) == own_person();
    if (!manages && !worker) return NotFound("没有该预约");
    auto done = board.Cancel(id, a.username);
    if (!done) return ConflictAwareError(done.error(), *log_);
    Audit(c, "gig.cancel", "gig_booking:" + std::to_string(id), "ok");
    return JsonOk(BookingJson(*done));
  }
  if (!manages) return NotFound("没有该预约");
  // Completion writes a labour contract for the worker: an officer must
  // have the worker in scope too, and the work must have been due.
  if (officer && !person_in_scope(rows->front().Int(2))) {
    Audit(c, "gig.complete", "gig_booking:" + std::to_string(id), "denied");
    return NotFound("没有该预约");
  }
  if (today < (*post)->work_date) {
    return HttpResponse::Error(409, "conflict",
                               "用工日期（" + (*post)->work_date.ToString() + "）之前不能确认完工");
  }
  auto done = board.Complete(id, a.username);
  if (!done) return ConflictAwareError(done.error(), *log_);
  Audit(c, "gig.complete", "gig_booking:" + std::to_string(id), "ok");
  return JsonOk(BookingJson(*done));
}

}  // namespace qjy::server
