#include "gen/job_gen.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace qjy::gen {
namespace {

using registry::Education;
using registry::JobType;

constexpr std::array<std::string_view, 6> kRequirements = {
    "初中及以上学历，身体健康，吃苦耐劳", "高中或中专及以上学历，有相关经验者优先",
    "大专及以上学历，熟练使用办公软件", "持相应职业资格证书或技能等级证书",
    "本科及以上学历，相关专业", "无学历要求，能适应倒班"};

int64_t RoundTo100Yuan(int64_t fen) { return (fen + 5000) / 10000 * 10000; }

}  // namespace

int64_t EmployerForJob(uint64_t seed, int64_t index, int64_t employers) {
  // Affine permutation of [0, employers): a multiplier coprime with M.
  const uint64_t m = static_cast<uint64_t>(employers);
  uint64_t s = seed ^ 0x4A0B;
  uint64_t a = (SplitMix64(s) | 1) % m;
  auto gcd = [](uint64_t x, uint64_t y) {
    while (y) {
      x %= y;
      std::swap(x, y);
    }
    return x;
  };
  if (a == 0) a = 1;
  while (gcd(a, m) != 1) ++a;
  const uint64_t b = SplitMix64(s) % m;
  const uint64_t i = static_cast<uint64_t>(index) % m;
  return static_cast<int64_t>((static_cast<unsigned __int128>(i) * a + b) % m);
}

registry::Job GenerateJob(const Tables& t, int64_t index, int64_t job_id,
                          const GeneratedEmployer& g) {
  const Profile& p = t.profile;
  Rng rng = Rng::ForRecord(t.options.seed, static_cast<uint64_t>(Stream::kJob),
                           static_cast<uint64_t>(index));
  registry::Job j;
  j.job_id = job_id;
  j.employer_credit_code = g.employer.credit_code;
  j.county_code = g.employer.county_code;
  j.place_region = g.employer.region;
  const Occupation& occ = p.occupations[t.occupation.Pick(rng)];
  j.title = occ.title;
  j.occupation_code = occ.code;
  j.type = p.job_types[t.job_type.Pick(rng)].first;
  int64_t factor_per_mille = 1000;
  if (g.county >= 0) {
    const auto& pref = t.geo.prefectures()[t.geo.counties()[g.county].prefecture];
    // Project wages are Guiyang-level; scale by the prefecture's average.
    factor_per_mille = pref.avg_wage_yuan * 1000 / t.geo.prefectures().front().avg_wage_yuan;
  } else {
    factor_per_mille = p.outside_wage_factor_per_mille;
  }
  const int64_t noise = rng.Between(90, 110);
  int64_t lo = occ.wage_min_yuan * 100 * factor_per_mille / 1000 * noise / 100;
  int64_t hi = occ.wage_max_yuan * 100 * factor_per_mille / 1000 * noise / 100;
  switch (j.type) {
    case JobType::kPartTime:
      lo /= 2;
      hi /= 2;
      break;
    case JobType::kInternship:  // about 80 % of a minimum wage level
      lo = 150000;
      hi = 190000;
      j.title += "（见习）";
      break;
    case JobType::kPublicWelfare:
      lo = 150000;
      hi = 220000;
      j.title = rng.PerMillion(500'000) ? "乡村公益性岗位（保洁）" : "城镇公益性岗位（协管）";
      j.occupation_code = rng.PerMillion(500'000) ? "4-09" : "3-01";
      break;
    case JobType::kGig:
      j.title += "（零工）";
      break;
    default:
      break;
  }
  j.wage_min_fen = RoundTo100Yuan(lo);
  j.wage_max_fen = std::max(j.wage_min_fen, RoundTo100Yuan(hi));
  j.headcount = static_cast<int>(1 + rng.Below(5) * rng.Below(6));
  j.requirements = std::string(kRequirements[rng.Below(kRequirements.size())]);
  const int64_t employers = std::max<int64_t>(1, t.options.employers);
  const int round = static_cast<int>(index / employers);
  j.open_on = t.options.as_of.AddDays(-(round % 52) * 7 - static_cast<int>(rng.Below(7)));
  j.close_on = j.open_on.AddDays(static_cast<int>(rng.Between(30, 90)));
  return j;
}

}  // namespace qjy::gen
