#include "server/import_jobs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>

#include "auth/token.h"
#include "server/client_message.h"
#include "store/no_space.h"

namespace qjy::server {

struct ImportSlot::Counts {
  std::mutex mu;
  int total = 0;                        // GUARDED_BY(mu)
  std::map<int64_t, int> per_account;   // GUARDED_BY(mu)
};

ImportJobs::ImportJobs(std::string db_url, const Vault& vault, std::filesystem::path work_dir,
                       ImportRunner runner, const auth::Clock& clock,
                       int64_t retention_seconds, ImportLimits limits)
    : db_url_(std::move(db_url)),
      vault_(vault),
      work_dir_(std::move(work_dir)),
      runner_(std::move(runner)),
      clock_(clock),
      retention_seconds_(retention_seconds),
      limits_(limits),
      counts_(std::make_shared<ImportSlot::Counts>()) {
  RemoveLeftovers();
}

namespace {

bool IsJobFile(const std::string& name) {
  return name.find(".upload.") != std::string::npos || name.find(".rejects.") != std::string::npos;
}

// Writes `data` to a new file readable by the server's user only.
bool WritePrivateFile(const std::string& path, std::string_view data) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n <= 0) {
      const int err = n < 0 ? errno : EIO;
      ::close(fd);
      ::unlink(path.c_str());
      errno = err;  // for the caller's message (a full disk)
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return ::close(fd) == 0;
}

}  // namespace

void ImportJobs::RemoveLeftovers() {
  std::error_code ec;
  if (work_dir_.empty() || !std::filesystem::is_directory(work_dir_, ec)) return;
  for (const auto& e : std::filesystem::directory_iterator(work_dir_, ec)) {
    if (e.is_regular_file(ec) && IsJobFile(e.path().filename().string())) {
      std::filesystem::remove(e.path(), ec);
    }
  }
}

int ImportJobs::SweepExpired() {
  const int64_t now = clock_.Now();
  std::vector<std::shared_ptr<Job>> gone;
  {
    std::lock_guard lock(mu_);
    for (auto it = jobs_.begin(); it != jobs_.end();) {
      const auto& job = it->second;
      if (job->state.load() != 0 && now - job->ended_at.load() >= retention_seconds_) {
        gone.push_back(job);
        it = jobs_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (const auto& job : gone) {
    std::error_code ec;
    if (!job->request.rejects_path.empty()) std::filesystem::remove(job->request.rejects_path, ec);
  }
  return static_cast<int>(gone.size());
}

ImportJobs::~ImportJobs() { WaitAll(); }

void ImportJobs::WaitAll() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mu_);
    threads.swap(threads_);
  }
  for (auto& t : threads) {
    if (t.joinable()) t.join();
  }
}

ImportSlot::ImportSlot(std::shared_ptr<Counts> counts, int64_t account_id)
    : counts_(std::move(counts)), account_id_(account_id) {}

ImportSlot::~ImportSlot() {
  std::lock_guard lock(counts_->mu);
  if (!held_) return;
  --counts_->total;
  if (--counts_->per_account[account_id_] == 0) counts_->per_account.erase(account_id_);
}

std::optional<Error> ImportJobs::OverLimit(int64_t account_id, const char* what) const {
  int mine = 0, all = counts_->total;
  if (auto it = counts_->per_account.find(account_id); it != counts_->per_account.end()) {
    mine = it->second;
  }
  for (const auto& [_, j] : jobs_) {
    if (j->state.load() != 0) continue;
    ++all;
    mine += j->account_id == account_id;
  }
  if (mine >= limits_.per_account) {
    return Error{ErrorCode::kConflict, "您已有 " + std::to_string(mine) + " 个" + what +
                                           "正在进行，请等其完成后再" +
                                           (std::string_view(what) == "导入任务" ? "上传" : "开始")};
  }
  if (all >= limits_.total) {
    return Error{ErrorCode::kConflict, std::string("服务器正在处理的") + what + "已达上限，请稍后再试"};
  }
  return std::nullopt;
}

Result<std::shared_ptr<ImportSlot>> ImportJobs::Reserve(int64_t account_id) {
  if (!runner_) return Fail(ErrorCode::kInternal, "本服务器未启用导入");
  std::lock_guard lock(mu_);
  std::lock_guard counts_lock(counts_->mu);
  if (auto over = OverLimit(account_id)) return std::unexpected(std::move(*over));
  ++counts_->total;
  ++counts_->per_account[account_id];
  return std::make_shared<ImportSlot>(counts_, account_id);
}

Result<std::string> ImportJobs::Start(int64_t account_id, ImportRequest request,
                                      std::string_view data, ImportSlot* slot) {
  if (!runner_) return Fail(ErrorCode::kInternal, "本服务器未启用导入");
  SweepExpired();
  // Reserve a slot before writing anything: a placeholder job counts as
  // running from here on, so parallel uploads cannot all pass the check.
  const std::string id = auth::RandomToken(12);
  auto job = std::make_shared<Job>();
  job->account_id = account_id;
  {
    std::lock_guard lock(mu_);
    std::lock_guard counts_lock(counts_->mu);
    if (slot && slot->held_ && slot->counts_ == counts_ && slot->account_id_ == account_id) {
      slot->held_ = false;  // the reservation becomes this job
      --counts_->total;
      if (--counts_->per_account[account_id] == 0) counts_->per_account.erase(account_id);
    } else if (auto over = OverLimit(account_id)) {
      return std::unexpected(std::move(*over));
    }
    jobs_[id] = job;
  }
  auto release = [&] {
    std::lock_guard lock(mu_);
    jobs_.erase(id);
  };
  std::error_code ec;
  std::filesystem::create_directories(work_dir_, ec);
  std::filesystem::permissions(work_dir_, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, ec);
  std::string ext = request.file_name.ends_with(".xlsx") ? ".xlsx" : ".csv";
  request.file_path = (work_dir_ / (id + ".upload" + ext)).string();
  request.rejects_path = (work_dir_ / (id + ".rejects.csv")).string();
  if (!WritePrivateFile(request.file_path, data)) {
    const int err = errno;
    release();
    if (err == ENOSPC || err == EDQUOT) {
      return Fail(ErrorCode::kIo, std::string(store::kNoSpaceText) +
                                      "：服务器磁盘已满，上传的文件未能保存，未导入任何内容；请联系管理员释放空间后重新上传");
    }
    return Fail(ErrorCode::kIo, "无法保存上传的文件");
  }
  // The rejects file holds rows unmasked: create it 0600 now, so the
  // pipeline's writer (which truncates, keeping the mode) never makes it
  // world-readable.
  if (!WritePrivateFile(request.rejects_path, "")) {
    ::unlink(request.file_path.c_str());
    release();
    return Fail(ErrorCode::kIo, "无法创建退回文件");
  }
  request.db_url = db_url_;
  std::lock_guard lock(mu_);
  job->request = std::move(request);
  Launch(job);
  return id;
}

Result<std::string> ImportJobs::StartTask(int64_t account_id, std::string kind, std::string key,
                                          JobTask task) {
  SweepExpired();
  const std::string id = auth::RandomToken(12);
  auto job = std::make_shared<Job>();
  job->account_id = account_id;
  job->request.entity = std::move(kind);
  job->task = std::move(task);
  job->key = std::move(key);
  std::lock_guard lock(mu_);
  {
    std::lock_guard counts_lock(counts_->mu);
    if (auto over = OverLimit(account_id, "后台任务")) return std::unexpected(std::move(*over));
  }
  if (!job->key.empty()) {
    for (const auto& [_, j] : jobs_) {
      if (j->state.load() == 0 && j->key == job->key) {
        return Fail(ErrorCode::kConflict, "同一区域的该项任务正在进行，请等其完成后再开始");
      }
    }
  }
  jobs_[id] = job;
  Launch(job);
  return id;
}

void ImportJobs::Launch(std::shared_ptr<Job> job) {
  threads_.emplace_back([this, job] {
    // Nothing may leave this thread (std::terminate would end the server
    // for every user): an exception marks the job failed.
    try {
      Run(*job);
    } catch (...) {
      try {
        job->result = {{"error", ErrorCodeName(ErrorCode::kInternal)},
                       {"message", job->task ? "任务意外中止：服务器出现内部错误，已完成的部分保留。"
                                               "请稍后重试，问题仍在请联系管理员"
                                             : "导入意外中止：服务器处理该文件时出现内部错误，已保存的批次保留。"
                                               "请检查文件后重新导入，问题仍在请联系管理员"}};
      } catch (...) {
        job->result = nullptr;
      }
      job->ended_at = clock_.Now();
      job->state = 2;
    }
    if (job->request.file_path.empty()) return;
    std::error_code ec;
    std::filesystem::remove(job->request.file_path, ec);  // personal data: keep no copy
  });
}

void ImportJobs::Run(Job& job) {
  auto db = store::OpenDb(db_url_);
  if (!db) return Finish(job, std::unexpected(db.error()));
  Finish(job, job.task ? job.task(**db, job.progress) : runner_(**db, vault_, job.request, job.progress));
}

void ImportJobs::Finish(Job& job, Result<nlohmann::json> r) {
  if (r) {
    // The rejects file's server path is ours to know, not the browser's.
    if (r->is_object() && r->contains("rejects_file")) {
      if ((*r)["rejects_file"].is_string()) {
        const std::string written = (*r)["rejects_file"].get<std::string>();
        if (written != job.request.rejects_path) ::unlink(job.request.rejects_path.c_str());
        job.request.rejects_path = written;
        ::chmod(written.c_str(), 0600);  // e.g. an .xlsx the writer created itself
      }
      r->erase("rejects_file");
    } else {
      ::unlink(job.request.rejects_path.c_str());
      job.request.rejects_path.clear();
    }
    job.result = std::move(*r);
    job.ended_at = clock_.Now();
    job.state = 1;
  } else {
    ::unlink(job.request.rejects_path.c_str());
    job.request.rejects_path.clear();
    // The browser sees the reason, never a server path.
    job.result = {{"error", ErrorCodeName(r.error().code)}, {"message", StripServerPaths(r.error().message)}};
    job.ended_at = clock_.Now();
    job.state = 2;
  }
}

std::optional<ImportJobView> ImportJobs::Get(const std::string& job_id, int64_t account_id) {
  SweepExpired();
  std::shared_ptr<Job> job;
  {
    std::lock_guard lock(mu_);
    auto it = jobs_.find(job_id);
    if (it == jobs_.end()) return std::nullopt;
    job = it->second;
  }
  if (job->account_id != account_id) return std::nullopt;
  ImportJobView v;
  int state = job->state.load();
  v.state = state == 0 ? "running" : state == 1 ? "done" : "failed";
  v.rows_done = job->progress.rows_done.load();
  v.rows_total = job->progress.rows_total.load();
  if (state != 0) v.result = job->result;
  if (state != 0) v.rejects_path = job->request.rejects_path;
  v.entity = job->request.entity;
  v.stage = job->progress.stage.load();
  return v;
}

}  // namespace qjy::server
