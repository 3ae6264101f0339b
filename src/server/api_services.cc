// /api/services/...: unemployment registration and tiered services
// (src/services) for the officer workbench and the county dashboard.
//   GET  /api/services/{view}            view = queue | compliance | classify
//   GET  /api/services/persons/{person_id}  a person's registrations, level,
//                                        category, obligations and service timeline
//   POST /api/services/{action}          action = registrations | records |
//                                        assessments | deregistrations
// Officers act within their region scope; auditors may read. Every write
// and every person timeline read is audited. The services data files are
// loaded once (first use) and shared read-only.
#include <algorithm>
#include <charconv>
#include <mutex>
#include <set>

#include "core/clause_display.h"
#include "core/mask.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "server/api_registration_queue.h"
#include "server/officer_names.h"
#include "server/services_contexts.h"
#include "linkage/followup.h"
#include "linkage/link_store.h"
#include "services/calendar_store.h"
#include "services/caseload.h"
#include "services/context.h"
#include "services/employment_facts.h"
#include "services/monitoring.h"
#include "services/services_store.h"
#include "services/worklist.h"
#include "store/registry_store.h"

namespace qjy::server {
namespace {

using namespace qjy::services;
using nlohmann::json;

std::optional<int64_t> ParsePositive(const std::string& s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

std::string Str(const json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int64_t Int(const json& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end()) return 0;
  if (it->is_number_integer()) return it->get<int64_t>();
  if (it->is_string()) return ParsePositive(it->get<std::string>()).value_or(0);
  return 0;
}

HttpResponse ErrorResponse(const Error& e, spdlog::logger& log) {
  switch (e.code) {
    case ErrorCode::kInvalidArgument: return HttpResponse::Error(400, "invalid_argument", e.message);
    case ErrorCode::kAlreadyExists: return HttpResponse::Error(409, "already_exists", e.message);
    case ErrorCode::kConflict: return HttpResponse::Error(409, "conflict", e.message);
    case ErrorCode::kNotFound: return HttpResponse::Error(404, "not_found", e.message);
    case ErrorCode::kOutOfRange: return HttpResponse::Error(400, "out_of_range", e.message);
    default: return StoreError(e, log);
  }
}

json WorkItemJson(const WorkItem& w) {
  return {{"source", TaskSourceCode(w.source)}, {"bucket", BucketCode(w.bucket)},
          {"bucket_label", BucketLabel(w.bucket)}, {"title", w.title},
          {"clause", w.clause}, {"clause_text", DisplayClause(w.clause)}, {"detail", w.detail},
          {"start", w.start.ToString()}, {"deadline", w.deadline.ToString()},
          {"deadline_provisional", !w.provisional_note.empty()}, {"deadline_note", w.provisional_note},
          {"registration_id", w.registration_id}, {"person_id", w.person_id},
          {"officer", w.officer}, {"region_code", w.region_code}, {"package_id", w.package_id}};
}

}  // namespace

// linkage/followup.h: open return follow-ups under `region` as queue items.
Result<std::vector<WorkItem>> Api::LinkageQueue(store::Db& db, const std::string& region, Date as_of,
                                                const WorkdayIndex& workdays) {
  linkage::LinkStore links(db, vault_);
  if (auto m = links.Migrate(); !m) return std::unexpected(m.error());
  auto policy = linkage::LoadFollowupPolicy(linkage::DefaultFollowupPolicyFile());
  if (!policy) return std::unexpected(policy.error());
  return linkage::FollowupStore(db, vault_).Queue(region, *policy, workdays, as_of);
}

Result<nlohmann::json> Api::LinkageFollowupsOf(store::Db& db, int64_t person_id, Date as_of,
                                               const WorkdayIndex& workdays) {
  linkage::LinkStore links(db, vault_);
  if (auto m = links.Migrate(); !m) return std::unexpected(m.error());
  auto policy = linkage::LoadFollowupPolicy(linkage::DefaultFollowupPolicyFile());
  if (!policy) return std::unexpected(policy.error());
  linkage::FollowupStore store(db, vault_);
  auto list = store.OfPerson(person_id);
  if (!list) return std::unexpected(list.error());
  json out = json::array();
  for (const auto& f : *list) {
    auto served = store.Served(f, as_of);
    if (!served) return std::unexpected(served.error());
    auto deadline = workdays.AddWorkingDays(f.start, policy->working_days);
    if (!deadline) return std::unexpected(deadline.error());
    out.push_back({{"followup_id", f.followup_id}, {"title", policy->title}, {"clause", policy->clause},
                   {"clause_text", DisplayClause(policy->clause)}, {"partner", f.partner},
                   {"partner_status", f.status}, {"recommendation", policy->recommendation},
                   {"start", f.start.ToString()}, {"deadline", deadline->ToString()},
                   {"status", *served ? "served" : "open"}, {"status_label", *served ? "已服务" : "待服务"}});
    if (!f.outcome.empty() && f.closed_on && *f.closed_on <= as_of && !*served) {
      out.back()["status"] = "closed";
      out.back()["status_label"] = "已办结：" + policy->OutcomeLabel(f.outcome);
    }
    if (!f.outcome.empty()) {
      out.back()["outcome"] = f.outcome;
      out.back()["outcome_label"] = policy->OutcomeLabel(f.outcome);
      out.back()["outcome_note"] = ScrubIdentity(f.outcome_note);
      out.back()["closed_by"] = f.closed_by;
      out.back()["closed_on"] = f.closed_on ? f.closed_on->ToString() : "";
    }
    if (out.back()["status"] == "open") {
      json outcomes = json::array();
      for (const auto& o : policy->outcomes) outcomes.push_back({{"code", o.code}, {"label", o.label}});
      out.back()["outcomes"] = outcomes;  // how the officer may close it after contact
    }
  }
  return out;
}

nlohmann::json DeadlineChangeJson(const services::DeadlineChange& m) {
  return {{"year", m.year}, {"registration_id", m.registration_id}, {"person_id", m.person_id},
          {"region_code", m.region_code}, {"package_id", m.package_id}, {"title", m.title},
          {"old_deadline", m.old_deadline.ToString()}, {"new_deadline", m.new_deadline.ToString()},
          {"changed_at", m.changed_at}};
}

namespace {

json RegistrationJson(const Registration& r) {
  json flags = json::array();
  for (Flag f : kAllFlags) {
    if (Has(r.flags, f)) flags.push_back({{"code", FlagCode(f)}, {"label", FlagLabel(f)}});
  }
  return {{"registration_id", r.registration_id}, {"person_id", r.person_id},
          {"registered_on", r.registered_on.ToString()}, {"found_on", r.found_on.ToString()},
          {"place", PlaceKindCode(r.place)}, {"place_label", PlaceKindLabel(r.place)},
          {"region_code", r.region_code}, {"channel", r.channel},
          {"channel_label", r.channel == "online" ? "线上" : r.channel == "outreach" ? "上门服务"
                            : r.channel == "app" ? "手机客户端" : "窗口"},
          {"kind", RegistrationKindCode(r.kind)}, {"kind_label", RegistrationKindLabel(r.kind)},
          {"served_as", ServedAsCode(r.served_as)}, {"served_as_label", ServedAsLabel(r.served_as)},
          {"flags", flags}, {"officer", r.officer},
          {"status", r.closed_on ? "closed" : "open"},
          {"closed_on", r.closed_on ? json(r.closed_on->ToString()) : json(nullptr)},
          {"close_reason", r.close_reason ? json(CloseReasonLabel(*r.close_reason)) : json(nullptr)}};
}

}  // namespace

// A person's case as officers and the person see it: registrations, service
// records (jobs named with their employer), partner follow-ups and the
// current registration's level, category and obligations with deadlines.
std::optional<nlohmann::json> Api::PersonCase(Call& c, const ServicesContext& ctx, const registry::Person& person,
                                              Date as_of, HttpResponse& error) {
  ServicesStore store(*c.db);
  store::RegistryStore registry(*c.db, vault_);
  auto regs = store.RegistrationsOfPerson(person.person_id);
  if (!regs) {
    error = StoreError(regs.error(), *log_);
    return std::nullopt;
  }
  auto recs = store.RecordsOfPerson(person.person_id);
  if (!recs) {
    error = StoreError(recs.error(), *log_);
    return std::nullopt;
  }
  json out = {{"person", {{"person_id", person.person_id}, {"name", person.name},
                          {"id_masked", MaskIdNumber(person.id_number)}}},
              {"as_of", as_of.ToString()}};
  OfficerNames officers(*c.db, regions_);
  json rl = json::array();
  for (const auto& r : *regs) {
    rl.push_back(RegistrationJson(r));
    rl.back()["region_name"] = RegionName(r.region_code);
    rl.back()["officer_name"] = officers.Of(r.officer);
  }
  out["registrations"] = rl;
  json records = json::array();
  for (const auto& r : *recs) {
    records.push_back({{"record_id", r.record_id}, {"registration_id", r.registration_id},
                       {"kind", ServiceKindCode(r.kind)}, {"kind_label", ServiceKindLabel(r.kind)},
                       {"delivered_on", r.delivered_on.ToString()}, {"officer", r.officer},
                       {"officer_name", officers.Of(r.officer)},
                       {"outcome", r.outcome}, {"job_id", r.job_id ? json(r.job_id) : json(nullptr)},
                       {"hired_on", r.hired_on ? json(r.hired_on->ToString()) : json(nullptr)}});
    // A recommendation names its job and employer, not a number.
    if (r.job_id > 0) {
      auto job = registry.GetJob(r.job_id);
      if (!job) {
        error = StoreError(job.error(), *log_);
        return std::nullopt;
      }
      if (*job) {
        records.back()["job_title"] = (*job)->title;
        records.back()["job_place"] = RegionName((*job)->place_region);
        auto employer = registry.FindEmployer((*job)->employer_credit_code);
        if (!employer) {
          error = StoreError(employer.error(), *log_);
          return std::nullopt;
        }
        records.back()["employer_name"] = *employer ? (*employer)->name : std::string();
      }
    }
  }
  out["records"] = records;
  // Follow-ups a partner comparison created for the person (#18).
  auto linked = LinkageFollowupsOf(*c.db, person.person_id, as_of, ctx.workdays());
  if (!linked) {
    error = ErrorResponse(linked.error(), *log_);
    return std::nullopt;
  }
  // Only an officer of a county or above may close a follow-up (linkage/followup.h):
  // others are not offered the ways to close it.
  if (const auth::Account& who = c.account(); who.role != auth::Role::kOfficer || who.region_code.size() > 6) {
    for (auto& f : *linked) f.erase("outcomes");
  }
  out["linkage_followups"] = *linked;
  out["current"] = nullptr;
  if (!regs->empty()) {
    auto assess = store.AssessmentsOf(regs->back().registration_id);
    if (!assess) {
      error = StoreError(assess.error(), *log_);
      return std::nullopt;
    }
    Caseload load(*regs, *assess, *recs);
    size_t i = load.size() - 1;
    const Registration& r = load.registration(i);
    PersonClassification cls = ClassifyOne(load, i, as_of);
    std::vector<Obligation> obs;
    if (auto ok = ctx.engine().Evaluate(r.Facts(), load.RecordFacts(i), as_of, obs); !ok) {
      error = ErrorResponse(ok.error(), *log_);
      return std::nullopt;
    }
    json ol = json::array();
    for (const auto& o : obs) {
      ol.push_back({{"package_id", o.package->id}, {"name", o.package->name},
                    {"clause", o.priority ? o.package->clause + "、" + o.package->priority->clause : o.package->clause},
                    {"clause_text", DisplayClause(o.priority ? o.package->clause + "、" + o.package->priority->clause
                                                             : o.package->clause)},
                    {"items", o.package->ItemsText()}, {"assumed", o.package->assumed},
                    {"status", ObligationStatusCode(o.status)}, {"status_label", ObligationStatusLabel(o.status)},
                    {"start", o.start.ToString()}, {"deadline", o.deadline.ToString()},
                    {"deadline_note", o.status == ObligationStatus::kDue || o.status == ObligationStatus::kOverdue
                                          ? ctx.workdays().ProvisionalNote(o.start, o.deadline)
                                          : std::string()},
                    {"met_on", o.met_on ? json(o.met_on->ToString()) : json(nullptr)},
                    {"missing", MissingText(o)}, {"delivered", o.delivered}});
    }
    // The assessing officer by name and unit, not the account name.
    std::string category_reason = cls.category.reason;
    if (!cls.category.officer.empty()) {
      const std::string stored = " " + cls.category.officer + " 评估";
      if (auto at = category_reason.find(stored); at != std::string::npos) {
        category_reason.replace(at, stored.size(), " " + officers.Of(cls.category.officer) + " 评估");
      }
    }
    out["current"] = {{"registration_id", r.registration_id},
                      {"open", r.OpenOn(as_of)},
                      {"level", LevelCode(cls.level)}, {"level_label", LevelLabel(cls.level)},
                      {"level_reason", cls.level_reason},
                      {"category", CategoryCode(cls.category.category)},
                      {"category_label", CategoryLabel(cls.category.category)},
                      {"category_assessed", cls.category.assessed},
                      {"category_reason", category_reason}, {"obligations", ol}};
  }
  return out;
}

// api_match.cc: tells a loaded match index that `person` is now registered.
void MatchSeekerRegistered(MatchState& m, store::Db& db, const registry::Person& person, spdlog::logger& log);

// Registers `person` (unemployment or job-seeking registration, A3(一)):
// the one path of officers at the counter and seekers online. The person's
// employment facts decide; a person employed on the day is refused (409)
// with the employer's name and the reason, unless an officer wrote
// req.override_reason. Audited either way.
HttpResponse Api::RegisterPerson(Call& c, const registry::Person& person, RegistrationRequest req,
                                 const ServicesContext& ctx) {
  ServicesStore store(*c.db);
  store::RegistryStore registry(*c.db, vault_);
  const std::string target = "person:" + std::to_string(person.person_id);
  // The person's employment facts decide whether they may register.
  if (auto facts = LoadEmploymentFacts(*c.db, registry, person.person_id, req); !facts) {
    return StoreError(facts.error(), *log_);
  }
  auto reg = BuildRegistration(person, req, ctx.params());
  if (!reg && reg.error().code == ErrorCode::kPermissionDenied) {
    // Employed on the date: refused with the reason; an officer may
    // register with a written reason (override_reason).
    Audit(c, "services.register", target, "refused", reg.error().message);
    return HttpResponse::Error(409, "employed", reg.error().message);
  }
  if (!reg) return ErrorResponse(reg.error(), *log_);
  if (auto ok = store.AddRegistration(*reg); !ok) {
    Audit(c, "services.register", target, "rejected");
    return ErrorResponse(ok.error(), *log_);
  }
  if (!reg->override_reason.empty()) {
    Audit(c, "services.register.override", target, "ok",
          json{{"registration_id", reg->registration_id}, {"on", reg->registered_on.ToString()},
               {"employment", reg->employment.reason}, {"override_reason", reg->override_reason}}
              .dump());
  }
  Audit(c, "services.register", target, "ok", "registration:" + std::to_string(reg->registration_id));
  MatchSeekerRegistered(*match_, *c.db, person, *log_);  // recommended as registered unemployed from now on
  json out = RegistrationJson(*reg);
  out["employment"] = {{"state", EmploymentStateCode(reg->employment.state)},
                       {"label", EmploymentStateLabel(reg->employment.state)},
                       {"reason", reg->employment.reason}};
  out["notes"] = reg->notes;
  if (!reg->override_reason.empty()) out["override_reason"] = reg->override_reason;
  return JsonOk(out, 201);
}

HttpResponse Api::Services(Call& c) {
  const auth::Account& a = c.account();
  const bool is_write = c.req.method == "POST";
  const std::string path = c.req.Path();
  const bool timeline = path.starts_with("/api/services/persons/");
  if (IsOnlineQueuePath(path)) {  // api_registration_queue.h
    if (a.role == auth::Role::kOfficer) {
      auto migrated = services_contexts_->Get(*c.db, pool_.url());  // migrates the services tables
      if (!migrated) return HttpResponse::Error(503, "unavailable", "服务包、参数或节假日日历无法加载：" + migrated.error().message);
    }
    auto answer = HandleOnlineQueue(c.req, c.params, *c.db, a, vault_, regions_, *log_);
    if (answer.audit) Audit(c, answer.audit->action, answer.audit->target, answer.audit->result, answer.audit->detail);
    return answer.response;
  }
  const std::string what = timeline ? "persons" : c.params.at(0);
  if (is_write ? a.role != auth::Role::kOfficer : !auth::RoleMay(a.role, auth::Permission::kReadPersons)) {
    Audit(c, "services." + what, "services", "denied");
    return Forbidden();
  }
  // The context migrates the services tables on first use and follows the
  // holiday notices loaded into the database.
  auto loaded = services_contexts_->Get(*c.db, pool_.url());
  if (!loaded) return HttpResponse::Error(503, "unavailable", "服务包、参数或节假日日历无法加载：" + loaded.error().message);
  const std::shared_ptr<const ServicesContext> ctx = *loaded;
  ServicesStore store(*c.db);
  const Date today = Date::InChina(clock_.Now());
  const std::string scope = a.role == auth::Role::kOfficer ? a.region_code : std::string();

  auto date_param = [&](const std::string& text, Date fallback) -> std::optional<Date> {
    if (text.empty()) return fallback;
    auto d = Date::Parse(text);
    if (!d) return std::nullopt;
    return *d;
  };

  if (!is_write && !timeline) {
    std::string region = QueryText(c.query, "region");
    if (region.empty()) region = scope.empty() ? "52" : scope;
    if (auth::RegionLevel(region) == 0) return BadRequest("区划代码须为 2/4/6/9/12 位数字");
    if (!scope.empty() && !RegionCovers(scope, region)) return Forbidden();
    auto as_of = date_param(QueryText(c.query, "as_of"), today);
    if (!as_of) return BadRequest("日期无效");
    // The queue reads only what is open on the day (its cost follows the
    // open caseload, not years of records); the reports read everything.
    auto load = what == "queue" ? Caseload::LoadForQueue(store, region, *as_of, ctx->engine().MostCounted()) : Caseload::Load(store, region);
    if (!load) return StoreError(load.error(), *log_);
    if (what == "queue") {
      std::string officer = QueryText(c.query, "officer");
      auto q = ObligationQueue(*load, ctx->engine(), ctx->workdays(), *as_of, officer);
      if (!q) return ErrorResponse(q.error(), *log_);
      MonitoringStore monitoring(*c.db);
      auto m = MonitoringQueue(monitoring, ctx->params(), ctx->calendar(), ctx->workdays(), region,
                               *as_of, officer);
      if (!m) return ErrorResponse(m.error(), *log_);
      q->insert(q->end(), m->begin(), m->end());
      // Returned, unemployed workers found by a partner comparison (#18):
      // county-level items without an officer.
      if (officer.empty()) {
        auto l = LinkageQueue(*c.db, region, *as_of, ctx->workdays());
        if (!l) return ErrorResponse(l.error(), *log_);
        q->insert(q->end(), l->begin(), l->end());
      }
      SortQueue(*q);
      json items = json::array();
      json counts = {{"overdue", 0}, {"due_today", 0}, {"due_soon", 0}, {"later", 0}};
      std::set<std::string> notes;
      // The queue shows whom each item is about, by name (#14).
      std::vector<int64_t> ids;
      for (const auto& w : *q) {
        if (w.person_id > 0) ids.push_back(w.person_id);
      }
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
      auto names = store::RegistryStore(*c.db, vault_).NamesOf(ids);
      if (!names) return StoreError(names.error(), *log_);
      OfficerNames officers(*c.db, regions_);
      for (const auto& w : *q) {
        items.push_back(WorkItemJson(w));
        items.back()["officer_name"] = officers.Of(w.officer);
        auto name = names->find(w.person_id);
        items.back()["person_name"] = name == names->end() ? std::string() : name->second;
        items.back()["region_name"] = RegionName(w.region_code);
        counts[BucketCode(w.bucket)] = counts[BucketCode(w.bucket)].get<int>() + 1;
        if (!w.provisional_note.empty()) notes.insert(w.provisional_note);
      }
      // Deadlines that a holiday notice loaded since moved (calendar_update.h).
      auto moved = CalendarStore(*c.db).Changes(region, 200);
      if (!moved) return StoreError(moved.error(), *log_);
      json changes = json::array();
      for (const auto& m : *moved) changes.push_back(DeadlineChangeJson(m));
      json note_list = json::array();
      for (const auto& n : notes) note_list.push_back(n);
      return JsonOk({{"as_of", as_of->ToString()}, {"region", region}, {"counts", counts}, {"items", items},
                     {"calendar_notes", note_list}, {"deadline_changes", changes}});
    }
    if (what == "compliance") {
      const std::string by_text = QueryText(c.query, "by");
      GroupBy by = by_text == "officer" ? GroupBy::kOfficer
                   : by_text == "county" ? GroupBy::kCounty
                                         : GroupBy::kTownship;
      auto rows = Compliance(*load, ctx->engine(), *as_of, by);
      if (!rows) return ErrorResponse(rows.error(), *log_);
      json out = json::array();
      for (const auto& r : *rows) {
        out.push_back({{"key", r.key}, {"name", by == GroupBy::kOfficer ? r.key : RegionName(r.key)},
                       {"met_on_time", r.met_on_time}, {"met_late", r.met_late},
                       {"overdue", r.overdue}, {"due", r.due}, {"on_time_share", r.OnTimeShare()}});
      }
      json total = out.back();
      out.erase(out.size() - 1);
      return JsonOk({{"as_of", as_of->ToString()}, {"region", region}, {"region_name", RegionName(region)},
                     {"by", by == GroupBy::kOfficer ? "officer" : by == GroupBy::kCounty ? "county" : "township"},
                     {"rows", out}, {"total", total}});
    }
    if (what == "classify") {
      ClassificationCounts counts = Classify(*load, *as_of);
      json levels = json::array(), cats = json::array(), cells = json::array();
      for (Level l : kAllLevels) {
        levels.push_back({{"code", LevelCode(l)}, {"label", LevelLabel(l)}});
        cells.push_back(counts.cells[static_cast<int>(l)]);
      }
      for (Category k : kAllCategories) cats.push_back({{"code", CategoryCode(k)}, {"label", CategoryLabel(k)}});
      return JsonOk({{"as_of", as_of->ToString()}, {"region", region}, {"levels", levels},
                     {"categories", cats}, {"cells", cells}, {"total", counts.Total()},
                     {"unassessed", counts.unassessed}, {"job_seeking", counts.job_seeking}});
    }
    return NotFound("没有该接口");
  }

  store::RegistryStore registry(*c.db, vault_);
  // The person a request is about, checked against the officer's scope;
  // out of scope answers like "not found".
  auto person_for = [&](int64_t person_id, const std::string& id_number)
      -> std::optional<registry::Person> {
    Result<std::optional<registry::Person>> p =
        person_id > 0 ? registry.GetPerson(person_id) : registry.FindPersonByIdNumber(id_number);
    if (!p || !*p || !MayReadPerson(a, **p, vault_)) return std::nullopt;
    return **p;
  };

  if (timeline) {
    auto id = ParsePositive(c.params.at(0));
    if (!id) return NotFound("没有该人员");
    auto as_of = date_param(QueryText(c.query, "as_of"), today);
    if (!as_of) return BadRequest("日期无效");
    auto person = person_for(*id, "");
    if (!person) {
      Audit(c, "services.timeline", "person:" + c.params.at(0), "not_found");
      return NotFound("没有该人员");
    }
    HttpResponse failed;
    auto out = PersonCase(c, *ctx, *person, *as_of, failed);
    if (!out) return failed;
    Audit(c, "services.timeline", "person:" + std::to_string(*id), "ok");
    return JsonOk(*out);
  }

  // Writes.
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  auto person = person_for(Int(*body, "person_id"), Str(*body, "id_number"));
  if (!person) return NotFound("服务对象：劳动力库中没有该人员（或不在您的辖区）");
  const std::string target = "person:" + std::to_string(person->person_id);
  auto on = date_param(Str(*body, "on"), today);
  if (!on) return BadRequest("日期无效");

  if (what == "registrations") {
    RegistrationRequest req;
    req.on = *on;
    if (!Str(*body, "found_on").empty()) {
      auto f = Date::Parse(Str(*body, "found_on"));
      if (!f) return BadRequest("发现失业日期无效");
      req.found_on = *f;
    }
    auto place = ParsePlaceKind(Str(*body, "place").empty() ? "hukou" : Str(*body, "place"));
    if (!place) return BadRequest(place.error().message);
    req.place = *place;
    req.region_code = Str(*body, "region_code");
    if (req.region_code.empty()) req.region_code = a.region_code;
    if (!scope.empty() && !RegionCovers(scope, req.region_code)) {
      return BadRequest("登记地须在您的辖区内");
    }
    req.channel = Str(*body, "channel");
    req.officer = a.username;
    auto served = ParseServedAs(Str(*body, "served_as").empty() ? "registered" : Str(*body, "served_as"));
    if (!served) return BadRequest(served.error().message);
    req.served_as = *served;
    auto flags = FlagsFromText(Str(*body, "flags"));
    if (!flags) return BadRequest(flags.error().message);
    req.extra_flags = *flags;
    req.override_reason = Str(*body, "override_reason");
    return RegisterPerson(c, *person, std::move(req), *ctx);
  }

  auto regs = store.RegistrationsOfPerson(person->person_id);
  if (!regs) return StoreError(regs.error(), *log_);
  if (regs->empty()) return BadRequest("该人员没有失业登记");
  const Registration& last = regs->back();

  if (what == "records") {
    auto kind = ParseServiceKind(Str(*body, "kind"));
    if (!kind) return BadRequest(kind.error().message);
    ServiceRecord r;
    r.registration_id = last.registration_id;
    if (*kind == ServiceKind::kFollowUpVisit) {
      for (auto it = regs->rbegin(); it != regs->rend(); ++it) {
        if (it->close_reason == CloseReason::kReemployed) {
          r.registration_id = it->registration_id;
          break;
        }
      }
    }
    r.kind = *kind;
    r.delivered_on = *on;
    r.officer = a.username;
    r.outcome = Str(*body, "outcome");
    // The job a record names must exist and be open for applications on the
    // day (#14: job 12345 that never existed was counted as a recommendation).
    // Jobs are public postings: an officer may recommend any open job of the
    // province (a township has few or none of its own); only the person is
    // scoped to the officer's region (checked above).
    auto job_it = body->find("job_id");
    const bool job_given = job_it != body->end() && !job_it->is_null() &&
                           !(job_it->is_string() && job_it->get<std::string>().empty()) &&
                           !(job_it->is_number_integer() && job_it->get<int64_t>() == 0);
    if (job_given) {
      r.job_id = Int(*body, "job_id");
      if (r.job_id <= 0) return HttpResponse::Error(400, "invalid_reference", "推荐岗位：岗位编号须为正整数");
      if (r.kind != ServiceKind::kJobRecommendation) {
        return HttpResponse::Error(400, "invalid_reference", "推荐岗位：只有“岗位推荐”可以填写岗位编号");
      }
      auto job = registry.GetJob(r.job_id);
      if (!job) return StoreError(job.error(), *log_);
      const std::string id_text = std::to_string(r.job_id);
      if (!*job) {
        Audit(c, "services.record", target, "rejected", "job:" + id_text);
        return HttpResponse::Error(400, "invalid_reference", "推荐岗位：岗位编号 " + id_text + " 不存在");
      }
      const registry::Job& j = **job;
      const std::string period =
          "（招聘期 " + j.open_on.ToString() + " 至 " + (j.close_on ? j.close_on->ToString() : std::string("长期")) + "）";
      const std::string named = "推荐岗位：岗位“" + j.title + "”（编号 " + id_text + "）";
      if (j.close_on && *j.close_on < *on) {
        Audit(c, "services.record", target, "rejected", "job:" + id_text + " closed");
        return HttpResponse::Error(400, "invalid_reference",
                                   named + "已于 " + j.close_on->ToString() + " 截止招聘" + period +
                                       "，不能在 " + on->ToString() + " 推荐");
      }
      if (j.open_on > *on) {
        return HttpResponse::Error(400, "invalid_reference",
                                   named + "在 " + on->ToString() + " 尚未开始招聘，不在招聘期内" + period);
      }
    } else if (r.kind == ServiceKind::kJobRecommendation) {
      return HttpResponse::Error(400, "invalid_reference", "推荐岗位：岗位推荐须填写推荐的岗位编号");
    }
    if (auto ok = store.AddRecord(r); !ok) return ErrorResponse(ok.error(), *log_);
    Audit(c, "services.record", target, "ok", std::string(ServiceKindCode(r.kind)));
    return JsonOk({{"record_id", r.record_id}, {"registration_id", r.registration_id}}, 201);
  }
  if (what == "assessments") {
    auto cat = ParseCategory(Str(*body, "category"));
    if (!cat) return BadRequest(cat.error().message);
    Assessment as;
    as.registration_id = last.registration_id;
    as.assessed_on = *on;
    as.officer = a.username;
    as.category = *cat;
    as.reason = Str(*body, "reason");
    if (auto ok = store.AddAssessment(as); !ok) return ErrorResponse(ok.error(), *log_);
    Audit(c, "services.assess", target, "ok", std::string(CategoryCode(as.category)));
    return JsonOk({{"assessment_id", as.assessment_id}, {"override", as.IsOverride()}}, 201);
  }
  if (what == "deregistrations") {
    auto reason = ParseCloseReason(Str(*body, "reason"));
    if (!reason) return BadRequest(reason.error().message);
    if (auto ok = store.CloseRegistration(last.registration_id, *on, *reason, Str(*body, "note")); !ok) {
      return ErrorResponse(ok.error(), *log_);
    }
    Audit(c, "services.deregister", target, "ok", std::string(CloseReasonCode(*reason)));
    return JsonOk({{"registration_id", last.registration_id}}, 200);
  }
  return NotFound("没有该接口");
}

}  // namespace qjy::server
