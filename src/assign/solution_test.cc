#include "assign/solution.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace qjy::assign {
namespace {

// Two seekers wanting 2 each, three jobs of capacity 1 (seeker 1's only
// candidate besides job 1 is job 2).
Problem Small() {
  Problem p;
  p.want = 2;
  p.capacity = {1, 1, 1};
  p.AddSeeker({0, 1}, {9, 5});
  p.AddSeeker({1, 2}, {7, 3});
  return p;
}

TEST(Check, CountsWhatItChecked) {
  const Problem p = Small();
  const Solution s{{1, 1, 0, 1}, {0, 1}};
  Counts c;
  const auto t = Check(p, s, &c);
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->served, 3u);
  EXPECT_EQ(t->score, 9 + 5 + 3);
  EXPECT_EQ(c.load, (std::vector<std::uint32_t>{1, 1, 1}));
  EXPECT_EQ(c.got, (std::vector<std::uint32_t>{2, 1}));
  // The same totals without counts.
  const auto u = Check(p, s);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->cost, t->cost);
}

TEST(Check, RejectsAJobOverCapacity) {
  const Problem p = Small();
  const Solution s{{1, 1, 1, 0}, {0, 1}};  // job 1 given twice
  Counts c;
  const auto t = Check(p, s, &c);
  ASSERT_FALSE(t);
  EXPECT_NE(t.error().message.find("超过容量"), std::string::npos);
}

}  // namespace
}  // namespace qjy::assign
