// The seeker's and the employer's journey (issue #14):
//   GET  /api/me/case                     seeker: own case — registrations,
//                                         level, category, the obligations
//                                         owed (what officers must do by when)
//   POST /api/me/registration             seeker: online unemployment /
//                                         job-seeking registration (channel
//                                         线上, A3(一)) through the officers'
//                                         registration path; employed → 409
//                                         naming the employer and the reason
//   GET  /api/jobs/{job_id}               anyone signed in: the job page —
//                                         employer, place, pay, contact (phone
//                                         masked), open or not; the seeker's own
//                                         application and invitation
//   POST /api/jobs/{job_id}/applications  seeker: apply (投递) once to an open job
//   GET  /api/applications                seeker: own applications and
//                                         invitations; employer: those of its
//                                         jobs (?job_id), names/ID/phone masked
//   POST /api/jobs/{job_id}/invitations   employer (own job) or officer covering
//                                         it: invite an applicant or one of the
//                                         job's recommended candidates
//   POST /api/me/invitations/{invitation_id}/answer
//                                         seeker: accept or decline an
//                                         invitation once; on accepting, the
//                                         inviting employer sees the phone for
//                                         that job (a consented reveal, audited
//                                         with the invitation id each time read)
// A seeker reaches only the person bound to the account; an employer only
// its own jobs (another's answers 404 like a missing one). Every write and
// every read of persons' data is audited.
#include <algorithm>

#include "ads/ad_desk.h"
#include "ads/ad_json.h"
#include "auth/clock.h"
#include "core/mask.h"
#include "journeys/application_store.h"
#include "registry/codes.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "server/services_contexts.h"
#include "services/context.h"
#include "services/online_desk.h"
#include "services/registration.h"
#include "store/person_keys.h"
#include "store/registry_store.h"

namespace qjy::server {
namespace {

using nlohmann::json;

// The responsible officer of an online registration until the county
// assigns one (api_registration_queue.cc).
constexpr const char* kOnlineDesk = services::kUnassignedOnlineOfficer;
// How far down the job's recommendations an employer may invite.
constexpr size_t kInviteCandidates = 50;

std::optional<int64_t> PositiveId(const std::string& s) {
  if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  int64_t v = std::stoll(s);
  return v > 0 ? std::optional<int64_t>(v) : std::nullopt;
}

std::string BodyText(const json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

json WageJson(int64_t min_fen, int64_t max_fen) {
  return {{"wage_min_fen", min_fen}, {"wage_max_fen", max_fen}};
}

HttpResponse JourneyError(const Error& e, spdlog::logger& log) {
  switch (e.code) {
    case ErrorCode::kInvalidArgument: return HttpResponse::Error(400, "invalid_argument", e.message);
    case ErrorCode::kAlreadyExists: return HttpResponse::Error(409, "already_exists", e.message);
    case ErrorCode::kConflict: return HttpResponse::Error(409, "conflict", e.message);
    case ErrorCode::kNotFound: return HttpResponse::Error(404, "not_found", e.message);
    default: return StoreError(e, log);
  }
}

// The seeker's answer of an invitation, for both sides' lists.
void AnswerJson(const journeys::Invitation& x, json& row) {
  row["answer"] = std::string(journeys::InvitationAnswerCode(x.answer));
  row["answer_label"] = std::string(journeys::InvitationAnswerLabel(x.answer));
  row["answered_on"] = x.answered_on ? json(x.answered_on->ToString()) : json(nullptr);
}

}  // namespace

// The person bound to a seeker account (keyed hash of the ID number).
static std::optional<registry::Person> SeekerPerson(Api::Call& c, const Vault& vault, spdlog::logger& log,
                                                    HttpResponse& error) {
  const auth::Account& a = c.account();
  if (a.role != auth::Role::kSeeker) {
    error = Forbidden();
    return std::nullopt;
  }
  std::optional<registry::Person> none;
  auto person = SeekerPersonId(*c.db, a);
  if (!person) {
    error = StoreError(person.error(), log);
    return none;
  }
  if (*person == 0) {
    error = NotFound("您的账户尚未关联劳动力台账中的人员信息，请到公共就业服务机构办理");
    return none;
  }
  auto p = store::RegistryStore(*c.db, vault).GetPerson(*person);
  if (!p) {
    error = StoreError(p.error(), log);
    return none;
  }
  if (!*p) {
    error = NotFound("没有该人员");
    return none;
  }
  return **p;
}

HttpResponse Api::MyCase(Call& c) {
  HttpResponse error;
  auto person = SeekerPerson(c, vault_, *log_, error);
  if (!person) return error;
  auto loaded = services_contexts_->Get(*c.db, pool_.url());
  if (!loaded) return HttpResponse::Error(503, "unavailable", "服务包、参数或节假日日历无法加载：" + loaded.error().message);
  const Date today = Date::InChina(clock_.Now());
  auto out = PersonCase(c, **loaded, *person, today, error);
  if (!out) return error;
  const json& current = (*out)["current"];
  (*out)["can_register"] = current.is_null() || !current.value("open", false);
  Audit(c, "me.case", "person:" + std::to_string(person->person_id), "ok");
  return JsonOk(*out);
}

HttpResponse Api::MyRegistration(Call& c) {
  HttpResponse error;
  auto person = SeekerPerson(c, vault_, *log_, error);
  if (!person) return error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  auto loaded = services_contexts_->Get(*c.db, pool_.url());
  if (!loaded) return HttpResponse::Error(503, "unavailable", "服务包、参数或节假日日历无法加载：" + loaded.error().message);
  services::RegistrationRequest req;
  req.on = Date::InChina(clock_.Now());
  if (const std::string f = BodyText(*body, "found_on"); !f.empty()) {
    auto d = Date::Parse(f);
    if (!d) return BadRequest("发现失业日期（found_on）无效：应为 YYYY-MM-DD");
    // The seeker's form has no registration date (it is today): say so in
    // the form's terms, not "不能晚于登记日期" (trial 3).
    if (*d > req.on) return BadRequest("发现失业日期不能晚于今天（" + req.on.ToString() + "）");
    req.found_on = *d;
  }
  const std::string served = BodyText(*body, "served_as");
  if (!served.empty() && served != "registered" && served != "graduate") {
    return BadRequest("登记身份（served_as）只能是 registered（登记失业人员）或 graduate（离校未就业高校毕业生）");
  }
  req.served_as = served == "graduate" ? services::ServedAs::kGraduate : services::ServedAs::kRegistered;
  req.place = services::PlaceKind::kOnline;
  req.channel = "online";
  req.officer = kOnlineDesk;
  // Where the case is kept: the residence (常住地) in Guizhou, else the
  // household registration (户籍地); the township when known.
  for (const std::string* code : {&person->residence_region, &person->hukou_region}) {
    if (code->size() >= 6 && regions_.IsInGuizhou(*code)) {
      req.region_code = code->substr(0, std::min<size_t>(9, code->size()));
      break;
    }
  }
  if (req.region_code.empty()) {
    Audit(c, "services.register", "person:" + std::to_string(person->person_id), "rejected", "no Guizhou place");
    return BadRequest("您的常住地和户籍地都不在贵州省，线上登记无法确定受理机构；请到就业地或参保地的公共就业服务机构办理");
  }
  return RegisterPerson(c, *person, std::move(req), **loaded);
}

HttpResponse Api::GetJob(Call& c) {
  auto id = PositiveId(c.params.at(0));
  if (!id) return NotFound("没有该岗位");
  store::RegistryStore registry(*c.db, vault_);
  auto job = registry.GetJob(*id);
  if (!job) return StoreError(job.error(), *log_);
  if (!*job) return NotFound("没有该岗位");
  const registry::Job& j = **job;
  const auth::Account& a = c.account();
  auto employer = registry.FindEmployer(j.employer_credit_code);
  if (!employer) return StoreError(employer.error(), *log_);
  const Date today = Date::InChina(clock_.Now());
  auto closed = journeys::ClosedReason(j, today);
  const std::string place = j.place_region.empty() ? j.county_code : j.place_region;
  json out = {{"job_id", j.job_id},
              {"title", j.title},
              {"employer_name", *employer ? (*employer)->name : std::string()},
              {"employer_credit_code", j.employer_credit_code},
              {"occupation_code", j.occupation_code},
              {"headcount", j.headcount},
              {"place_region", place},
              {"place_name", regions_.FullName(place).value_or(RegionName(place))},
              {"type", registry::Code(j.type)},
              {"type_label", registry::Label(j.type)},
              {"requirements", j.requirements},
              {"open_on", j.open_on.ToString()},
              {"close_on", j.close_on ? json(j.close_on->ToString()) : json(nullptr)},
              {"open", !closed},
              {"closed_reason", closed ? json(*closed) : json(nullptr)},
              {"contact", nullptr}};
  out.update(WageJson(j.wage_min_fen, j.wage_max_fen));
  // The contact the employer gave with the ad, phone masked.
  if (auto m = EnsureMigrated(pool_.url() + "#ads", c.db, &ads::AdDesk::Migrate); !m) {
    return StoreError(m.error(), *log_);
  }
  auto ad = ads::LatestAdOfJob(*c.db, *id);
  if (!ad) return StoreError(ad.error(), *log_);
  if (*ad) {
    const std::string& name = (*ad)->ad.contact_name;
    const std::string& phone = (*ad)->ad.contact_phone;
    if (!name.empty() || !phone.empty()) {
      out["contact"] = {{"name", name}, {"phone_masked", phone.empty() ? std::string() : MaskPhone(phone)}};
    }
  }
  if (auto m = EnsureMigrated(pool_.url() + "#journeys", c.db,
                              [](store::Db& db) { return journeys::ApplicationStore(db).Migrate(); });
      !m) {
    return StoreError(m.error(), *log_);
  }
  journeys::ApplicationStore apps(*c.db);
  if (a.role == auth::Role::kSeeker) {
    out["my_application"] = nullptr;
    out["my_invitation"] = nullptr;
    HttpResponse error;
    if (auto person = SeekerPerson(c, vault_, *log_, error)) {
      auto mine = apps.Find(*id, person->person_id);
      if (!mine) return StoreError(mine.error(), *log_);
      if (*mine) out["my_application"] = {{"application_id", (*mine)->application_id}, {"applied_on", (*mine)->applied_on.ToString()}};
      auto inv = apps.InvitationsOf(person->person_id);
      if (!inv) return StoreError(inv.error(), *log_);
      for (const auto& i : *inv) {
        if (i.job_id == *id) out["my_invitation"] = {{"invited_on", i.invited_on.ToString()}, {"message", i.message}};
      }
    }
  }
  const bool owner = a.role == auth::Role::kEmployer && !a.credit_code.empty() && a.credit_code == j.employer_credit_code;
  out["owner"] = owner;
  if (owner) {
    auto list = apps.ApplicationsToEmployer(a.credit_code, *id, 1000);
    if (!list) return StoreError(list.error(), *log_);
    out["applications_count"] = list->size();
  }
  return JsonOk(out);
}

HttpResponse Api::ApplyToJob(Call& c) {
  const auth::Account& a = c.account();
  const std::string target = "job:" + c.params.at(0);
  if (a.role != auth::Role::kSeeker) {
    Audit(c, "job.apply", target, "denied");
    return Forbidden();
  }
  HttpResponse error;
  auto person = SeekerPerson(c, vault_, *log_, error);
  if (!person) return error;
  auto id = PositiveId(c.params.at(0));
  if (!id) return NotFound("没有该岗位");
  store::RegistryStore registry(*c.db, vault_);
  auto job = registry.GetJob(*id);
  if (!job) return StoreError(job.error(), *log_);
  if (!*job) return NotFound("没有该岗位（或尚未通过审核发布）");
  if (auto m = EnsureMigrated(pool_.url() + "#journeys", c.db,
                              [](store::Db& db) { return journeys::ApplicationStore(db).Migrate(); });
      !m) {
    return StoreError(m.error(), *log_);
  }
  journeys::ApplicationStore apps(*c.db);
  auto done = apps.Apply(**job, person->person_id, Date::InChina(clock_.Now()), auth::IsoUtc(clock_.Now()),
                         a.username);
  if (!done) {
    Audit(c, "job.apply", target, "refused", done.error().message);
    return JourneyError(done.error(), *log_);
  }
  Audit(c, "job.apply", target, "ok",
        "application:" + std::to_string(done->application_id) + " person:" + std::to_string(person->person_id));
  auto employer = registry.FindEmployer((*job)->employer_credit_code);
  if (!employer) return StoreError(employer.error(), *log_);
  return JsonOk({{"application_id", done->application_id},
                 {"job_id", done->job_id},
                 {"job_title", (*job)->title},
                 {"employer_name", *employer ? (*employer)->name : std::string()},
                 {"applied_on", done->applied_on.ToString()}},
                201);
}

HttpResponse Api::Applications(Call& c) {
  const auth::Account& a = c.account();
  if (a.role != auth::Role::kSeeker && a.role != auth::Role::kEmployer) {
    Audit(c, "applications.read", "applications", "denied");
    return Forbidden();
  }
  if (auto m = EnsureMigrated(pool_.url() + "#journeys", c.db,
                              [](store::Db& db) { return journeys::ApplicationStore(db).Migrate(); });
      !m) {
    return StoreError(m.error(), *log_);
  }
  journeys::ApplicationStore apps(*c.db);
  store::RegistryStore registry(*c.db, vault_);
  const Date today = Date::InChina(clock_.Now());
  std::map<int64_t, std::optional<registry::Job>> jobs;
  std::map<std::string, std::string> employer_names;
  // The job and employer of a row, read once each.
  auto job_json = [&](int64_t job_id, json& row) -> std::optional<Error> {
    if (!jobs.contains(job_id)) {
      auto j = registry.GetJob(job_id);
      if (!j) return j.error();
      jobs[job_id] = *j;
    }
    const auto& j = jobs[job_id];
    if (!j) return std::nullopt;
    if (!employer_names.contains(j->employer_credit_code)) {
      auto e = registry.FindEmployer(j->employer_credit_code);
      if (!e) return e.error();
      employer_names[j->employer_credit_code] = *e ? (*e)->name : std::string();
    }
    const std::string place = j->place_region.empty() ? j->county_code : j->place_region;
    row["job_title"] = j->title;
    row["employer_name"] = employer_names[j->employer_credit_code];
    row["place_name"] = regions_.FullName(place).value_or(RegionName(place));
    row["job_open"] = !journeys::ClosedReason(*j, today);
    row.update(WageJson(j->wage_min_fen, j->wage_max_fen));
    return std::nullopt;
  };
  json applications = json::array(), invitations = json::array();

  if (a.role == auth::Role::kSeeker) {
    HttpResponse error;
    auto person = SeekerPerson(c, vault_, *log_, error);
    if (!person) return error;
    auto list = apps.ApplicationsOf(person->person_id);
    if (!list) return StoreError(list.error(), *log_);
    for (const auto& x : *list) {
      json row = {{"application_id", x.application_id}, {"job_id", x.job_id}, {"applied_on", x.applied_on.ToString()}};
      if (auto e = job_json(x.job_id, row)) return StoreError(*e, *log_);
      applications.push_back(std::move(row));
    }
    auto inv = apps.InvitationsOf(person->person_id);
    if (!inv) return StoreError(inv.error(), *log_);
    for (const auto& x : *inv) {
      json row = {{"invitation_id", x.invitation_id}, {"job_id", x.job_id}, {"invited_on", x.invited_on.ToString()},
                  {"message", x.message}};
      AnswerJson(x, row);
      if (auto e = job_json(x.job_id, row)) return StoreError(*e, *log_);
      invitations.push_back(std::move(row));
    }
    return JsonOk({{"applications", applications}, {"invitations", invitations}});
  }

  // An employer: the rows of its own jobs, whom they concern masked.
  HttpResponse error;
  auto job_filter = QueryInt(c.query, "job_id", 0, 0, INT64_MAX, error);
  if (!job_filter) return error;
  if (a.credit_code.empty()) return Forbidden();
  auto person_json = [&](int64_t person_id, json& row) -> std::optional<Error> {
    auto card = store::PersonCardById(*c.db, person_id);
    if (!card) return card.error();
    if (!*card) return std::nullopt;
    const store::PersonCard& r = **card;
    auto edu = registry::Parse<registry::Education>(r.education).value_or(registry::Education::kUnknown);
    row["person_id"] = person_id;
    row["name"] = MaskPersonName(r.name);
    row["id_masked"] = r.id_masked;
    row["phone_masked"] = r.phone_masked;
    row["education"] = registry::Label(edu);
    return std::nullopt;
  };
  auto list = apps.ApplicationsToEmployer(a.credit_code, *job_filter);
  if (!list) return StoreError(list.error(), *log_);
  std::string persons;
  for (const auto& x : *list) {
    json row = {{"application_id", x.application_id}, {"job_id", x.job_id}, {"applied_on", x.applied_on.ToString()}};
    if (auto e = person_json(x.person_id, row)) return StoreError(*e, *log_);
    if (auto e = job_json(x.job_id, row)) return StoreError(*e, *log_);
    applications.push_back(std::move(row));
    persons += (persons.empty() ? "" : ",") + std::to_string(x.person_id);
  }
  auto inv = apps.InvitationsByEmployer(a.credit_code, *job_filter);
  if (!inv) return StoreError(inv.error(), *log_);
  for (const auto& x : *inv) {
    json row = {{"invitation_id", x.invitation_id}, {"job_id", x.job_id}, {"invited_on", x.invited_on.ToString()},
                {"message", x.message}};
    AnswerJson(x, row);
    if (auto e = person_json(x.person_id, row)) return StoreError(*e, *log_);
    if (auto e = job_json(x.job_id, row)) return StoreError(*e, *log_);
    // Accepted: the seeker consented to be called about this job; the
    // phone in full, each reading audited with the invitation.
    if (x.answer == journeys::InvitationAnswer::kAccepted) {
      auto p = registry.GetPerson(x.person_id);
      if (!p) return StoreError(p.error(), *log_);
      if (*p && !(*p)->phone.empty()) {
        row["phone"] = (*p)->phone;
        Audit(c, "invitation.phone", "person:" + std::to_string(x.person_id), "ok",
              "invitation:" + std::to_string(x.invitation_id) + " job:" + std::to_string(x.job_id) +
                  " (accepted " + (x.answered_on ? x.answered_on->ToString() : std::string()) + ")");
      }
    }
    invitations.push_back(std::move(row));
  }
  Audit(c, "applications.read", "employer:" + a.credit_code, "ok", Dump({{"persons", persons}}));
  return JsonOk({{"applications", applications}, {"invitations", invitations}});
}

HttpResponse Api::InviteToJob(Call& c) {
  const auth::Account& a = c.account();
  const std::string target = "job:" + c.params.at(0);
  if (a.role != auth::Role::kEmployer && a.role != auth::Role::kOfficer) {
    Audit(c, "job.invite", target, "denied");
    return Forbidden();
  }
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  auto id = PositiveId(c.params.at(0));
  if (!id) return NotFound("没有该岗位");
  store::RegistryStore registry(*c.db, vault_);
  auto job = registry.GetJob(*id);
  if (!job) return StoreError(job.error(), *log_);
  const bool mine = *job && (a.role == auth::Role::kEmployer
                                 ? !a.credit_code.empty() && a.credit_code == (*job)->employer_credit_code
                                 : RegionCovers(a.region_code, (*job)->county_code) ||
                                       RegionCovers(a.region_code, (*job)->place_region));
  if (!mine) {
    Audit(c, "job.invite", target, "denied");
    return NotFound("没有该岗位");
  }
  int64_t person_id = 0;
  if (auto it = body->find("person_id"); it != body->end()) {
    if (it->is_number_integer()) person_id = it->get<int64_t>();
    else if (it->is_string()) person_id = PositiveId(it->get<std::string>()).value_or(0);
  }
  if (person_id <= 0) return BadRequest("邀请对象（person_id）须为人员编号");
  const std::string message = BodyText(*body, "message");
  if (auto m = EnsureMigrated(pool_.url() + "#journeys", c.db,
                              [](store::Db& db) { return journeys::ApplicationStore(db).Migrate(); });
      !m) {
    return StoreError(m.error(), *log_);
  }
  journeys::ApplicationStore apps(*c.db);
  // Only someone who applied, or whom matching recommends for this job:
  // an employer cannot reach arbitrary persons through invitations.
  auto applied = apps.Find(*id, person_id);
  if (!applied) return StoreError(applied.error(), *log_);
  if (!*applied) {
    auto candidate = MatchIsCandidate(c, *id, person_id, kInviteCandidates);
    if (!candidate) return HttpResponse::Error(503, "match_unavailable", candidate.error().message);
    if (!*candidate) {
      Audit(c, "job.invite", target, "refused", "person:" + std::to_string(person_id));
      return BadRequest("只能邀请本岗位的投递人或系统推荐的人选");
    }
  }
  auto done = apps.Invite(**job, person_id, ScrubIdentity(message), Date::InChina(clock_.Now()),
                          auth::IsoUtc(clock_.Now()), a.username);
  if (!done) {
    Audit(c, "job.invite", target, "refused", done.error().message);
    return JourneyError(done.error(), *log_);
  }
  Audit(c, "job.invite", target, "ok",
        "invitation:" + std::to_string(done->invitation_id) + " person:" + std::to_string(person_id));
  return JsonOk({{"invitation_id", done->invitation_id}, {"job_id", done->job_id}, {"person_id", person_id},
                 {"invited_on", done->invited_on.ToString()}},
                201);
}

}  // namespace qjy::server

namespace qjy::server {

HttpResponse Api::AnswerInvitation(Call& c) {
  const std::string target = "invitation:" + c.params.at(0);
  HttpResponse error;
  auto person = SeekerPerson(c, vault_, *log_, error);
  if (!person) {
    Audit(c, "invitation.answer", target, "denied");
    return error;
  }
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  auto id = PositiveId(c.params.at(0));
  if (!id) return NotFound("没有该邀请");
  const std::string text = BodyText(*body, "answer");
  const journeys::InvitationAnswer answer = text == "accept" || text == "accepted" ? journeys::InvitationAnswer::kAccepted
                                            : text == "decline" || text == "declined"
                                                ? journeys::InvitationAnswer::kDeclined
                                                : journeys::InvitationAnswer::kNone;
  if (answer == journeys::InvitationAnswer::kNone) return BadRequest("答复（answer）须为 accept（接受）或 decline（婉拒）");
  if (auto m = EnsureMigrated(pool_.url() + "#journeys", c.db,
                              [](store::Db& db) { return journeys::ApplicationStore(db).Migrate(); });
      !m) {
    return StoreError(m.error(), *log_);
  }
  journeys::ApplicationStore apps(*c.db);
  auto done = apps.Answer(*id, person->person_id, answer, Date::InChina(clock_.Now()));
  if (!done) {
    Audit(c, "invitation.answer", target, "refused", done.error().message);
    return JourneyError(done.error(), *log_);
  }
  // Accepting is the person's consent that this employer may call about
  // this job: the audit names the invitation, the job and the employer.
  Audit(c, "invitation.answer", target, "ok",
        std::string(journeys::InvitationAnswerCode(answer)) + " job:" + std::to_string(done->job_id) +
            " employer:" + done->employer_credit_code + " person:" + std::to_string(person->person_id));
  json row = {{"invitation_id", done->invitation_id}, {"job_id", done->job_id}};
  AnswerJson(*done, row);
  return JsonOk(row);
}

}  // namespace qjy::server
