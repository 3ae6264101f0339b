// The policy engine over HTTP (issue #5): 企业找政策, 政策找企业 and the
// officer's review and batch approval, plus the parameter browser.
//   GET  /api/policy/params                          every parameter, clause, history
//   GET  /api/policy/eval?person=ID|employer=CODE&date=YYYY-MM-DD
//   POST /api/policy/sweep        {"date","region"}  → review list (through
//                                 Api as a background job, api_policy_sweep_job.h;
//                                 synchronous here, for callers of PolicyApi)
//   GET  /api/policy/entitlements?status=&region=&rule=&after=
//   GET  /api/policy/entitlements/{id}/replay  复核/申诉: the decision replayed
//                                 from its record and under today's parameters,
//                                 with the differences (policy/replay.h);
//                                 outside the caller's region 404; audited
//   POST /api/policy/batches      {"once_keys":[...]} | {"all":true,"region","rule"}
//                                 提交审批: freezes a payment batch (201)
//   GET  /api/policy/batches?status=          batches in scope, totals per fund
//   GET  /api/policy/batches/{id}             one batch with its items: names,
//                                             masked IDs, each explanation
//   POST /api/policy/batches/{id}/approve     审批支付: needs the account grant
//                                 "approve_payment" and the two-person rule
//                                 (policy_services/payment_batch.h)
// There is no other way to pay: no single-entitlement or "approve all" route.
// PolicyApi holds no session logic: the caller (Api) authenticates, checks
// the role (officers approve, within their region) and passes the actor and
// the region scope. Thread-safe: Handle() may run concurrently, each call
// with its own connection.
#ifndef QJY_SERVER_API_POLICY_H_
#define QJY_SERVER_API_POLICY_H_

#include <functional>
#include <string>

#include "audit/audit_log.h"
#include "auth/clock.h"
#include "policy/engine.h"
#include "policy/facts.h"
#include "policy/world_loader.h"
#include "server/http_message.h"
#include "server/import_jobs.h"
#include "store/db.h"
#include "store/registry_store.h"

namespace qjy::server {

class PolicyApi {
 public:
  PolicyApi(const policy::Engine& engine, policy::RegistrationSource& registrations, audit::AuditLog& audit,
            const auth::Clock& clock)
      : engine_(engine), registrations_(registrations), audit_(audit), clock_(clock) {}

  // The steps of RunSweep, in ImportProgress::stage.
  static constexpr int kSweepLoading = 0, kSweepEvaluating = 1, kSweepWriting = 2, kSweepChecking = 3;

  // 政策找企业 over `region` on `date` (the work of POST /api/policy/sweep):
  // in passes of consecutive counties (policy::SweepPasses at
  // kSweepPassBudget own persons; one pass's world in memory at a time),
  // every entitlement into the review list (written county by county, one
  // transaction each), the pass's earlier proposals rechecked, counting
  // progress->rows_done of rows_total counties swept; then fund
  // supervision's screening; the summary JSON (with counties_written, the
  // counties whose review list got entries). `progress` may be null.
  // Outside a transaction.
  // `pass_budget`: own persons a pass (tests make it small).
  Result<nlohmann::json> RunSweep(store::Db& db, store::RegistryStore& registry, const std::string& actor,
                                  const std::string& region, Date date, ImportProgress* progress,
                                  int64_t pass_budget = policy::kSweepPassBudget);

  // True when `path` is one of the routes above.
  static bool Handles(const std::string& path);
  // `region_scope`: the caller's region prefix ("" = province).
  // `may_approve`: the caller holds the grant policy_services::kApproveGrant.
  HttpResponse Handle(const HttpRequest& req, store::Db& db, store::RegistryStore& registry,
                      const std::string& actor, const std::string& region_scope, bool may_approve = false);

  // Names regions (by code) in the fund-supervision summaries the review
  // list shows; without it county codes stay as they are.
  void set_region_name(std::function<std::string(const std::string&)> f) { region_name_ = std::move(f); }

 private:
  HttpResponse Params();
  HttpResponse Eval(const HttpRequest& req, store::Db& db, store::RegistryStore& registry);
  HttpResponse Sweep(const HttpRequest& req, store::Db& db, store::RegistryStore& registry,
                     const std::string& actor, const std::string& scope);
  HttpResponse List(const HttpRequest& req, store::Db& db, store::RegistryStore& registry, const std::string& scope);
  HttpResponse Replay(const HttpRequest& req, store::Db& db, store::RegistryStore& registry, const std::string& actor,
                      const std::string& scope);
  HttpResponse Batches(const HttpRequest& req, store::Db& db, store::RegistryStore& registry,
                       const std::string& actor, const std::string& scope, bool may_approve);

  const policy::Engine& engine_;
  policy::RegistrationSource& registrations_;
  audit::AuditLog& audit_;
  const auth::Clock& clock_;
  std::function<std::string(const std::string&)> region_name_;
};

}  // namespace qjy::server

#endif  // QJY_SERVER_API_POLICY_H_
