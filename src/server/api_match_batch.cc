// The officer's batch recommendation run (issue #6 points 4 and 7):
//   POST /api/match/batch            officer: starts a run for their region
//                                    (or a region inside it), body {"region",
//                                    "registered_only" (default true: the
//                                    registered unemployed; false: every seeker
//                                    of the index)};
//                                    202 {batch_id}; 409 while one of theirs runs
//   GET  /api/match/batch/{batch_id} the officer who started it: progress
//                                    (phase, seekers looked at), then the result
// The run is match::RunBatch over the server's match index on a thread of its
// own: every registered unemployed person of the region gets up to the owed
// number of distinct feasible jobs, no job more than multiple x headcount,
// the total score maximal; the result carries the spread over jobs and
// persons beside the naive top-3 (capacity ignored) and the first persons'
// recommendations with reasons (person ids only: no identity data).
// Recording the recommendations as service records is `qjy match batch
// --record` (a county's officer runs it on the production database).
#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "core/first_exception.h"
#include "match/batch.h"
#include "server/access.h"
#include "server/api_internal.h"

namespace qjy::server {

struct MatchBatchJobs {
  struct Job {
    int64_t account_id = 0;
    std::string region;
    match::BatchProgress progress;
    std::atomic<bool> finished{false};
    std::mutex mu;  // guards result and error
    nlohmann::json result;
    std::string error;
    std::jthread thread;  // declared last: joined before the rest is destroyed
  };
  std::mutex mu;
  int64_t next_id = 1;
  std::map<int64_t, std::unique_ptr<Job>> jobs;
};

std::shared_ptr<MatchBatchJobs> NewMatchBatchJobs() { return std::make_shared<MatchBatchJobs>(); }

namespace {

constexpr size_t kKeptJobs = 20;      // finished runs kept for their pages
constexpr size_t kItemsShown = 200;   // persons listed in the result

nlohmann::json SpreadJson(const assign::Spread& s) {
  return {{"load_buckets", s.load_buckets},
          {"seekers_by_count", s.seekers_by_count},
          {"jobs_over_capacity", s.jobs_over_capacity},
          {"jobs_used", s.jobs_used},
          {"max_load", s.max_load}};
}

nlohmann::json ResultJson(const match::MatchIndex& index, const match::BatchOptions& o,
                          const match::BatchResult& r, double seconds) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& s : r.seekers) {
    if (items.size() >= kItemsShown) break;
    const match::SeekerInfo info = index.Seeker(s.seeker);
    nlohmann::json jobs = nlohmann::json::array();
    for (const auto& j : s.jobs) {
      const match::JobInfo job = index.Job(j.job);
      jobs.push_back({{"job_id", job.job_id}, {"title", job.title}, {"score", j.score}, {"reasons", j.reasons}});
    }
    items.push_back({{"person_id", info.person_id},
                     {"county_code", info.county_code},
                     {"feasible", s.feasible},
                     {"jobs", jobs},
                     {"shortfall", s.shortfall}});
  }
  return {{"region", o.region_prefix},
          {"registered_only", o.registered_only},
          {"date", index.today().ToString()},
          {"params",
           {{"recommendations", o.params.recommendations},
            {"multiple", o.params.multiple},
            {"valid_from", o.params.valid_from},
            {"source", o.params.source}}},
          {"seekers", r.seekers.size()},
          {"demand", r.totals.demand},
          {"served", r.totals.served},
          {"score", r.totals.score},
          {"short_seekers", r.totals.short_seekers},
          {"short_few_feasible", r.short_few_feasible},
          {"short_capacity", r.short_capacity},
          {"ours", SpreadJson(r.spread)},
          {"naive", SpreadJson(r.naive)},
          {"naive_score", r.naive_score},
          {"seconds", std::round(seconds * 1000) / 1000},
          {"items", items}};
}

const char* PhaseLabel(int phase) {
  switch (phase) {
    case 0: return "正在为每位登记失业人员筛选可行岗位";
    case 1: return "正在求解名额约束下总分最高的分配";
    case 2: return "正在生成推荐理由";
    default: return "已完成";
  }
}

}  // namespace

HttpResponse Api::MatchBatch(Call& c, match::MatchIndex& index) {
  const auth::Account& a = c.account();
  if (a.role != auth::Role::kOfficer || a.region_code.empty()) return Forbidden();
  MatchBatchJobs& jobs = *batch_jobs_;

  if (c.req.method == "GET") {
    int64_t id = 0;
    try {
      id = std::stoll(c.params.at(0));
    } catch (const std::exception&) {
      return NotFound("没有该批量推荐任务");
    }
    std::lock_guard lock(jobs.mu);
    auto it = jobs.jobs.find(id);
    if (it == jobs.jobs.end() || it->second->account_id != a.account_id) return NotFound("没有该批量推荐任务");
    MatchBatchJobs::Job& job = *it->second;
    const int phase = job.progress.phase.load();
    nlohmann::json out = {{"batch_id", id},
                          {"region", job.region},
                          {"phase", phase},
                          {"phase_label", PhaseLabel(phase)},
                          {"seekers_done", job.progress.seekers_done.load()},
                          {"seekers_total", job.progress.seekers_total.load()}};
    if (!job.finished.load()) {
      out["state"] = "running";
      return JsonOk(out);
    }
    std::lock_guard jl(job.mu);
    out["state"] = job.error.empty() ? "done" : "failed";
    if (job.error.empty()) out["result"] = job.result;
    else out["error"] = job.error;
    return JsonOk(out);
  }

  // POST: start a run.
  HttpResponse error;
  std::string region = a.region_code;
  bool registered_only = true;
  if (!c.req.body.empty()) {
    auto body = ParseJsonObject(c.req, error);
    if (!body) return error;
    if (body->contains("region")) {
      if (!(*body)["region"].is_string()) return BadRequest("区域（region）应为行政区划代码");
      region = (*body)["region"].get<std::string>();
      if (!RegionCovers(a.region_code, region)) return NotFound("不在本辖区内");
    }
    if (body->contains("registered_only")) {
      if (!(*body)["registered_only"].is_boolean()) return BadRequest("仅登记失业人员（registered_only）应为 true 或 false");
      registered_only = (*body)["registered_only"].get<bool>();
    }
  }
  auto params = match::LoadDefaultBatchParams();
  if (!params) return StoreError(params.error(), *log_);
  std::lock_guard lock(jobs.mu);
  for (const auto& [id, job] : jobs.jobs) {
    if (job->account_id == a.account_id && !job->finished.load()) {
      return HttpResponse::Error(409, "conflict", fmt::format("您的批量推荐任务 {} 仍在运行，请等待其完成", id));
    }
  }
  while (jobs.jobs.size() >= kKeptJobs) {  // drop the oldest finished run
    auto old = std::find_if(jobs.jobs.begin(), jobs.jobs.end(), [](const auto& kv) { return kv.second->finished.load(); });
    if (old == jobs.jobs.end()) return HttpResponse::Error(503, "busy", "批量推荐任务过多，请稍后再试");
    jobs.jobs.erase(old);
  }
  const int64_t id = jobs.next_id++;
  auto job = std::make_unique<MatchBatchJobs::Job>();
  job->account_id = a.account_id;
  job->region = region;
  MatchBatchJobs::Job* j = job.get();
  match::BatchOptions o;
  o.params = *params;
  o.region_prefix = region;
  o.registered_only = registered_only;
  o.threads = 2;
  job->thread = std::jthread([j, o, &index, log = log_]() mutable {
    o.progress = &j->progress;
    // Nothing may leave this thread (std::terminate would end the server):
    // an exception fails the run with a Chinese reason.
    try {
      const auto t0 = std::chrono::steady_clock::now();
      auto r = match::RunBatch(index, o);
      const double secs =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      {
        std::lock_guard jl(j->mu);
        if (r) j->result = ResultJson(index, o, *r, secs);
        else j->error = r.error().message;
      }
      if (!r) log->warn("match batch failed: {}", r.error().message);
    } catch (...) {
      log->error("match batch aborted: {}", CurrentExceptionText());
      std::lock_guard jl(j->mu);
      j->error = "批量推荐意外中止（服务器内部错误），请稍后重试";
    }
    j->finished.store(true);
  });
  jobs.jobs.emplace(id, std::move(job));
  Audit(c, "match.batch", "region:" + region, "started", Dump({{"batch_id", id}}));
  return JsonOk({{"batch_id", id}, {"region", region}, {"state", "running"}}, 202);
}

}  // namespace qjy::server
