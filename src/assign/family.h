// A family of assignment instances drawn independently of synthetic.h, for
// the benchmark that runs every kind side by side with LEMON and for the
// optimality tests. Each kind stresses a different part of a solver:
//
//   kUniform    every seeker picks `candidates` jobs uniformly among all
//               jobs, scores uniform in 1..max_score; total capacity is
//               (1 - unservable) x total demand, so that share of the
//               demand cannot be served whatever the assignment.
//   kTies       as kUniform, scores uniform in 1..3 (huge plateaus).
//   kOneMarket  one province-wide market: candidates drawn by a job's
//               attractiveness (log-normal), scores mostly the job's
//               common quality (everybody wants the same jobs).
//   kAreas      88 areas of skewed size (weight 1/rank^0.8, like counties
//               around a capital), seekers and jobs assigned to areas
//               independently (so some areas are short, some slack); 90 %
//               of candidates from the seeker's own area.
//   kZipf       candidates drawn by Zipf popularity (P(rank r) ~ 1/r^1.1),
//               scores uniform and independent of popularity.
//
// The batch's own instance (match::BuildBatchProblem on the generated
// province) is the family's sixth member; it needs the match index, so the
// benchmark builds it, not this file.
//
// Capacity: headcount uniform in 1..10 per job, scaled so that the total
// capacity is (1 - unservable) x total demand (each job at least 1), where
// unservable may be negative for slack (-0.2: 20 % more room than demand).
// Deterministic for a given spec (std::mt19937_64; the distributions are
// the standard library's, so values may differ between libraries).
#ifndef QJY_ASSIGN_FAMILY_H_
#define QJY_ASSIGN_FAMILY_H_

#include <cstdint>
#include <string>

#include "assign/problem.h"

namespace qjy::assign {

enum class FamilyKind { kUniform, kTies, kOneMarket, kAreas, kZipf };

struct FamilySpec {
  FamilyKind kind = FamilyKind::kUniform;
  std::uint32_t seekers = 20'000;
  std::uint32_t jobs = 2'000;
  std::uint32_t candidates = 50;  // per seeker, clipped to jobs
  double unservable = 0.0;        // share of demand beyond total capacity
  std::int32_t max_score = 999;
  std::uint32_t want = 3;
  std::uint64_t seed = 1;
};

Problem MakeFamily(const FamilySpec& spec);

// Short English name of a kind ("uniform", "ties", "one-market", "areas",
// "zipf"), for benchmark output.
std::string FamilyName(FamilyKind kind);

}  // namespace qjy::assign

#endif  // QJY_ASSIGN_FAMILY_H_
