// Random instances for tests and benchmarks (not for production data):
// job popularity is skewed (a few jobs are on many seekers' lists, and score
// higher) so that capacity binds and the solver has to reroute.
#ifndef QJY_ASSIGN_SYNTHETIC_H_
#define QJY_ASSIGN_SYNTHETIC_H_

#include <cstdint>

#include "assign/problem.h"

namespace qjy::assign {

struct SyntheticSpec {
  std::uint32_t seekers = 1000;
  std::uint32_t jobs = 200;
  std::uint32_t min_candidates = 0;
  std::uint32_t max_candidates = 8;   // clipped to jobs
  std::int32_t max_score = 100;
  std::uint32_t max_headcount = 5;    // headcount uniform in [min_headcount, max]
  std::uint32_t min_headcount = 1;
  std::uint32_t multiple = 3;         // capacity = multiple x headcount
  double skew = 2.0;                  // job index = jobs * u^skew
  std::uint32_t want = 3;
  std::uint64_t seed = 1;
  // Locality: seekers and jobs belong to one of `regions` areas (seeker s and
  // job j to s % regions, j % regions); a candidate comes from the seeker's
  // own area with probability `local`, else from anywhere. regions = 1: one
  // market where everybody wants the same popular jobs.
  std::uint32_t regions = 1;
  double local = 0.9;
  // Share of the score that is the job's general attractiveness (the same
  // for every seeker); the rest is seeker-specific fit.
  double job_weight = 0.5;
};

Problem MakeSynthetic(const SyntheticSpec& spec);

}  // namespace qjy::assign

#endif  // QJY_ASSIGN_SYNTHETIC_H_
