// Routes of person–job matching (issue #6):
//   GET  /api/match/persons/{person_id}/jobs?k=   the seeker themselves, or an
//        officer whose region covers the person: top-k open jobs with reasons
//   GET/PUT /api/match/persons/{person_id}/profile  the same callers: the
//        job-search profile (api_match_profile.cc)
//   GET  /api/match/jobs/{job_id}/candidates?k=   the employer owning the job,
//        or an officer covering its county/place: top-k seekers (registered
//        unemployed first), ID and phone masked
//   GET  /api/match/search?q=&k=                  any logged-in user: open jobs
//   POST /api/match/batch, GET /api/match/batch/{id}  officers: the batch run
//        with its spread (api_match_batch.cc)
//   POST /api/jobs/{job_id}/close                 the owning employer or an
//        officer covering it: closes the job (registry close_on = yesterday)
// Out-of-scope records answer 404 like every other record read.
//
// The index is loaded on first use from the database (match/load.h): open
// jobs, registered unemployed persons, stored profiles; with the environment
// variable QJY_MATCH_ALL_PERSONS=1 every person (demo, benchmarks). The
// occupation tree (with $QJY_OCCUPATIONS_FILE) and the weights are read at
// start (api_context.h). $QJY_MATCH_DATE fixes the matching date (demo and
// generated provinces); otherwise it is today in China, and when that day
// moves on (a server running past midnight) the next request re-dates the
// index: recency and the open window follow the new day, and the jobs
// opening that day are added from the database.
#include <atomic>
#include <cstdlib>
#include <exception>
#include <map>
#include <mutex>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "core/mask.h"
#include "match/load.h"
#include "match/profile_store.h"
#include "match/search.h"
#include "registry/codes.h"
#include "server/access.h"
#include "server/api_context.h"
#include "server/api_internal.h"
#include "server/wage_reference_index.h"
#include "store/person_keys.h"
#include "store/registry_store.h"

namespace qjy::server {

struct MatchState {
  std::once_flag once;
  std::atomic<bool> loaded{false};  // index set (postings before it are read from the store)
  std::string error;
  // Changes made while the index loads (a job posted or closed, a person
  // registered unemployed), applied when it is set: the load reads the store
  // at one moment, and a change after that moment would otherwise be missed
  // until a restart. Under `pending_mu`: `loading`, the load has begun (a
  // change before that is in what it reads, and is not queued); `load_done`,
  // it has ended (set or failed), and changes are no longer queued.
  std::mutex pending_mu;
  // StopMatchIndexLoad: `stop` asks the load to end; `loading_db`, under
  // `pending_mu`, is the connection the load reads while it does.
  std::atomic<bool> stop{false};
  store::Db* loading_db = nullptr;
  bool loading = false;
  bool load_done = false;
  std::vector<std::variant<registry::Job, int64_t, registry::Person>> pending;
  std::unique_ptr<match::MatchIndex> index;
  match::JobSearch search;
  std::mutex redate;  // one re-dating at a time (the index itself is thread-safe)
  // The ad screener's wage reference (Api::AdsWageReference) and the index
  // size it was built at.
  std::mutex wages_mu;
  std::shared_ptr<const ads::WageReference> wages;
  size_t wages_jobs = 0;
};

std::shared_ptr<MatchState> NewMatchState() { return std::make_shared<MatchState>(); }

namespace {

std::optional<int64_t> Id(const std::string& s) {
  if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoll(s);
}

// Today in China (UTC+8), or $QJY_MATCH_DATE (YYYY-MM-DD) when set: a
// generated province is dated (qjy gen --as-of), and its jobs are open then.
Date Today(const auth::Clock& clock) {
  if (const char* d = std::getenv("QJY_MATCH_DATE"); d && *d) {
    if (auto parsed = Date::Parse(d)) return *parsed;
  }
  return clock.TodayInChina();
}

std::string SearchBody(const match::MatchIndex& index, const RegionIndex& regions, const registry::Job& j) {
  std::string body = index.tree().Name(j.occupation_code);
  if (auto full = regions.FullName(j.place_region.empty() ? j.county_code : j.place_region)) body += " " + *full;
  body += " " + j.requirements;
  return body;
}

// A job of the index into the keyword search.
void AddToSearch(match::JobSearch& search, const match::MatchIndex& index, const RegionIndex& regions,
                 match::JobIndex j) {
  const match::JobInfo info = index.Job(j);
  registry::Job job;
  job.job_id = info.job_id;
  job.county_code = info.county_code;
  job.place_region = info.place_region;
  job.occupation_code = info.occupation_code;
  job.requirements = info.requirements;
  search.Upsert(info.job_id, info.title, SearchBody(index, regions, job));
}

}  // namespace

namespace {

// Queues `change` while the index is loading (true), or says it is to be
// applied now (false: loaded) or not at all (true: no load has begun, so
// the load will read it from the store; or the load failed).
template <class Change>
bool Deferred(MatchState& m, Change&& change) {
  if (m.loaded.load(std::memory_order_acquire)) return false;
  std::lock_guard lock(m.pending_mu);
  if (m.loaded.load(std::memory_order_relaxed)) return false;
  if (m.loading && !m.load_done) m.pending.emplace_back(std::forward<Change>(change));
  return true;
}

void ApplyPosted(MatchState& m, const RegionIndex& regions, spdlog::logger& log, const registry::Job& job) {
  auto r = m.index->UpsertJob(job);
  if (!r) {
    log.warn("match index: job {} skipped: {}", job.job_id, r.error().message);
    return;
  }
  if (m.index->Open(*r)) m.search.Upsert(job.job_id, job.title, SearchBody(*m.index, regions, job));
  else m.search.Remove(job.job_id);
}

void ApplyClosed(MatchState& m, int64_t job_id) {
  m.index->CloseJob(job_id);
  m.search.Remove(job_id);
}

void ApplyRegistered(MatchState& m, store::Db& db, const registry::Person& person, spdlog::logger& log) {
  match::SeekerProfile profile;
  auto stored = match::ProfileStore(db).GetProfile(person.person_id);
  if (stored && *stored) {
    profile = **stored;
  } else {
    profile = match::DeriveProfile(person, m.index->today());
  }
  profile.registered_unemployed = true;
  if (auto r = m.index->UpsertSeeker(profile); !r) {
    log.warn("match index: person {} skipped: {}", person.person_id, r.error().message);
  }
}

}  // namespace

void Api::MatchJobPosted(const registry::Job& job) {
  if (Deferred(*match_, job)) return;
  ApplyPosted(*match_, regions_, *log_, job);
}

// Declared where it is called (api_services.cc, RegisterPerson): a person
// just registered as unemployed, by an officer or online, is recommended as
// registered from the next query (while the index loads, once it is loaded).
void MatchSeekerRegistered(MatchState& m, store::Db& db, const registry::Person& person, spdlog::logger& log) {
  if (Deferred(m, person)) return;
  ApplyRegistered(m, db, person, log);
}

void Api::MatchJobClosed(int64_t job_id) {
  if (Deferred(*match_, job_id)) return;
  ApplyClosed(*match_, job_id);
}

void Api::LoadMatchIndexOnce(store::Db& db) {
  MatchState& m = *match_;
  std::call_once(m.once, [&] {
    {
      std::lock_guard lock(m.pending_mu);
      m.loading = true;
      m.loading_db = &db;
    }
    std::string error;
    std::unique_ptr<match::MatchIndex> index;
    // An exception (out of memory on a large province, a driver's) ends
    // the load as a failure like an error does: the change queue closes
    // and the error is reported, rather than the queue growing forever.
    try {
      if (auto r = match::ProfileStore(db).Migrate(); !r) {
        error = r.error().message;
      } else {
        index = std::make_unique<match::MatchIndex>(*context_->occupations, context_->match_weights,
                                                    Today(clock_));
        const char* all = std::getenv("QJY_MATCH_ALL_PERSONS");
        auto stats =
            match::LoadIndex(db, *index, {.all_persons = all && std::string(all) == "1", .stop = &m.stop});
        if (!stats) {
          error = stats.error().message;
        } else {
          for (match::JobIndex j = 0; j < index->job_count(); ++j)
            AddToSearch(m.search, *index, regions_, j);
          log_->info("match index: {} jobs ({} rejected), {} seekers ({} registered unemployed)",
                     stats->jobs, stats->jobs_rejected, stats->seekers, stats->registered);
        }
      }
    } catch (const std::exception& e) {
      error = std::string("加载时出现异常：") + e.what();
    }
    {
      std::lock_guard lock(m.pending_mu);
      m.loading_db = nullptr;  // no Interrupt() of this connection from here on
    }
    if (error.empty() && m.stop.load()) error = "服务停止，匹配索引加载已取消";
    if (!error.empty()) {
      std::lock_guard lock(m.pending_mu);
      m.error = error;
      m.pending.clear();
      m.load_done = true;
      return;
    }
    m.index = std::move(index);
    // The queued changes are applied outside the mutex (a registration
    // reads the database), batch by batch, until none is left: then the
    // index is published, under the mutex, so no change falls between.
    size_t applied = 0;
    for (;;) {
      std::vector<std::variant<registry::Job, int64_t, registry::Person>> batch;
      {
        std::lock_guard lock(m.pending_mu);
        if (m.pending.empty()) {
          m.loaded.store(true, std::memory_order_release);
          m.load_done = true;
          break;
        }
        batch.swap(m.pending);
      }
      for (const auto& change : batch) {
        if (const auto* job = std::get_if<registry::Job>(&change)) ApplyPosted(m, regions_, *log_, *job);
        else if (const auto* id = std::get_if<int64_t>(&change)) ApplyClosed(m, *id);
        else ApplyRegistered(m, db, std::get<registry::Person>(change), *log_);
      }
      applied += batch.size();
    }
    if (applied > 0) log_->info("match index: {} change(s) made while it loaded applied", applied);
  });
}

Result<void> Api::WarmMatchIndex() {
  {
    DbPool::Lease lease = pool_.Acquire();
    LoadMatchIndexOnce(*lease);
  }
  if (!match_->index) return Fail(ErrorCode::kIo, "匹配索引加载失败：" + match_->error);
  return {};
}

void Api::StopMatchIndexLoad() {
  MatchState& m = *match_;
  std::lock_guard lock(m.pending_mu);
  m.stop.store(true);
  if (m.loading_db != nullptr) m.loading_db->Interrupt();
}

bool Api::MatchIndexReady() const { return match_->loaded.load(std::memory_order_acquire); }

match::MatchIndex* Api::MatchIndexFor(Call& c, std::string* error) {
  MatchState& m = *match_;
  LoadMatchIndexOnce(*c.db);
  if (!m.index) {
    *error = m.error;
    return nullptr;
  }
  if (const Date today = Today(clock_); m.index->today() != today) RedateMatchIndex(c, today);
  return m.index.get();
}

std::shared_ptr<const ads::WageReference> Api::AdsWageReference(Call& c) {
  std::string error;
  const match::MatchIndex* index = MatchIndexFor(c, &error);
  if (!index) {
    log_->warn("ad screening: no occupation wage reference (match index unavailable: {})", error);
    return nullptr;
  }
  MatchState& m = *match_;
  std::lock_guard lock(m.wages_mu);
  const size_t jobs = index->job_count();
  // Rebuilt on a new index day, and when postings have grown the index by
  // 5 % since (amortised O(1) per posting; the first postings of an empty
  // index each rebuild a small table).
  if (!m.wages || m.wages->as_of() != index->today().ToString() || jobs > m.wages_jobs + m.wages_jobs / 20) {
    m.wages = WageReferenceFromIndex(*index);
    m.wages_jobs = jobs;
  }
  return m.wages;
}

void Api::RedateMatchIndex(Call& c, Date today) {
  MatchState& m = *match_;
  std::lock_guard lock(m.redate);
  if (m.index->today() == today) return;  // another request did it
  const Date before = m.index->today();
  m.index->SetToday(today);
  size_t rejected = 0;
  auto added = match::AddJobsOpenToday(*c.db, *m.index, &rejected);
  if (!added) {
    log_->warn("match index: re-dated {} -> {}, new jobs not read: {}", before.ToString(), today.ToString(),
               added.error().message);
    return;
  }
  for (match::JobIndex j : *added) {
    AddToSearch(m.search, *m.index, regions_, j);
  }
  log_->info("match index: re-dated {} -> {}, {} jobs opened ({} rejected)", before.ToString(), today.ToString(),
             added->size(), rejected);
}

Result<bool> Api::MatchIsCandidate(Call& c, int64_t job_id, int64_t person_id, size_t k) {
  std::string error;
  const match::MatchIndex* found = MatchIndexFor(c, &error);
  if (!found) return Fail(ErrorCode::kIo, "人岗匹配暂不可用：" + error);
  const match::MatchIndex& index = *found;
  auto j = index.FindJob(job_id);
  if (!j) return false;
  for (const auto& cand : index.TopSeekers(*j, k)) {
    if (index.Seeker(cand.index).person_id == person_id) return true;
  }
  return false;
}

HttpResponse Api::MatchRoutes(Call& c) {
  MatchState& m = *match_;
  std::string index_error;
  if (!MatchIndexFor(c, &index_error)) {
    return HttpResponse::Error(503, "match_unavailable", "人岗匹配暂不可用：" + index_error);
  }
  match::MatchIndex& index = *m.index;
  const auth::Account& a = c.account();
  const std::string path = c.req.Path();
  HttpResponse error;

  // Jobs name their employer (a seeker decides by who hires), looked up once per request.
  store::RegistryStore employers(*c.db, vault_);
  std::map<std::string, std::string> employer_names;
  auto employer_name = [&](const std::string& code) -> const std::string& {
    auto [it, fresh] = employer_names.try_emplace(code);
    if (fresh && !code.empty()) {
      auto e = employers.FindEmployer(code);
      if (e && *e) it->second = (*e)->name;
    }
    return it->second;
  };
  auto job_json = [&](match::JobIndex j) {
    const match::JobInfo info = index.Job(j);
    const std::string place = info.place_region.empty() ? info.county_code : info.place_region;
    return nlohmann::json{{"job_id", info.job_id},
                          {"title", info.title},
                          {"employer_name", employer_name(info.employer_credit_code)},
                          {"occupation_code", info.occupation_code},
                          {"occupation_name", index.tree().Name(info.occupation_code)},
                          {"place_region", place},
                          {"place_name", regions_.FullName(place).value_or(place)},
                          {"wage_min_fen", info.wage_min_fen},
                          {"wage_max_fen", info.wage_max_fen},
                          {"type", registry::Code(info.type)},
                          {"type_label", registry::Label(info.type)},
                          {"headcount", info.headcount},
                          {"open_on", info.open_on.ToString()},
                          {"close_on", info.close_on ? nlohmann::json(info.close_on->ToString()) : nlohmann::json()}};
  };

  if (path.starts_with("/api/match/batch")) return MatchBatch(c, index);

  if (path == "/api/match/search") {
    auto k = QueryInt(c.query, "k", 20, 1, 100, error);
    if (!k) return error;
    const std::string q = QueryText(c.query, "q");
    if (q.size() > 4 * match::kMaxQueryChars + 16) {
      return BadRequest(fmt::format("搜索词过长，最多 {} 个字", match::kMaxQueryChars));
    }
    auto hits = m.search.Search(q, static_cast<size_t>(*k));
    if (!hits) return BadRequest(hits.error().message);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& h : *hits) {
      auto j = index.FindJob(h.job_id);
      if (!j || !index.Open(*j)) continue;
      auto item = job_json(*j);
      item["relevance"] = std::round(h.score * 1000) / 1000;
      items.push_back(std::move(item));
    }
    return JsonOk({{"query", q}, {"items", std::move(items)}});
  }

  if (c.params.empty()) return NotFound("没有该接口");
  auto id = Id(c.params[0]);

  if (path.starts_with("/api/match/persons/")) {
    if (!id) return NotFound("没有该人员");
    if (a.role != auth::Role::kOfficer && a.role != auth::Role::kSeeker) return Forbidden();
    store::RegistryStore registry(*c.db, vault_);
    auto p = registry.GetPerson(*id);
    if (!p) return StoreError(p.error(), *log_);
    if (!*p || !MayReadPerson(a, **p, vault_)) return NotFound("没有该人员");
    if (path.ends_with("/profile")) return MatchProfile(c, **p, index);
    auto k = QueryInt(c.query, "k", 10, 1, 50, error);
    if (!k) return error;
    // "Derived": the person has not filled in a profile of their own
    // (match_profiles), so the recommendations rest on the registry's facts
    // — on every request, not only the one that first put them in the index.
    match::ProfileStore profiles(*c.db);
    auto stored = profiles.GetProfile(*id);
    if (!stored) return StoreError(stored.error(), *log_);
    const bool derived = !*stored;
    auto s = index.FindSeeker(*id);
    if (!s) {  // neither registered nor profiled yet: derive from the registry
      auto profile = match::DeriveProfile(**p, index.today());
      auto added = index.UpsertSeeker(profile);
      if (!added) return BadRequest(added.error().message);
      s = *added;
    }
    nlohmann::json items = nlohmann::json::array();
    for (const auto& cand : index.TopJobs(*s, static_cast<size_t>(*k))) {
      auto item = job_json(cand.index);
      auto why = index.Explain(*s, cand.index);
      item["score"] = cand.score;
      item["reasons"] = why.reasons;
      item["reason_text"] = why.Joined();
      items.push_back(std::move(item));
    }
    const match::SeekerInfo info = index.Seeker(*s);
    return JsonOk({{"person_id", *id},
                   {"registered_unemployed", info.registered_unemployed},
                   {"profile_derived", derived},
                   {"items", std::move(items)}});
  }

  if (!id) return NotFound("没有该岗位");
  auto j = index.FindJob(*id);
  std::optional<match::JobInfo> info;
  if (j) info = index.Job(*j);
  auto may = [&](const match::JobInfo& ji) {
    if (a.role == auth::Role::kEmployer) return !a.credit_code.empty() && a.credit_code == ji.employer_credit_code;
    if (a.role == auth::Role::kOfficer) {
      return RegionCovers(a.region_code, ji.county_code) || RegionCovers(a.region_code, ji.place_region);
    }
    return false;
  };

  if (path.starts_with("/api/jobs/")) {  // POST /api/jobs/{id}/close
    store::RegistryStore registry(*c.db, vault_);
    auto found = registry.GetJob(*id);
    if (!found) return StoreError(found.error(), *log_);
    if (!*found) return NotFound("没有该岗位");
    std::optional<registry::Job> job = std::move(*found);
    match::JobInfo ji;
    ji.county_code = job->county_code;
    ji.place_region = job->place_region;
    ji.employer_credit_code = job->employer_credit_code;
    if (!may(ji)) {
      Audit(c, "job.close", "job:" + std::to_string(*id), "denied");
      return NotFound("没有该岗位");
    }
    Date close = index.today().AddDays(-1);
    if (close < job->open_on) close = job->open_on;  // not open yet: the index alone keeps it closed
    if (!job->close_on || *job->close_on > close) {
      job->close_on = close;
      auto tx = store::Transaction::Begin(*c.db);
      if (!tx) return StoreError(tx.error(), *log_);
      auto r = registry.UpsertJob(*job, a.username);
      if (!r) return StoreError(r.error(), *log_);
      if (auto cr = tx->Commit(); !cr) return StoreError(cr.error(), *log_);
    }
    MatchJobClosed(*id);
    Audit(c, "job.close", "job:" + std::to_string(*id), "ok");
    return JsonOk({{"job_id", *id}, {"closed", true}, {"close_on", job->close_on->ToString()}});
  }

  // GET /api/match/jobs/{id}/candidates
  if (!info || !may(*info)) return NotFound("没有该岗位");
  auto k = QueryInt(c.query, "k", 10, 1, 50, error);
  if (!k) return error;
  if (!index.Open(*j)) return BadRequest("该岗位已关闭或不在招聘期内，没有推荐人选");
  auto top = index.TopSeekers(*j, static_cast<size_t>(*k));
  nlohmann::json items = nlohmann::json::array();
  std::string ids;
  for (const auto& cand : top) {
    const match::SeekerInfo s = index.Seeker(cand.index);
    auto card = store::PersonCardById(*c.db, s.person_id);
    if (!card) return StoreError(card.error(), *log_);
    if (!*card) continue;
    const store::PersonCard& r = **card;
    auto why = index.Explain(cand.index, *j);
    auto edu = registry::Parse<registry::Education>(r.education).value_or(registry::Education::kUnknown);
    // Employers see names masked (张*), officers in full (issue #14).
    items.push_back({{"person_id", s.person_id},
                     {"name", a.role == auth::Role::kEmployer ? MaskPersonName(r.name) : r.name},
                     {"id_masked", r.id_masked},
                     {"phone_masked", r.phone_masked},
                     {"education", registry::Label(edu)},
                     {"home_county", s.home_county},
                     {"home_name", regions_.FullName(s.home_county).value_or(s.home_county)},
                     {"registered_unemployed", s.registered_unemployed},
                     {"score", cand.score},
                     {"reasons", why.reasons},
                     {"reason_text", why.Joined()}});
    ids += (ids.empty() ? "" : ",") + std::to_string(s.person_id);
  }
  Audit(c, "match.candidates", "job:" + std::to_string(*id), "ok", Dump({{"persons", ids}}));
  return JsonOk({{"job", job_json(*j)}, {"items", std::move(items)}});
}

}  // namespace qjy::server
