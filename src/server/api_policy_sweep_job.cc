#include "server/api_policy_sweep_job.h"

#include "core/date.h"
#include "policy_services/store_registrations.h"
#include "server/api_internal.h"
#include "server/api_policy.h"
#include "store/registry_store.h"

namespace qjy::server {
namespace {

const char* StageText(int stage) {
  switch (stage) {
    case PolicyApi::kSweepLoading: return "载入登记数据";
    case PolicyApi::kSweepEvaluating: return "逐项评估政策条件";
    case PolicyApi::kSweepWriting: return "按县（市、区）写入待审核清单";
    default: return "复核既有待审核项并进行资金监管筛查";
  }
}

}  // namespace

SweepStartAnswer StartPolicySweep(const HttpRequest& req, const auth::Account& account, ImportJobs& jobs,
                                  std::shared_ptr<const policy::Engine> engine, const Vault& vault,
                                  audit::AuditLog& audit, const auth::Clock& clock) {
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  if (!body.is_object()) return {HttpResponse::Error(400, "bad_request", "请求体须为 JSON 对象"), {}};
  auto date = Date::Parse(body.value("date", ""));
  if (!date) return {HttpResponse::Error(400, "bad_request", "日期无效，应为 YYYY-MM-DD"), {}};
  const std::string region = body.value("region", account.region_code);
  if (!region.starts_with(account.region_code)) {
    return {HttpResponse::Error(403, "forbidden", "区域超出权限范围"), SweepStartAudit{"region:" + region, "denied", ""}};
  }
  const std::string actor = account.username;
  const Date day = *date;
  auto id = jobs.StartTask(
      account.account_id, "policy_sweep", "policy_sweep:" + region,
      [engine, actor, region, day, &vault, &audit, &clock](store::Db& db,
                                                           ImportProgress& progress) -> Result<nlohmann::json> {
        store::RegistryStore registry(db, vault);
        policy_services::StoreRegistrations registrations(db);
        PolicyApi api(*engine, registrations, audit, clock);
        return api.RunSweep(db, registry, actor, region, day, &progress);
      });
  if (!id) {
    const int status = id.error().code == ErrorCode::kConflict ? 409 : 500;
    return {HttpResponse::Error(status, status == 409 ? "conflict" : "internal", id.error().message), {}};
  }
  return {JsonOk({{"job_id", *id}}, 202),
          SweepStartAudit{"region:" + region, "ok", Dump({{"job_id", *id}, {"date", day.ToString()}})}};
}

HttpResponse PolicySweepJob(ImportJobs& jobs, const std::string& job_id, int64_t account_id) {
  auto job = jobs.Get(job_id, account_id);
  if (!job || job->entity != "policy_sweep") return HttpResponse::Error(404, "not_found", "没有该政策找企业任务");
  return JsonOk({{"job_id", job_id},
                 {"state", job->state},
                 {"stage", job->stage},
                 {"stage_text", job->state == "running" ? StageText(job->stage) : ""},
                 {"counties_done", job->rows_done},
                 {"counties_total", job->rows_total},
                 {"result", job->result}});
}

}  // namespace qjy::server
