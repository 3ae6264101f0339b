// A bounded hand-off of batches from one producing thread to one consuming
// thread: the importer reads, parses, validates and encrypts batch N+1
// while batch N is being written.
//
//   BatchQueue<Batch> q(2);
//   producer: while (...) if (!q.Push(std::move(b))) return;  q.Close();
//   consumer: while (auto b = q.Pop()) { if (failed) { q.Cancel(); break; } }
//
// Push blocks while `capacity` batches wait; it returns false once the
// consumer cancelled (the producer should stop). Pop blocks until a batch
// is there and returns nullopt once the producer closed the queue and it is
// drained, or after Cancel. Thread-safe.
#ifndef QJY_IMPORTER_BATCH_QUEUE_H_
#define QJY_IMPORTER_BATCH_QUEUE_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

namespace qjy::importer {

template <class T>
class BatchQueue {
 public:
  explicit BatchQueue(size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

  bool Push(T item) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] { return cancelled_ || items_.size() < capacity_; });
    if (cancelled_) return false;
    items_.push_back(std::move(item));
    not_empty_.notify_one();
    return true;
  }

  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }

  void Cancel() {
    std::lock_guard lock(mu_);
    cancelled_ = true;
    items_.clear();
    not_full_.notify_all();
    not_empty_.notify_all();
  }

  std::optional<T> Pop() {
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [&] { return cancelled_ || closed_ || !items_.empty(); });
    if (cancelled_ || items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }

 private:
  const size_t capacity_;
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<T> items_;   // guarded by mu_
  bool closed_ = false;     // guarded by mu_
  bool cancelled_ = false;  // guarded by mu_
};

}  // namespace qjy::importer

#endif  // QJY_IMPORTER_BATCH_QUEUE_H_
