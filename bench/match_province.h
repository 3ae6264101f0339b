// The generated province of the matching benchmarks (match_bench.cc,
// batch_bench.cc): Guizhou's counties from the shipped divisions, the
// generator's occupations (src/gen/data/occupations.csv), open jobs and
// seekers drawn from one seeded random stream. Header only.
#ifndef QJY_BENCH_MATCH_PROVINCE_H_
#define QJY_BENCH_MATCH_PROVINCE_H_

#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/regions.h"
#include "gen/profile.h"
#include "match/index.h"
#include "registry/model.h"

namespace qjy::bench {

struct MatchOcc {
  std::string code, title;
};

struct MatchProvince {
  std::vector<std::string> counties;  // Guizhou's 88
  std::vector<std::string> outside;   // a few workplaces in other provinces
  std::vector<MatchOcc> occs;
};

// Reads the counties and the generator's occupation list (gen::LoadProfile);
// false when either is missing.
inline bool LoadMatchProvince(const RegionIndex& regions, MatchProvince& out) {
  const auto prefs = regions.Children("52");
  if (!prefs) return false;
  for (const auto& p : *prefs) {
    const auto cs = regions.Children(p.code);
    if (!cs) return false;
    for (const auto& c : *cs) out.counties.push_back(c.code);
  }
  out.outside = {"440305", "440106", "330106", "350102", "320106"};
  auto profile = gen::LoadProfile(gen::DefaultProfileDir());  // the generator's occupations
  if (!profile) return false;
  for (const gen::Occupation& o : profile->occupations) out.occs.push_back({o.code, o.title});
  return !out.counties.empty() && !out.occs.empty();
}

// Draws one open job (id `id`) as of `today`; with_headcount draws a
// headcount of 1-10 too (the batch's capacities).
inline registry::Job DrawJob(const MatchProvince& pv, std::mt19937_64& rng, int64_t id, Date today,
                             bool with_headcount) {
  static const char* kReqs[] = {"初中及以上学历，身体健康", "高中或中专及以上学历",
                                "大专及以上学历，熟练使用办公软件", "持相应职业资格证书", "无学历要求，能适应倒班"};
  const MatchOcc& o = pv.occs[rng() % pv.occs.size()];
  registry::Job j;
  j.job_id = id;
  j.place_region = rng() % 20 == 0 ? pv.outside[rng() % pv.outside.size()] : pv.counties[rng() % pv.counties.size()];
  j.county_code = j.place_region;
  j.title = o.title;
  j.occupation_code = o.code;
  j.wage_min_fen = 200000 + static_cast<int64_t>(rng() % 300000);
  j.wage_max_fen = j.wage_min_fen + static_cast<int64_t>(rng() % 300000);
  j.type = rng() % 5 == 0 ? registry::JobType::kPartTime : registry::JobType::kFullTime;
  j.requirements = kReqs[rng() % 5];
  j.open_on = today.AddDays(-static_cast<int>(rng() % 60));
  j.close_on = today.AddDays(1 + static_cast<int>(rng() % 60));
  if (with_headcount) j.headcount = 1 + static_cast<int>(rng() % 10);
  return j;
}

// Draws one seeker (person id `id`) available from `today`.
inline match::SeekerProfile DrawSeeker(const MatchProvince& pv, std::mt19937_64& rng, int64_t id, Date today) {
  match::SeekerProfile p;
  p.person_id = id;
  p.home_county = pv.counties[rng() % pv.counties.size()];
  p.county_code = p.home_county;
  const int n_occ = static_cast<int>(rng() % 10 < 8 ? 1 + rng() % 2 : 0);
  for (int k = 0; k < n_occ; ++k) p.desired_occupations.push_back(pv.occs[rng() % pv.occs.size()].code);
  p.scope = static_cast<match::PlaceScope>(rng() % 3);
  if (rng() % 10 == 0) p.outbound_provinces = {"44"};
  p.expected_wage_fen = 250000 + static_cast<int64_t>(rng() % 400000);
  p.work_type = registry::JobType::kFullTime;
  p.education = static_cast<registry::Education>(1 + rng() % 8);
  p.available_from = today;
  p.registered_unemployed = rng() % 4 == 0;
  return p;
}

}  // namespace qjy::bench

#endif  // QJY_BENCH_MATCH_PROVINCE_H_
