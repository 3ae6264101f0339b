// Batch recommendations for every registered unemployed person (issue #6
// point 4): candidates from the match index, capacity = multiple x
// headcount (src/match/data/batch.yaml), an exact capacity-constrained
// assignment (assign::Solve) maximising the total score, the
// recommendations with their reasons, who got fewer than owed and why, and
// how the recommendations spread over jobs compared with the naive top-k.
//
// Contract: the index is not modified; candidate generation runs on
// options.threads threads (each reads the index under its read lock).
// Deterministic for a given index (seekers in index order).
#ifndef QJY_MATCH_BATCH_H_
#define QJY_MATCH_BATCH_H_

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "assign/problem.h"
#include "assign/solution.h"
#include "assign/spread.h"
#include "core/error.h"
#include "match/index.h"

namespace qjy::match {

struct BatchParams {
  std::uint32_t recommendations = 3;  // owed per person
  std::uint32_t multiple = 5;         // recommendations per place of headcount
  std::string valid_from, source;
};

// Reads batch.yaml; errors in Chinese name the file and the field.
Result<BatchParams> LoadBatchParams(const std::string& path);
Result<BatchParams> LoadDefaultBatchParams();  // src/match/data/batch.yaml

// Progress of a running batch, read by another thread (officer's page).
struct BatchProgress {
  std::atomic<int> phase{0};                  // 0 candidates, 1 assignment, 2 reasons, 3 done
  std::atomic<std::uint64_t> seekers_done{0};  // seekers looked at (phase 0)
  std::atomic<std::uint64_t> seekers_total{0};
};

struct BatchOptions {
  BatchProgress* progress = nullptr;  // optional; updated while running
  BatchParams params;
  std::uint32_t candidates = 50;  // best feasible jobs kept per seeker
  // Second round: a person the main assignment leaves short whose list was
  // cut at `candidates` (others had every feasible job considered already)
  // gets its best feasible jobs among those that still have room, up to
  // this many (the full ones are passed over unscored, so the search goes
  // as deep as it needs to), and they are assigned among such persons
  // (exactly, as the first round), each owed what it is short. 0: no
  // second round.
  std::uint32_t second_round_candidates = 20;
  bool registered_only = true;    // only registered unemployed persons
  std::string region_prefix;      // only seekers whose county code starts so (empty = all)
  int threads = 2;
};

struct Recommendation {
  JobIndex job = 0;
  std::int32_t score = 0;
  std::string reasons;  // "职业相同 · 同县 · 薪资符合期望" (" · 第二轮补充推荐" appended in round 2)
  bool second_round = false;  // given by the second round
};

struct SeekerOutcome {
  SeekerIndex seeker = 0;
  std::vector<Recommendation> jobs;  // score descending
  // Feasible open jobs found: capped at options.candidates; when the
  // second round looked again and kept fewer than second_round_candidates
  // jobs with room, every feasible job (full ones included); when it kept
  // that many, at least options.candidates.
  std::uint32_t feasible = 0;
  std::string shortfall;             // empty when the full number was given; else why not (both rounds)
};

struct BatchResult {
  std::vector<SeekerOutcome> seekers;
  // Ours: the main assignment's totals with the second round's score,
  // units served and short persons folded in (cost: the main one's).
  assign::Totals totals;
  assign::Spread spread;                    // ours, main assignment
  assign::Spread naive;                     // naive top-k, capacity ignored
  std::int64_t naive_score = 0;             // total score of the naive top-k
  std::uint64_t short_few_feasible = 0;     // fewer feasible jobs than owed
  std::uint64_t short_capacity = 0;         // enough feasible jobs, but full (after both rounds)
  std::uint64_t second_round_seekers = 0;   // persons looked at again in the second round
  std::uint64_t second_round_placed = 0;    // of them, persons given at least one job there
  std::uint64_t second_round_units = 0;     // recommendations the second round gave
  // Wall-clock seconds of the phases: candidate lists, the assignment (with
  // its check and the naive comparison), the second round (its search and
  // assignment), reasons.
  double seconds_candidates = 0, seconds_assign = 0, seconds_second_round = 0, seconds_reasons = 0;
  // The same phases in CPU seconds of the whole process (every thread,
  // std::clock): what a phase costs on a shared machine, where wall time
  // mostly measures the wait for a core.
  double cpu_candidates = 0, cpu_assign = 0, cpu_second_round = 0, cpu_reasons = 0;
};

Result<BatchResult> RunBatch(const MatchIndex& index, const BatchOptions& options);

// The assignment instance RunBatch solves: the selected seekers (in index
// order, `who[k]` is the seeker of row k) with their best feasible
// candidates, capacity = multiple x headcount for open jobs, 0 otherwise.
// Used by RunBatch and by the benchmark that solves the same instance with
// LEMON. Error when the instance is malformed (Validate).
struct BatchProblem {
  assign::Problem problem;
  std::vector<SeekerIndex> who;
};
Result<BatchProblem> BuildBatchProblem(const MatchIndex& index, const BatchOptions& options);

}  // namespace qjy::match

#endif  // QJY_MATCH_BATCH_H_
