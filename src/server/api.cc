#include "server/api.h"

#include <chrono>

#include "auth/token.h"
#include "server/api_context.h"
#include "server/api_internal.h"
#include "server/api_monitor.h"
#include "server/api_pickers.h"
#include "server/body_schema.h"
#include "server/client_message.h"
#include "server/openapi.h"
#include "core/mask.h"
#include "store/catalog_pages.h"
#include "store/registry_store.h"

namespace qjy::server {
namespace {

constexpr char kCookieName[] = "qjy_session";

bool StateChanging(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// Splits "/api/persons/12" into {"api", "persons", "12"}; keeps empty
// segments so that "/api/persons/" does not match "/api/persons".
std::vector<std::string> Segments(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 1;
  while (i <= path.size()) {
    size_t slash = path.find('/', i);
    if (slash == std::string::npos) slash = path.size();
    out.push_back(path.substr(i, slash - i));
    i = slash + 1;
  }
  return out;
}

bool Match(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
           std::vector<std::string>& params) {
  if (pattern.size() != path.size()) return false;
  params.clear();
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i].starts_with('{')) {
      if (path[i].empty()) return false;
      params.push_back(path[i]);
    } else if (pattern[i] != path[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

const std::vector<Api::Route>& Api::RouteTable() {
  static const std::vector<Route> kRoutes = {
      {{"POST", "/api/login", false}, &Api::Login},
      {{"POST", "/api/logout", true}, &Api::Logout},
      {{"GET", "/api/me", true}, &Api::Me},
      // GetRegion also answers the pickers' searches (api_pickers.h).
      {{"GET", "/api/regions/search", true}, &Api::GetRegion},  // before {code}
      {{"GET", "/api/regions/{code}", true}, &Api::GetRegion},
      {{"GET", "/api/occupations", true}, &Api::GetRegion},
      {{"GET", "/api/accounts", true}, &Api::AccountsList},
      {{"POST", "/api/accounts", true}, &Api::AccountCreate},
      {{"POST", "/api/accounts/{account_id}/status", true}, &Api::AccountChange},
      {{"POST", "/api/accounts/{account_id}/password", true}, &Api::AccountChange},
      {{"POST", "/api/accounts/{account_id}/region", true}, &Api::AccountChange},
      {{"POST", "/api/accounts/{account_id}/grants", true}, &Api::AccountChange},
      {{"GET", "/api/persons", true}, &Api::ListPersons},
      {{"GET", "/api/persons/{person_id}", true}, &Api::GetPerson},
      {{"POST", "/api/persons/{person_id}/reveal", true}, &Api::RevealPerson},
      {{"GET", "/api/employers", true}, &Api::ListEmployers},
      {{"GET", "/api/jobs", true}, &Api::ListJobs},
      {{"GET", "/api/jobs/{job_id}", true}, &Api::GetJob},
      {{"POST", "/api/jobs/{job_id}/applications", true}, &Api::ApplyToJob},
      {{"POST", "/api/jobs/{job_id}/invitations", true}, &Api::InviteToJob},
      {{"GET", "/api/applications", true}, &Api::Applications},
      {{"GET", "/api/me/case", true}, &Api::MyCase},
      {{"POST", "/api/me/registration", true}, &Api::MyRegistration},
      {{"POST", "/api/me/invitations/{invitation_id}/answer", true}, &Api::AnswerInvitation},
      {{"POST", "/api/import/{entity}", true}, &Api::StartImport},
      {{"GET", "/api/import/jobs/{job_id}", true}, &Api::GetImportJob},
      {{"GET", "/api/import/jobs/{job_id}/rejects", true}, &Api::GetImportRejects},
      {{"GET", "/api/audit", true}, &Api::SearchAudit},
      {{"GET", "/api/stats", true}, &Api::Stats},
      {{"GET", "/api/openapi.json", false}, &Api::OpenApi},
      {{"GET", "/api/services/online-registrations", true}, &Api::Services},
      {{"POST", "/api/services/online-registrations/{registration_id}/assign", true}, &Api::Services},
      {{"GET", "/api/services/{view}", true}, &Api::Services},
      {{"POST", "/api/services/{action}", true}, &Api::Services},
      {{"GET", "/api/services/persons/{person_id}", true}, &Api::Services},
      {{"GET", "/api/calendar", true}, &Api::Calendar},
      {{"POST", "/api/calendar/notices", true}, &Api::Calendar},
      {{"GET", "/api/monitor/indicators", true}, &Api::Monitor},
      {{"GET", "/api/monitor/warnings", true}, &Api::MonitorWarnings},
      {{"GET", "/api/monitor/linkage", true}, &Api::Monitor},
      {{"GET", "/api/monitor/report", true}, &Api::MonitorReport},
      {{"GET", "/api/monitor/report/annex", true}, &Api::MonitorReport},
      {{"POST", "/api/monitor/surveyed-rate", true}, &Api::MonitorSurveyedRate},
      {{"GET", "/api/network/coverage", true}, &Api::NetworkCoverage},
      {{"GET", "/api/network/sites", true}, &Api::NetworkSites},
      {{"POST", "/api/network/sites", true}, &Api::NetworkAddSite},
      {{"POST", "/api/network/sites/{site_id}/close", true}, &Api::NetworkCloseSite},
      {{"POST", "/api/network/events", true}, &Api::NetworkAddEvent},
      {{"PUT", "/api/network/sites/{site_id}", true}, &Api::NetworkEditSite},
      {{"GET", "/api/network/agency-ratings", true}, &Api::NetworkAgencyRatings},
      {{"POST", "/api/network/sites/{site_id}/ratings", true}, &Api::NetworkRateAgency},
      {{"POST", "/api/network/sites/{site_id}/licences", true}, &Api::NetworkAddLicence},
      {{"GET", "/api/network/stations/{site_id}/work", true}, &Api::NetworkStationWork},
      {{"GET", "/api/network/communities", true}, &Api::NetworkCommunities},
      {{"POST", "/api/network/sites/{site_id}/applications", true}, &Api::NetworkCommunityApply},
      {{"POST", "/api/network/community-applications/{application_id}/assess", true}, &Api::NetworkCommunityAssess},
      {{"POST", "/api/network/stations/{site_id}/work", true}, &Api::NetworkRecordStationWork},
      {{"GET", "/api/network/evaluations", true}, &Api::NetworkEvaluations},
      {{"POST", "/api/network/sites/{site_id}/evaluations", true}, &Api::NetworkEvaluate},
      {{"GET", "/api/network/workshops", true}, &Api::NetworkWorkshops},
      {{"POST", "/api/network/workshops", true}, &Api::NetworkAddWorkshop},
      {{"PUT", "/api/network/workshops/{workshop_id}", true}, &Api::NetworkEditWorkshop},
      {{"GET", "/api/network/brands", true}, &Api::NetworkBrands},
      {{"POST", "/api/network/brands", true}, &Api::NetworkAddBrand},
      {{"PUT", "/api/network/brands/{brand_id}", true}, &Api::NetworkEditBrand},
      {{"POST", "/api/network/brands/{brand_id}/enterprises", true}, &Api::NetworkAddBrandEnterprise},
      {{"GET", "/api/network/relief-projects", true}, &Api::NetworkReliefs},
      {{"POST", "/api/network/relief-projects", true}, &Api::NetworkAddRelief},
      {{"PUT", "/api/network/relief-projects/{project_id}", true}, &Api::NetworkEditRelief},
      {{"GET", "/api/network/key-enterprises", true}, &Api::NetworkKeyEnterprises},
      {{"POST", "/api/network/key-enterprises", true}, &Api::NetworkAddKeyEnterprise},
      {{"PUT", "/api/network/key-enterprises/{enterprise_id}", true}, &Api::NetworkEditKeyEnterprise},
      {{"POST", "/api/network/key-enterprises/{enterprise_id}/contacts", true}, &Api::NetworkAddKeyContact},
      {{"GET", "/api/network/bases", true}, &Api::NetworkBases},
      {{"POST", "/api/network/bases", true}, &Api::NetworkAddBase},
      {{"PUT", "/api/network/bases/{base_id}", true}, &Api::NetworkEditBase},
      {{"GET", "/api/benefits/claims", true}, &Api::BenefitClaims},
      {{"POST", "/api/benefits/claims", true}, &Api::BenefitApply},
      {{"POST", "/api/benefits/claims/{claim_id}/stop", true}, &Api::BenefitStop},
      {{"POST", "/api/benefits/runs", true}, &Api::BenefitRun},
      {{"GET", "/api/benefits/subsidies", true}, &Api::BenefitSubsidies},
      {{"POST", "/api/benefits/subsidies", true}, &Api::BenefitSubsidyApply},
      {{"GET", "/api/benefits/persons/{person_id}", true}, &Api::BenefitPerson},
      {{"GET", "/api/me/benefits", true}, &Api::MyBenefits},
      {{"GET", "/api/loans", true}, &Api::Loans},
      {{"GET", "/api/me/loans", true}, &Api::MyLoans},
      {{"POST", "/api/loans", true}, &Api::LoanApply},
      {{"POST", "/api/loans/bank-files", true}, &Api::LoanBankFile},
      {{"POST", "/api/loans/{loan_id}/approve", true}, &Api::LoanAction},
      {{"POST", "/api/loans/{loan_id}/disburse", true}, &Api::LoanAction},
      {{"POST", "/api/loans/{loan_id}/repayments", true}, &Api::LoanAction},
      {{"POST", "/api/loans/{loan_id}/extension", true}, &Api::LoanAction},
      {{"POST", "/api/loans/{loan_id}/compensation", true}, &Api::LoanAction},
      {{"POST", "/api/loans/{loan_id}/recoveries", true}, &Api::LoanAction},
      {{"POST", "/api/loans/{loan_id}/write-off", true}, &Api::LoanAction},
      {{"GET", "/api/training/providers", true}, &Api::Training},
      {{"POST", "/api/training/providers", true}, &Api::Training},
      {{"GET", "/api/training/courses", true}, &Api::Training},
      {{"POST", "/api/training/courses", true}, &Api::Training},
      {{"GET", "/api/training/courses/{course_id}/enrolments", true}, &Api::Training},
      {{"POST", "/api/training/courses/{course_id}/enrolments", true}, &Api::Training},
      {{"POST", "/api/training/enrolments/{enrolment_id}/attendance", true}, &Api::Training},
      {{"POST", "/api/training/enrolments/{enrolment_id}/complete", true}, &Api::Training},
      {{"POST", "/api/training/enrolments/{enrolment_id}/certificate", true}, &Api::Training},
      {{"POST", "/api/training/enrolments/{enrolment_id}/subsidies", true}, &Api::Training},
      {{"GET", "/api/me/training", true}, &Api::Training},
      {{"PUT", "/api/training/courses/{course_id}", true}, &Api::Training},
      {{"POST", "/api/training/enrolments/{enrolment_id}/withdraw", true}, &Api::Training},
      {{"GET", "/api/training/persons/{person_id}/recommendations", true}, &Api::Training},
      {{"POST", "/api/training/persons/{person_id}/plan", true}, &Api::Training},
      {{"GET", "/api/linkage/batches", true}, &Api::Linkage},
      {{"GET", "/api/linkage/review", true}, &Api::Linkage},
      {{"GET", "/api/linkage/summary", true}, &Api::Linkage},
      {{"POST", "/api/linkage/review/{review_id}", true}, &Api::Linkage},
      {{"GET", "/api/linkage/encoded/pairs", true}, &Api::Linkage},
      {{"POST", "/api/linkage/encoded/pairs/{pair_id}", true}, &Api::Linkage},
      {{"GET", "/api/linkage/flags", true}, &Api::LinkageFlags},
      {{"POST", "/api/linkage/flags/{flag_id}", true}, &Api::LinkageFlags},
      {{"POST", "/api/linkage/followups/{followup_id}", true}, &Api::CloseLinkageFollowup},
      {{"GET", "/api/supervision/holds", true}, &Api::Supervision},
      {{"POST", "/api/supervision/holds/{hold_id}/release", true}, &Api::Supervision},
      {{"POST", "/api/supervision/holds/{hold_id}/confirm", true}, &Api::Supervision},
      {{"POST", "/api/supervision/holds/{hold_id}/recoveries", true}, &Api::Supervision},
      {{"GET", "/api/supervision/report", true}, &Api::Supervision},
      {{"GET", "/api/supervision/budgets", true}, &Api::Supervision},
      {{"POST", "/api/supervision/budgets", true}, &Api::Supervision},
      {{"POST", "/api/supervision/facts", true}, &Api::Supervision},
      {{"POST", "/api/supervision/screen", true}, &Api::Supervision},
      {{"GET", "/api/supervision/officers", true}, &Api::Supervision},
      {{"POST", "/api/supervision/officers", true}, &Api::Supervision},
      {{"GET", "/api/policy/params", true}, &Api::Policy},
      {{"GET", "/api/policy/eval", true}, &Api::Policy},
      {{"POST", "/api/policy/sweep", true}, &Api::Policy},
      {{"GET", "/api/policy/sweep/{job_id}", true}, &Api::Policy},
      {{"GET", "/api/policy/sweep", true}, &Api::Policy},
      {{"GET", "/api/policy/entitlements", true}, &Api::Policy},
      {{"GET", "/api/policy/entitlements/{id}/replay", true}, &Api::Policy},
      {{"POST", "/api/policy/batches", true}, &Api::Policy},
      {{"GET", "/api/policy/batches", true}, &Api::Policy},
      {{"GET", "/api/policy/batches/{batch_id}", true}, &Api::Policy},
      {{"POST", "/api/policy/batches/{batch_id}/approve", true}, &Api::Policy},
      {{"GET", "/api/policy/param-changes", true}, &Api::Policy},
      {{"POST", "/api/policy/param-changes", true}, &Api::Policy},
      {{"POST", "/api/policy/param-changes/{change_id}/approve", true}, &Api::Policy},
      {{"POST", "/api/policy/param-changes/{change_id}/reject", true}, &Api::Policy},
      {{"POST", "/api/jobs", true}, &Api::Ads},
      {{"GET", "/api/ads", true}, &Api::Ads},
      {{"GET", "/api/ads/inspection", true}, &Api::Ads},  // before {ad_id}
      {{"GET", "/api/ads/{ad_id}", true}, &Api::Ads},
      {{"POST", "/api/ads/{ad_id}/approve", true}, &Api::Ads},
      {{"POST", "/api/ads/{ad_id}/reject", true}, &Api::Ads},
      {{"POST", "/api/ads/{ad_id}/resubmit", true}, &Api::Ads},
      {{"GET", "/api/gig/markets", true}, &Api::GigMarkets},
      {{"GET", "/api/gig/posts", true}, &Api::GigPosts},
      {{"POST", "/api/gig/posts", true}, &Api::GigAddPost},
      {{"GET", "/api/gig/posts/{post_id}/workers", true}, &Api::GigPostWorkers},
      {{"POST", "/api/gig/posts/{post_id}/book", true}, &Api::GigBook},
      {{"GET", "/api/gig/availability", true}, &Api::GigAvailability},
      {{"POST", "/api/gig/availability", true}, &Api::GigAddAvailability},
      {{"GET", "/api/gig/availability/{availability_id}/posts", true}, &Api::GigAvailabilityPosts},
      {{"GET", "/api/gig/bookings", true}, &Api::GigBookings},
      {{"POST", "/api/gig/bookings/{booking_id}/complete", true}, &Api::GigCompleteBooking},
      {{"POST", "/api/gig/bookings/{booking_id}/cancel", true}, &Api::GigCancelBooking},
      {{"GET", "/api/gig/holds", true}, &Api::GigHolds},
      {{"POST", "/api/gig/holds/{hold_id}/approve", true}, &Api::GigApproveHold},
      {{"POST", "/api/gig/holds/{hold_id}/reject", true}, &Api::GigRejectHold},
      {{"GET", "/api/match/persons/{person_id}/jobs", true}, &Api::MatchRoutes},
      {{"GET", "/api/match/persons/{person_id}/profile", true}, &Api::MatchRoutes},
      {{"PUT", "/api/match/persons/{person_id}/profile", true}, &Api::MatchRoutes},
      {{"GET", "/api/match/jobs/{job_id}/candidates", true}, &Api::MatchRoutes},
      {{"GET", "/api/match/search", true}, &Api::MatchRoutes},
      {{"POST", "/api/match/batch", true}, &Api::MatchRoutes},
      {{"GET", "/api/match/batch/{batch_id}", true}, &Api::MatchRoutes},
      {{"POST", "/api/match/batch/{batch_id}/record", true}, &Api::MatchRoutes},
      {{"GET", "/api/match/batch/{batch_id}/export", true}, &Api::MatchRoutes},
      {{"POST", "/api/jobs/{job_id}/close", true}, &Api::MatchRoutes},
  };
  return kRoutes;
}

std::vector<RouteInfo> Api::Routes() {
  std::vector<RouteInfo> out;
  for (const auto& r : RouteTable()) out.push_back(r.info);
  return out;
}

Api::Api(ApiOptions options, DbPool& pool, const Vault& vault, const RegionIndex& regions,
         const auth::Clock& clock, std::shared_ptr<const ApiContext> context)
    : options_(std::move(options)),
      pool_(pool),
      vault_(vault),
      regions_(regions),
      clock_(clock),
      context_(std::move(context)),
      sessions_(clock, options_.idle_timeout),
      audit_(clock, pool.url()),
      static_files_(options_.web_root),
      imports_(pool.url(), vault, options_.work_dir,
               InvalidatingRunner(options_.import_runner, [this] { monitor_specs_->cache->Invalidate(); }), clock,
               ImportJobs::kDefaultRetentionSeconds, options_.import_limits),
      log_(options_.log),
      services_contexts_(NewServicesContexts(*context_->services)) {
  StartMonitorCache(*monitor_specs_, pool.url(), vault, clock, services_contexts_);
}

Api::~Api() { imports_.WaitAll(); }

HttpResponse Api::Handle(const HttpRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  std::string path = request.Path();
  HttpResponse response;
  if (path.empty()) {
    response = HttpResponse::Error(400, "bad_request", "请求路径无效");
  } else if (path.starts_with("/api/") || path == "/api") {
    try {
      response = Dispatch(request, path);
    } catch (const std::exception& e) {
      log_->error("{} {}: {}", request.method, path, e.what());
      response = HttpResponse::Error(500, "internal", "服务器内部错误");
    }
    StripServerPaths(response);  // no server path in any message to a client
    response.headers.emplace_back("Cache-Control", "no-store");
  } else {
    response = static_files_.Serve(request.method, path);
    response.headers.emplace_back("Content-Security-Policy",
                                  "default-src 'self'; frame-ancestors 'none'");
  }
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("X-Frame-Options", "DENY");
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
  // Under TLS, browsers must keep to HTTPS for a year (a downgrade to plain
  // HTTP would expose the session cookie).
  if (request.tls) {
    response.headers.emplace_back("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  // The query string is never logged: it may carry an ID number.
  if (log_->should_log(spdlog::level::debug)) {
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                  std::chrono::steady_clock::now() - started)
                  .count();
    log_->debug("{} {} {} {}us {}", request.method, path, response.status, us, request.client);
  }
  return response;
}

HttpResponse Api::Dispatch(const HttpRequest& request, const std::string& path) {
  const auto segments = Segments(path);
  const Route* route = nullptr;
  bool path_known = false;
  std::vector<std::string> params;
  for (const auto& r : RouteTable()) {
    if (!Match(Segments(r.info.pattern), segments, params)) continue;
    path_known = true;
    if (r.info.method == request.method) {
      route = &r;
      break;
    }
  }
  if (!route) {
    if (path_known) return HttpResponse::Error(405, "method_not_allowed", "不支持该请求方法");
    return HttpResponse::Error(404, "not_found", "没有该接口");
  }
  Match(Segments(route->info.pattern), segments, params);

  auto lease = pool_.Acquire();
  Call call{request, std::move(params), request.Query(), nullptr, lease};
  if (route->info.needs_session) {
    if (auto denied = CheckSession(call, path)) return *denied;
  }
  // One check of every JSON body against its declared schema: a field of
  // the wrong type is a 400 naming it, before any handler reads it.
  if (const BodySchema* schema = FindBodySchema(route->info.method, route->info.pattern)) {
    if (auto bad = CheckJsonBody(*schema, request)) return *bad;
  }
  HttpResponse response = (this->*route->handler)(call);
  // Facts the monitoring snapshot counts may have changed: it is stale.
  if (response.status < 300 && WritesMonitorFacts(route->info.method, route->info.pattern)) {
    monitor_specs_->cache->Invalidate();
  }
  return response;
}

std::optional<HttpResponse> Api::CheckSession(Call& call, const std::string& path) {
  const HttpRequest& request = call.req;
  auto cookie = request.Cookie(kCookieName);
  if (!cookie) return HttpResponse::Error(401, "unauthenticated", "请先登录");
  auto session = sessions_.Authenticate(*call.db, *cookie);
  if (!session) return StoreError(session.error(), *log_);
  if (!*session) {
    auto r = HttpResponse::Error(401, "unauthenticated", "会话无效或已过期，请重新登录");
    r.headers.emplace_back("Set-Cookie", std::string(kCookieName) +
                                             "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
    return r;
  }
  call.session = std::move(*session);
  if (StateChanging(request.method) &&
      !auth::SecureEquals(request.Header("x-csrf-token"), call.session->csrf_token)) {
    Audit(call, "csrf", path, "denied");
    return HttpResponse::Error(403, "csrf", "缺少或错误的 CSRF 令牌");
  }
  return std::nullopt;
}

HttpAdmission Api::Admit(const HttpRequest& request) {
  HttpAdmission out;
  if (request.method != "POST") return out;
  const std::string path = request.Path();
  const auto segments = Segments(path);
  std::vector<std::string> params;
  // The bank files of loans (api_loans_write.cc) take uploads too: only an
  // officer's session is let send one.
  const bool bank_file = path == "/api/loans/bank-files";
  if (!bank_file && !Match(Segments("/api/import/{entity}"), segments, params)) return out;
  // Answers go out before the body is read: the same headers Handle adds.
  auto finish = [&](HttpResponse r) {
    r.headers.emplace_back("Cache-Control", "no-store");
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    r.headers.emplace_back("X-Frame-Options", "DENY");
    r.headers.emplace_back("Referrer-Policy", "no-referrer");
    if (request.tls) {
      r.headers.emplace_back("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    out.reject = std::move(r);
    return out;
  };
  try {
    auto lease = pool_.Acquire();
    Call call{request, std::move(params), {}, nullptr, lease};
    if (auto denied = CheckSession(call, path)) return finish(std::move(*denied));
    const auth::Account& a = call.account();
    if (bank_file) {
      if (a.role == auth::Role::kOfficer) return out;
      Audit(call, "loans.bank_file", "bank-file", "denied");
      return finish(Forbidden());
    }
    if (a.role != auth::Role::kOfficer || auth::RegionLevel(a.region_code) < 3) {
      Audit(call, "import.start", "import:" + call.params[0], "denied");
      return finish(Forbidden());
    }
    if (!imports_.enabled()) return out;  // StartImport answers 503
    auto slot = imports_.Reserve(a.account_id);
    if (!slot) {
      Audit(call, "import.start", "import:" + call.params[0], "busy");
      return finish(HttpResponse::Error(429, "too_many_imports", slot.error().message));
    }
    out.ticket = std::move(*slot);
    return out;
  } catch (const std::exception& e) {
    log_->error("admission {}: {}", path, e.what());
    return finish(HttpResponse::Error(500, "internal", "服务器内部错误"));
  }
}

bool Api::Audit(Call& c, std::string action, std::string target, std::string result,
                std::string detail) {
  audit::AuditEntry e;
  if (c.session) {
    e.actor = c.account().username;
    e.role = std::string(auth::RoleName(c.account().role));
    e.region = c.account().region_code;
  } else {
    e.actor = "anonymous";
  }
  e.action = std::move(action);
  e.target = std::move(target);
  e.result = std::move(result);
  e.client = c.req.client;
  e.detail = std::move(detail);
  auto r = audit_.Append(*c.db, std::move(e));
  if (!r) log_->error("audit append failed: {}", r.error().message);
  return r.has_value();
}

std::string Api::RegionName(const std::string& code) const {
  if (code.empty()) return {};
  const Region* r = regions_.Find(code);
  return r ? r->name : std::string();
}

nlohmann::json Api::AccountJson(const auth::Account& a) const {
  nlohmann::json j = {{"username", a.username},
                      {"display_name", a.display_name},
                      {"role", auth::RoleName(a.role)},
                      {"role_label", auth::RoleLabel(a.role)},
                      {"region_code", a.region_code},
                      {"region_name", ""},
                      {"region_level", auth::RegionLevelName(a.region_code)},
                      {"credit_code", a.credit_code},
                      {"grants", a.grants}};
  if (!a.region_code.empty()) {
    auto full = regions_.FullName(a.region_code);
    j["region_name"] = full ? *full : RegionName(a.region_code);
  }
  return j;
}

HttpResponse Api::Login(Call& c) {
  HttpResponse error;
  auto body = ParseJsonObject(c.req, error);
  if (!body) return error;
  const auto username = body->value("username", nlohmann::json()).is_string()
                            ? (*body)["username"].get<std::string>()
                            : std::string();
  const auto password = body->value("password", nlohmann::json()).is_string()
                            ? (*body)["password"].get<std::string>()
                            : std::string();
  if (username.empty() || password.empty() || username.size() > 64 || password.size() > 256) {
    return BadRequest("请填写用户名和密码");
  }
  auto result = sessions_.Login(*c.db, username, password, c.req.client);
  if (!result) return StoreError(result.error(), *log_);
  // Audit under the claimed name; a made-up name is recorded as typed only
  // if it is a well-formed username (no free text in the trail).
  audit::AuditEntry e;
  bool plausible = username.size() <= 32 &&
                   username.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                              "0123456789_.-") == std::string::npos;
  e.actor = plausible ? username : "?";
  if (result->account) {
    e.role = std::string(auth::RoleName(result->account->role));
    e.region = result->account->region_code;
  }
  e.action = "login";
  e.target = "account";
  e.client = c.req.client;
  switch (result->status) {
    case auth::LoginStatus::kOk: e.result = "ok"; break;
    case auth::LoginStatus::kLocked: e.result = "locked"; break;
    case auth::LoginStatus::kBadCredentials: e.result = "failed"; break;
    case auth::LoginStatus::kDisabled: e.result = "disabled"; break;
    case auth::LoginStatus::kDemoPassword:
      e.result = "denied";
      e.detail = "公开的演示密码，非演示库";
      break;
  }
  if (auto r = audit_.Append(*c.db, std::move(e)); !r) {
    log_->error("audit append failed: {}", r.error().message);
  }
  if (result->status == auth::LoginStatus::kLocked) {
    return HttpResponse::Error(423, "locked", "连续登录失败次数过多，账号已锁定 15 分钟");
  }
  if (result->status == auth::LoginStatus::kDemoPassword) {
    log_->warn("login {} refused: the published demo password on a database that is not the demo",
               result->account->username);
    return HttpResponse::Error(423, "demo_password", auth::kDemoPasswordRefused);
  }
  if (result->status == auth::LoginStatus::kDisabled) {
    return HttpResponse::Error(403, "account_disabled", "该账号已被停用，无法登录；如有疑问请联系系统管理员");
  }
  if (result->status != auth::LoginStatus::kOk) {
    return HttpResponse::Error(401, "bad_credentials", "用户名或密码错误");
  }
  log_->info("login {} from {}", result->account->username, c.req.client);
  auto r = JsonOk({{"user", AccountJson(*result->account)}, {"csrf_token", result->csrf_token}});
  std::string cookie = std::string(kCookieName) + "=" + result->token +
                       "; HttpOnly; SameSite=Strict; Path=/";
  if (c.req.tls) cookie += "; Secure";
  r.headers.emplace_back("Set-Cookie", std::move(cookie));
  return r;
}

HttpResponse Api::Logout(Call& c) {
  auto cookie = c.req.Cookie(kCookieName);
  if (cookie) {
    if (auto r = sessions_.Logout(*c.db, *cookie); !r) return StoreError(r.error(), *log_);
  }
  Audit(c, "logout", "account", "ok");
  HttpResponse r;
  r.status = 204;
  r.content_type.clear();
  r.headers.emplace_back("Set-Cookie", std::string(kCookieName) +
                                           "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
  return r;
}

HttpResponse Api::Me(Call& c) {
  const auth::Account& a = c.account();
  nlohmann::json user = AccountJson(a);
  if (a.role == auth::Role::kSeeker) {
    // The person bound to the seeker's ID (keyed hash); null before the
    // person is registered.
    auto person = SeekerPersonId(*c.db, a);
    if (!person) return StoreError(person.error(), *log_);
    user["person_id"] = *person != 0 ? nlohmann::json(*person) : nlohmann::json(nullptr);
    // The header names the person (masked) and the place of residence,
    // never the account's role twice (trial 3: "求职者 求职者").
    if (*person != 0) {
      auto p = store::RegistryStore(*c.db, vault_).GetPerson(*person);
      if (!p) return StoreError(p.error(), *log_);
      if (*p) {
        user["person_name_masked"] = MaskPersonName((*p)->name);
        const std::string& place = (*p)->residence_region.empty() ? (*p)->hukou_region : (*p)->residence_region;
        auto full = regions_.FullName(place);
        user["region_name"] = full ? *full : RegionName(place);
      }
    }
  }
  if (a.role == auth::Role::kEmployer) {
    // The header names the employer, not its credit code (trial 3).
    auto name = store::EmployerName(*c.db, a.credit_code);
    if (!name) return StoreError(name.error(), *log_);
    user["employer_name"] = name->value_or("");
  }
  // The server's date in China: pages take "today" from here, not from the
  // browser's clock (qjy serve --today moves it on the demo).
  return JsonOk({{"user", std::move(user)},
                 {"csrf_token", c.session->csrf_token},
                 {"today", Date::InChina(clock_.Now()).ToString()},
                 {"now", auth::IsoUtc(clock_.Now())}});
}

HttpResponse Api::GetRegion(Call& c) {
  // The pickers' searches share this handler so the Api class needs no new
  // members: GET /api/regions/search and GET /api/occupations.
  const std::string path = c.req.Path();
  if (path == "/api/regions/search") return SearchRegions(c, regions_);
  if (path == "/api/occupations") return SearchOccupations(c, *log_);
  const Region* r = regions_.Find(c.params[0]);
  if (!r) return NotFound("没有该区划");
  nlohmann::json children = nlohmann::json::array();
  if (auto kids = regions_.Children(r->code); kids) {
    for (const auto& k : *kids) {
      children.push_back({{"code", k.code}, {"name", k.name}, {"level", RegionLevelName(k.level)}});
    }
  }
  nlohmann::json j = {{"code", r->code},
                      {"name", r->name},
                      {"full_name", regions_.FullName(r->code).value_or(r->name)},
                      {"level", RegionLevelName(r->level)},
                      {"parent", r->parent_code},
                      {"children", std::move(children)}};
  return JsonOk(j);
}

HttpResponse Api::OpenApi(Call&) { return HttpResponse::Json(200, std::string(OpenApiJson())); }

}  // namespace qjy::server
