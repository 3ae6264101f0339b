// The gig board's matching routes (api_gig.cc lists them all): the workers
// feasible for a post and booking one; workers' availability and the posts
// feasible for it.
#include "gig/point_match.h"
#include "server/access.h"
#include "server/api_gig_common.h"
#include "server/api_internal.h"
#include "server/api_write.h"
#include "store/registry_store.h"

namespace qjy::server {

using gig_api::Caller;

namespace {

// Whether the caller manages post `p`: an officer of its county or above,
// or its employer.
bool Manages(const Caller& who, const gig::GigPost& p) {
  return (who.officer && RegionCovers(who.a.region_code, p.county_code)) ||
         (who.employer && who.a.credit_code == p.employer_credit_code);
}

}  // namespace

HttpResponse Api::GigPostWorkers(Call& c) {
  if (auto r = GigNotReady(c)) return *r;
  const Caller who(c.account());
  gig::GigBoard board(*c.db, vault_, clock_);
  HttpResponse error;
  auto post = gig_api::PostOfPath(board, c.params.at(0), *log_, error);
  if (!post) return error;
  if (!Manages(who, *post)) return NotFound("没有该零工岗位");
  const gig::GigPost& p = *post;
  auto workers = board.WorkersFor(p.post_id, 50);
  if (!workers) return ConflictAwareError(workers.error(), *log_);
  store::RegistryStore registry(*c.db, vault_);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& w : *workers) {
    auto person = registry.GetPerson(w.availability.person_id);
    std::string name = person && *person ? (*person)->name : std::string();
    if (!who.officer || !(person && *person && MayReadPerson(who.a, **person, vault_))) {
      name = name.empty() ? name : gig_api::MaskName(name);
    }
    auto j = gig_api::AvailJson(w.availability);
    j["name"] = name;
    j["score"] = w.match.score;
    j["reasons"] = w.match.reasons;
    items.push_back(j);
  }
  return JsonOk({{"post", gig_api::PostJson(p, RegionName(p.place_region))}, {"items", items}});
}

HttpResponse Api::GigBook(Call& c) {
  if (auto r = GigNotReady(c)) return *r;
  const Caller who(c.account());
  gig::GigBoard board(*c.db, vault_, clock_);
  HttpResponse error;
  auto post = gig_api::PostOfPath(board, c.params.at(0), *log_, error);
  if (!post) return error;
  const gig::GigPost& p = *post;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  int64_t person_id = 0;
  if (who.seeker) {
    auto me = gig_api::OwnPerson(*c.db, who);
    if (!me) return StoreError(me.error(), *log_);
    person_id = *me;
  } else {
    person_id = body->value("person_id", int64_t{0});
  }
  if (!(who.officer && Manages(who, p)) && !(who.seeker && person_id != 0)) return Forbidden();
  // An officer books only persons of their own region: the booking and
  // the contract it leads to are records of that person.
  if (who.officer) {
    auto mine = gig_api::PersonInScope(*c.db, vault_, who, person_id);
    if (!mine) return StoreError(mine.error(), *log_);
    if (!*mine) {
      Audit(c, "gig.book", "gig_post:" + std::to_string(p.post_id), "denied");
      return NotFound("没有该人员（或不在您的辖区）");
    }
  }
  if (p.work_date < clock_.TodayInChina()) {
    return HttpResponse::Error(409, "conflict", "该零工岗位的用工日期（" + p.work_date.ToString() + "）已过，不能再预约");
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
  auto booking = board.Book(p.post_id, person_id, who.a.username);
  if (!booking) return ConflictAwareError(booking.error(), *log_);
  Audit(c, "gig.book", "gig_post:" + std::to_string(p.post_id), "ok");
  return JsonOk(gig_api::BookingJson(*booking), 201);
}

HttpResponse Api::GigAvailability(Call& c) {
  if (auto r = GigNotReady(c)) return *r;
  const Caller who(c.account());
  gig::GigBoard board(*c.db, vault_, clock_);
  gig::GigFilter f;
  auto date = gig_api::DateParam(c.query);
  if (!date) return BadRequest("日期格式应为 YYYY-MM-DD");
  f.date = *date;
  f.limit = 200;
  if (!who.seeker && !who.officer) return Forbidden();
  auto listable = gig_api::ScopeListFilter(*c.db, who, c.query, f);
  if (!listable) return StoreError(listable.error(), *log_);
  if (!*listable) return JsonOk({{"items", nlohmann::json::array()}});
  auto list = board.ListAvailability(f);
  if (!list) return StoreError(list.error(), *log_);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& av : *list) items.push_back(gig_api::AvailJson(av));
  return JsonOk({{"items", items}});
}

HttpResponse Api::GigAddAvailability(Call& c) {
  if (auto r = GigNotReady(c)) return *r;
  const Caller who(c.account());
  if (!who.seeker && !who.officer) return Forbidden();
  gig::GigBoard board(*c.db, vault_, clock_);
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  gig::Availability av;
  try {
    if (who.seeker) {
      auto me = gig_api::OwnPerson(*c.db, who);
      if (!me) return StoreError(me.error(), *log_);
      av.person_id = *me;
    } else {
      av.person_id = body->value("person_id", int64_t{0});
    }
    av.area_region = body->value("area_region", "");
    av.min_day_pay_fen = body->value("min_day_pay_fen", int64_t{0});
    av.skills = body->value("skills", "");
    auto d = Date::Parse(body->value("work_date", ""));
    if (!d) return FieldErrorsResponse({{"可工作日期", body->value("work_date", ""), "日期格式应为 YYYY-MM-DD"}});
    av.work_date = *d;
  } catch (const nlohmann::json::exception&) {
    return BadRequest("字段类型错误：人员编号、期望日薪须为整数，其余为文字");
  }
  auto start = gig_api::Minutes(*body, "start", 8 * 60), end = gig_api::Minutes(*body, "end", 18 * 60);
  if (!start || !end) return FieldErrorsResponse({{"空闲时间", "", "时间格式应为 HH:MM，如 08:00"}});
  av.start_min = *start;
  av.end_min = *end;
  auto mine = gig_api::PersonInScope(*c.db, vault_, who, av.person_id);
  if (!mine) return StoreError(mine.error(), *log_);
  if (!*mine) return NotFound("没有该人员");
  registry::FieldErrors errors;
  gig::GigBoard::ValidateAvailability(av, regions_, clock_.TodayInChina(), errors);
  if (!errors.empty()) return FieldErrorsResponse(errors);
  auto stored = board.AddAvailability(av);
  if (!stored) return ConflictAwareError(stored.error(), *log_);
  Audit(c, "gig.availability", "person:" + std::to_string(av.person_id), "ok");
  return JsonOk(gig_api::AvailJson(*stored), 201);
}

HttpResponse Api::GigAvailabilityPosts(Call& c) {
  if (auto r = GigNotReady(c)) return *r;
  const Caller who(c.account());
  gig::GigBoard board(*c.db, vault_, clock_);
  HttpResponse error;
  auto av = PathRecord<gig::Availability>(
      c.params.at(0), "没有该空闲时间登记", [&](int64_t id) { return board.GetAvailability(id); }, *log_, error);
  if (!av) return error;
  auto mine = gig_api::PersonInScope(*c.db, vault_, who, av->person_id);
  if (!mine) return StoreError(mine.error(), *log_);
  if (!*mine) return NotFound("没有该空闲时间登记");
  auto posts = board.PostsFor(av->availability_id, 50);
  if (!posts) return ConflictAwareError(posts.error(), *log_);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& pm : *posts) {
    auto j = gig_api::PostJson(pm.post, RegionName(pm.post.place_region));
    j["score"] = pm.match.score;
    j["reasons"] = pm.match.reasons;
    items.push_back(j);
  }
  return JsonOk({{"availability", gig_api::AvailJson(*av)}, {"items", items}});
}

}  // namespace qjy::server
