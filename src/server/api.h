// The JSON API of docs/api.md and the static web UI, independent of the
// transport: Handle() maps one HttpRequest to one HttpResponse.
//
// Every API route is declared once in the route table (api.cc) with whether
// it needs a session; state-changing methods (POST/PUT/PATCH/DELETE) other
// than POST /api/login also need the session's CSRF token in X-CSRF-Token.
// Every read of a person record, every reveal, login, import and audit
// search is written to the audit trail.
//
// Thread-safety: Handle() is called concurrently by the server's worker
// threads; each call leases its own database connection.
#ifndef QJY_SERVER_API_H_
#define QJY_SERVER_API_H_

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <spdlog/logger.h>

#include "audit/audit_log.h"
#include "auth/clock.h"
#include "auth/session_manager.h"
#include "core/regions.h"
#include "core/vault.h"
#include "registry/model.h"
#include "server/db_pool.h"
#include "server/http_message.h"
#include "server/http_server.h"
#include "server/import_jobs.h"
#include "server/static_files.h"
#include "services/workday_index.h"
#include "services/worklist.h"

namespace qjy::ads {
class Screener;
class WageReference;
}  // namespace qjy::ads
namespace qjy::match {
class MatchIndex;
}  // namespace qjy::match
namespace qjy::policy {
class ParameterSet;
}  // namespace qjy::policy
namespace qjy::monitor {
struct IndicatorSpec;
struct MonthlySpec;
struct WarningSpec;
}  // namespace qjy::monitor
namespace qjy::services {
class ServicesStore;
class ServicesContext;
struct RegistrationRequest;
}  // namespace qjy::services
namespace qjy::store {
class RegistryStore;
}  // namespace qjy::store

namespace qjy::server {

struct ApiOptions {
  std::filesystem::path web_root;
  std::filesystem::path work_dir;  // uploads, rejects files
  ImportRunner import_runner;      // empty: imports answer 503
  std::shared_ptr<spdlog::logger> log;
  int64_t idle_timeout = auth::kDefaultIdleTimeout;
  ImportLimits import_limits;      // concurrent imports per account and in all (429 beyond)
};

// The match index and search of one Api, loaded on first use (api_match.cc).
struct MatchState;
std::shared_ptr<MatchState> NewMatchState();
struct MatchBatchJobs;
std::shared_ptr<MatchBatchJobs> NewMatchBatchJobs();
class ServicesContexts;  // services_contexts.h
std::shared_ptr<ServicesContexts> NewServicesContexts(const services::ServicesContext& shipped);
struct ApiContext;  // api_context.h: the configuration loaded at start
struct PolicyEngines;  // api_policy_routes.cc
std::shared_ptr<PolicyEngines> NewPolicyEngines();
struct MonitorSpecs;  // api_monitor.cc
std::shared_ptr<MonitorSpecs> NewMonitorSpecs();

struct RouteInfo {
  std::string method;
  std::string pattern;  // "/api/persons/{person_id}"
  bool needs_session = true;
};

class Api {
 public:
  // `context`: the configuration built before the server listens
  // (LoadApiContext(), api_context.h); not null.
  Api(ApiOptions options, DbPool& pool, const Vault& vault, const RegionIndex& regions,
      const auth::Clock& clock, std::shared_ptr<const ApiContext> context);
  ~Api();

  HttpResponse Handle(const HttpRequest& request);
  // The transport's admission check (HttpServerOptions::admission), called
  // with the headers before the body is read. For POST /api/import/{entity}:
  // no valid session → 401, a wrong CSRF token or a role that may not
  // import → 403, the account or the server at its import limit → 429;
  // else a reserved import slot (ImportSlot) that StartImport takes over.
  // For POST /api/loans/bank-files: no valid session → 401, a wrong CSRF
  // token or a role other than officer → 403 (audited), before the upload
  // is read. Every other request is admitted as is.
  HttpAdmission Admit(const HttpRequest& headers_only);

  // The API routes, for the OpenAPI check.
  static std::vector<RouteInfo> Routes();

  void WaitForImports() { imports_.WaitAll(); }

  // The online match index (api_match.cc): a job posted, changed or closed
  // anywhere in the server (e.g. the job-posting desk) is passed here, so
  // the next recommendation or search sees it. Thread-safe; a job the
  // index rejects (unknown occupation code, ...) is logged and skipped.
  void MatchJobPosted(const registry::Job& job);
  void MatchJobClosed(int64_t job_id);
  // Loads the match index (and the job search built from it) now, on the
  // calling thread, unless a request already has: `qjy serve` runs this on
  // a thread of its own as soon as it listens, so that the first match,
  // posting or screening after a restart does not wait for a load that takes
  // minutes on a whole province. A request arriving meanwhile waits for the
  // same load (it happens once). The load's error, if any.
  Result<void> WarmMatchIndex();
  // Whether the match index is loaded (false while loading, or when its load failed).
  bool MatchIndexReady() const;
  // Stops a match-index load in progress (the server is shutting down): the
  // statement it runs is interrupted (store::Db::Interrupt) and no further
  // one starts; the load ends as failed. Thread-safe; a later load fails
  // at once.
  void StopMatchIndexLoad();

  struct Call;  // one request in flight (api.cc)
  // A write to one record named by the path (RecordForWrite below).
  struct WriteTarget {
    const char* action;   // audit action, "network.site.edit"
    const char* kind;     // audit target prefix, "site"
    const char* missing;  // the 404 text, "没有该服务网点"
    std::string Target(const Call& c) const;  // "kind:" + the path's id
  };

 private:
  HttpResponse Dispatch(const HttpRequest& request, const std::string& path);
  // Authenticates `call` (session cookie, CSRF for state-changing methods):
  // sets call.session, or returns the 401/403 to answer.
  std::optional<HttpResponse> CheckSession(Call& call, const std::string& path);

  HttpResponse Login(Call& c);
  HttpResponse Logout(Call& c);
  HttpResponse Me(Call& c);
  HttpResponse GetRegion(Call& c);
  HttpResponse ListPersons(Call& c);
  HttpResponse GetPerson(Call& c);
  HttpResponse RevealPerson(Call& c);
  HttpResponse ListEmployers(Call& c);
  HttpResponse ListJobs(Call& c);
  HttpResponse StartImport(Call& c);
  HttpResponse GetImportJob(Call& c);
  HttpResponse GetImportRejects(Call& c);
  HttpResponse SearchAudit(Call& c);
  HttpResponse OpenApi(Call& c);
  HttpResponse Stats(Call& c);     // api_stats.cc: GET /api/stats
  HttpResponse Services(Call& c);  // api_services.cc: /api/services/...
  HttpResponse Calendar(Call& c);
  HttpResponse Monitor(Call& c);   // api_monitor.cc: GET /api/monitor/indicators  // api_calendar.cc: /api/calendar, POST /api/calendar/notices
  HttpResponse MonitorWarnings(Call& c);  // api_monitor_warnings.cc: GET /api/monitor/warnings
  HttpResponse MonitorReport(Call& c);
  HttpResponse MonitorSurveyedRate(Call& c);  // api_monitor_rates.cc: POST /api/monitor/surveyed-rate  // api_monitor.cc: GET /api/monitor/report[/annex]
  // The indicator files, loaded once (api_monitor.cc); nullptr and a 503 in `error` when they fail.
  const std::vector<monitor::IndicatorSpec>* MonitorSpecList(HttpResponse& error);
  // The warning files (policy/warnings), loaded once; nullptr and a 503 in `error` when they fail.
  const std::vector<monitor::WarningSpec>* MonitorWarningSpecList(HttpResponse& error);
  const std::vector<monitor::MonthlySpec>* MonitorMonthlySpecList(HttpResponse& error);
  // The month-end indicators of the region as JSON (api_monitor_rates.cc).
  std::optional<nlohmann::json> MonitorMonthly(Call& c, services::ServicesStore& services,
                                               store::RegistryStore& registry, const std::string& region,
                                               const std::vector<std::string>& children, int year, int month,
                                               HttpResponse& error);
  // api_network.cc: the service network (issue #15)
  HttpResponse NetworkCoverage(Call& c);   // GET /api/network/coverage
  HttpResponse NetworkSites(Call& c);      // GET /api/network/sites
  HttpResponse NetworkAddSite(Call& c);    // POST /api/network/sites
  HttpResponse NetworkCloseSite(Call& c);  // POST /api/network/sites/{site_id}/close
  HttpResponse NetworkAddEvent(Call& c);   // POST /api/network/events
  HttpResponse NetworkEditSite(Call& c);   // PUT /api/network/sites/{site_id}
  // api_network_workshops.cc: 就业帮扶车间（基地） registry
  HttpResponse NetworkWorkshops(Call& c);        // GET /api/network/workshops
  HttpResponse NetworkAddWorkshop(Call& c);      // POST /api/network/workshops
  HttpResponse NetworkEditWorkshop(Call& c);     // PUT /api/network/workshops/{workshop_id}
  // api_network_programmes.cc: labour brands and work-relief projects.
  HttpResponse NetworkBrands(Call& c);              // GET /api/network/brands
  HttpResponse NetworkAddBrand(Call& c);            // POST /api/network/brands
  HttpResponse NetworkEditBrand(Call& c);           // PUT /api/network/brands/{brand_id}
  HttpResponse NetworkAddBrandEnterprise(Call& c);  // POST /api/network/brands/{brand_id}/enterprises
  HttpResponse NetworkReliefs(Call& c);             // GET /api/network/relief-projects
  HttpResponse NetworkAddRelief(Call& c);           // POST /api/network/relief-projects
  HttpResponse NetworkEditRelief(Call& c);          // PUT /api/network/relief-projects/{project_id}
  // api_network_key_enterprises.cc: key enterprises and their 人社服务专员.
  HttpResponse NetworkKeyEnterprises(Call& c);        // GET /api/network/key-enterprises
  HttpResponse NetworkAddKeyEnterprise(Call& c);      // POST /api/network/key-enterprises
  HttpResponse NetworkEditKeyEnterprise(Call& c);     // PUT /api/network/key-enterprises/{enterprise_id}
  HttpResponse NetworkAddKeyContact(Call& c);         // POST /api/network/key-enterprises/{enterprise_id}/contacts
  // api_network_quality.cc: HR-agency ratings (A4(二)), annual evaluations (main(十三))
  HttpResponse NetworkAgencyRatings(Call& c);  // GET /api/network/agency-ratings
  HttpResponse NetworkRateAgency(Call& c);     // POST /api/network/sites/{site_id}/ratings
  HttpResponse NetworkAddLicence(Call& c);     // POST /api/network/sites/{site_id}/licences
  HttpResponse NetworkStationWork(Call& c);        // GET /api/network/stations/{site_id}/work
  HttpResponse NetworkCommunities(Call& c);        // GET /api/network/communities
  HttpResponse NetworkCommunityApply(Call& c);     // POST /api/network/sites/{site_id}/applications
  HttpResponse NetworkCommunityAssess(Call& c);    // POST /api/network/community-applications/{application_id}/assess
  HttpResponse NetworkRecordStationWork(Call& c);  // POST /api/network/stations/{site_id}/work
  HttpResponse NetworkEvaluations(Call& c);    // GET /api/network/evaluations
  HttpResponse NetworkEvaluate(Call& c);       // POST /api/network/sites/{site_id}/evaluations
  // api_network_bases.cc: 粤黔“一县一企”稳岗就业基地 (A2(一)).
  HttpResponse NetworkBases(Call& c);     // GET /api/network/bases
  HttpResponse NetworkAddBase(Call& c);   // POST /api/network/bases
  HttpResponse NetworkEditBase(Call& c);  // PUT /api/network/bases/{base_id}
  // api_benefits.cc: 失业保险金 (issue #16 §1)
  HttpResponse BenefitClaims(Call& c);  // GET /api/benefits/claims
  HttpResponse BenefitApply(Call& c);   // POST /api/benefits/claims
  HttpResponse BenefitStop(Call& c);    // POST /api/benefits/claims/{claim_id}/stop
  HttpResponse BenefitRun(Call& c);     // POST /api/benefits/runs
  HttpResponse BenefitSubsidies(Call& c);     // GET /api/benefits/subsidies
  HttpResponse BenefitSubsidyApply(Call& c);  // POST /api/benefits/subsidies
  HttpResponse BenefitPerson(Call& c);        // GET /api/benefits/persons/{person_id}
  HttpResponse MyBenefits(Call& c);           // GET /api/me/benefits
  // api_loans.cc: guaranteed start-up loans (issue #16 §3)
  HttpResponse Loans(Call& c);     // GET /api/loans
  HttpResponse MyLoans(Call& c);   // GET /api/me/loans
  // api_loans_write.cc: the officer's writes
  HttpResponse LoanApply(Call& c);     // POST /api/loans
  HttpResponse LoanAction(Call& c);    // POST /api/loans/{loan_id}/{approve,disburse,…}
  HttpResponse LoanBankFile(Call& c);  // POST /api/loans/bank-files (multipart)
  // api_training.cc: vocational training (issue #16 §2): /api/training/*, GET /api/me/training
  HttpResponse Training(Call& c);
  // api_training_plan.cc: GET /api/training/persons/{id}/recommendations, POST .../plan
  HttpResponse TrainingPerson(Call& c);
  // The recommendations, gaps and plan of a person already scoped (also in GET /api/me/training).
  Result<nlohmann::json> TrainingAdvice(Call& c, const registry::Person& p);
  HttpResponse Linkage(Call& c);   // api_linkage.cc: /api/linkage/... (issue #18)
  HttpResponse LinkageFlags(Call& c);  // api_linkage_flags.cc: /api/linkage/flags (A4(九), A3(四))
  HttpResponse CloseLinkageFollowup(Call& c);  // api_linkage_followups.cc: POST /api/linkage/followups/{followup_id}
  // api_services.cc: return follow-ups of partner comparisons in the queue and on the person page.
  Result<std::vector<services::WorkItem>> LinkageQueue(store::Db& db, const std::string& region, Date as_of,
                                                       const services::WorkdayIndex& workdays);
  Result<nlohmann::json> LinkageFollowupsOf(store::Db& db, int64_t person_id, Date as_of,
                                            const services::WorkdayIndex& workdays);
  // api_accounts.cc: 账号管理 (issue #14), /api/accounts[/{account_id}/status|password|region|grants]
  HttpResponse AccountsList(Call& c);
  HttpResponse AccountCreate(Call& c);
  HttpResponse AccountChange(Call& c);
  nlohmann::json AdminAccountJson(store::Db& db, const auth::Account& a) const;
  HttpResponse Policy(Call& c);    // api_policy_routes.cc: /api/policy/...
  HttpResponse Supervision(Call& c);  // api_supervision.cc: /api/supervision/... (资金监管)
  HttpResponse Ads(Call& c);       // api_ads.cc: POST /api/jobs, /api/ads/...
  // The gig board: api_gig.cc (its comment lists the routes), api_gig_matching.cc,
  // api_gig_bookings.cc, api_gig_holds.cc.
  std::optional<HttpResponse> GigNotReady(Call& c);  // the gig migrations, once
  HttpResponse GigMarkets(Call& c);            // GET /api/gig/markets
  HttpResponse GigPosts(Call& c);              // GET /api/gig/posts
  HttpResponse GigAddPost(Call& c);            // POST /api/gig/posts
  HttpResponse GigPostWorkers(Call& c);        // GET /api/gig/posts/{post_id}/workers
  HttpResponse GigBook(Call& c);               // POST /api/gig/posts/{post_id}/book
  HttpResponse GigAvailability(Call& c);       // GET /api/gig/availability
  HttpResponse GigAddAvailability(Call& c);    // POST /api/gig/availability
  HttpResponse GigAvailabilityPosts(Call& c);  // GET /api/gig/availability/{availability_id}/posts
  HttpResponse GigBookings(Call& c);           // GET /api/gig/bookings
  HttpResponse GigCompleteBooking(Call& c);    // POST /api/gig/bookings/{booking_id}/complete
  HttpResponse GigCancelBooking(Call& c);      // POST /api/gig/bookings/{booking_id}/cancel
  HttpResponse GigSettleBooking(Call& c, bool cancel);
  HttpResponse GigHolds(Call& c);              // GET /api/gig/holds
  HttpResponse GigApproveHold(Call& c);        // POST /api/gig/holds/{hold_id}/approve
  HttpResponse GigRejectHold(Call& c);         // POST /api/gig/holds/{hold_id}/reject
  HttpResponse GigReviewHold(Call& c, bool approve);
  HttpResponse MatchRoutes(Call& c);  // api_match.cc: /api/match/..., POST /api/jobs/{id}/close
  // The shipped configuration: never null, loaded before the server listens
  // (api_ads.cc, api_policy_routes.cc; `error` stays empty, kept for the
  // callers of the lazy loaders these replace).
  const ads::Screener* AdsScreener(std::string& error) const;
  const policy::ParameterSet* ShippedPolicyParams(std::string& error) const;
  // Runs `migrate` once per Api for `key` (e.g. the pool URL + "#ads").
  Result<void> EnsureMigrated(const std::string& key, DbPool::Lease& db, Result<void> (*migrate)(store::Db&));
  // api_match.cc: the match index, loaded on first use (null with *error
  // when it cannot be); shared by matching, training recommendations and
  // the journeys. Re-dated when the date in China has moved on since.
  match::MatchIndex* MatchIndexFor(Call& c, std::string* error);
  void LoadMatchIndexOnce(store::Db& db);
  void RedateMatchIndex(Call& c, Date today);
  // api_match.cc: posted pay per occupation for the pay-bait check of the
  // ad screener, taken from the match index (loaded if need be): built
  // once per index day and again when the index has grown by a twentieth
  // since (new postings), shared by the requests that screen meanwhile.
  // Null when the index is unavailable (the screener then uses its flat
  // ceiling and says so).
  std::shared_ptr<const ads::WageReference> AdsWageReference(Call& c);
  // Whether the person is among the job's top-k recommended candidates
  // (false for a job the index does not hold). kIo when matching is unavailable.
  Result<bool> MatchIsCandidate(Call& c, int64_t job_id, int64_t person_id, size_t k);
  // api_services.cc: the one registration path (officers at the counter,
  // seekers online), and a person's case (registrations, level, category,
  // obligations, records) for the person page and the seeker's home.
  HttpResponse RegisterPerson(Call& c, const registry::Person& person, services::RegistrationRequest req,
                              const services::ServicesContext& ctx);
  std::optional<nlohmann::json> PersonCase(Call& c, const services::ServicesContext& ctx,
                                           const registry::Person& person, Date as_of, HttpResponse& error);
  // api_journeys.cc: the seeker's and the employer's journey (issue #14).
  HttpResponse MyCase(Call& c);             // GET /api/me/case
  HttpResponse MyRegistration(Call& c);     // POST /api/me/registration
  HttpResponse GetJob(Call& c);             // GET /api/jobs/{job_id}
  HttpResponse ApplyToJob(Call& c);         // POST /api/jobs/{job_id}/applications
  HttpResponse Applications(Call& c);       // GET /api/applications
  HttpResponse InviteToJob(Call& c);        // POST /api/jobs/{job_id}/invitations
  HttpResponse AnswerInvitation(Call& c);   // POST /api/me/invitations/{invitation_id}/answer
  // api_match_profile.cc: GET/PUT /api/match/persons/{id}/profile (person already scoped)
  HttpResponse MatchProfile(Call& c, const registry::Person& person, match::MatchIndex& index);
  // api_match_batch.cc: POST /api/match/batch, GET /api/match/batch/{id}
  HttpResponse MatchBatch(Call& c, match::MatchIndex& index);

  // Writes one audit row for the caller; failures are logged, not returned
  // (the response still goes out), except where the caller checks.
  bool Audit(Call& c, std::string action, std::string target, std::string result,
             std::string detail = "");

  // --- Writes to one record named by the path (api_write.h, api_write.cc) ---
  // The record `c.params[0]` names, for a write by an officer whose region
  // covers it. `find(id)` looks it up (Result<std::optional<R>>); `in_scope(a,
  // r)` says whether account `a` may write record `r`. Otherwise empty, with
  // `out` the response to return: 404 `t.missing` when the id is not a number
  // or not found; 403, audited as `t.action` "denied" on "t.kind:id", when the
  // caller is no officer or the record lies outside their region; 500 on a
  // store error.
  template <class R, class Find, class InScope>
  std::optional<R> RecordForWrite(Call& c, const WriteTarget& t, Find&& find, InScope&& in_scope,
                                  HttpResponse& out);
  // The response to a store write that failed under `action` on `target`,
  // audited: invalid argument 400 ("rejected" with the message), not found
  // 404, permission denied 403 ("denied"), conflict 409, anything else 500.
  HttpResponse WriteFailed(Call& c, std::string_view action, const std::string& target, const Error& e);
  nlohmann::json AccountJson(const auth::Account& a) const;
  std::string RegionName(const std::string& code) const;
  // Villages and townships under `within` whose name contains `text` (or
  // `text` itself when it is a region code inside `within`), at most `max`.
  std::vector<std::string> PlacesNamed(const std::string& text, const std::string& within,
                                       size_t max) const;

  ApiOptions options_;
  DbPool& pool_;
  const Vault& vault_;
  const RegionIndex& regions_;
  const auth::Clock& clock_;
  const std::shared_ptr<const ApiContext> context_;
  auth::SessionManager sessions_;
  audit::AuditLog audit_;
  StaticFiles static_files_;
  ImportJobs imports_;
  std::shared_ptr<spdlog::logger> log_;
  std::shared_ptr<MatchState> match_ = NewMatchState();  // api_match.cc
  // Batch runs read match_'s index: declared after it, so their threads are
  // joined before the index is destroyed.
  std::shared_ptr<MatchBatchJobs> batch_jobs_ = NewMatchBatchJobs();
  std::shared_ptr<ServicesContexts> services_contexts_;  // services_contexts.h, over context_->services
  std::shared_ptr<PolicyEngines> policy_engines_ = NewPolicyEngines();  // api_policy_routes.cc
  // Subsystem migrations run by EnsureMigrated (keys), once per Api.
  std::mutex migrated_mu_;
  std::set<std::string> migrated_;  // guarded by migrated_mu_
  std::shared_ptr<MonitorSpecs> monitor_specs_ = NewMonitorSpecs();  // api_monitor.cc

  using Handler = HttpResponse (Api::*)(Call&);
  struct Route {
    RouteInfo info;
    Handler handler;
  };
  static const std::vector<Route>& RouteTable();
};

}  // namespace qjy::server

#endif  // QJY_SERVER_API_H_
