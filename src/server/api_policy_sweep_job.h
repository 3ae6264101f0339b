// 政策找企业 from the policy page as a background job (#19 §2): a
// province-wide sweep takes about 50 s on 1 M persons, longer than a request
// may be held, so
//   POST /api/policy/sweep {"date","region"}  officers, within their region:
//        202 {"job_id"}; the sweep (PolicyApi::RunSweep) runs on its own
//        thread and connection as a job of server/import_jobs.h (StartTask:
//        the import jobs' limits and retention; one sweep of a region at a
//        time, 409 otherwise);
//   GET  /api/policy/sweep/{job_id}  the starter only (404 for others):
//        {"state": "running"|"done"|"failed", "stage", "stage_text",
//         "counties_done", "counties_total", "result"} where result is what
//        the sweep answered in the request before (entitlements, added,
//        revisited, …, supervision) or {"error","message"}.
// The caller (Api::Policy) has checked the role, and writes the audit row
// returned (policy.sweep with region and date); the ledger audits every
// proposal as before.
#ifndef QJY_SERVER_API_POLICY_SWEEP_JOB_H_
#define QJY_SERVER_API_POLICY_SWEEP_JOB_H_

#include <memory>
#include <optional>
#include <string>

#include "audit/audit_log.h"
#include "auth/account.h"
#include "auth/clock.h"
#include "core/vault.h"
#include "policy/engine.h"
#include "server/http_message.h"
#include "server/import_jobs.h"

namespace qjy::server {

struct SweepStartAudit {
  std::string target, result, detail;
};

struct SweepStartAnswer {
  HttpResponse response;
  std::optional<SweepStartAudit> audit;
};

// POST /api/policy/sweep by officer `account`. `engine`, `vault`, `audit`
// and `clock` must outlive `jobs`' threads.
SweepStartAnswer StartPolicySweep(const HttpRequest& req, const auth::Account& account, ImportJobs& jobs,
                                  std::shared_ptr<const policy::Engine> engine, const Vault& vault,
                                  audit::AuditLog& audit, const auth::Clock& clock);

// GET /api/policy/sweep/{job_id} by `account_id`.
HttpResponse PolicySweepJob(ImportJobs& jobs, const std::string& job_id, int64_t account_id);

}  // namespace qjy::server

#endif  // QJY_SERVER_API_POLICY_SWEEP_JOB_H_
