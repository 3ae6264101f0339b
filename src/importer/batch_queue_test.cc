#include "importer/batch_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace qjy::importer {
namespace {

TEST(BatchQueueTest, DeliversEverythingInOrderThenEnds) {
  BatchQueue<int> q(2);
  std::thread producer([&] {
    for (int i = 0; i < 1000; ++i) ASSERT_TRUE(q.Push(i));
    q.Close();
  });
  std::vector<int> got;
  while (auto v = q.Pop()) got.push_back(*v);
  producer.join();
  ASSERT_EQ(got.size(), 1000u);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(got[i], i);
  EXPECT_FALSE(q.Pop().has_value());
}

TEST(BatchQueueTest, CancelStopsABlockedProducer) {
  BatchQueue<int> q(1);
  std::atomic<int> pushed = 0;
  std::atomic<bool> refused = false;
  std::thread producer([&] {
    for (int i = 0; i < 100; ++i) {
      if (!q.Push(i)) {
        refused = true;
        return;
      }
      ++pushed;
    }
  });
  ASSERT_EQ(q.Pop().value(), 0);
  q.Cancel();
  producer.join();
  EXPECT_TRUE(refused);
  EXPECT_LT(pushed.load(), 100);
  EXPECT_FALSE(q.Pop().has_value());
}

}  // namespace
}  // namespace qjy::importer
