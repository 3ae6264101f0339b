#include "assign/problem.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace qjy::assign {
namespace {

Problem Make(const std::vector<std::vector<std::pair<std::uint32_t, std::int32_t>>>& rows, std::size_t jobs) {
  Problem p;
  p.capacity.assign(jobs, 1);
  for (const auto& row : rows) {
    std::vector<std::uint32_t> j;
    std::vector<std::int32_t> s;
    for (const auto& [job, score] : row) {
      j.push_back(job);
      s.push_back(score);
    }
    p.AddSeeker(j, s);
  }
  return p;
}

TEST(ShapeOf, SortedRowsGiveTheirFirstScoreAsMaximumAndCountEachJob) {
  const Problem p = Make({{{0, 5}, {2, 3}, {1, 3}}, {}, {{2, 7}, {0, 1}}}, 4);
  std::vector<std::uint32_t> degree;
  const Shape shape = ShapeOf(p, &degree);
  EXPECT_TRUE(shape.rows_sorted);
  EXPECT_EQ(shape.max_score, 7);
  EXPECT_EQ(degree, (std::vector<std::uint32_t>{2, 1, 2, 0}));
  EXPECT_EQ(ShapeOf(p).max_score, 7);
}

// Once a row is out of order its first score proves nothing: the maximum
// comes from every arc, rows after it included, with or without degrees.
TEST(ShapeOf, AnUnsortedRowStillGivesTheTrueMaximum) {
  // The maximum (12) is no row's first score.
  const Problem p = Make({{{0, 1}, {1, 12}}, {{1, 9}, {0, 0}}, {{2, 4}}}, 3);
  std::vector<std::uint32_t> degree;
  const Shape with = ShapeOf(p, &degree);
  EXPECT_FALSE(with.rows_sorted);
  EXPECT_EQ(with.max_score, 12);
  EXPECT_EQ(degree, (std::vector<std::uint32_t>{2, 2, 1}));
  const Shape without = ShapeOf(p);
  EXPECT_FALSE(without.rows_sorted);
  EXPECT_EQ(without.max_score, 12);
  EXPECT_EQ(without.max_score, MaxScore(p));
}

// A late unsorted row, without degrees (the scan stops there): its
// second score is the maximum.
TEST(ShapeOf, ALateUnsortedRowWithoutDegrees) {
  const Problem p = Make({{{0, 5}}, {{1, 2}, {0, 11}}}, 2);
  const Shape shape = ShapeOf(p);
  EXPECT_FALSE(shape.rows_sorted);
  EXPECT_EQ(shape.max_score, 11);
}

TEST(ShapeOf, AnEmptyInstanceIsSortedWithMaximumZero) {
  const Problem p = Make({{}, {}}, 2);
  std::vector<std::uint32_t> degree;
  const Shape shape = ShapeOf(p, &degree);
  EXPECT_TRUE(shape.rows_sorted);
  EXPECT_EQ(shape.max_score, 0);
  EXPECT_EQ(degree, (std::vector<std::uint32_t>{0, 0}));
}

}  // namespace
}  // namespace qjy::assign
