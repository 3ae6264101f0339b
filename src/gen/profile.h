// The generator's configuration: the distributions of the synthetic
// province, read from src/gen/data (profile.yaml, surnames.csv,
// given_chars.csv, occupations.csv). Sources and assumptions are noted in
// those files. Weights are integers (per mille or relative); the generator
// draws from them with gen/rng.h, so the same files and seed give the same
// data everywhere.
#ifndef QJY_GEN_PROFILE_H_
#define QJY_GEN_PROFILE_H_

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "registry/model.h"

namespace qjy::gen {

using Weighted = std::vector<std::pair<std::string, uint64_t>>;

struct PrefectureProfile {
  std::string code;  // 4 digits
  std::string name;
  uint64_t population = 0;
  int64_t avg_wage_yuan = 0;
  Weighted ethnicity;  // per mille
};

struct CountyKind {
  uint64_t weight = 100;
  uint32_t rural_labour_per_mille = 0;
};

struct AgeBand {
  int from = 16, to = 64;
  uint64_t per_mille = 0;
};

struct Occupation {
  std::string code;  // 2022 classification medium group, e.g. "6-18"
  std::string title;
  int64_t wage_min_yuan = 0, wage_max_yuan = 0;
  uint64_t weight = 1;
};

struct Profile {
  Date as_of_default;
  std::vector<PrefectureProfile> prefectures;
  int64_t province_avg_wage_yuan = 0;
  std::map<std::string, CountyKind> county_kinds;  // by name suffix: 区 市 县 特区
  std::vector<std::string> other_ethnicities;      // drawn for "其他"
  std::vector<AgeBand> age_bands;
  uint32_t male_per_mille = 500;
  // Education weights in registry::Education order from kNone to kDoctor.
  std::array<uint64_t, 9> education_young{}, education_old{};
  std::map<std::string, uint32_t> groups;      // profile.yaml "groups"
  std::map<std::string, uint32_t> employment;  // profile.yaml "employment"
  // Months since the last contract ended: <1, 1-6, 6-12, >12.
  std::array<uint64_t, 4> unemployed_duration{};
  Weighted migrant_destinations;  // prefecture code (4 digits) -> weight
  uint32_t employer_outside_per_mille = 0;
  std::vector<std::pair<registry::EmployerType, uint64_t>> employer_types;
  std::array<uint64_t, 4> employer_sizes{};  // SizeClass order: large..micro
  std::array<std::pair<int, int>, 4> size_headcount{};
  uint32_t key_enterprise_per_mille = 0;
  uint32_t ui_rate_per_10000 = 100;
  std::vector<int> employer_years;
  std::vector<std::pair<registry::JobType, uint64_t>> job_types;
  uint32_t job_outside_per_mille = 0;
  uint32_t outside_wage_factor_per_mille = 1000;
  Weighted surnames;
  std::vector<std::string> male_chars, female_chars, neutral_chars;
  std::vector<Occupation> occupations;

  // A named rate of "groups" / "employment"; 0 when absent.
  uint32_t Group(const std::string& key) const;
  uint32_t Employment(const std::string& key) const;
};

// $QJY_GEN_DATA when set, else the source tree's src/gen/data.
std::string DefaultProfileDir();

// Reads and checks the profile; a missing file or a malformed entry is an
// error naming the file.
Result<Profile> LoadProfile(const std::string& dir);

}  // namespace qjy::gen

#endif  // QJY_GEN_PROFILE_H_
