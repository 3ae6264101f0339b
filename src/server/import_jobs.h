// Background imports started from the web UI: the upload is saved to the
// work folder and the import pipeline runs on its own thread and database
// connection, reporting progress that GET /api/import/jobs/{id} reads.
// Only the account that started a job can see it.
//
// Other long work started from a page (a province-wide policy sweep) runs
// as a job of the same kind through StartTask: no upload, the same threads,
// limits, progress, retention and Get.
//
// Personal data: the upload is deleted as soon as its import ends; the
// rejects file (which holds the rejected rows unmasked, for correction) is
// kept for `retention` seconds after the job ends and then deleted with the
// job. Files left by an earlier server process are deleted at construction
// (their jobs died with it). Files are created 0600 in a 0700 folder.
//
// A job never throws out of its thread: an exception from the runner marks
// the job failed (Chinese message) and the server keeps serving.
//
// Thread-safety: all methods may be called concurrently. The destructor
// waits for running jobs.
#ifndef QJY_SERVER_IMPORT_JOBS_H_
#define QJY_SERVER_IMPORT_JOBS_H_

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/clock.h"
#include "core/error.h"
#include "core/vault.h"
#include "server/http_message.h"
#include "store/db.h"

namespace qjy::ads {
class WageReference;
}  // namespace qjy::ads

namespace qjy::server {

struct ImportRequest {
  std::string entity;        // "persons", "employers", "jobs", "contracts", "sites"
  std::string file_path;     // the uploaded file
  std::string file_name;     // as uploaded (for the format: .csv / .xlsx)
  std::string rejects_path;  // where the pipeline writes rejected rows
  std::string actor;         // "username" for the change history
  std::string region_scope;  // the officer's region: rows outside are rejected
  std::string db_url;        // set by ImportJobs: lets the runner open a lookup connection
  // Jobs: posted pay per occupation for the pay-bait check of the screener
  // (Api::AdsWageReference); null = the flat ceiling.
  std::shared_ptr<const ads::WageReference> wages;
};

struct ImportProgress {
  std::atomic<int64_t> rows_done{0};   // for a task: its units (counties…) done
  std::atomic<int64_t> rows_total{0};
  std::atomic<int> stage{0};           // a task's own step number (imports: 0)
};

// Work of a job started by StartTask, on the job's thread and connection.
// Returns the result JSON (shown by Get once done) or the error.
using JobTask = std::function<Result<nlohmann::json>(store::Db& db, ImportProgress& progress)>;

// The import pipeline (src/importer), injected by the serve command. Returns
// the import's result JSON (counts, rejects).
using ImportRunner = std::function<Result<nlohmann::json>(
    store::Db& db, const Vault& vault, const ImportRequest& request, ImportProgress& progress)>;

struct ImportJobView {
  std::string state;  // "running", "done", "failed"
  int64_t rows_done = 0;
  int64_t rows_total = 0;
  nlohmann::json result;  // null while running
  std::string rejects_path;
  std::string entity;     // an import's entity, or a task's kind
  int stage = 0;
};

// How many imports may run at once (server config import_per_account,
// import_total): each holds its upload on disk and a pipeline in memory, so
// without a bound one officer's parallel uploads could exhaust the server.
struct ImportLimits {
  int per_account = 2;
  int total = 4;
};

// An upload admitted before its body is read (ImportJobs::Reserve): it
// counts against the limits like a running import from then until the job
// starts with it or the slot is destroyed (upload failed or refused).
class ImportSlot : public AdmissionTicket {
 public:
  struct Counts;  // import_jobs.cc
  ImportSlot(std::shared_ptr<Counts> counts, int64_t account_id);
  ~ImportSlot() override;
  ImportSlot(const ImportSlot&) = delete;
  ImportSlot& operator=(const ImportSlot&) = delete;
  int64_t account_id() const { return account_id_; }

 private:
  friend class ImportJobs;
  std::shared_ptr<Counts> counts_;
  int64_t account_id_;
  bool held_ = true;  // GUARDED_BY(counts_->mu)
};

class ImportJobs {
 public:
  static constexpr int64_t kDefaultRetentionSeconds = 24 * 3600;

  ImportJobs(std::string db_url, const Vault& vault, std::filesystem::path work_dir,
             ImportRunner runner, const auth::Clock& clock,
             int64_t retention_seconds = kDefaultRetentionSeconds, ImportLimits limits = {});
  ~ImportJobs();

  bool enabled() const { return static_cast<bool>(runner_); }

  // Saves `data` and starts the job; returns its id. kConflict (Chinese
  // message) when the account, or the server, already runs its limit of
  // imports (the API answers 429): nothing is saved then.
  // Slots reserved (Reserve) and not yet used count like running imports.
  // With `slot` (reserved by the same account) the limits were checked at
  // Reserve: the slot becomes the job.
  Result<std::string> Start(int64_t account_id, ImportRequest request, std::string_view data,
                            ImportSlot* slot = nullptr);
  // Starts `task` as a job of `kind` (ImportJobView::entity) under the same
  // limits as imports. `key` (non-empty) makes it exclusive: kConflict
  // (Chinese message) while a running job has the same key (one sweep of a
  // region at a time). Works without an import runner.
  Result<std::string> StartTask(int64_t account_id, std::string kind, std::string key, JobTask task);
  // Reserves a place for an upload about to be read, under the same limits
  // and with the same kConflict errors as Start.
  Result<std::shared_ptr<ImportSlot>> Reserve(int64_t account_id);
  // nullopt when unknown or started by another account.
  std::optional<ImportJobView> Get(const std::string& job_id, int64_t account_id);
  void WaitAll();
  // Deletes finished jobs (and their files) that ended more than `retention`
  // ago. Called by Start and Get; public for tests. Returns how many went.
  int SweepExpired();

 private:
  struct Job {
    int64_t account_id = 0;
    ImportRequest request;
    ImportProgress progress;
    std::atomic<int> state{0};  // 0 running, 1 done, 2 failed
    nlohmann::json result;      // written before state leaves 0
    std::atomic<int64_t> ended_at{0};  // Unix seconds, set with state
    JobTask task;     // StartTask's work; empty for an import
    std::string key;  // StartTask's exclusive key
  };
  void RemoveLeftovers();
  // nullopt when `account_id` may start one more import, else the error.
  // Requires mu_ and counts_->mu held.
  std::optional<Error> OverLimit(int64_t account_id, const char* what = "导入任务") const;
  // Runs the import of `job` and records its outcome (on the job's thread).
  void Run(Job& job);
  // Records the outcome `r` of `job` (rejects file handling for imports).
  void Finish(Job& job, Result<nlohmann::json> r);
  // Starts the thread of `job` (requires mu_): an exception marks it failed.
  void Launch(std::shared_ptr<Job> job);

  std::string db_url_;
  const Vault& vault_;
  std::filesystem::path work_dir_;
  ImportRunner runner_;
  const auth::Clock& clock_;
  int64_t retention_seconds_;
  ImportLimits limits_;
  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<Job>> jobs_;  // GUARDED_BY(mu_)
  std::vector<std::thread> threads_;                  // GUARDED_BY(mu_)
  std::shared_ptr<ImportSlot::Counts> counts_;        // reserved slots
};

}  // namespace qjy::server

#endif  // QJY_SERVER_IMPORT_JOBS_H_
