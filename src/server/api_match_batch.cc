// The officer's batch recommendation run (issue #6 points 4 and 7):
//   POST /api/match/batch            officer: starts a run for their region
//                                    (or a region inside it), body {"region",
//                                    "registered_only" (default true: the
//                                    registered unemployed; false: every seeker
//                                    of the index)};
//                                    202 {batch_id}; 409 while one of theirs runs
//   GET  /api/match/batch/{batch_id} the officer who started it: progress
//                                    (phase, seekers looked at), then the result
//                                    (the first persons with names, each job
//                                    with its employer's name)
//   POST /api/match/batch/{batch_id}/record  the same officer: records every
//                                    recommendation of the run inside their
//                                    region as a 岗位推荐 service record on the
//                                    person's open registration (once per job;
//                                    a second call adds nothing), one
//                                    transaction per county
//   GET  /api/match/batch/{batch_id}/export  the same officer: the whole run
//                                    as .xlsx (names, jobs, employers, reasons;
//                                    no ID number or phone)
// The run is match::RunBatch over the server's match index on a thread of its
// own: every registered unemployed person of the region gets up to the owed
// number of distinct feasible jobs, no job more than multiple x headcount,
// the total score maximal; the result carries the spread over jobs and
// persons beside the naive top-3 (capacity ignored) and the first persons'
// recommendations with reasons. The command-line twin is `qjy match batch
// [--record] [--out]`.
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <variant>

#include <fmt/format.h>

#include "core/first_exception.h"
#include "match/batch.h"
#include "match/batch_record.h"
#include "server/access.h"
#include "server/api_internal.h"
#include "store/registry_store.h"

namespace qjy::server {

struct MatchBatchJobs {
  struct Job {
    int64_t account_id = 0;
    std::string region;
    bool registered_only = true;
    Date on;  // the matching date
    match::BatchProgress progress;
    std::atomic<bool> finished{false};
    std::mutex mu;  // guards result and error
    nlohmann::json result;
    std::vector<match::BatchRow> rows;  // every seeker of the run (record, export)
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
                          const match::BatchResult& r, const std::vector<match::BatchRow>& rows, double seconds) {
  nlohmann::json items = nlohmann::json::array();
  for (size_t i = 0; i < rows.size() && items.size() < kItemsShown; ++i) {
    nlohmann::json jobs = nlohmann::json::array();
    for (const auto& j : rows[i].jobs) {
      jobs.push_back({{"job_id", j.job_id},
                      {"title", j.title},
                      {"employer_credit_code", j.employer_credit_code},
                      {"score", j.score},
                      {"reasons", j.reasons}});
    }
    items.push_back({{"person_id", rows[i].person_id},
                     {"county_code", rows[i].county_code},
                     {"feasible", r.seekers[i].feasible},
                     {"jobs", jobs},
                     {"shortfall", rows[i].shortfall}});
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
          {"second_round_seekers", r.second_round_seekers},
          {"second_round_placed", r.second_round_placed},
          {"ours", SpreadJson(r.spread)},
          {"naive", SpreadJson(r.naive)},
          {"naive_score", r.naive_score},
          {"seconds", std::round(seconds * 1000) / 1000},
          {"items", items}};
}

const char* PhaseLabel(int phase, bool registered_only) {
  switch (phase) {
    case 0: return registered_only ? "正在为每位登记失业人员筛选可行岗位" : "正在为每位求职者筛选可行岗位";
    case 1: return "正在求解名额约束下总分最高的分配";
    case 2: return "正在生成推荐理由";
    default: return "已完成";
  }
}

}  // namespace

namespace {

// The finished run `id` of account `a`, or the response to give instead.
// Holds no lock on return: a finished job's rows and result no longer change.
std::variant<MatchBatchJobs::Job*, HttpResponse> FinishedRun(MatchBatchJobs& jobs, const std::string& id_text,
                                                             int64_t account_id) {
  int64_t id = 0;
  try {
    id = std::stoll(id_text);
  } catch (const std::exception&) {
    return NotFound("没有该批量推荐任务");
  }
  std::lock_guard lock(jobs.mu);
  auto it = jobs.jobs.find(id);
  if (it == jobs.jobs.end() || it->second->account_id != account_id) return NotFound("没有该批量推荐任务");
  MatchBatchJobs::Job& job = *it->second;
  if (!job.finished.load()) return HttpResponse::Error(409, "conflict", "批量推荐任务仍在运行，请等待其完成");
  std::lock_guard jl(job.mu);
  if (!job.error.empty()) return HttpResponse::Error(409, "conflict", "该批量推荐任务未成功完成：" + job.error);
  return &job;
}

// Employers' names by credit code (each read once; "" when unregistered).
Result<std::map<std::string, std::string>> EmployerNames(store::RegistryStore& registry,
                                                         const std::set<std::string>& codes) {
  std::map<std::string, std::string> names;
  for (const auto& code : codes) {
    auto e = registry.FindEmployer(code);
    if (!e) return std::unexpected(e.error());
    names[code] = *e ? (*e)->name : std::string();
  }
  return names;
}

}  // namespace

// Names for the shown items of a finished result: the person's name, the
// county's name and each job's employer name (never an ID number).
static Result<void> NameItems(nlohmann::json& result, store::RegistryStore& registry, const RegionIndex& regions) {
  auto& items = result["items"];
  std::vector<int64_t> ids;
  std::set<std::string> codes;
  for (const auto& it : items) {
    ids.push_back(it["person_id"].get<int64_t>());
    for (const auto& j : it["jobs"]) codes.insert(j["employer_credit_code"].get<std::string>());
  }
  auto names = registry.NamesOf(ids);
  if (!names) return std::unexpected(names.error());
  auto employers = EmployerNames(registry, codes);
  if (!employers) return std::unexpected(employers.error());
  for (auto& it : items) {
    auto n = names->find(it["person_id"].get<int64_t>());
    it["name"] = n == names->end() ? std::string() : n->second;
    const std::string county = it["county_code"].get<std::string>();
    it["county_name"] = regions.FullName(county).value_or(county);
    for (auto& j : it["jobs"]) j["employer_name"] = (*employers)[j["employer_credit_code"].get<std::string>()];
  }
  return {};
}

HttpResponse Api::MatchBatch(Call& c, match::MatchIndex& index) {
  const auth::Account& a = c.account();
  if (a.role != auth::Role::kOfficer || a.region_code.empty()) return Forbidden();
  MatchBatchJobs& jobs = *batch_jobs_;
  const std::string& path = c.req.Path();

  if (path.ends_with("/record") || path.ends_with("/export")) {
    auto run = FinishedRun(jobs, c.params.at(0), a.account_id);
    if (auto* r = std::get_if<HttpResponse>(&run)) return std::move(*r);
    const MatchBatchJobs::Job& job = *std::get<MatchBatchJobs::Job*>(run);
    const std::string target = "match_batch:" + c.params.at(0);
    if (path.ends_with("/record")) {
      auto out = match::RecordBatch(*c.db, job.rows, Date::InChina(clock_.Now()), a.username, a.region_code);
      if (!out) {
        Audit(c, "match.batch.record", target, "error");
        return StoreError(out.error(), *log_);
      }
      const nlohmann::json body = {{"batch_id", std::stoll(c.params.at(0))},
                                   {"added", out->added},
                                   {"already", out->already},
                                   {"not_registered", out->not_registered}};
      Audit(c, "match.batch.record", target, "ok", Dump(body));
      return JsonOk(body);
    }
    store::RegistryStore registry(*c.db, vault_);
    std::vector<int64_t> ids;
    std::set<std::string> codes;
    std::map<std::string, std::string> counties;
    for (const auto& row : job.rows) {
      ids.push_back(row.person_id);
      for (const auto& j : row.jobs) codes.insert(j.employer_credit_code);
      if (!counties.contains(row.county_code)) {
        counties[row.county_code] = regions_.FullName(row.county_code).value_or(row.county_code);
      }
    }
    auto names = registry.NamesOf(ids);
    if (!names) return StoreError(names.error(), *log_);
    auto employers = EmployerNames(registry, codes);
    if (!employers) return StoreError(employers.error(), *log_);
    auto body = RenderToBytes("batch.xlsx", [&](const std::filesystem::path& file) {
      return match::WriteBatchXlsx(job.rows, *names, *employers, counties, file.string());
    });
    if (!body) return HttpResponse::Error(503, "unavailable", body.error().message);
    Audit(c, "match.batch.export", target, "ok", Dump({{"persons", job.rows.size()}}));
    HttpResponse r;
    r.status = 200;
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    r.body = std::move(*body);
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"batch-" + c.params.at(0) + "-" +
                                                      job.region + "-" + job.on.ToString() + ".xlsx\"");
    return r;
  }

  if (c.req.method == "GET") {
    int64_t id = 0;
    try {
      id = std::stoll(c.params.at(0));
    } catch (const std::exception&) {
      return NotFound("没有该批量推荐任务");
    }
    nlohmann::json out;
    {
      std::lock_guard lock(jobs.mu);
      auto it = jobs.jobs.find(id);
      if (it == jobs.jobs.end() || it->second->account_id != a.account_id) return NotFound("没有该批量推荐任务");
      MatchBatchJobs::Job& job = *it->second;
      const int phase = job.progress.phase.load();
      out = {{"batch_id", id},
             {"region", job.region},
             {"registered_only", job.registered_only},
             {"phase", phase},
             {"phase_label", PhaseLabel(phase, job.registered_only)},
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
    }
    if (out.contains("result")) {
      store::RegistryStore registry(*c.db, vault_);
      if (auto n = NameItems(out["result"], registry, regions_); !n) return StoreError(n.error(), *log_);
    }
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
  job->registered_only = registered_only;
  job->on = index.today();
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
        if (r) {
          j->rows = match::BatchRows(index, *r);
          j->result = ResultJson(index, o, *r, j->rows, secs);
        }
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
