#include "policy/synthetic.h"

#include <algorithm>
#include <iterator>
#include <random>
#include <string>

#include "registry/contribution.h"

namespace qjy::policy {
namespace {

using registry::Group;

constexpr const char* kCounties[] = {"520102", "520103", "520111", "520112", "520113", "520115",
                                     "520121", "520181", "520201", "520221", "520302", "520303",
                                     "520402", "520502", "520602", "522301", "522601", "522701"};

Date Day(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

// The base world: the benchmark's province (its random stream must not
// change, or the published figures stop being comparable).
void Base(World& w, int64_t persons, int64_t employers, uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto below = [&](uint64_t n) { return static_cast<int64_t>(rng() % n); };
  w.employers.reserve(employers);
  for (int64_t i = 0; i < employers; ++i) {
    registry::Employer e;
    e.employer_id = i + 1;
    e.credit_code = "E" + std::to_string(i + 1);
    e.county_code = kCounties[below(std::size(kCounties))];
    e.region = e.county_code;
    e.insured_region = e.county_code;
    const int r = static_cast<int>(below(100));
    e.type = r < 80   ? registry::EmployerType::kEnterprise
             : r < 88 ? registry::EmployerType::kCooperative
             : r < 93 ? registry::EmployerType::kIndividualBusiness
             : r < 96 ? registry::EmployerType::kHrAgency
                      : registry::EmployerType::kPublicInstitution;
    e.size = r % 10 == 0 ? registry::SizeClass::kLarge
             : r % 3     ? registry::SizeClass::kSmall
                         : registry::SizeClass::kMicro;
    e.insured_headcount =
        static_cast<int>(1 + below(e.size == registry::SizeClass::kLarge ? 2000 : 120));
    e.years.push_back({2022, e.insured_headcount,
                       static_cast<int>(below(1 + e.insured_headcount / 8)),
                       e.insured_headcount * (50000 + below(100000))});
    w.employers.push_back(std::move(e));
  }
  w.persons.reserve(persons);
  w.contracts.reserve(persons * 6 / 5);
  for (int64_t i = 0; i < persons; ++i) {
    registry::Person p;
    p.person_id = i + 1;
    p.county_code = kCounties[below(std::size(kCounties))];
    p.insured_region = p.county_code;
    p.birth_date = Day(1960 + static_cast<int>(below(48)), 1 + static_cast<int>(below(12)),
                       1 + static_cast<int>(below(28)));
    const Date epoch = Day(1900, 1, 1);
    auto add = [&](Group g) { p.groups.push_back({g, epoch, std::nullopt}); };
    const int r = static_cast<int>(below(1000));
    if (r < 400) add(Group::kRuralLabour);
    if (r < 80) add(Group::kPovertyAlleviated);
    if (r >= 80 && r < 110) add(Group::kReturnedRuralLabour);
    if (r >= 110 && r < 125) add(Group::kHardToEmploy);
    if (r >= 125 && r < 135) add(Group::kRelocated);
    if (r >= 500 && r < 620) {
      add(Group::kCollegeGraduate);
      p.school_left_on = Day(2018 + static_cast<int>(below(6)), 7, 1);
    }
    if (below(20) == 0)
      p.certificates.push_back(
          {"电工", static_cast<int>(below(6)), Day(2023, 1 + static_cast<int>(below(12)), 1)});
    if (below(20) == 0) {
      w.registrations.push_back(
          {p.person_id, Day(2022 + static_cast<int>(below(2)), 1 + static_cast<int>(below(12)), 1),
           std::nullopt, below(4) == 0});
    }
    const int n = static_cast<int>(below(10)) < 7 ? 1 + static_cast<int>(below(10) == 0) : 0;
    for (int k = 0; k < n; ++k) {
      registry::Contract c;
      c.contract_id = static_cast<int64_t>(w.contracts.size()) + 1;
      c.person_id = p.person_id;
      c.county_code = p.county_code;
      c.employer_credit_code = w.employers[below(employers)].credit_code;
      c.start_on = Day(2021 + static_cast<int>(below(3)), 1 + static_cast<int>(below(12)),
                       1 + static_cast<int>(below(28)));
      if (below(3)) c.end_on = c.start_on.AddYears(1 + static_cast<int>(below(3))).AddDays(-1);
      if (const int months = static_cast<int>(below(30)); months > 0) {  // insured months from the hire
        const int32_t from = registry::MonthOf(c.start_on);
        w.insurance.push_back({c.person_id, c.employer_credit_code, from, from + months - 1, registry::kAllInsuranceKinds});
      }
      // The same draws as the former hand-set flags, now as a place of work.
      const bool cross_county = below(4) == 0;
      const bool cross_province = below(8) == 0;
      c.work_region = cross_province ? "440305"  // 深圳市南山区
                      : cross_county ? (p.county_code == kCounties[0] ? kCounties[1] : kCounties[0])
                                     : p.county_code;
      c.flexible = below(20) == 0;
      c.new_form = below(30) == 0;
      w.contracts.push_back(std::move(c));
    }
    w.persons.push_back(std::move(p));
  }
}

// Dates around the policy's boundaries (2023-06-15 start, 2023/2025 ends).
Date SomeDay(std::mt19937_64& rng) {
  static const Date kEdges[] = {Day(2023, 6, 14), Day(2023, 6, 15),  Day(2023, 12, 31),
                                Day(2024, 1, 1),  Day(2025, 12, 31), Day(2026, 1, 1),
                                Day(2022, 7, 1)};
  if (rng() % 4 == 0) return kEdges[rng() % std::size(kEdges)];
  return Day(2021 + static_cast<int>(rng() % 5), 1 + static_cast<int>(rng() % 12),
             1 + static_cast<int>(rng() % 28));
}

void Extras(World& w, uint64_t seed) {
  std::mt19937_64 rng(seed ^ 0x9e3779b97f4a7c15ull);
  auto below = [&](uint64_t n) { return static_cast<int64_t>(rng() % n); };
  constexpr Group kRare[] = {Group::kMonitoringObject,
                             Group::kDibao,
                             Group::kTekun,
                             Group::kHardToEmploy,
                             Group::kReturnedOverseasStudent,
                             Group::kCollegeGraduate,
                             Group::kReturnedRuralLabour,
                             Group::kPovertyAlleviated,
                             Group::kRelocated,
                             Group::kRuralLabour};
  const auto n_emp = static_cast<int64_t>(w.employers.size());
  for (auto& e : w.employers) {
    if (below(10) == 0) e.type = static_cast<registry::EmployerType>(below(12));
    if (below(15) == 0) e.insured_headcount = below(2) ? 30 : 100;  // R1's and R15's thresholds
    if (below(6) == 0)
      e.insured_headcount = 1 + static_cast<int>(below(8));  // one hire can reach R15's ratio
    if (below(20) == 0) e.years.clear();
    if (below(10) == 0)
      e.years.push_back({2023, e.insured_headcount, 0, e.insured_headcount * 80000});
  }
  for (auto& p : w.persons) {
    for (auto& m : p.groups) {
      if (below(8) == 0) m.valid_from = SomeDay(rng);
      if (below(8) == 0) m.valid_to = SomeDay(rng);
    }
    if (below(6) == 0)
      p.groups.push_back({kRare[below(std::size(kRare))], SomeDay(rng), std::nullopt});
    if (below(30) == 0 && !p.school_left_on) p.school_left_on = SomeDay(rng);
    if (below(25) == 0) {  // up to five certificates in one year (R8's fourth)
      const int k = 2 + static_cast<int>(below(4));
      for (int i = 0; i < k; ++i) {
        p.certificates.push_back(
            {below(2) ? "焊工" : "育婴员", static_cast<int>(below(6)),
             Day(2023 + static_cast<int>(below(2)), 1 + static_cast<int>(below(12)),
                 1 + static_cast<int>(below(28)))});
      }
    }
    if (below(15) == 0) {
      Registration r{p.person_id, SomeDay(rng), std::nullopt, below(3) == 0};
      if (below(2)) r.ended_on = r.registered_on.AddDays(static_cast<int>(below(700)));
      w.registrations.push_back(r);
    }
    if (below(20) == 0) {  // unemployment insurance before the decision dates
      const int months = static_cast<int>(below(30));
      const int32_t to = registry::MonthIndex(2023, 6);
      if (months > 0) {
        w.insurance.push_back({p.person_id, w.employers[below(n_emp)].credit_code, to - months + 1, to,
                               registry::Bit(registry::InsuranceKind::kUnemployment)});
      }
    }
    if (below(60) == 0) {  // a start-up: the person founds a firm of the province
      w.ventures.push_back(
          {p.person_id, w.employers[below(n_emp)].credit_code, SomeDay(rng), below(5) != 0});
    }
    if (below(80) == 0) {
      Internship in;
      in.person_id = p.person_id;
      in.host_credit_code = w.employers[below(n_emp)].credit_code;
      in.start_on = SomeDay(rng);
      in.end_on = in.start_on.AddMonths(3 + static_cast<int>(below(10)));
      if (below(2)) in.retained_on = in.start_on.AddDays(static_cast<int>(below(400)));
      w.internships.push_back(std::move(in));
    }
  }
  // Contracts: some with an unknown employer, some starting on a boundary.
  for (auto& c : w.contracts) {
    if (below(200) == 0) c.employer_credit_code = "UNKNOWN" + std::to_string(below(5));
    if (below(10) == 0) c.start_on = SomeDay(rng);
    if (below(10) == 0) c.end_on = c.start_on.AddYears(1).AddDays(-1 - static_cast<int>(below(2)));
    if (below(15) == 0) {  // 2 or 3 insured months from the hire: R3/R4's boundary
      const int32_t from = registry::MonthOf(c.start_on);
      w.insurance.push_back({c.person_id, c.employer_credit_code, from, from + static_cast<int32_t>(below(2)) + 1,
                             registry::kAllInsuranceKinds});
    }
  }
  // Placements name a person's actual contract start (or not, sometimes).
  for (size_t i = 0; i < w.contracts.size(); i += 1 + static_cast<size_t>(below(40))) {
    const auto& c = w.contracts[i];
    w.placements.push_back({w.employers[below(n_emp)].credit_code, c.person_id,
                            below(10) ? c.start_on : c.start_on.AddDays(1)});
  }
  for (int i = 0; i < 40; ++i) {
    registry::ServiceSite s;
    s.site_id = i + 1;
    s.county_code = kCounties[below(std::size(kCounties))];
    s.kind =
        below(5) ? registry::SiteKind::kFullEmploymentCommunity : registry::SiteKind::kGigMarket;
    s.name = "社区" + std::to_string(i + 1);
    s.region = s.county_code;
    static const char* kTiers[] = {"national", "province", "county", ""};
    s.tier = kTiers[below(4)];
    if (below(6)) s.opened_on = SomeDay(rng);
    // The recognition officials recorded (R17 reads it, not the tier); no
    // draw, so the stream is unchanged. An empty tier: not recorded.
    if (s.kind == registry::SiteKind::kFullEmploymentCommunity) {
      w.recognitions.push_back({s.site_id, s.tier == "county" ? "prefecture" : s.tier, s.opened_on});
    }
    w.sites.push_back(std::move(s));
  }
  w.recognitions_known = true;
}

}  // namespace

World SyntheticProvince(const SyntheticOptions& options) {
  World w;
  Base(w, options.persons, std::max<int64_t>(1, options.employers), options.seed);
  if (options.extras) Extras(w, options.seed);
  w.Index();
  return w;
}

}  // namespace qjy::policy
