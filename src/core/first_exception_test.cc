#include "core/first_exception.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>
#include <vector>

namespace qjy {
namespace {

// A worker's exception stays in its thread (no std::terminate) and comes
// back on the joining thread; only the first one is kept.
TEST(FirstExceptionTest, WorkerExceptionIsRethrownAfterJoin) {
  FirstException failure;
  std::vector<std::thread> pool;
  for (int t = 0; t < 4; ++t) {
    pool.emplace_back([&, t] {
      failure.Run([t] {
        if (t % 2 == 1) throw std::runtime_error("worker failed");
      });
    });
  }
  for (auto& th : pool) th.join();
  EXPECT_TRUE(failure.failed());
  try {
    failure.Rethrow();
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "worker failed");
  }
}

TEST(FirstExceptionTest, NothingToRethrowWhenAllSucceed) {
  FirstException failure;
  int ran = 0;
  failure.Run([&] { ++ran; });
  EXPECT_EQ(ran, 1);
  EXPECT_FALSE(failure.failed());
  EXPECT_NO_THROW(failure.Rethrow());
}

TEST(FirstExceptionTest, CurrentExceptionText) {
  try {
    throw std::out_of_range("idx");
  } catch (...) {
    EXPECT_EQ(CurrentExceptionText(), "idx");
  }
  try {
    throw 42;
  } catch (...) {
    EXPECT_EQ(CurrentExceptionText(), "unknown exception");
  }
}

}  // namespace
}  // namespace qjy
