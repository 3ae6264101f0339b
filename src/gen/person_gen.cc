#include "gen/person_gen.h"

#include <cstdio>

#include <algorithm>
#include <tuple>

#include "gen/contribution_gen.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "gen/names.h"
#include "gen/record_helpers.h"

namespace qjy::gen {
namespace {

using registry::Education;
using registry::Group;
using registry::Sex;

// The insurance place of an employee: the county of the employer's
// registered place (a township code is cut to its county; codes outside
// Guizhou are kept as they are).
// How the worker of an outbound spell went out (registry/organised.h), or
// "" (not recorded). Drawn from its own stream (seed, contract id) so the
// rest of the generated data does not depend on it.
std::string OrganisedVia(const Profile& p, uint64_t seed, int64_t contract_id) {
  uint64_t state = seed ^ (static_cast<uint64_t>(contract_id) * 0x9E3779B97F4A7C15ull) ^ 0x6F72676Eull;
  auto draw = [&] { return static_cast<uint32_t>(SplitMix64(state) % 1000); };
  if (draw() >= p.Employment("outbound_organised_recorded_per_mille")) return "";
  if (draw() >= p.Employment("outbound_organised_per_mille_of_recorded")) return "self";
  uint32_t r = draw();
  if (r < p.Employment("outbound_via_station_per_mille")) return "station";
  r -= p.Employment("outbound_via_station_per_mille");
  if (r < p.Employment("outbound_via_base_per_mille")) return "base";
  r -= p.Employment("outbound_via_base_per_mille");
  return r < p.Employment("outbound_via_agency_per_mille") ? "agency" : "government";
}

std::string InsuredPlace(const std::string& work_region) {
  return work_region.size() > 6 ? work_region.substr(0, 6) : work_region;
}

constexpr std::array<std::string_view, 24> kPhonePrefixes = {
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
    "155", "157", "158", "159", "166", "173", "177", "180", "182", "187", "188", "199"};

constexpr std::array<std::string_view, 12> kSkills = {
    "焊工", "电工", "中式烹调", "育婴员", "挖掘机驾驶", "家政服务",
    "养老护理", "电子商务", "茶叶加工", "缝纫", "汽车维修", "砌筑"};

// Age at which school is left with each education (kUnknown..kDoctor).
// Primary: 14, as many left during lower secondary without finishing it
// (and registry/validate.h rejects leaving school before 14).
constexpr std::array<int, 10> kLeaveAge = {0, 0, 14, 15, 18, 18, 21, 22, 25, 28};

Education StepDown(Education e) {
  switch (e) {
    case Education::kDoctor: return Education::kMaster;
    case Education::kMaster: return Education::kBachelor;
    case Education::kBachelor: return Education::kJuniorCollege;
    case Education::kJuniorCollege: return Education::kSeniorHigh;
    case Education::kSeniorHigh:
    case Education::kSecondaryVocational: return Education::kJuniorHigh;
    case Education::kJuniorHigh: return Education::kPrimary;
    default: return Education::kNone;
  }
}

bool IsCollege(Education e) { return e >= Education::kJuniorCollege; }

Date DateBetween(Rng& rng, Date lo, Date hi) {
  if (hi <= lo) return lo;
  return lo.AddDays(static_cast<int>(rng.Below(static_cast<uint64_t>(hi.days() - lo.days()) + 1)));
}


int MonthsBetween(Date from, Date to) {
  int m = (to.year() - from.year()) * 12 + (to.month() - from.month());
  if (to.day() < from.day()) --m;
  return std::max(0, m);
}

}  // namespace

int UnemploymentLevel(Date since, Date as_of) {
  if (since.AddMonths(1) >= as_of) return 0;
  if (since.AddMonths(6) >= as_of) return 1;
  if (since.AddMonths(12) >= as_of) return 2;
  return 3;
}

namespace {

struct AgeRange {
  int min = 16, max = 64;
};

AgeRange Ages(const Profile& p) {
  AgeRange r{200, 0};
  for (const auto& b : p.age_bands) {
    r.min = std::min(r.min, b.from);
    r.max = std::max(r.max, b.to);
  }
  return r;
}

}  // namespace

PersonGenerator::PersonGenerator(const Tables& tables, const EmployerDirectory& employers)
    : t_(tables),
      employers_(employers),
      ids_(tables.geo.counties().size(),
           tables.options.as_of.AddYears(-(Ages(tables.profile).max + 1)).AddDays(-1),
           tables.options.as_of.AddYears(-Ages(tables.profile).min)) {}

// Bank account and address (fund supervision's shared-account and
// shared-address checks) from a stream of their own. 90 % give an account
// (a 19-digit card), 95 % an address in their township. Planted, per
// 50,000 persons: six persons sharing one account (index % 50,000 in
// 17..22) and seven sharing one address (30..36); look-alikes: a family of
// three at one address (40..42), two different accounts ending alike
// (45, 46).
registry::PaymentFacts PersonGenerator::PaymentFacts(int64_t index, const registry::Person& person) const {
  registry::PaymentFacts f;
  Rng rng = Rng::ForRecord(t_.options.seed, static_cast<uint64_t>(Stream::kPaymentFacts), static_cast<uint64_t>(index));
  const int64_t block = index / 50'000, at = index % 50'000;
  auto digits = [&](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>('0' + rng.Below(10));
    return s;
  };
  char planted[32];
  if (at >= 17 && at <= 22) {
    std::snprintf(planted, sizeof planted, "621700%013lld", static_cast<long long>(block));
    f.bank_account = planted;
  } else if (at == 45 || at == 46) {
    std::snprintf(planted, sizeof planted, "62170%02d%08lld4321", static_cast<int>(at), static_cast<long long>(block));
    f.bank_account = planted;
  } else if (rng.PerMillion(900'000)) {
    f.bank_account = "6217" + digits(15);
  }
  const std::string town = person.hukou_region.substr(0, std::min<size_t>(9, person.hukou_region.size()));
  if (at >= 30 && at <= 36) {
    f.address = town + "幸福路" + std::to_string(block) + "号1栋101";
  } else if (at >= 40 && at <= 42) {
    f.address = town + "和平路" + std::to_string(block) + "号2栋202";
  } else if (rng.PerMillion(950'000)) {
    f.address = town + "组" + std::to_string(1 + rng.Below(30)) + "第" + digits(5) + "号";
  }
  return f;
}

void PersonGenerator::Generate(int64_t index, int64_t person_id, int64_t& next_contract_id,
                               PersonBatch& out) {
  const Profile& p = t_.profile;
  const Geography& geo = t_.geo;
  const Date as_of = t_.options.as_of;
  Rng rng = Rng::ForRecord(t_.options.seed, static_cast<uint64_t>(Stream::kPerson),
                           static_cast<uint64_t>(index));
  registry::Person person;
  person.person_id = person_id;

  // Place of household registration.
  const int ci = geo.PickCounty(rng);
  const County& county = geo.counties()[ci];
  const Township& town = county.townships[rng.Below(county.townships.size())];
  person.county_code = county.code;
  const bool in_village = !town.villages.empty() && rng.PerMillion(county.urban ? 400'000 : 850'000);
  person.hukou_region = in_village ? town.villages[rng.Below(town.villages.size())] : town.code;

  // Sex, age, birth date, ID.
  person.sex = rng.PerMillion(p.male_per_mille * 1000) ? Sex::kMale : Sex::kFemale;
  const AgeBand& band = p.age_bands[t_.age_band.Pick(rng)];
  const int age = static_cast<int>(rng.Between(band.from, band.to));
  Date birth = as_of.AddYears(-age).AddDays(-static_cast<int>(rng.Below(365)));
  for (int attempt = 0;; ++attempt) {
    const Date b = birth.AddDays(attempt % 2 == 0 ? attempt / 2 : -(attempt / 2 + 1));
    if (auto id = ids_.Allocate(county.code, ci, b, person.sex)) {
      person.id_number = std::move(*id);
      birth = b;
      break;
    }
  }
  person.birth_date = birth;
  person.name = PersonName(rng, t_, person.sex);
  const auto& eth = p.prefectures[county.prefecture].ethnicity;
  person.ethnicity = eth[t_.ethnicity[county.prefecture].Pick(rng)].first;
  if (person.ethnicity == "其他")
    person.ethnicity = p.other_ethnicities[rng.Below(p.other_ethnicities.size())];
  if (rng.PerMillion(950'000)) {
    person.phone = std::string(kPhonePrefixes[rng.Below(kPhonePrefixes.size())]);
    for (int i = 0; i < 8; ++i) person.phone += static_cast<char>('0' + rng.Below(10));
  }

  // Education and the date school was left (1 July of the leaving year).
  const auto& edu_table = age < 40 ? t_.education_young : t_.education_old;
  auto edu = static_cast<Education>(edu_table.Pick(rng) + 1);
  while (edu != Education::kNone) {
    const int leave_age = kLeaveAge[static_cast<int>(edu)];
    Date left = Ymd(birth.year() + leave_age, 7, 1);
    if (left < birth.AddYears(leave_age)) left = left.AddYears(1);  // born after 1 July
    if (left <= as_of) {
      person.school_left_on = left;
      break;
    }
    edu = StepDown(edu);
  }
  person.education = edu;

  // Groups.
  auto add = [&](Group g, Date from, std::optional<Date> to = std::nullopt) {
    person.groups.push_back({g, std::min(from, as_of), to});
  };
  const Date adult = birth.AddYears(16);
  if (IsCollege(edu) &&
      as_of.year() - person.school_left_on->year() < static_cast<int>(p.Group("college_graduate_recent_years")))
    add(Group::kCollegeGraduate, *person.school_left_on);
  const bool rural = !IsCollege(edu) && rng.PerMillion(county.kind.rural_labour_per_mille * 1000);
  if (rural) add(Group::kRuralLabour, adult);
  if (rural && rng.PerMillion(p.Group("poverty_alleviated_per_mille_of_rural") * 1000)) {
    add(Group::kPovertyAlleviated, DateBetween(rng, Ymd(2014, 1, 1), Ymd(2020, 11, 23)));
    if (rng.PerMillion(p.Group("relocated_per_mille_of_poverty") * 1000))
      add(Group::kRelocated, DateBetween(rng, Ymd(2016, 1, 1), Ymd(2020, 12, 31)));
  }
  if (rural && rng.PerMillion(p.Group("monitoring_per_mille") * 2000)) {
    const Date from = DateBetween(rng, Ymd(2021, 3, 1), as_of);
    std::optional<Date> to;
    if (rng.PerMillion(400'000)) {
      const Date end = from.AddMonths(static_cast<int>(rng.Between(6, 24)));
      if (end < as_of) to = end;
    }
    add(Group::kMonitoringObject, from, to);
  }
  const bool dibao = rng.PerMillion(p.Group("dibao_per_mille") * (rural ? 1500 : 400));
  if (dibao) add(Group::kDibao, DateBetween(rng, as_of.AddYears(-8), as_of));
  if (rng.PerMillion(p.Group("tekun_per_mille") * 1000))
    add(Group::kTekun, DateBetween(rng, as_of.AddYears(-8), as_of));
  const bool disabled = rng.PerMillion(p.Group("disabled_per_mille") * 1000);
  if (disabled) add(Group::kDisabled, DateBetween(rng, birth, as_of));
  if (age >= 21 &&
      rng.PerMillion(p.Group(person.sex == Sex::kMale ? "veteran_male_per_mille"
                                                        : "veteran_female_per_mille") * 1000))
    add(Group::kVeteran, DateBetween(rng, birth.AddYears(20), std::min(as_of, birth.AddYears(26))));
  const uint32_t hard = disabled ? 300'000 : dibao ? 200'000 : age >= 50 ? 40'000
                        : p.Group("hard_to_employ_per_mille") * 1000;
  if (rng.PerMillion(hard)) add(Group::kHardToEmploy, DateBetween(rng, as_of.AddYears(-3), as_of));
  if (rng.PerMillion(p.Group("zero_employment_family_per_mille") * 1000))
    add(Group::kZeroEmploymentFamily, DateBetween(rng, as_of.AddYears(-2), as_of));
  if (age >= 20 && rng.PerMillion(p.Group("released_prisoner_per_mille") * 1000))
    add(Group::kReleasedPrisoner, DateBetween(rng, birth.AddYears(20), as_of));
  if (edu >= Education::kMaster &&
      rng.PerMillion(p.Group("returned_overseas_per_mille_of_master") * 1000))
    add(Group::kReturnedOverseasStudent, *person.school_left_on);
  const bool returned = rural && age <= 60 && rng.PerMillion(p.Group("returned_per_mille_of_rural") * 1000);
  const Date returned_on = DateBetween(rng, as_of.AddDays(-364), as_of);
  if (returned) add(Group::kReturnedRuralLabour, returned_on);

  if (rng.PerMillion(300'000)) person.skills.emplace_back(kSkills[rng.Below(kSkills.size())]);
  if (age >= 19 && rng.PerMillion(150'000)) {
    registry::Certificate c;
    c.name = std::string(kSkills[rng.Below(kSkills.size())]);
    c.level = static_cast<int>(rng.Between(3, 5));
    c.issued_on = DateBetween(rng, birth.AddYears(18), as_of);
    person.certificates.push_back(std::move(c));
  }

  // Employment situation on the as-of date.
  Situation situation = Situation::kInactive;
  if (age < 65) {
    if (returned) {
      situation = rng.PerMillion(800'000) ? (rng.PerMillion(700'000) ? Situation::kContract
                                                                     : Situation::kFlexible)
                                          : Situation::kUnemployed;
    } else if (rural && age <= 55 && rng.PerMillion(p.Employment("migrant_per_mille_of_rural") * 1000)) {
      situation = Situation::kMigrant;
    } else {
      const std::array<uint64_t, 4> w = {p.Employment("employed_contract_per_mille"),
                                         p.Employment("flexible_per_mille"),
                                         p.Employment("unemployed_per_mille"),
                                         p.Employment("inactive_per_mille")};
      constexpr Situation kOrder[] = {Situation::kContract, Situation::kFlexible,
                                      Situation::kUnemployed, Situation::kInactive};
      situation = kOrder[WeightedPicker(w).Pick(rng)];
    }
  }
  // Residence: migrants live where they work; some move to the prefecture's
  // urban core or another township of their county.
  person.residence_region = person.hukou_region;
  if (situation != Situation::kMigrant) {
    const uint64_t r = rng.Below(100);
    if (r < 10) {
      const auto& core = geo.counties()[geo.prefectures()[county.prefecture].counties.front()];
      person.residence_region = core.townships[rng.Below(core.townships.size())].code;
    } else if (r < 15) {
      person.residence_region = county.townships[rng.Below(county.townships.size())].code;
    }
  }

  // Contracts: the current one (if any), then earlier ones going back.
  const size_t first_contract = out.contracts.size();
  const size_t first_month = out.contributions.size();
  auto make = [&](std::optional<uint32_t> employer, Date start, std::optional<Date> end,
                  bool flexible) {
    registry::Contract c;
    c.contract_id = next_contract_id++;
    c.county_code = county.code;
    c.person_id = person_id;
    c.person_id_number = person.id_number;
    c.employer_credit_code = employers_.CreditCode(*employer);
    c.start_on = start;
    c.end_on = end;
    // The place of work is the employer's township (in Guizhou) or its
    // county outside; cross-county/cross-province follow from it
    // (registry/place.h), the township lets monitoring drill down to it.
    const int ec = employers_.County(*employer);
    if (ec >= 0) {
      const auto& townships = geo.counties()[ec].townships;
      const int tw = employers_.Township(*employer);
      c.work_region = tw >= 0 && static_cast<size_t>(tw) < townships.size() ? townships[tw].code
                                                                           : geo.counties()[ec].code;
    } else {
      c.work_region = geo.outside()[employers_.Outside(*employer)].code;
      c.organised_via = OrganisedVia(p, t_.options.seed, c.contract_id);
    }
    c.flexible = flexible;
    c.new_form = flexible && rng.PerMillion(p.Employment("new_form_per_mille_of_flexible") * 1000);
    const Date insured_until = end && *end < as_of ? *end : as_of;
    const int months = MonthsBetween(start, insured_until);
    c.social_insurance_months = flexible ? (rng.PerMillion(300'000) ? months : 0) : months;
    GenerateContributions(c, as_of, t_.options.seed, out.contributions);
    out.contracts.push_back(std::move(c));
  };
  auto pick = [&](bool outside) {
    return outside ? employers_.PickOutside(rng) : employers_.PickLocal(rng, ci);
  };
  // Expected earlier contracts: contracts_per_person - 1, geometric.
  const double extra = std::max(0.0, t_.options.contracts_per_person - 1.0);
  const double q = extra / (1.0 + extra);
  Date cursor = as_of;
  bool have_history = situation != Situation::kInactive;
  if (situation == Situation::kMigrant || situation == Situation::kContract ||
      situation == Situation::kFlexible) {
    const bool outside = situation == Situation::kMigrant;
    if (auto e = pick(outside)) {
      Date start = DateBetween(rng, std::max(adult, as_of.AddDays(-1800)), as_of.AddDays(-7));
      if (returned) start = std::max(start, returned_on);
      start = std::min(start, as_of);
      std::optional<Date> end;
      if (situation == Situation::kFlexible || rng.PerMillion(700'000)) {
        const int term = static_cast<int>(rng.Between(1, 3)) * 12;
        Date e_on = start.AddMonths(term).AddDays(-1);
        while (e_on < as_of) e_on = e_on.AddMonths(term);
        end = e_on;
      }
      make(e, start, end, situation == Situation::kFlexible);
      cursor = start;
    }
  } else if (situation == Situation::kUnemployed) {
    // The last contract ended a drawn number of months before the as-of date.
    const size_t level = t_.unemployed_duration.Pick(rng);
    Date end;
    switch (level) {
      case 0: end = as_of.AddDays(-static_cast<int>(rng.Between(1, 27))); break;
      case 1: end = as_of.AddMonths(-static_cast<int>(rng.Between(1, 5))).AddDays(-static_cast<int>(rng.Between(2, 27))); break;
      case 2: end = as_of.AddMonths(-static_cast<int>(rng.Between(6, 11))).AddDays(-static_cast<int>(rng.Between(2, 27))); break;
      default: end = as_of.AddMonths(-static_cast<int>(rng.Between(12, 35))).AddDays(-static_cast<int>(rng.Between(2, 27))); break;
    }
    const Date start = end.AddDays(-static_cast<int>(rng.Between(90, 1460)));
    if (start >= adult) {
      if (auto e = pick(rural && rng.PerMillion(300'000))) {
        make(e, start, end, false);
        cursor = start;
      }
    } else {
      situation = Situation::kInactive;  // too young for a past contract
    }
  }
  // Earlier contracts.
  while (have_history && out.contracts.size() > first_contract && rng.Chance(q) &&
         out.contracts.size() - first_contract < 8) {
    const Date end = cursor.AddDays(-static_cast<int>(rng.Between(1, 180)));
    const Date start = end.AddDays(-static_cast<int>(rng.Between(90, 1460)));
    if (start < adult) break;
    // Returned rural labour worked outside Guizhou before coming back.
    const bool outside = (returned && out.contracts.size() == first_contract + 1) ||
                         (rural && rng.PerMillion(400'000));
    auto e = pick(outside);
    if (!e) break;
    make(e, start, end, false);
    cursor = start;
  }
  if (out.contracts.size() > first_contract) {
    const auto& current = out.contracts[first_contract];
    if (!current.end_on || *current.end_on >= as_of) {
      person.work_region = current.work_region;
      if (!current.flexible) person.insured_region = InsuredPlace(current.work_region);
      if (situation == Situation::kMigrant) person.residence_region = current.work_region;
    }
    // 参保地 (#12): an employee is insured where the employer is; a flexible
    // worker who contributes does so as an individual at home; someone whose
    // last employee contract ended keeps that insurance place.
    if (current.flexible && current.social_insurance_months > 0) {
      person.insured_region = person.county_code;
    } else if (!current.flexible && current.end_on && *current.end_on < as_of) {
      person.insured_region = InsuredPlace(current.work_region);
    }
  } else if (situation != Situation::kInactive) {
    situation = Situation::kInactive;  // no employer available
  }
  // Two contracts with one employer may share a month (a renewal in the
  // month the last one ended): one month per payer, kinds merged.
  {
    auto begin = out.contributions.begin() + static_cast<std::ptrdiff_t>(first_month);
    std::sort(begin, out.contributions.end(), [](const auto& a, const auto& b) {
      return std::tie(a.employer_credit_code, a.month) < std::tie(b.employer_credit_code, b.month);
    });
    auto w = begin;
    for (auto r = begin; r != out.contributions.end(); ++r) {
      if (w != begin && (w - 1)->employer_credit_code == r->employer_credit_code && (w - 1)->month == r->month) {
        (w - 1)->kinds |= r->kinds;
        continue;
      }
      if (w != r) *w = std::move(*r);
      ++w;
    }
    out.contributions.erase(w, out.contributions.end());
  }
  out.facts.push_back(PaymentFacts(index, person));
  out.persons.push_back(std::move(person));
  out.situations.push_back(situation);
}

}  // namespace qjy::gen
