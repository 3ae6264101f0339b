// 政策找企业 from the policy page as a background job (#19 §2): a
// province-wide sweep takes about 50 s on 1 M persons, longer than a request
// may be held, so
//   POST /api/policy/sweep {"date","region"}  officers, within their region:
//        202 {"job_id"}; the sweep (PolicyApi::RunSweep) runs on its own
//        thread and connection as a job of server/import_jobs.h (StartTask:
//        the import jobs' limits and retention; one sweep of a region at a
//        time, 409 otherwise);
//   GET  /api/policy/sweep/{job_id}  its starter and the officers whose
//        region covers the sweep's (404 for others):
//        {"job_id", "state": "running"|"done"|"failed", "stage",
//         "stage_text", "counties_done", "counties_total", "progress_text",
//         "scope_note", "region", "region_name", "date", "started_by",
//         "started_at", "mine", "result"} where result is what the sweep
//        answered in the request before (entitlements, added, revisited, …,
//        supervision) or {"error","message"}; progress_text says in words
//        where it is (also when no county had anything to write), scope_note
//        why a township's sweep has no county-by-county progress;
//   GET  /api/policy/sweep?region=R  officers (R within their region,
//        default their own): {"items": [...]} the sweeps of exactly R still
//        kept (running, or ended within the jobs' retention), latest first,
//        at most 5, as above — so the policy page finds a running or recent
//        sweep after a reload, and other officers of the region see it.
// A sweep's description (region, date, the starter's user name, when) is
// kept beside its job, per ImportJobs, until the job itself is no longer
// kept; it holds no personal data. Thread-safe.
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
#include "core/regions.h"
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

// GET /api/policy/sweep/{job_id} by `account`.
HttpResponse PolicySweepJob(ImportJobs& jobs, const std::string& job_id, const auth::Account& account,
                            const RegionIndex& regions);

// GET /api/policy/sweep?region= by officer `account` (`region` "" = theirs).
HttpResponse PolicySweepList(ImportJobs& jobs, const std::string& region, const auth::Account& account,
                             const RegionIndex& regions);

}  // namespace qjy::server

#endif  // QJY_SERVER_API_POLICY_SWEEP_JOB_H_
