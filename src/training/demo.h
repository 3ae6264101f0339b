// Demo training data (`qjy training demo`, scripts/demo.sh): in the
// counties with the most persons, a provider and a few courses that ended
// before `as_of`, enrolments preferring the registered unemployed, daily
// attendance (a few trainees miss days and fall below the share),
// completion, certificates for most, and both subsidies paid through the
// ledger — every step through TrainingStore / PaySubsidy, so the demo
// obeys the same rules. Deterministic for a seed; refuses (kConflict) when
// training providers exist already.
#ifndef QJY_TRAINING_DEMO_H_
#define QJY_TRAINING_DEMO_H_

#include <cstdint>
#include <string>

#include "core/date.h"
#include "core/error.h"
#include "policy/params.h"
#include "store/db.h"

namespace qjy::training {

struct DemoReport {
  int64_t providers = 0, courses = 0, enrolments = 0, completed = 0, certified = 0, payments = 0, paid_fen = 0;
};

Result<DemoReport> GenerateDemo(store::Db& db, const policy::ParameterSet& params, uint64_t seed, Date as_of,
                                int counties = 5);

}  // namespace qjy::training

#endif  // QJY_TRAINING_DEMO_H_
