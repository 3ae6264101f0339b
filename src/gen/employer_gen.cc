#include "gen/employer_gen.h"

#include <algorithm>

#include "gen/checks.h"
#include "gen/names.h"

namespace qjy::gen {
namespace {

using registry::EmployerType;
using registry::SizeClass;

// Registration authority and kind (chars 1–2 of the credit code, GB 32100).
const char* AuthorityCode(EmployerType type) {
  switch (type) {
    case EmployerType::kPublicInstitution: return "12";   // 机构编制 事业单位
    case EmployerType::kLawFirm: return "31";             // 司法行政 律师事务所
    case EmployerType::kSocialOrganisation: return "52";  // 民政 民办非企业单位
    case EmployerType::kFoundation: return "53";          // 民政 基金会
    case EmployerType::kIndividualBusiness:
    case EmployerType::kLabourBroker:
    case EmployerType::kFamilyFarm:
    case EmployerType::kLargeGrower: return "92";         // 市场监管 个体工商户
    case EmployerType::kCooperative: return "93";         // 市场监管 农民专业合作社
    default: return "91";                                 // 市场监管 企业
  }
}

SizeClass AdjustSize(SizeClass s, EmployerType type, Rng& rng) {
  switch (type) {
    case EmployerType::kIndividualBusiness:
    case EmployerType::kLabourBroker:
    case EmployerType::kFamilyFarm:
    case EmployerType::kLargeGrower:
      return rng.PerMillion(850'000) ? SizeClass::kMicro : SizeClass::kSmall;
    case EmployerType::kCooperative:
    case EmployerType::kAssistanceWorkshop:
      return rng.PerMillion(600'000) ? SizeClass::kMicro : SizeClass::kSmall;
    case EmployerType::kFoundation:
    case EmployerType::kLawFirm:
    case EmployerType::kAccountingFirm:
    case EmployerType::kSocialOrganisation:
    case EmployerType::kHrAgency:
      return s == SizeClass::kLarge ? SizeClass::kMedium : s;
    default:
      return s;
  }
}

// Skewed towards the low end of [lo, hi], as real firm sizes are.
int SkewedBetween(Rng& rng, int lo, int hi) {
  const uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
  const uint64_t a = rng.Below(span), b = rng.Below(span);
  return lo + static_cast<int>(a * b / span);
}

}  // namespace

std::string MakeCreditCode(uint64_t seed, int64_t index, EmployerType type,
                           const std::string& county_code) {
  // Chars 9–16: index scrambled by an affine bijection modulo 31^8 over the
  // GB 32100 alphabet, so codes look arbitrary but never repeat.
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  constexpr uint64_t kModulus = 852891037441ULL;  // 31^8
  uint64_t s = seed;
  const uint64_t offset = SplitMix64(s) % kModulus;
  const uint64_t multiplier = 387420489ULL;  // 3^18: coprime with 31
  const unsigned __int128 x =
      (static_cast<unsigned __int128>(static_cast<uint64_t>(index)) * multiplier + offset) % kModulus;
  uint64_t v = static_cast<uint64_t>(x);
  char body[9] = {};
  for (int i = 7; i >= 0; --i) {
    body[i] = kAlphabet[v % 31];
    v /= 31;
  }
  // Old organisation codes (企业 / 事业单位) are digits and letters; keep the
  // body as generated and add its GB 11714 check character.
  std::string code = std::string(AuthorityCode(type)) + county_code + std::string(body, 8);
  code += OrgCodeCheckChar(std::string_view(code).substr(8, 8));
  code += CreditCodeCheckChar(code);
  return code;
}

GeneratedEmployer GenerateEmployer(const Tables& t, int64_t index, int64_t employer_id) {
  const auto& p = t.profile;
  Rng rng = Rng::ForRecord(t.options.seed, static_cast<uint64_t>(Stream::kEmployer),
                           static_cast<uint64_t>(index));
  GeneratedEmployer g;
  auto& e = g.employer;
  e.employer_id = employer_id;
  const bool outside = rng.PerMillion(p.employer_outside_per_mille * 1000);
  std::string place, township;
  int64_t wage_yuan = p.province_avg_wage_yuan;
  if (outside) {
    g.outside = t.geo.PickOutside(rng);
    const auto& o = t.geo.outside()[g.outside];
    e.county_code = o.code;
    e.region = o.code;
    e.insured_region = o.code;  // registered and insured outside Guizhou
    e.type = EmployerType::kEnterprise;
    place = o.name;
    wage_yuan = wage_yuan * p.outside_wage_factor_per_mille / 1000;
  } else {
    g.county = t.geo.PickCounty(rng);
    const auto& c = t.geo.counties()[g.county];
    g.township = static_cast<int>(rng.Below(c.townships.size()));
    const auto& tw = c.townships[g.township];
    e.county_code = c.code;
    e.region = tw.code;
    e.insured_region = c.code;  // insured in its county
    e.type = p.employer_types[t.employer_type.Pick(rng)].first;
    place = c.name;
    township = tw.name;
    wage_yuan = t.geo.prefectures()[c.prefecture].avg_wage_yuan;
  }
  auto size = static_cast<SizeClass>(t.employer_size.Pick(rng));
  if (outside && size == SizeClass::kMicro) size = SizeClass::kSmall;
  e.size = AdjustSize(size, e.type, rng);
  const auto [lo, hi] = p.size_headcount[static_cast<int>(e.size)];
  const int headcount = SkewedBetween(rng, lo, hi);
  e.credit_code = MakeCreditCode(t.options.seed, index, e.type, e.county_code);
  e.name = EmployerName(rng, t, e.type, e.size, place, township);
  e.key_enterprise = (e.size == SizeClass::kLarge || e.size == SizeClass::kMedium) &&
                     rng.PerMillion(p.key_enterprise_per_mille * 1000);
  // Monthly contribution base: 60–100 % of the local average wage.
  const int64_t base_fen = wage_yuan * 100 / 12 * static_cast<int64_t>(rng.Between(60, 100)) / 100;
  int staff = headcount;
  for (int year : p.employer_years) {
    if (year >= t.options.as_of.year()) break;
    registry::EmployerYear y;
    y.year = year;
    staff = std::max(1, staff * static_cast<int>(rng.Between(88, 112)) / 100);
    y.insured_headcount = staff;
    const uint64_t r = rng.Below(1000);
    if (r < 650) {
      y.layoffs = 0;
    } else if (r < 900) {  // within the 5.5 % control target
      y.layoffs = static_cast<int>(rng.Between(0, staff * 55 / 1000));
    } else {  // above it; small firms up to 30 %
      y.layoffs = static_cast<int>(rng.Between(staff * 55 / 1000 + 1, std::max(1, staff * 30 / 100)));
    }
    y.ui_premium_fen = static_cast<int64_t>(staff) * base_fen * 12 * p.ui_rate_per_10000 / 10000;
    e.years.push_back(y);
  }
  e.insured_headcount = staff;
  return g;
}

}  // namespace qjy::gen
