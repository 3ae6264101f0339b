// A capacity-constrained recommendation instance: seekers, each with a list
// of feasible candidate jobs and integer scores, and jobs with a capacity
// (how many seekers a job may be recommended to). Stored as compressed rows
// (CSR) so that a province (1 M seekers x 20-50 candidates) fits in memory.
//
// The assignment asked for: every seeker s gets demand(s) = min(want,
// #candidates of s) distinct jobs from its list, no job j is given to more
// than capacity[j] seekers, the number of seekers' units served is as large
// as capacity allows, and among those the total score is maximal.
#ifndef QJY_ASSIGN_PROBLEM_H_
#define QJY_ASSIGN_PROBLEM_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/error.h"
#include "core/uninit_vector.h"

namespace qjy::assign {

struct Problem {
  // offsets.size() == seekers + 1; candidates of seeker s are the arcs
  // offsets[s] .. offsets[s+1]-1; arc a points to job[a] with score[a].
  std::vector<std::uint32_t> offsets{0};
  // (Arcs in buffers that resize without zeroing: the batch's threads
  // write their lists straight into them.)
  UninitVector<std::uint32_t> job;
  UninitVector<std::int32_t> score;   // >= 0
  std::vector<std::uint32_t> capacity;  // per job
  std::uint32_t want = 3;              // recommendations per seeker
  // Optional per-seeker want (empty: `want` for every seeker; else one
  // entry per seeker, each <= want). The batch's second round owes each
  // person only what the first round left short.
  std::vector<std::uint32_t> wants;

  std::size_t Seekers() const { return offsets.size() - 1; }
  std::size_t Jobs() const { return capacity.size(); }
  std::size_t Arcs() const { return job.size(); }
  std::uint32_t Demand(std::size_t s) const {
    return std::min<std::uint32_t>(wants.empty() ? want : wants[s], offsets[s + 1] - offsets[s]);
  }
  // Appends a seeker with the given candidates (parallel arrays).
  void AddSeeker(const std::vector<std::uint32_t>& jobs,
                 const std::vector<std::int32_t>& scores);
};

// Checks the shape: offsets monotone and matching the arcs, job indices in
// range, scores >= 0, no job twice in one seeker's list, `wants` empty or
// one entry per seeker, none above `want`. Error messages in
// Chinese name the seeker and the candidate.
Result<void> Validate(const Problem& p);

// Largest score of any arc (0 for an empty instance).
std::int32_t MaxScore(const Problem& p);

// What the solver's steps ask of an instance, found in one pass over the
// arcs instead of one pass each (at 1 M seekers each pass reads 200 MB):
// the largest score (MaxScore), and whether every seeker's candidates come
// best first (score descending, as the batch's lists do). While the rows
// are sorted a row's first score is its largest; once one is not, the
// largest score takes a second pass (MaxScore).
struct Shape {
  std::int32_t max_score = 0;
  bool rows_sorted = true;
};
// With degree (not null): also each job's number of candidates, in
// *degree (resized to p.Jobs()).
Shape ShapeOf(const Problem& p, std::vector<std::uint32_t>* degree = nullptr);

}  // namespace qjy::assign

#endif  // QJY_ASSIGN_PROBLEM_H_
