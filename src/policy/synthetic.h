// A generated province for the policy engine's benchmark and its tests: a
// World of random persons, employers, contracts and registrations, with the
// proportions of bench/README.md (40 % rural labour, 12 % graduates, 7 in 10
// employed, 1 in 20 registered unemployed, ...). Deterministic for a seed.
//
// With `extras`, a second pass (its own random stream, so the base world is
// the same with or without it) adds what exercises every rule and date
// boundary: memberships with validity windows, the rarer groups, several
// certificates a year, insurance facts, ended registrations, internships,
// start-ups, placements, full-employment communities, contracts with an
// unknown employer.
#ifndef QJY_POLICY_SYNTHETIC_H_
#define QJY_POLICY_SYNTHETIC_H_

#include <cstdint>

#include "policy/facts.h"

namespace qjy::policy {

struct SyntheticOptions {
  int64_t persons = 1000;
  int64_t employers = 50;  // at least 1
  uint64_t seed = 2023;
  bool extras = false;
};

// Indexed on return.
World SyntheticProvince(const SyntheticOptions& options);

}  // namespace qjy::policy

#endif  // QJY_POLICY_SYNTHETIC_H_
