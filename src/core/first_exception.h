// Keeping exceptions inside the thread that threw them.
//
// An exception that leaves a std::thread calls std::terminate and takes the
// whole process (the server, every user's request) down. Worker pools run
// their bodies through FirstException::Run, which keeps the first
// exception thrown; the thread that joins the pool rethrows it with
// Rethrow() on its own stack, where the request or job boundary catches it.
// Run is thread-safe; call Rethrow after joining every worker.
//
//   FirstException failure;
//   for (...) pool.emplace_back([&] { failure.Run([&] { Work(); }); });
//   for (auto& t : pool) t.join();
//   failure.Rethrow();
#ifndef QJY_CORE_FIRST_EXCEPTION_H_
#define QJY_CORE_FIRST_EXCEPTION_H_

#include <exception>
#include <mutex>
#include <string>

namespace qjy {

class FirstException {
 public:
  template <class F>
  void Run(F&& f) noexcept {
    try {
      f();
    } catch (...) {
      std::lock_guard lock(mu_);
      if (!first_) first_ = std::current_exception();
    }
  }
  bool failed() const {
    std::lock_guard lock(mu_);
    return static_cast<bool>(first_);
  }
  void Rethrow() {
    std::exception_ptr e;
    {
      std::lock_guard lock(mu_);
      e = first_;
    }
    if (e) std::rethrow_exception(e);
  }

 private:
  mutable std::mutex mu_;
  std::exception_ptr first_;  // guarded by mu_
};

// what() of the exception being handled (call inside a catch block), or
// "unknown exception" for one that is not a std::exception.
inline std::string CurrentExceptionText() {
  try {
    throw;
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "unknown exception";
  }
}

}  // namespace qjy

#endif  // QJY_CORE_FIRST_EXCEPTION_H_
