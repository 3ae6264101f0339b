#include "gen/tables.h"

namespace qjy::gen {
namespace {

template <class Pairs>
WeightedPicker FromPairs(const Pairs& pairs) {
  std::vector<uint64_t> w;
  for (const auto& p : pairs) w.push_back(p.second);
  return WeightedPicker(w);
}

}  // namespace

Tables::Tables(const Profile& p, const Geography& g, const GenOptions& o)
    : profile(p), geo(g), options(o) {
  surname = FromPairs(p.surnames);
  std::vector<uint64_t> w;
  for (const auto& b : p.age_bands) w.push_back(b.per_mille);
  age_band = WeightedPicker(w);
  education_young = WeightedPicker(p.education_young);
  education_old = WeightedPicker(p.education_old);
  employer_type = FromPairs(p.employer_types);
  employer_size = WeightedPicker(p.employer_sizes);
  job_type = FromPairs(p.job_types);
  w.clear();
  for (const auto& oc : p.occupations) w.push_back(oc.weight);
  occupation = WeightedPicker(w);
  unemployed_duration = WeightedPicker(p.unemployed_duration);
  for (const auto& pp : p.prefectures) ethnicity.push_back(FromPairs(pp.ethnicity));
}

}  // namespace qjy::gen
