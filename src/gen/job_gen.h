// One generated job post: an occupation of the project's list (2022
// classification medium groups) with a monthly wage range in fen scaled by
// the prefecture's average wage, posted by a generated employer (a share
// by employers outside Guizhou: labour-cooperation posts).
//
// Job `index` goes to employer perm(index mod M) — a fixed permutation —
// and round index/M decides a distinct week of the opening date, so the
// natural key (employer, title, place, open date) never repeats while
// K ≤ 52·M.
#ifndef QJY_GEN_JOB_GEN_H_
#define QJY_GEN_JOB_GEN_H_

#include <cstdint>
#include <functional>

#include "gen/employer_gen.h"
#include "gen/tables.h"
#include "registry/model.h"

namespace qjy::gen {

// `employer_of(e)` returns employer e (0-based index) as generated.
registry::Job GenerateJob(const Tables& t, int64_t index, int64_t job_id,
                          const GeneratedEmployer& employer);

// The employer index for job `index` among `employers` (> 0) employers.
int64_t EmployerForJob(uint64_t seed, int64_t index, int64_t employers);

}  // namespace qjy::gen

#endif  // QJY_GEN_JOB_GEN_H_
