#include "assign/problem.h"

#include <algorithm>
#include <string>

namespace qjy::assign {

void Problem::AddSeeker(const std::vector<std::uint32_t>& jobs,
                        const std::vector<std::int32_t>& scores) {
  job.insert(job.end(), jobs.begin(), jobs.end());
  score.insert(score.end(), scores.begin(), scores.end());
  offsets.push_back(static_cast<std::uint32_t>(job.size()));
}

Result<void> Validate(const Problem& p) {
  if (p.offsets.empty() || p.offsets.front() != 0 || p.offsets.back() != p.job.size() ||
      p.score.size() != p.job.size()) {
    return Fail(ErrorCode::kInvalidArgument, "分配问题结构错误：候选列表的偏移与岗位/得分数量不一致");
  }
  if (!p.wants.empty() && p.wants.size() != p.Seekers()) {
    return Fail(ErrorCode::kInvalidArgument, "分配问题结构错误：每人推荐数的个数与求职者人数不一致");
  }
  for (std::size_t s = 0; s < p.wants.size(); ++s) {
    if (p.wants[s] > p.want) {
      return Fail(ErrorCode::kInvalidArgument,
                  "分配问题结构错误：第 " + std::to_string(s) + " 名求职者的推荐数超过每人推荐数上限");
    }
  }
  std::vector<std::uint32_t> seen(p.Jobs(), UINT32_MAX);
  for (std::size_t s = 0; s < p.Seekers(); ++s) {
    if (p.offsets[s] > p.offsets[s + 1]) {
      return Fail(ErrorCode::kInvalidArgument,
                  "分配问题结构错误：第 " + std::to_string(s) + " 名求职者的候选偏移递减");
    }
    for (std::uint32_t a = p.offsets[s]; a < p.offsets[s + 1]; ++a) {
      // The place, written only for an error (this runs over every arc).
      auto where = [&] {
        return "第 " + std::to_string(s) + " 名求职者的第 " + std::to_string(a - p.offsets[s] + 1) + " 个候选岗位";
      };
      if (p.job[a] >= p.Jobs()) {
        return Fail(ErrorCode::kInvalidArgument, where() + "：岗位编号 " + std::to_string(p.job[a]) + " 超出范围");
      }
      if (p.score[a] < 0) {
        return Fail(ErrorCode::kInvalidArgument, where() + "：得分不能为负");
      }
      if (seen[p.job[a]] == s) {
        return Fail(ErrorCode::kInvalidArgument, where() + "：同一岗位重复出现");
      }
      seen[p.job[a]] = static_cast<std::uint32_t>(s);
    }
  }
  return {};
}

std::int32_t MaxScore(const Problem& p) {
  // Eight independent maxima (the compiler keeps them in one vector
  // register), on up to 50 M arcs (Check; ShapeOf where a row is not
  // sorted).
  std::int32_t m[8] = {};
  const std::size_t n = p.score.size(), body = n - n % 8;
  const std::int32_t* s = p.score.data();
  for (std::size_t i = 0; i < body; i += 8) {
    for (int k = 0; k < 8; ++k) m[k] = std::max(m[k], s[i + k]);
  }
  for (std::size_t i = body; i < n; ++i) m[0] = std::max(m[0], s[i]);
  return *std::max_element(m, m + 8);
}

Shape ShapeOf(const Problem& p, std::vector<std::uint32_t>* degree) {
  Shape shape;
  if (degree) degree->assign(p.Jobs(), 0);
  // While the rows are sorted, a row's largest score is its first.
  for (std::size_t s = 0; s < p.Seekers(); ++s) {
    const std::uint32_t b = p.offsets[s], e = p.offsets[s + 1];
    if (shape.rows_sorted && b < e) {
      shape.max_score = std::max(shape.max_score, p.score[b]);
      for (std::uint32_t a = b + 1; a < e && shape.rows_sorted; ++a) shape.rows_sorted = p.score[a - 1] >= p.score[a];
    }
    if (degree) {
      for (std::uint32_t a = b; a < e; ++a) ++(*degree)[p.job[a]];
    } else if (!shape.rows_sorted) {
      break;
    }
  }
  if (!shape.rows_sorted) shape.max_score = MaxScore(p);
  return shape;
}

}  // namespace qjy::assign
