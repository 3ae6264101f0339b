// /api/calendar: the working-day calendar as the services see it.
//   GET  /api/calendar          covered years (shipped and loaded), loaded
//                               notices, the provisional note for years not
//                               yet covered, deadlines moved by loads (in
//                               the caller's region)
//   POST /api/calendar/notices  {"text": "<notice YAML>", "file_name": "…",
//                               "as_of": "YYYY-MM-DD"?}: loads a year's
//                               State Council notice (calendar_notice.h);
//                               province-level officers only; audited
#include "core/calendar.h"
#include "core/refdata.h"
#include "server/access.h"
#include "server/api_context.h"
#include "server/api_internal.h"
#include "server/services_contexts.h"
#include "services/calendar_update.h"
#include "services/package.h"

namespace qjy::server {

std::shared_ptr<ServicesContexts> NewServicesContexts(const services::ServicesContext& shipped) {
  return std::make_shared<ServicesContexts>(shipped);
}

namespace {

using nlohmann::json;

json NoticeJson(const services::StoredNotice& n) {
  json holidays = json::array();
  for (const auto& h : n.notice.holidays) {
    json work = json::array();
    for (Date d : h.workdays) work.push_back(d.ToString());
    holidays.push_back({{"name", h.name}, {"off_from", h.off_from.ToString()},
                        {"off_to", h.off_to.ToString()}, {"work", work}});
  }
  return {{"year", n.notice.year}, {"title", n.notice.title}, {"document", n.notice.document},
          {"published_on", n.notice.published_on.ToString()}, {"loaded_at", n.loaded_at},
          {"loaded_by", n.loaded_by}, {"holidays", holidays}};
}

}  // namespace

HttpResponse Api::Calendar(Call& c) {
  const auth::Account& a = c.account();
  const bool is_write = c.req.method == "POST";
  if (is_write ? a.role != auth::Role::kOfficer : !auth::RoleMay(a.role, auth::Permission::kReadPersons)) {
    Audit(c, is_write ? "calendar.load" : "calendar.read", "calendar", "denied");
    return Forbidden();
  }
  const WorkCalendar* shipped = &context_->services->calendar();  // loaded at start
  const Date today = Date::InChina(clock_.Now());
  const std::string scope = a.role == auth::Role::kOfficer ? a.region_code : std::string();

  if (!is_write) {
    auto loaded = services_contexts_->Get(*c.db, pool_.url());
    if (!loaded) return StoreError(loaded.error(), *log_);
    const WorkCalendar& cal = (*loaded)->calendar();
    auto notices = services::CalendarStore(*c.db).Notices();
    if (!notices) return StoreError(notices.error(), *log_);
    json nl = json::array();
    for (const auto& n : *notices) nl.push_back(NoticeJson(n));
    json shipped_years = json::array();
    for (int y : shipped->years()) shipped_years.push_back(y);
    // This year and the next two: the ones deadlines run into.
    json provisional = json::array();
    std::vector<int> uncovered;
    for (int y = today.year(); y <= today.year() + 2; ++y) {
      if (!cal.Covers(y)) {
        provisional.push_back(y);
        uncovered.push_back(y);
      }
    }
    auto moved = services::CalendarStore(*c.db).Changes(scope.empty() ? "" : scope, 500);
    if (!moved) return StoreError(moved.error(), *log_);
    json changes = json::array();
    for (const auto& m : *moved) changes.push_back(DeadlineChangeJson(m));
    return JsonOk({{"today", today.ToString()},
                   {"shipped_years", shipped_years},
                   {"shipped_source", "系统内置的国务院办公厅历年部分节假日安排通知"},
                   {"notices", nl},
                   {"provisional_years", provisional},
                   {"provisional_note", WorkCalendar::ProvisionalNote(uncovered)},
                   {"may_load", a.role == auth::Role::kOfficer && auth::RegionLevel(a.region_code) == 1},
                   {"deadline_changes", changes}});
  }

  if (auth::RegionLevel(a.region_code) != 1) {
    Audit(c, "calendar.load", "calendar", "denied");
    return HttpResponse::Error(403, "forbidden", "节假日安排由省级经办人员载入");
  }
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  auto text = body->find("text");
  if (text == body->end() || !text->is_string() || text->get<std::string>().empty()) {
    return BadRequest("请上传节假日通知文件（text 字段）");
  }
  std::string file_name = "上传的通知";
  if (auto f = body->find("file_name"); f != body->end() && f->is_string() && !f->get<std::string>().empty()) {
    file_name = f->get<std::string>();
  }
  Date as_of = today;
  if (auto f = body->find("as_of"); f != body->end()) {
    if (!f->is_string()) return BadRequest("as_of 应为日期文本 YYYY-MM-DD");
    auto d = Date::Parse(f->get<std::string>());
    if (!d) return BadRequest("as_of 日期无效");
    as_of = *d;
  }
  auto notice = services::ParseCalendarNotice(text->get<std::string>(), file_name);
  if (!notice) {
    Audit(c, "calendar.load", "calendar", "rejected", notice.error().message);
    return BadRequest(notice.error().message);
  }
  const std::string target = "calendar:" + std::to_string(notice->year);
  auto r = services::LoadCalendarNotice(*c.db, *shipped, services::ServicesDataDir(), *notice,
                                        a.username, as_of, auth::IsoUtc(clock_.Now()));
  if (!r) {
    Audit(c, "calendar.load", target, "rejected", r.error().message);
    if (r.error().code == ErrorCode::kInvalidArgument) return BadRequest(r.error().message);
    return StoreError(r.error(), *log_);
  }
  services_contexts_->Put(*c.db, pool_.url(), std::move(r->context));
  Audit(c, "calendar.load", target, "ok",
        notice->document + "；" + std::to_string(r->moved.size()) + " 项待办期限变化");
  json changes = json::array();
  for (const auto& m : r->moved) changes.push_back(DeadlineChangeJson(m));
  return JsonOk({{"year", notice->year}, {"title", notice->title}, {"document", notice->document},
                 {"replaced", r->replaced}, {"moved", changes.size()}, {"deadline_changes", changes}},
                201);
}

}  // namespace qjy::server
