#include "server/monitor_cache.h"

#include <exception>

namespace qjy::server {

MonitorCache::MonitorCache(Builder builder, const auth::Clock& clock, Options options)
    : builder_(std::move(builder)), clock_(clock), options_(options) {}

MonitorCache::~MonitorCache() {
  std::thread worker;
  {
    std::lock_guard lock(mu_);
    worker = std::move(worker_);
  }
  if (worker.joinable()) worker.join();
}

void MonitorCache::Invalidate() {
  std::lock_guard lock(mu_);
  ++generation_;
}

bool MonitorCache::StaleLocked(const MonitorSnapshot& s, Date today, int64_t now) const {
  return s.generation != generation_ || s.today != today || now - s.built_at >= options_.max_age;
}

void MonitorCache::StartLocked(Date today) {
  if (running_) return;
  if (worker_.joinable()) worker_.join();  // the last build has finished (running_ is false)
  running_ = true;
  worker_ = std::thread([this, today, generation = generation_] { Run(today, generation); });
}

void MonitorCache::Run(Date today, uint64_t generation) {
  const int64_t started = clock_.Now();
  Result<MonitorSnapshot> built = Fail(ErrorCode::kInternal, "监测数据准备失败");
  try {
    built = builder_(today);
  } catch (const std::exception& e) {
    built = Fail(ErrorCode::kInternal, std::string("监测数据准备失败：") + e.what());
  }
  std::lock_guard lock(mu_);
  running_ = false;
  if (built) {
    built->today = today;
    built->built_at = started;
    built->generation = generation;
    current_ = std::make_shared<const MonitorSnapshot>(std::move(*built));
    failed_.reset();
  } else {
    failed_ = built.error();
  }
  built_.notify_all();
}

Result<MonitorCache::View> MonitorCache::Get() { return Get(options_.first_wait); }

Result<MonitorCache::View> MonitorCache::Get(std::chrono::milliseconds wait) {
  const int64_t now = clock_.Now();
  const Date today = Date::InChina(now);
  std::unique_lock lock(mu_);
  if (current_ && !StaleLocked(*current_, today, now)) return View{current_, false};
  StartLocked(today);
  if (current_) return View{current_, true};
  built_.wait_for(lock, wait, [&] { return !running_; });
  if (current_) return View{current_, StaleLocked(*current_, today, clock_.Now())};
  if (!running_ && failed_) {
    Error e = *failed_;
    failed_.reset();
    return std::unexpected(e);
  }
  return View{nullptr, true};
}

}  // namespace qjy::server
