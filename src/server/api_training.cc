// Vocational training (issue #16 §2). Officers work in their region (a
// record of another county is 403 and audited as denied); auditors read
// the province:
//   GET  /api/training/providers?region=       培训机构
//   POST /api/training/providers  {county_code, name, credit_code?, address?}
//   GET  /api/training/courses?region=         courses with enrolled,
//        completed, certified and employed-after-training counts
//   POST /api/training/courses  {provider_id, title, occupation_code, level,
//        kind, hours, start_on, end_on, place_region, capacity}
//   GET  /api/training/courses/{course_id}/enrolments  with the employed
//        flag and the subsidies paid (ID numbers masked)
//   POST /api/training/courses/{course_id}/enrolments  {person_id, enrolled_on}
//   POST /api/training/enrolments/{enrolment_id}/attendance  {on, hours}
//   POST /api/training/enrolments/{enrolment_id}/complete  {completed_on}
//   POST /api/training/enrolments/{enrolment_id}/certificate
//        {cert_kind, level, issued_on, cert_no?}
//   POST /api/training/enrolments/{enrolment_id}/subsidies  {kind, on}:
//        decides 职业培训补贴 / 生活费补贴 and pays it once; 200 with the
//        decision (outcome paid | already_paid | refused)
//   PUT  /api/training/courses/{course_id}  the fields of POST but the
//        provider: edits a course before it starts (capacity not below the
//        enrolled count)
//   POST /api/training/enrolments/{enrolment_id}/withdraw  {on, reason}:
//        退出, the place freed, no subsidy afterwards
//   GET  /api/me/training  a seeker's own courses, certificates, subsidies,
//        and the recommended courses and plan (api_training_plan.cc)
//   GET  /api/training/persons/{person_id}/recommendations,
//   POST /api/training/persons/{person_id}/plan  (api_training_plan.cc)
// Writes are audited (training.*).
#include <ctime>
#include <mutex>

#include "auth/clock.h"
#include "policy/decision.h"
#include "policy/policy_dir.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "server/api_pickers.h"
#include "store/registry_store.h"
#include "training/subsidy.h"
#include "training/training_stats.h"
#include "training/training_store.h"

namespace qjy::server {
namespace {

using nlohmann::json;


Result<void> MigrateTraining(store::Db& db) { return training::TrainingStore(db).Migrate(); }

std::optional<int64_t> TrainingPathId(const std::string& text) {
  try {
    size_t used = 0;
    const int64_t n = std::stoll(text, &used);
    if (used == text.size() && n > 0) return n;
  } catch (...) {
  }
  return std::nullopt;
}

HttpResponse WriteError(const Error& e, spdlog::logger& log) {
  if (e.code == ErrorCode::kInvalidArgument) return BadRequest(e.message);
  if (e.code == ErrorCode::kNotFound) return NotFound(e.message);
  return ConflictAwareError(e, log);
}

json EnrolmentsJson(store::Db& db, const policy::ParameterSet& params, const std::vector<training::Enrolment>& list,
                    const std::string& region, int64_t course_id, int64_t person_id, Error* error) {
  json items = json::array();
  auto employed = training::EmployedAfterTraining(db, params, region, course_id);
  training::SubsidyFilter sf;
  sf.region = region;
  sf.course_id = course_id;
  sf.person_id = person_id;
  auto subs = training::PaidSubsidies(db, sf);
  if (!employed || !subs) {
    *error = !employed ? employed.error() : subs.error();
    return items;
  }
  for (const auto& e : list) {
    json j = training::EnrolmentJson(e);
    j["employed_after"] = employed->contains(e.enrolment_id);
    json paid = json::array();
    for (const auto& s : *subs) {
      if (s.enrolment_id == e.enrolment_id) paid.push_back(training::PaidSubsidyJson(s));
    }
    j["subsidies"] = std::move(paid);
    items.push_back(std::move(j));
  }
  return items;
}

}  // namespace

HttpResponse Api::Training(Call& c) {
  const auth::Account& a = c.account();
  const std::string path = c.req.Path();
  const bool get = c.req.method == "GET";
  const bool officer = IsOfficer(a);
  std::string perr;
  const policy::ParameterSet* params = ShippedPolicyParams(perr);
  if (!params) return HttpResponse::Error(503, "unavailable", "培训参数无法加载：" + perr);
  if (auto m = EnsureMigrated(pool_.url() + "#training", c.db, &MigrateTraining); !m) {
    return StoreError(m.error(), *log_);
  }
  training::TrainingStore ts(*c.db);
  if (path.starts_with("/api/training/persons/")) return TrainingPerson(c);

  if (path == "/api/me/training") {
    if (a.role != auth::Role::kSeeker) return Forbidden();
    json empty = {{"items", json::array()}};
    auto me = SeekerPersonId(*c.db, a);
    if (!me) return StoreError(me.error(), *log_);
    if (*me == 0) return JsonOk(empty);
    training::EnrolmentFilter f;
    f.person_id = *me;
    auto list = ts.Enrolments(f);
    if (!list) return StoreError(list.error(), *log_);
    Error err;
    json items = EnrolmentsJson(*c.db, *params, *list, "", 0, f.person_id, &err);
    if (!err.message.empty()) return StoreError(err, *log_);
    for (auto& j : items) {
      auto course = ts.FindCourse(j["course_id"].get<int64_t>());
      if (!course) return StoreError(course.error(), *log_);
      if (*course) {
        j["course"] = training::CourseJson(**course);
        j["course"]["place_name"] = RegionName((*course)->place_region);
        j["course"]["occupation_name"] = OccupationName((*course)->occupation_code);
      }
    }
    json out = {{"items", std::move(items)}};
    // The courses recommended for the seeker's skill gaps, and their plan.
    store::RegistryStore registry(*c.db, vault_);
    auto person = registry.GetPerson(f.person_id);
    if (!person) return StoreError(person.error(), *log_);
    if (*person) {
      auto advice = TrainingAdvice(c, **person);
      if (advice) {
        out["recommendations"] = std::move(*advice);
      } else if (advice.error().code == ErrorCode::kIo) {
        out["recommendations_error"] = advice.error().message;
      } else {
        return StoreError(advice.error(), *log_);
      }
    }
    return JsonOk(out);
  }

  // Reads: officers in their region, auditors the province.
  if (get) {
    if (!officer && a.role != auth::Role::kAuditor) return Forbidden();
    std::string region = QueryText(c.query, "region");
    if (region.empty()) region = officer ? a.region_code : "52";
    if (path == "/api/training/providers" || path == "/api/training/courses") {
      if (officer && !RegionCovers(a.region_code, region)) {
        Audit(c, "training.list", "region:" + region, "denied");
        return Forbidden();
      }
      if (path == "/api/training/providers") {
        auto list = ts.Providers(region);
        if (!list) return StoreError(list.error(), *log_);
        json items = json::array();
        for (const auto& p : *list) items.push_back(training::ProviderJson(p));
        return JsonOk({{"region", region}, {"region_name", RegionName(region)}, {"items", items}});
      }
      auto stats = training::CourseStatsOf(*c.db, *params, region);
      if (!stats) return StoreError(stats.error(), *log_);
      json items = json::array();
      for (const auto& s : *stats) {
        json j = training::CourseStatsJson(s);
        j["place_name"] = RegionName(s.course.place_region);
        j["county_name"] = RegionName(s.course.county_code);
        j["occupation_name"] = OccupationName(s.course.occupation_code);
        items.push_back(std::move(j));
      }
      return JsonOk({{"region", region}, {"region_name", RegionName(region)}, {"items", items}});
    }
    // /api/training/courses/{course_id}/enrolments
    auto id = TrainingPathId(c.params.empty() ? "" : c.params[0]);
    if (!id) return NotFound("没有该培训课程");
    auto course = ts.FindCourse(*id);
    if (!course) return StoreError(course.error(), *log_);
    if (!*course) return NotFound("没有该培训课程");
    if (officer && !RegionCovers(a.region_code, (*course)->county_code)) {
      Audit(c, "training.enrolments", "course:" + std::to_string(*id), "denied");
      return Forbidden();
    }
    training::EnrolmentFilter f;
    f.course_id = *id;
    auto list = ts.Enrolments(f);
    if (!list) return StoreError(list.error(), *log_);
    Error err;
    json items = EnrolmentsJson(*c.db, *params, *list, (*course)->county_code, *id, 0, &err);
    if (!err.message.empty()) return StoreError(err, *log_);
    json cj = training::CourseJson(**course);
    cj["place_name"] = RegionName((*course)->place_region);
    cj["occupation_name"] = OccupationName((*course)->occupation_code);
    return JsonOk({{"course", std::move(cj)}, {"items", std::move(items)}});
  }

  // Writes: officers only, on records of their region.
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  const std::string actor = a.username;

  if (path == "/api/training/providers") {
    training::Provider p;
    p.county_code = body->value("county_code", officer ? a.region_code : std::string());
    const std::string target = "county:" + p.county_code;
    if (!officer || !RegionCovers(a.region_code, p.county_code)) {
      Audit(c, "training.provider", target, "denied");
      return Forbidden();
    }
    p.name = body->value("name", std::string());
    p.credit_code = body->value("credit_code", std::string());
    p.address = body->value("address", std::string());
    auto r = ts.AddProvider(p, actor);
    if (!r) {
      Audit(c, "training.provider", target, "rejected", r.error().message);
      return WriteError(r.error(), *log_);
    }
    Audit(c, "training.provider", "provider:" + std::to_string(r->provider_id), "ok", r->name);
    return JsonOk(training::ProviderJson(*r), 201);
  }

  if (path == "/api/training/courses") {
    const auto provider = BodyInt(*body, "provider_id");
    const std::string target = "provider:" + (provider ? std::to_string(*provider) : std::string("?"));
    if (!officer) {
      Audit(c, "training.course", target, "denied");
      return Forbidden();
    }
    if (!provider) return BadRequest("培训机构编号（provider_id）：须为整数");
    auto found = training::TrainingStore(*c.db).FindProvider(*provider);
    if (!found) return StoreError(found.error(), *log_);
    if (!*found) return NotFound("没有该培训机构");
    if (!RegionCovers(a.region_code, (*found)->county_code)) {
      Audit(c, "training.course", target, "denied");
      return Forbidden();
    }
    training::Course in;
    in.provider_id = *provider;
    in.title = body->value("title", std::string());
    in.occupation_code = body->value("occupation_code", std::string());
    in.level = static_cast<int>(BodyInt(*body, "level").value_or(0));
    in.kind = body->value("kind", std::string());
    in.hours = static_cast<int>(BodyInt(*body, "hours").value_or(0));
    auto start = Date::Parse(body->value("start_on", std::string()));
    if (!start) return BadRequest("开始日期（start_on）：格式应为 YYYY-MM-DD");
    auto end = Date::Parse(body->value("end_on", std::string()));
    if (!end) return BadRequest("结束日期（end_on）：格式应为 YYYY-MM-DD");
    in.start_on = *start;
    in.end_on = *end;
    in.place_region = body->value("place_region", std::string());
    in.capacity = static_cast<int>(BodyInt(*body, "capacity").value_or(0));
    auto r = ts.AddCourse(in, actor);
    if (!r) {
      Audit(c, "training.course", target, "rejected", r.error().message);
      return WriteError(r.error(), *log_);
    }
    Audit(c, "training.course", "course:" + std::to_string(r->course_id), "ok", r->title);
    return JsonOk(training::CourseJson(*r), 201);
  }

  // The path's course for an officer whose region covers it; otherwise the
  // answer to give (a denial audited as `action`).
  auto scoped_course = [&](const char* action, std::optional<training::Course>& out) -> std::optional<HttpResponse> {
    auto id = TrainingPathId(c.params.empty() ? "" : c.params[0]);
    const std::string target = "course:" + (c.params.empty() ? std::string() : c.params[0]);
    if (!officer) {
      Audit(c, action, target, "denied");
      return Forbidden();
    }
    if (!id) return NotFound("没有该培训课程");
    auto course = ts.FindCourse(*id);
    if (!course) return StoreError(course.error(), *log_);
    if (!*course) return NotFound("没有该培训课程");
    if (!RegionCovers(a.region_code, (*course)->county_code)) {
      Audit(c, action, target, "denied");
      return Forbidden();
    }
    out = std::move(*course);
    return std::nullopt;
  };

  if (c.req.method == "PUT") {  // /api/training/courses/{course_id}
    std::optional<training::Course> course;
    if (auto answer = scoped_course("training.course_edit", course)) return *answer;
    const int64_t id = course->course_id;
    const std::string target = "course:" + std::to_string(id);
    // Fields left out keep their values.
    training::Course in = *course;
    in.title = body->value("title", in.title);
    in.occupation_code = body->value("occupation_code", in.occupation_code);
    if (body->contains("level")) in.level = static_cast<int>(BodyInt(*body, "level").value_or(-1));
    in.kind = body->value("kind", in.kind);
    if (body->contains("hours")) in.hours = static_cast<int>(BodyInt(*body, "hours").value_or(0));
    if (body->contains("start_on")) {
      auto d = Date::Parse(body->value("start_on", std::string()));
      if (!d) return BadRequest("开始日期（start_on）：格式应为 YYYY-MM-DD");
      in.start_on = *d;
    }
    if (body->contains("end_on")) {
      auto d = Date::Parse(body->value("end_on", std::string()));
      if (!d) return BadRequest("结束日期（end_on）：格式应为 YYYY-MM-DD");
      in.end_on = *d;
    }
    in.place_region = body->value("place_region", in.place_region);
    if (body->contains("capacity")) in.capacity = static_cast<int>(BodyInt(*body, "capacity").value_or(0));
    auto r = ts.UpdateCourse(id, in, Date::InChina(clock_.Now()), actor);
    if (!r) {
      Audit(c, "training.course_edit", target, "rejected", r.error().message);
      return WriteError(r.error(), *log_);
    }
    Audit(c, "training.course_edit", target, "ok", r->title);
    json j = training::CourseJson(*r);
    j["place_name"] = RegionName(r->place_region);
    return JsonOk(j);
  }

  if (path.starts_with("/api/training/courses/")) {  // .../{course_id}/enrolments
    std::optional<training::Course> course;
    if (auto answer = scoped_course("training.enrol", course)) return *answer;
    const int64_t id = course->course_id;
    const std::string target = "course:" + std::to_string(id);
    const auto person = BodyInt(*body, "person_id");
    if (!person) return BadRequest("人员编号（person_id）：须为整数");
    auto on = Date::Parse(body->value("enrolled_on", std::string()));
    if (!on) return BadRequest("报名日期（enrolled_on）：格式应为 YYYY-MM-DD");
    auto e = ts.Enrol(id, *person, *on, actor);
    if (!e) {
      Audit(c, "training.enrol", target, "rejected", e.error().message);
      return WriteError(e.error(), *log_);
    }
    Audit(c, "training.enrol", "enrolment:" + std::to_string(e->enrolment_id), "ok");
    return JsonOk(training::EnrolmentJson(*e), 201);
  }

  // /api/training/enrolments/{enrolment_id}/{attendance|complete|certificate|subsidies}
  const std::string action = path.substr(path.rfind('/') + 1);
  const std::string audit_action = "training." + action;
  auto id = TrainingPathId(c.params.empty() ? "" : c.params[0]);
  const std::string target = "enrolment:" + (c.params.empty() ? std::string() : c.params[0]);
  if (!officer) {
    Audit(c, audit_action, target, "denied");
    return Forbidden();
  }
  if (!id) return NotFound("没有该报名记录");
  auto found = ts.FindEnrolment(*id);
  if (!found) return StoreError(found.error(), *log_);
  if (!*found) return NotFound("没有该报名记录");
  if (!RegionCovers(a.region_code, (*found)->county_code)) {
    Audit(c, audit_action, target, "denied");
    return Forbidden();
  }
  Result<training::Enrolment> done = Fail(ErrorCode::kInternal, "");
  if (action == "attendance") {
    auto on = Date::Parse(body->value("on", std::string()));
    if (!on) return BadRequest("出勤日期（on）：格式应为 YYYY-MM-DD");
    const auto hours = BodyInt(*body, "hours");
    if (!hours) return BadRequest("学时（hours）：须为整数");
    done = ts.Attend(*id, *on, static_cast<int>(*hours), actor);
  } else if (action == "complete") {
    auto on = Date::Parse(body->value("completed_on", std::string()));
    if (!on) return BadRequest("结业日期（completed_on）：格式应为 YYYY-MM-DD");
    done = ts.Complete(*id, *on, *params, actor);
  } else if (action == "withdraw") {
    auto on = Date::Parse(body->value("on", std::string()));
    if (!on) return BadRequest("退出日期（on）：格式应为 YYYY-MM-DD");
    done = ts.Withdraw(*id, *on, body->value("reason", std::string()), actor);
  } else if (action == "certificate") {
    auto on = Date::Parse(body->value("issued_on", std::string()));
    if (!on) return BadRequest("发证日期（issued_on）：格式应为 YYYY-MM-DD");
    const auto level = BodyInt(*body, "level");
    if (!level) return BadRequest("证书等级（level）：须为整数");
    done = ts.Certify(*id, body->value("cert_kind", std::string()), static_cast<int>(*level), *on,
                         body->value("cert_no", std::string()), actor);
  } else {  // subsidies
    const std::string kind_text = body->value("kind", std::string());
    auto kind = training::ParseSubsidyKind(kind_text);
    if (!kind) return BadRequest("补贴类型（kind）：「" + kind_text + "」不是职业培训补贴或生活费补贴");
    auto on = Date::Parse(body->value("on", std::string()));
    if (!on) return BadRequest("决定日期（on）：格式应为 YYYY-MM-DD");
    auto r = training::PaySubsidy(*c.db, *params, *id, *kind, *on, actor, auth::IsoUtc(clock_.Now()));
    if (!r) {
      Audit(c, audit_action, target, "failed", r.error().message);
      return WriteError(r.error(), *log_);
    }
    const char* outcome = r->outcome == training::PayOutcome::kPaid          ? "paid"
                          : r->outcome == training::PayOutcome::kAlreadyPaid ? "already_paid"
                                                                             : "refused";
    Audit(c, audit_action, target, outcome,
          std::string(training::SubsidyKindLabel(*kind)) + " " + policy::FormatYuan(r->decision.amount_fen));
    return JsonOk({{"outcome", outcome}, {"decision", policy::ToJson(r->decision)}});
  }
  if (!done) {
    Audit(c, audit_action, target, "rejected", done.error().message);
    return WriteError(done.error(), *log_);
  }
  Audit(c, audit_action, target, "ok");
  return JsonOk(training::EnrolmentJson(*done));
}

}  // namespace qjy::server
