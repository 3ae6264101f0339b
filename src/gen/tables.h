// The profile's weights turned into ready-to-draw pickers, plus the
// generation options. Built once per run; read-only while generating.
#ifndef QJY_GEN_TABLES_H_
#define QJY_GEN_TABLES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"
#include "gen/geography.h"
#include "gen/profile.h"
#include "gen/rng.h"

namespace qjy::gen {

struct GenOptions {
  uint64_t seed = 2023;
  int64_t persons = 0, employers = 0, jobs = 0;
  // Mean number of contracts (current and past) of a person who has any.
  double contracts_per_person = 1.6;
  Date as_of;  // the day the data describes ("today" of the synthetic province)
};

// Random streams: one per record kind, so records are independent.
enum class Stream : uint64_t {
  kPerson = 1, kEmployer, kJob, kSite, kEmployerCode, kContribution, kProgramme,
  kPaymentFacts,  // bank account and address (person_gen.cc), apart so the other fields stay as they were
};

struct Tables {
  Tables(const Profile& profile, const Geography& geo, const GenOptions& options);

  const Profile& profile;
  const Geography& geo;
  GenOptions options;
  WeightedPicker surname, age_band, education_young, education_old, employer_type,
      employer_size, job_type, occupation, unemployed_duration;
  std::vector<WeightedPicker> ethnicity;  // per prefecture index
};

}  // namespace qjy::gen

#endif  // QJY_GEN_TABLES_H_
