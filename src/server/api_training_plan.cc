// Training for one person (issue #16 §2):
//   GET  /api/training/persons/{person_id}/recommendations  an officer whose
//        region covers the person, or the seeker themselves: the courses
//        that close the person's skill gaps against the open jobs of their
//        prefecture (from the match index), each with its reason; the gaps;
//        the person's plan (一人一策) with its courses
//   POST /api/training/persons/{person_id}/plan  {course_id, reason?, enrol?,
//        on?}: an officer covering the person puts a course into the plan
//        (and enrols the person when enrol is true); with an open
//        unemployment registration, a 职业培训机会 service record is written
//        in the same transaction. `on` defaults to the matching date (the
//        day the recommendations are made on).
// Out-of-scope persons answer 404 like every other person read.
#include "match/index.h"
#include "match/profile.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "server/officer_names.h"
#include "services/services_store.h"
#include "store/registry_store.h"
#include "training/recommend.h"
#include "training/training_store.h"

namespace qjy::server {
namespace {

using nlohmann::json;

Result<void> MigrateServices(store::Db& db) { return services::ServicesStore(db).Migrate(); }

std::optional<int64_t> ApiTrainingPlanId(const std::string& s) {
  if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  const int64_t n = std::stoll(s);
  return n > 0 ? std::optional<int64_t>(n) : std::nullopt;
}

// The person's home county: the residence's in Guizhou, else the owning county.
std::string HomeCounty(const registry::Person& p) {
  if (p.residence_region.size() >= 6 && p.residence_region.starts_with("52")) return p.residence_region.substr(0, 6);
  return p.county_code;
}

constexpr size_t kMaxJobs = 5000;     // open jobs of a prefecture read for the gaps
constexpr size_t kMaxCourses = 10;    // recommendations returned

}  // namespace

Result<json> Api::TrainingAdvice(Call& c, const registry::Person& p) {
  std::string index_error;
  match::MatchIndex* index = MatchIndexFor(c, &index_error);
  if (!index) return Fail(ErrorCode::kIo, "人岗匹配暂不可用：" + index_error);
  const Date as_of = index->today();
  // Occupations by the names people use (焊工), else the classification's.
  auto occupation_name = [&](const std::string& code) {
    std::string name = match::SkillOfOccupation(code);
    return name.empty() ? index->tree().Name(code) : name;
  };
  const std::string region = HomeCounty(p).substr(0, 4);  // the prefecture: "around them"
  // What the person holds: skills and certificates as occupations.
  std::vector<training::Held> held;
  json held_json = json::array();
  for (const auto& s : p.skills) {
    const std::string code = match::OccupationOfSkill(s);
    if (code.empty()) continue;
    held.push_back({code, s, -1});
    held_json.push_back({{"name", s}, {"occupation_code", code}, {"certificate", false}});
  }
  for (const auto& cert : p.certificates) {
    const std::string code = match::OccupationOfSkill(cert.name);
    if (code.empty()) continue;
    held.push_back({code, cert.name, cert.level});
    held_json.push_back({{"name", cert.name}, {"occupation_code", code}, {"certificate", true}, {"level", cert.level},
                         {"level_label", training::LevelLabel(cert.level)}});
  }
  std::vector<training::NearbyJob> jobs;
  for (match::JobIndex j : index->OpenJobsIn(region, kMaxJobs)) {
    const match::JobInfo info = index->Job(j);
    jobs.push_back({info.job_id, info.occupation_code, occupation_name(info.occupation_code), info.title,
                    info.requirements, info.headcount});
  }
  const auto gaps = training::SkillGaps(held, jobs);
  training::TrainingStore ts(*c.db);
  auto courses = ts.OpenCourses(region, as_of, p.person_id);
  if (!courses) return std::unexpected(courses.error());
  const auto recs = training::RecommendCourses(
      gaps, *courses, occupation_name, kMaxCourses);
  json items = json::array();
  for (const auto& r : recs) {
    json j = training::RecommendationJson(r);
    j["course"]["place_name"] = RegionName(r.course.place_region);
    j["course"]["county_name"] = RegionName(r.course.county_code);
    j["course"]["occupation_name"] = occupation_name(r.course.occupation_code);
    items.push_back(std::move(j));
  }
  json gaps_json = json::array();
  for (size_t i = 0; i < gaps.size() && i < 10; ++i) gaps_json.push_back(training::GapJson(gaps[i]));
  auto plan = ts.PlanOf(p.person_id);
  if (!plan) return std::unexpected(plan.error());
  json plan_json = json::array();
  OfficerNames officers(*c.db, regions_);
  for (const auto& item : *plan) {
    json j = training::PlanItemJson(item);
    j["course"]["place_name"] = RegionName(item.course.place_region);
    j["officer_name"] = officers.Of(item.officer);
    plan_json.push_back(std::move(j));
  }
  return json{{"person_id", p.person_id},
              {"as_of", as_of.ToString()},
              {"region", region},
              {"region_name", RegionName(region)},
              {"jobs_seen", jobs.size()},
              {"held", std::move(held_json)},
              {"gaps", std::move(gaps_json)},
              {"items", std::move(items)},
              {"plan", std::move(plan_json)}};
}

HttpResponse Api::TrainingPerson(Call& c) {
  const auth::Account& a = c.account();
  const bool get = c.req.method == "GET";
  const std::string target = "person:" + (c.params.empty() ? std::string() : c.params[0]);
  auto id = ApiTrainingPlanId(c.params.empty() ? "" : c.params[0]);
  const bool allowed = a.role == auth::Role::kOfficer || (get && a.role == auth::Role::kSeeker);
  if (!allowed) {
    if (!get) Audit(c, "training.plan", target, "denied");
    return get ? Forbidden() : NotFound("没有该人员");
  }
  if (!id) return NotFound("没有该人员");
  store::RegistryStore registry(*c.db, vault_);
  auto person = registry.GetPerson(*id);
  if (!person) return StoreError(person.error(), *log_);
  if (!*person || !MayReadPerson(a, **person, vault_)) {
    if (!get) Audit(c, "training.plan", target, "denied");
    return NotFound("没有该人员");
  }
  const registry::Person& p = **person;
  if (get) {
    auto advice = TrainingAdvice(c, p);
    if (!advice) {
      if (advice.error().code == ErrorCode::kIo) {
        return HttpResponse::Error(503, "unavailable", advice.error().message);
      }
      return StoreError(advice.error(), *log_);
    }
    return JsonOk(*advice);
  }

  // POST .../plan
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  training::PlanRequest req;
  req.person_id = p.person_id;
  const json& course = body->contains("course_id") ? (*body)["course_id"] : json();
  if (course.is_number_integer()) {
    req.course_id = course.get<int64_t>();
  } else if (course.is_string() && ApiTrainingPlanId(course.get<std::string>())) {
    req.course_id = *ApiTrainingPlanId(course.get<std::string>());
  } else {
    return BadRequest("培训课程编号（course_id）：须为整数");
  }
  req.reason = body->value("reason", std::string());
  req.enrol = body->value("enrol", false);
  const std::string on_text = body->value("on", std::string());
  if (on_text.empty()) {
    std::string index_error;
    match::MatchIndex* index = MatchIndexFor(c, &index_error);
    req.on = index ? index->today() : Date::InChina(clock_.Now());
  } else if (auto on = Date::Parse(on_text)) {
    req.on = *on;
  } else {
    return BadRequest("日期（on）：格式应为 YYYY-MM-DD");
  }
  // The course: within the officer's region or in reach of the person
  // (their prefecture), as the recommendations offer it.
  training::TrainingStore ts(*c.db);
  auto course_row = ts.FindCourse(req.course_id);
  if (!course_row) return StoreError(course_row.error(), *log_);
  if (!*course_row) return NotFound("没有该培训课程");
  const std::string reach = HomeCounty(p).substr(0, 4);
  const training::Course& chosen = **course_row;
  if (!RegionCovers(a.region_code, chosen.county_code) && !chosen.county_code.starts_with(reach) &&
      !chosen.place_region.starts_with(reach)) {
    Audit(c, "training.plan", target, "denied", "course:" + std::to_string(req.course_id));
    return NotFound("没有该培训课程");
  }
  // The registration the service is recorded on, read before the write.
  std::optional<services::Registration> open;
  if (auto m = EnsureMigrated(pool_.url() + "#services-store", c.db, &MigrateServices); !m) {
    return StoreError(m.error(), *log_);
  }
  services::ServicesStore services(*c.db);
  auto reg = services.OpenRegistrationOf(p.person_id);
  if (!reg) return StoreError(reg.error(), *log_);
  if (*reg && (*reg)->found_on <= req.on) open = **reg;
  int64_t record_id = 0;
  auto item = ts.AddToPlan(req, a.username, [&](const training::PlanItem& it) -> Result<void> {
    if (!open) return {};
    services::ServiceRecord r;
    r.registration_id = open->registration_id;
    r.kind = services::ServiceKind::kTrainingOffer;
    r.delivered_on = req.on;
    r.officer = a.username;
    r.outcome = std::string("一人一策：") + (req.enrol ? "报名" : "列入") + "培训课程「" + it.course.title + "」（" +
                it.course.start_on.ToString() + " 开课）";
    if (auto w = services.AddRecord(r); !w) return w;
    record_id = r.record_id;
    return {};
  });
  if (!item) {
    Audit(c, "training.plan", target, "rejected", item.error().message);
    if (item.error().code == ErrorCode::kInvalidArgument) return BadRequest(item.error().message);
    if (item.error().code == ErrorCode::kNotFound) return NotFound(item.error().message);
    return ConflictAwareError(item.error(), *log_);
  }
  Audit(c, "training.plan", target, "ok",
        "course:" + std::to_string(item->course_id) + (item->enrolment_id ? " enrolled" : " planned"));
  json out = training::PlanItemJson(*item);
  out["course"]["place_name"] = RegionName(item->course.place_region);
  out["service_record_id"] = record_id;
  return JsonOk(out, 201);
}

}  // namespace qjy::server
