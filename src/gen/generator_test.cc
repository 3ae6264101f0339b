#include "gen/generator.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>

#include "core/credit_code.h"
#include "core/id_number.h"
#include "gen/person_gen.h"
#include "gen/test_world.h"
#include "registry/organised.h"
#include "registry/place.h"
#include "registry/codes.h"
#include "registry/validate.h"

namespace qjy::gen {
namespace {

using registry::Group;
using testing::GenerateInMemory;
using testing::MemorySink;
using testing::Options;
using testing::TheWorld;

constexpr int64_t kPersons = 20000;

const MemorySink& Sample() {
  static const auto* sink = GenerateInMemory(Options(2023, kPersons, 3000, 4000)).release();
  return *sink;
}

Date AsOf() { return *Date::FromYmd(2025, 6, 30); }

bool HasGroup(const registry::Person& p, Group g) {
  for (const auto& m : p.groups)
    if (m.group == g) return true;
  return false;
}

size_t Fingerprint(const MemorySink& s) {
  std::string all;
  for (const auto& p : s.persons)
    all += p.id_number + p.name + p.ethnicity + p.phone + p.hukou_region + p.residence_region +
           p.work_region + std::to_string(p.groups.size()) + "|";
  for (const auto& c : s.contracts)
    all += c.employer_credit_code + c.start_on.ToString() + (c.end_on ? c.end_on->ToString() : "-");
  for (const auto& e : s.employers) all += e.credit_code + e.name + std::to_string(e.insured_headcount);
  for (const auto& j : s.jobs) all += j.title + std::to_string(j.wage_min_fen) + j.open_on.ToString();
  for (const auto& x : s.sites) all += x.name + x.region;
  return std::hash<std::string>{}(all);
}

TEST(GeneratorTest, SameSeedSameDataDifferentSeedDifferentData) {
  auto a = GenerateInMemory(Options(7, 2000, 300, 500), 1000);
  auto b = GenerateInMemory(Options(7, 2000, 300, 500), 137);  // other batch size
  auto c = GenerateInMemory(Options(8, 2000, 300, 500), 1000);
  ASSERT_EQ(a->persons.size(), 2000u);
  EXPECT_EQ(Fingerprint(*a), Fingerprint(*b));
  EXPECT_NE(Fingerprint(*a), Fingerprint(*c));
  EXPECT_EQ(a->persons[1234].id_number, b->persons[1234].id_number);
  EXPECT_NE(a->persons[1234].id_number, c->persons[1234].id_number);
}

TEST(GeneratorTest, CountsAndIdsAreAsAsked) {
  const auto& s = Sample();
  EXPECT_EQ(s.persons.size(), static_cast<size_t>(kPersons));
  EXPECT_EQ(s.employers.size(), 3000u);
  EXPECT_EQ(s.jobs.size(), 4000u);
  for (size_t i = 0; i < s.persons.size(); ++i) ASSERT_EQ(s.persons[i].person_id, static_cast<int64_t>(i + 1));
  std::set<int64_t> contract_ids;
  for (const auto& c : s.contracts) contract_ids.insert(c.contract_id);
  EXPECT_EQ(contract_ids.size(), s.contracts.size());
}

TEST(GeneratorTest, EveryIdNumberIsValidUniqueAndMatchesThePerson) {
  const auto& s = Sample();
  std::set<std::string> seen;
  for (const auto& p : s.persons) {
    const auto check = CheckResidentId(p.id_number, AsOf());
    ASSERT_TRUE(check.valid) << p.id_number << " " << check.reason;
    ASSERT_TRUE(seen.insert(p.id_number).second) << "duplicate " << p.id_number;
    EXPECT_EQ(p.id_number.substr(0, 6), p.county_code);
    EXPECT_EQ(*check.birth_date, p.birth_date);
    EXPECT_EQ(check.sex, p.sex == registry::Sex::kMale ? "男" : "女");
  }
}

TEST(GeneratorTest, AllRegionCodesExist) {
  const auto& s = Sample();
  const RegionIndex& regions = *TheWorld().regions;
  auto exists = [&](const std::string& code) { return regions.Find(code) != nullptr; };
  for (const auto& p : s.persons) {
    ASSERT_TRUE(exists(p.county_code)) << p.county_code;
    ASSERT_TRUE(exists(p.hukou_region)) << p.hukou_region;
    ASSERT_TRUE(exists(p.residence_region)) << p.residence_region;
    if (!p.work_region.empty()) ASSERT_TRUE(exists(p.work_region)) << p.work_region;
    if (!p.insured_region.empty()) ASSERT_TRUE(exists(p.insured_region)) << p.insured_region;
    ASSERT_TRUE(regions.IsAncestorOrSelf(p.county_code, p.hukou_region));
  }
  for (const auto& e : s.employers) {
    ASSERT_TRUE(exists(e.region)) << e.region;
    ASSERT_TRUE(exists(e.county_code)) << e.county_code;
  }
  for (const auto& j : s.jobs) ASSERT_TRUE(exists(j.place_region)) << j.place_region;
  for (const auto& c : s.contracts) ASSERT_TRUE(exists(c.work_region)) << c.work_region;
  for (const auto& x : s.sites) ASSERT_TRUE(exists(x.region)) << x.name << " " << x.region;
}

TEST(GeneratorTest, PopulationSpreadFollowsPrefectureShares) {
  const auto& s = Sample();
  const auto& profile = TheWorld().profile;
  uint64_t population = 0;
  for (const auto& p : profile.prefectures) population += p.population;
  std::map<std::string, int> by_prefecture;
  for (const auto& p : s.persons) ++by_prefecture[p.county_code.substr(0, 4)];
  for (const auto& pp : profile.prefectures) {
    const double expected = static_cast<double>(pp.population) / population;
    EXPECT_NEAR(by_prefecture[pp.code] / double(kPersons), expected, 0.012) << pp.name;
  }
  std::set<std::string> counties;
  for (const auto& p : s.persons) counties.insert(p.county_code);
  EXPECT_EQ(counties.size(), 88u);
}

TEST(GeneratorTest, PersonDistributionsAreRoughlyAsConfigured) {
  const auto& s = Sample();
  int men = 0, han = 0, working_age = 0, poverty = 0, rural = 0, graduates = 0, veterans = 0,
      disabled = 0, relocated = 0, returned = 0, dibao = 0, hard = 0, phones = 0;
  std::set<std::string> ethnicities;
  for (const auto& p : s.persons) {
    men += p.sex == registry::Sex::kMale;
    han += p.ethnicity == "汉族";
    ethnicities.insert(p.ethnicity);
    const int age = AsOf().YearsSince(p.birth_date);
    working_age += age >= 16 && age <= 64;
    ASSERT_GE(age, 16);
    ASSERT_LE(age, 75);
    poverty += HasGroup(p, Group::kPovertyAlleviated);
    rural += HasGroup(p, Group::kRuralLabour);
    graduates += HasGroup(p, Group::kCollegeGraduate);
    veterans += HasGroup(p, Group::kVeteran);
    disabled += HasGroup(p, Group::kDisabled);
    relocated += HasGroup(p, Group::kRelocated);
    returned += HasGroup(p, Group::kReturnedRuralLabour);
    dibao += HasGroup(p, Group::kDibao);
    hard += HasGroup(p, Group::kHardToEmploy);
    phones += !p.phone.empty();
    if (HasGroup(p, Group::kCollegeGraduate)) {
      ASSERT_TRUE(p.school_left_on.has_value());
      EXPECT_GE(p.education, registry::Education::kJuniorCollege);
    }
    const size_t chars = p.name.size() / 3;  // UTF-8 CJK
    EXPECT_GE(chars, 2u) << p.name;
    EXPECT_LE(chars, 4u) << p.name;
  }
  const double n = kPersons;
  EXPECT_NEAR(men / n, 0.51, 0.015);
  EXPECT_NEAR(han / n, 0.62, 0.05);
  EXPECT_GE(ethnicities.size(), 8u);
  EXPECT_GT(working_age / n, 0.95);
  EXPECT_GE(poverty / n, 0.10);
  EXPECT_LE(poverty / n, 0.15);
  EXPECT_GT(rural / n, 0.40);
  EXPECT_GT(graduates, 0);
  EXPECT_GT(veterans, 0);
  EXPECT_NEAR(disabled / n, 0.02, 0.006);
  EXPECT_GT(relocated, 0);
  EXPECT_GT(returned, 0);
  EXPECT_GT(dibao, 0);
  EXPECT_GT(hard, 0);
  EXPECT_NEAR(phones / n, 0.95, 0.01);
}

TEST(GeneratorTest, RuralLabourIsTheMajorityInRuralCounties) {
  const auto& s = Sample();
  const Geography& geo = *TheWorld().geo;
  int county_people = 0, county_rural = 0, district_people = 0, district_rural = 0;
  for (const auto& p : s.persons) {
    const bool urban = geo.counties()[geo.CountyIndex(p.county_code)].urban;
    const bool r = HasGroup(p, Group::kRuralLabour);
    (urban ? district_people : county_people)++;
    (urban ? district_rural : county_rural) += r;
  }
  EXPECT_GT(county_rural / double(county_people), 0.5);
  EXPECT_LT(district_rural / double(district_people), 0.4);
}

TEST(GeneratorTest, UnemployedShareAndAllFourDurationLevels) {
  const auto& s = Sample();
  std::map<int64_t, std::vector<const registry::Contract*>> by_person;
  for (const auto& c : s.contracts) by_person[c.person_id].push_back(&c);
  int employed = 0, unemployed = 0;
  int levels[4] = {};
  for (const auto& [pid, list] : by_person) {
    bool current = false;
    Date last_end;
    for (const auto* c : list) {
      ASSERT_LE(c->start_on, AsOf());
      if (!c->end_on || *c->end_on >= AsOf()) current = true;
      else last_end = std::max(last_end, *c->end_on);
    }
    if (current) {
      ++employed;
    } else {
      ++unemployed;
      ++levels[UnemploymentLevel(last_end.AddDays(1), AsOf())];
    }
  }
  const double share = unemployed / double(employed + unemployed);
  EXPECT_GE(share, 0.03);
  EXPECT_LE(share, 0.06);
  for (int l = 0; l < 4; ++l) EXPECT_GT(levels[l], 0) << "level " << l;
}

TEST(GeneratorTest, MigrantsWorkInTheFourPartnerProvinces) {
  const auto& s = Sample();
  int cross = 0;
  std::set<std::string> provinces;
  std::set<std::string> employer_codes;
  for (const auto& e : s.employers) employer_codes.insert(e.credit_code);
  std::map<int64_t, const registry::Person*> persons;
  for (const auto& p : s.persons) persons[p.person_id] = &p;
  int cross_county = 0, same_county = 0;
  for (const auto& c : s.contracts) {
    ASSERT_TRUE(employer_codes.contains(c.employer_credit_code));
    // Every generated contract has a place of work; 跨县/跨省 follow from it.
    const auto place = registry::PlaceOf(*persons.at(c.person_id), c);
    ASSERT_NE(place, registry::WorkPlace::kUnknown) << c.work_region;
    if (place != registry::WorkPlace::kCrossProvince) {
      EXPECT_TRUE(c.work_region.starts_with("52")) << c.work_region;
      (place == registry::WorkPlace::kCrossCounty ? cross_county : same_county)++;
      continue;
    }
    ++cross;
    provinces.insert(c.work_region.substr(0, 2));
  }
  // Most work in their county, some elsewhere in Guizhou, a share outbound.
  EXPECT_GT(same_county, cross_county);
  EXPECT_GT(cross_county, 0);
  EXPECT_GT(cross / double(kPersons), 0.08);
  EXPECT_EQ(provinces, (std::set<std::string>{"32", "33", "35", "44"}));
}

// How outbound workers went out (附件2（四）): recorded for most spells
// outside Guizhou, not all; about two thirds of those recorded organised,
// through each of the four channels; never set on spells in Guizhou.
TEST(GeneratorTest, OutboundSpellsRecordHowTheWorkerWentOut) {
  const auto& s = Sample();
  int outbound = 0, recorded = 0, organised = 0;
  std::set<std::string> channels;
  for (const auto& c : s.contracts) {
    if (c.work_region.starts_with("52")) {
      EXPECT_EQ(c.organised_via, "") << c.work_region;
      continue;
    }
    ++outbound;
    if (c.organised_via.empty()) continue;
    ++recorded;
    ASSERT_TRUE(registry::ParseOrganisedVia(c.organised_via)) << c.organised_via;
    if (registry::IsOrganised(c.organised_via)) {
      ++organised;
      channels.insert(c.organised_via);
    }
  }
  ASSERT_GT(outbound, 100);
  EXPECT_GT(recorded, outbound * 75 / 100);
  EXPECT_LT(recorded, outbound * 95 / 100);
  EXPECT_GT(organised, recorded * 60 / 100);
  EXPECT_LT(organised, recorded * 78 / 100);
  EXPECT_EQ(channels, (std::set<std::string>{"agency", "base", "government", "station"}));
}

// In Guizhou the place of work is the employer's registered township, so
// monitoring can count jobs per township; an employee's insurance place is
// the county.
TEST(GeneratorTest, WorkInGuizhouIsPlacedAtTheEmployersTownship) {
  const auto& s = Sample();
  std::map<std::string, const registry::Employer*> employers;
  for (const auto& e : s.employers) employers[e.credit_code] = &e;
  int in_guizhou = 0;
  for (const auto& c : s.contracts) {
    if (!c.work_region.starts_with("52")) continue;
    ++in_guizhou;
    ASSERT_EQ(c.work_region.size(), 9u) << c.work_region;
    EXPECT_EQ(c.work_region, employers.at(c.employer_credit_code)->region);
  }
  EXPECT_GT(in_guizhou, 0);
  for (const auto& p : s.persons) {
    if (p.insured_region.starts_with("52")) EXPECT_EQ(p.insured_region.size(), 6u) << p.insured_region;
  }
}

TEST(GeneratorTest, ContractsOfAPersonDoNotRepeatTheirNaturalKey) {
  const auto& s = Sample();
  std::set<std::tuple<int64_t, std::string, int32_t>> keys;
  for (const auto& c : s.contracts) {
    ASSERT_TRUE(keys.insert({c.person_id, c.employer_credit_code, c.start_on.days()}).second);
    if (c.end_on) EXPECT_LT(c.start_on, *c.end_on);
  }
}

TEST(GeneratorTest, EmployersCoverEveryTypeAndSizeWithValidCreditCodes) {
  const auto& s = Sample();
  std::set<registry::EmployerType> types;
  std::set<registry::SizeClass> sizes;
  std::set<std::string> codes;
  for (const auto& e : s.employers) {
    types.insert(e.type);
    sizes.insert(e.size);
    const auto check = CheckCreditCode(e.credit_code);
    ASSERT_TRUE(check.valid) << e.credit_code << " " << check.reason;
    ASSERT_TRUE(codes.insert(e.credit_code).second) << "duplicate " << e.credit_code;
    EXPECT_EQ(e.credit_code.substr(2, 6), e.county_code);
    EXPECT_FALSE(e.years.empty());
    for (const auto& y : e.years) {
      EXPECT_GT(y.ui_premium_fen, 0);
      EXPECT_LE(y.layoffs, y.insured_headcount);
    }
    const auto [lo, hi] = TheWorld().profile.size_headcount[static_cast<int>(e.size)];
    EXPECT_GE(e.years.front().insured_headcount, lo * 85 / 100);
    EXPECT_FALSE(e.name.empty());
  }
  EXPECT_EQ(types.size(), registry::AllValues<registry::EmployerType>().size());
  EXPECT_EQ(sizes.size(), 4u);
}

TEST(GeneratorTest, JobsHaveWagesOccupationsAndUniqueNaturalKeys) {
  const auto& s = Sample();
  std::set<std::string> keys;
  std::set<registry::JobType> types;
  for (const auto& j : s.jobs) {
    EXPECT_GT(j.wage_min_fen, 0);
    EXPECT_LE(j.wage_min_fen, j.wage_max_fen);
    EXPECT_EQ(j.wage_min_fen % 100, 0);
    EXPECT_EQ(j.occupation_code.size(), 4u);
    types.insert(j.type);
    ASSERT_TRUE(keys.insert(j.employer_credit_code + j.title + j.place_region + j.open_on.ToString()).second);
  }
  EXPECT_EQ(types.size(), 5u);
}

TEST(GeneratorTest, ServiceNetworkCoversEveryCounty) {
  const auto& s = Sample();
  std::map<std::string, int> gig, office, hr;
  std::map<std::string, std::set<std::string>> station_tiers;  // province -> tiers
  int communities = 0;
  for (const auto& x : s.sites) {
    switch (x.kind) {
      case registry::SiteKind::kGigMarket: ++gig[x.county_code]; break;
      case registry::SiteKind::kEmploymentOffice:
        if (x.tier == "county") ++office[x.county_code];
        break;
      case registry::SiteKind::kHrAgency: ++hr[x.county_code]; break;
      case registry::SiteKind::kLabourStation:
        EXPECT_FALSE(x.region.starts_with("52")) << x.name;
        station_tiers[x.region.substr(0, 2)].insert(x.tier);
        break;
      case registry::SiteKind::kFullEmploymentCommunity: ++communities; break;
    }
  }
  for (const auto& c : TheWorld().geo->counties()) {
    EXPECT_GE(gig[c.code], 1) << c.name;
    EXPECT_EQ(office[c.code], 1) << c.name;
    EXPECT_GE(hr[c.code], 1) << c.name;
  }
  EXPECT_EQ(gig.size(), 88u);
  for (const char* p : {"44", "33", "35", "32"})
    EXPECT_EQ(station_tiers[p], (std::set<std::string>{"province", "prefecture", "county"})) << p;
  EXPECT_GE(communities, 100);
  EXPECT_LE(communities, 250);
}

TEST(UnemploymentLevelTest, CalendarMonthBoundaries) {
  const Date since = *Date::FromYmd(2025, 1, 31);
  EXPECT_EQ(UnemploymentLevel(since, *Date::FromYmd(2025, 2, 28)), 0);
  EXPECT_EQ(UnemploymentLevel(since, *Date::FromYmd(2025, 3, 1)), 1);
  EXPECT_EQ(UnemploymentLevel(since, *Date::FromYmd(2025, 7, 31)), 1);
  EXPECT_EQ(UnemploymentLevel(since, *Date::FromYmd(2025, 8, 1)), 2);
  EXPECT_EQ(UnemploymentLevel(since, *Date::FromYmd(2026, 1, 31)), 2);
  EXPECT_EQ(UnemploymentLevel(since, *Date::FromYmd(2026, 2, 1)), 3);
}

}  // namespace
}  // namespace qjy::gen

namespace qjy::gen {
namespace {

// The registry's own validation (what an import applies) accepts every
// generated record.
TEST(GeneratorTest, EveryRecordPassesRegistryValidation) {
  const auto& s = Sample();
  registry::ValidationContext ctx{*TheWorld().regions, AsOf()};
  std::map<std::string, int> reasons;
  auto note = [&](const registry::FieldErrors& errors) {
    for (const auto& e : errors) ++reasons[e.field + "：" + e.reason];
  };
  for (const auto& p : s.persons) {
    registry::FieldErrors errors;
    registry::ValidatePerson(p, ctx, errors);
    note(errors);
  }
  for (const auto& e : s.employers) {
    registry::FieldErrors errors;
    registry::ValidateEmployer(e, ctx, errors);
    note(errors);
  }
  for (const auto& j : s.jobs) {
    registry::FieldErrors errors;
    registry::ValidateJob(j, ctx, errors);
    note(errors);
  }
  for (const auto& c : s.contracts) {
    registry::FieldErrors errors;
    registry::ValidateContract(c, ctx, errors);
    note(errors);
  }
  for (const auto& [reason, n] : reasons) ADD_FAILURE() << n << " × " << reason;
}

}  // namespace
}  // namespace qjy::gen
