#include "server/api_policy_sweep_job.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <vector>

#include <fmt/format.h>

#include "core/clock.h"
#include "core/date.h"
#include "policy_services/store_registrations.h"
#include "server/access.h"
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

// What a sweep is, besides its job (ImportJobs keeps only the job's
// progress and result, visible to its starter): kept here so that the
// officers of the region can find it. No personal data.
struct SweepMeta {
  std::string job_id;
  int64_t account_id = 0;
  std::string region, date, started_by;
  int64_t started_at = 0;  // Unix seconds
};

// The sweeps started through each ImportJobs (keyed by its address: a
// server has one; tests start several), latest last. An entry goes when its
// job is no longer kept (the jobs' retention).
// Thread-safety: guarded by SweepsMutex().
std::mutex& SweepsMutex() {
  static std::mutex mu;
  return mu;
}
std::map<const ImportJobs*, std::vector<SweepMeta>>& Sweeps() {
  static std::map<const ImportJobs*, std::vector<SweepMeta>> sweeps;
  return sweeps;
}

void Remember(const ImportJobs& jobs, SweepMeta meta) {
  std::lock_guard lock(SweepsMutex());
  Sweeps()[&jobs].push_back(std::move(meta));
}

// The sweeps of `jobs` still kept, latest first, each with its job's view.
std::vector<std::pair<SweepMeta, ImportJobView>> KeptSweeps(ImportJobs& jobs) {
  std::vector<SweepMeta> known;
  {
    std::lock_guard lock(SweepsMutex());
    known = Sweeps()[&jobs];
  }
  std::vector<std::pair<SweepMeta, ImportJobView>> out;
  std::vector<std::string> gone;
  for (auto it = known.rbegin(); it != known.rend(); ++it) {
    auto view = jobs.Get(it->job_id, it->account_id);
    if (view) out.emplace_back(*it, std::move(*view));
    else gone.push_back(it->job_id);
  }
  if (!gone.empty()) {
    std::lock_guard lock(SweepsMutex());
    std::erase_if(Sweeps()[&jobs], [&](const SweepMeta& m) {
      return std::find(gone.begin(), gone.end(), m.job_id) != gone.end();
    });
  }
  return out;
}

// A township's (or village's) sweep: its persons lie in one county, whose
// review list is written in one step.
bool BelowCounty(std::string_view region) { return region.size() > 6; }

std::string ProgressText(const ImportJobView& job, std::string_view region) {
  const auto n = [](int64_t v) { return std::to_string(v); };
  if (job.state == "failed") return "未完成";
  if (job.state == "running") {
    // The sweep goes in passes of counties; each pass loads, evaluates and
    // writes, so the count of counties swept shows in every step.
    if (job.rows_total > 0 && !BelowCounty(region)) {
      return fmt::format("{}（已完成 {} / {} 个县（市、区））", StageText(job.stage), n(job.rows_done),
                         n(job.rows_total));
    }
    if (job.stage == PolicyApi::kSweepWriting && BelowCounty(region)) return "写入所属县（市、区）的待审核清单";
    return StageText(job.stage);
  }
  const int64_t written = job.result.is_object() ? job.result.value("counties_written", int64_t{0}) : 0;
  if (written == 0) return "已完成：没有找到享受资格，无需写入待审核清单";
  if (BelowCounty(region)) return "已完成：已一步写入所属县（市、区）的待审核清单";
  return fmt::format("已完成：已逐县评估 {} 个县（市、区），写入其中 {} 个县（市、区）的待审核清单", n(job.rows_total),
                     n(written));
}

bool MaySee(const auth::Account& a, const SweepMeta& m) {
  if (m.account_id == a.account_id) return true;
  return a.role == auth::Role::kOfficer && RegionCovers(a.region_code, m.region);
}

nlohmann::json SweepJson(const SweepMeta& m, const ImportJobView& job, const auth::Account& a,
                         const RegionIndex& regions) {
  const std::string& region = m.region;
  const Region* r = regions.Find(region);
  return {{"job_id", m.job_id},
          {"state", job.state},
          {"stage", job.stage},
          {"stage_text", job.state == "running" ? StageText(job.stage) : ""},
          {"counties_done", job.rows_done},
          {"counties_total", job.rows_total},
          {"progress_text", ProgressText(job, region)},
          {"scope_note", BelowCounty(region) ? "乡镇（街道）的政策找企业只评估本乡镇（街道）的人员和单位，"
                                               "由所属县（市、区）的待审核清单一步写入，不分县显示进度"
                                             : ""},
          {"region", region},
          {"region_name", r != nullptr ? r->name : region},
          {"date", m.date},
          {"started_by", m.started_by},
          {"started_at", IsoUtc(m.started_at)},
          {"mine", m.account_id == a.account_id},
          {"result", job.result}};
}

constexpr size_t kListed = 5;

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
  Remember(jobs, {*id, account.account_id, region, day.ToString(), actor, clock.Now()});
  return {JsonOk({{"job_id", *id}}, 202),
          SweepStartAudit{"region:" + region, "ok", Dump({{"job_id", *id}, {"date", day.ToString()}})}};
}

HttpResponse PolicySweepJob(ImportJobs& jobs, const std::string& job_id, const auth::Account& account,
                            const RegionIndex& regions) {
  for (const auto& [meta, job] : KeptSweeps(jobs)) {
    if (meta.job_id != job_id) continue;
    if (job.entity != "policy_sweep" || !MaySee(account, meta)) break;
    return JsonOk(SweepJson(meta, job, account, regions));
  }
  return HttpResponse::Error(404, "not_found", "没有该政策找企业任务");
}

HttpResponse PolicySweepList(ImportJobs& jobs, const std::string& region_arg, const auth::Account& account,
                             const RegionIndex& regions) {
  if (account.role != auth::Role::kOfficer) return HttpResponse::Error(403, "forbidden", "仅经办人员可查看");
  const std::string region = region_arg.empty() ? account.region_code : region_arg;
  if (!RegionCovers(account.region_code, region)) return HttpResponse::Error(403, "forbidden", "区域超出权限范围");
  nlohmann::json items = nlohmann::json::array();
  for (const auto& [meta, job] : KeptSweeps(jobs)) {
    if (items.size() >= kListed) break;
    if (meta.region == region) items.push_back(SweepJson(meta, job, account, regions));
  }
  return JsonOk({{"region", region}, {"items", std::move(items)}});
}

}  // namespace qjy::server
