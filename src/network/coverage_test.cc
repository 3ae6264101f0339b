#include "network/coverage.h"

#include <gtest/gtest.h>

#include "core/refdata.h"
#include "network/duties.h"
#include "network/event_gen.h"
#include "core/date_test_support.h"

namespace qjy::network {
namespace {

// A small province, counted by hand: 2 prefectures, 3 counties,
// 4 townships, 5 villages.
RegionIndex CoverageRegions() {
  using L = RegionLevel;
  auto r = RegionIndex::FromRows({
      {"52", "贵州省", L::kProvince, ""},
      {"5201", "甲市", L::kPrefecture, "52"},
      {"5202", "乙州", L::kPrefecture, "52"},
      {"520101", "一县", L::kCounty, "5201"},
      {"520102", "二县", L::kCounty, "5201"},
      {"520201", "三县", L::kCounty, "5202"},
      {"520101001", "一镇", L::kTownship, "520101"},
      {"520101002", "二镇", L::kTownship, "520101"},
      {"520102001", "三镇", L::kTownship, "520102"},
      {"520201001", "四镇", L::kTownship, "520201"},
      {"520101001001", "一村", L::kVillage, "520101001"},
      {"520101001002", "二村", L::kVillage, "520101001"},
      {"520101002001", "三村", L::kVillage, "520101002"},
      {"520102001001", "四村", L::kVillage, "520102001"},
      {"520201001001", "五村", L::kVillage, "520201001"},
  });
  EXPECT_TRUE(r) << r.error().message;
  return std::move(*r);
}

constexpr char kDuties[] = R"(
document: 测试文件
valid_from: 2023-01-01
duties:
  - {id: township, title: 乡镇机构, clause: 附件4（一）, quote: 乡镇全覆盖, kind: sites,
     site_kind: employment_office, tier: township, unit: township, share_bp: 10000, deadline: 2024-12-31}
  - {id: village, title: 村级, clause: 附件4（一）, quote: 村级80%, kind: sites,
     site_kind: employment_office, tier: village, unit: village, share_bp: 8000, deadline: 2024-12-31}
  - {id: gig, title: 零工市场, clause: 附件4（十六）, quote: 每县1家, kind: sites,
     site_kind: gig_market, unit: county, share_bp: 10000, deadline: 2023-06-30}
  - {id: weekly, title: 每周招聘, clause: 附件4（十一）, quote: 每周1次, kind: events,
     unit: county, period: week, min_per_period: 1, from: 2025-06-02}
  - {id: monthly, title: 每月综合招聘, clause: 附件4（十一）, quote: 每月2次, kind: events,
     event_kind: comprehensive, unit: prefecture, period: month, min_per_period: 2, from: 2025-05-01}
  - {id: communities, title: 社区, clause: 附件4（十五）, quote: 2个, kind: count,
     site_kind: full_employment_community, min_count: 2, deadline: 2023-12-31}
)";

using ::qjy::test_support::D;

Site S(int64_t id, const char* kind, const char* tier, const char* region, const char* opened,
       const char* closed = nullptr) {
  Site s;
  s.site_id = id;
  s.kind = kind;
  s.tier = tier;
  s.region = region;
  s.county_code = std::string(region).substr(0, 6);
  s.name = "网点" + std::to_string(id);
  if (opened) s.opened_on = D(opened);
  if (closed) s.closed_on = D(closed);
  return s;
}

const DutyResult& Find(const CoverageReport& r, std::string_view id) {
  for (const auto& d : r.duties) {
    if (d.id == id) return d;
  }
  ADD_FAILURE() << "no duty " << id;
  return r.duties.front();
}

class CoverageTest : public ::testing::Test {
 protected:
  RegionIndex regions_ = CoverageRegions();
  Duties duties_ = *ParseDuties(kDuties, "test.yaml");
};

TEST_F(CoverageTest, SitesCountedPerPlaceWithDeadlineAndClosures) {
  const std::vector<Site> sites = {
      S(1, "employment_office", "township", "520101001", "2020-01-01"),
      S(2, "employment_office", "township", "520101002", "2025-03-01"),                 // after the deadline
      S(3, "employment_office", "township", "520102001", "2020-01-01", "2025-01-10"),   // closed since
      S(4, "employment_office", "township", "520201001", "2020-01-01"),
      S(5, "employment_office", "village", "520101001001", "2022-01-01"),
      S(6, "employment_office", "village", "520101001002", "2022-01-01"),
      S(7, "employment_office", "village", "520101002001", "2022-01-01"),
      S(8, "employment_office", "village", "520102001001", "2022-01-01"),
      S(9, "gig_market", "county", "520101", "2023-05-01"),
      S(10, "gig_market", "township", "520102001", "2023-08-15"),  // late for 二县
      S(11, "employment_office", "county", "520201", "2020-01-01"),  // not a gig market
      S(12, "full_employment_community", "province", "520101001001", "2023-03-01"),
      S(13, "full_employment_community", "county", "520201001001", "2024-02-01"),
  };
  auto r = ComputeCoverage(regions_, "52", D("2025-06-30"), duties_, sites, {});
  ASSERT_TRUE(r) << r.error().message;

  const auto& town = Find(*r, "township");
  EXPECT_EQ(town.places, 4);
  EXPECT_EQ(town.covered, 3);              // 三镇's office closed
  EXPECT_EQ(town.covered_by_deadline, 3);  // 一镇, 三镇 (still open then), 四镇
  EXPECT_EQ(town.required, 4);
  EXPECT_EQ(town.status, Status::kMissing);
  ASSERT_EQ(town.gaps.size(), 1u);
  EXPECT_EQ(town.gaps[0].code, "520102001");

  const auto& village = Find(*r, "village");
  EXPECT_EQ(village.places, 5);
  EXPECT_EQ(village.covered, 4);
  EXPECT_EQ(village.required, 4);  // 80 % of 5
  EXPECT_EQ(village.status, Status::kMet);

  const auto& gig = Find(*r, "gig");
  EXPECT_EQ(gig.places, 3);
  EXPECT_EQ(gig.covered, 2);  // 一县, 二县 (via its township market)
  EXPECT_EQ(gig.covered_by_deadline, 1);
  EXPECT_EQ(gig.status, Status::kMissing);  // 三县 has none
  ASSERT_EQ(gig.gaps.size(), 1u);
  EXPECT_EQ(gig.gaps[0].code, "520201");

  const auto& com = Find(*r, "communities");
  EXPECT_EQ(com.covered, 2);
  EXPECT_EQ(com.covered_by_deadline, 1);
  EXPECT_EQ(com.status, Status::kLate);
}

TEST_F(CoverageTest, LateWhenMetOnlyAfterTheDeadlineAndPendingBeforeIt) {
  std::vector<Site> sites = {
      S(1, "gig_market", "county", "520101", "2023-05-01"),
      S(2, "gig_market", "county", "520102", "2023-08-01"),
      S(3, "gig_market", "county", "520201", "2022-01-01"),
  };
  auto after = ComputeCoverage(regions_, "52", D("2024-01-01"), duties_, sites, {});
  ASSERT_TRUE(after);
  EXPECT_EQ(Find(*after, "gig").status, Status::kLate);
  auto before = ComputeCoverage(regions_, "52", D("2023-06-01"), duties_, sites, {});
  ASSERT_TRUE(before);
  EXPECT_EQ(Find(*before, "gig").status, Status::kPending);  // 二县 not yet, deadline ahead
  EXPECT_EQ(Find(*before, "gig").covered, 2);
  // Scoped to 甲市: only its two counties count.
  auto city = ComputeCoverage(regions_, "5201", D("2024-01-01"), duties_, sites, {});
  ASSERT_TRUE(city);
  EXPECT_EQ(Find(*city, "gig").places, 2);
  EXPECT_EQ(Find(*city, "communities").status, Status::kInfo);  // a province-wide total
  // A county has no prefecture of its own: the monthly prefecture duty does not apply.
  auto county = ComputeCoverage(regions_, "520101", D("2025-06-30"), duties_, sites, {});
  ASSERT_TRUE(county);
  EXPECT_FALSE(Find(*county, "monthly").applicable);
  EXPECT_EQ(Find(*county, "monthly").status, Status::kInfo);
  EXPECT_TRUE(Find(*county, "weekly").applicable);
}

TEST_F(CoverageTest, EventsPerWeekAndMonthListTheMissedPeriods) {
  // Weeks from Monday 2025-06-02 to as_of Sunday 2025-06-22: W23, W24, W25.
  std::vector<Event> events = {
      {1, "520101", "special", D("2025-06-02"), true},
      {2, "520101", "comprehensive", D("2025-06-15"), true},
      {3, "520101", "special", D("2025-06-22"), true},
      {4, "520102", "special", D("2025-06-10"), true},
      {5, "520102", "special", D("2025-06-18"), false},        // planned: not counted
      {6, "520201001", "special", D("2025-06-03"), true},      // a township's: not the county's
      {7, "5201", "comprehensive", D("2025-05-05"), true},
      {8, "5201", "comprehensive", D("2025-05-20"), true},
      {9, "5201", "special", D("2025-05-21"), true},           // not comprehensive
      {10, "5202", "comprehensive", D("2025-05-09"), true},
  };
  auto r = ComputeCoverage(regions_, "52", D("2025-06-22"), duties_, {}, events);
  ASSERT_TRUE(r) << r.error().message;
  const auto& week = Find(*r, "weekly");
  EXPECT_EQ(week.period_from, "2025-W23");
  EXPECT_EQ(week.period_to, "2025-W25");
  EXPECT_EQ(week.places, 3);
  EXPECT_EQ(week.periods, 9);
  EXPECT_EQ(week.periods_met, 4);  // 一县 all 3, 二县 W24 only
  EXPECT_EQ(week.covered, 1);
  EXPECT_EQ(week.status, Status::kMissing);
  ASSERT_EQ(week.gaps.size(), 2u);
  EXPECT_EQ(week.gaps[0].code, "520102");
  EXPECT_NE(week.gaps[0].detail.find("2025-W23"), std::string::npos);
  EXPECT_NE(week.gaps[0].detail.find("2025-W25"), std::string::npos);
  EXPECT_EQ(week.gaps[0].detail.find("2025-W24"), std::string::npos);

  const auto& month = Find(*r, "monthly");  // only May is complete
  EXPECT_EQ(month.period_from, "2025-05");
  EXPECT_EQ(month.period_to, "2025-05");
  EXPECT_EQ(month.periods, 2);
  EXPECT_EQ(month.periods_met, 1);  // 甲市 2 comprehensive, 乙州 1
  ASSERT_EQ(month.gaps.size(), 1u);
  EXPECT_EQ(month.gaps[0].code, "5202");
}

// 附件4（十七）: the province's service team at least twice a year, each
// prefecture's four times; whole years from `from` only; a team visit is no
// recruitment event and a recruitment event no team visit.
TEST_F(CoverageTest, ServiceTeamVisitsPerYearForTheProvinceAndPrefectures) {
  auto duties = ParseDuties(R"(
document: 测试文件
valid_from: 2023-01-01
duties:
  - {id: team_p, title: 省级服务团队, clause: 附件4（十七）, quote: 省级每年不少于2次, kind: events,
     event_kind: service_team, unit: province, period: year, min_per_period: 2, from: 2023-05-01}
  - {id: team_c, title: 市州服务团队, clause: 附件4（十七）, quote: 市（州）级每年不少于4次, kind: events,
     event_kind: service_team, unit: prefecture, period: year, min_per_period: 4, from: 2023-05-01}
  - {id: weekly, title: 每周招聘, clause: 附件4（十一）, quote: 每周1次, kind: events,
     unit: county, period: week, min_per_period: 1, from: 2025-06-02}
)", "test.yaml");
  ASSERT_TRUE(duties) << duties.error().message;
  std::vector<Event> events = {
      {1, "52", "service_team", D("2023-06-01"), true},  // 2023 is not a whole year from 2023-05-01
      {2, "52", "service_team", D("2024-03-01"), true},
      {3, "52", "service_team", D("2024-11-30"), true},
      {4, "52", "service_team", D("2025-04-01"), true},   // 2025: one only
      {5, "52", "comprehensive", D("2025-05-01"), true},  // a recruitment event is no team visit
      {6, "5201", "service_team", D("2024-01-10"), true},
      {7, "5201", "service_team", D("2024-02-10"), true},
      {8, "5201", "service_team", D("2024-03-10"), true},
      {9, "5201", "service_team", D("2024-04-10"), true},
      {10, "5201", "service_team", D("2025-01-10"), false},  // planned
      {11, "520101", "service_team", D("2025-06-03"), true},  // a county's visit is no weekly recruitment
      {12, "52", "service_team", D("2026-01-01"), true},      // after as_of: ignored
  };
  auto r = ComputeCoverage(regions_, "52", D("2025-12-31"), *duties, {}, events);
  ASSERT_TRUE(r) << r.error().message;
  const auto& p = Find(*r, "team_p");
  EXPECT_EQ(p.period_from, "2024");
  EXPECT_EQ(p.period_to, "2025");
  EXPECT_EQ(p.places, 1);
  EXPECT_EQ(p.periods, 2);
  EXPECT_EQ(p.periods_met, 1);  // 2024 met (2), 2025 short (1)
  EXPECT_EQ(p.status, Status::kMissing);
  ASSERT_EQ(p.gaps.size(), 1u);
  EXPECT_NE(p.gaps[0].detail.find("1 年不足 2 次：2025"), std::string::npos) << p.gaps[0].detail;
  EXPECT_EQ(p.requirement, "省级每年至少 2 次就业创业服务团队活动");
  const auto& c = Find(*r, "team_c");
  EXPECT_EQ(c.places, 2);
  EXPECT_EQ(c.periods, 4);
  EXPECT_EQ(c.periods_met, 1);  // 甲市 2024 only; 乙州 none
  const auto& week = Find(*r, "weekly");
  EXPECT_EQ(week.periods_met, 0);

  // The listing window of weekly and monthly duties does not narrow a
  // yearly one: from 2025-06-01 the years 2024 and 2025 are still judged.
  auto windowed = ComputeCoverage(regions_, "52", D("2025-12-31"), *duties, {}, events, D("2025-06-01"));
  ASSERT_TRUE(windowed);
  EXPECT_EQ(Find(*windowed, "team_p").periods, 2);
  EXPECT_EQ(Find(*windowed, "team_p").periods_met, 1);
  // Before any whole year nothing is judged, and nothing counts as met.
  auto early = ComputeCoverage(regions_, "52", D("2024-06-30"), *duties, {}, events);
  ASSERT_TRUE(early);
  EXPECT_EQ(Find(*early, "team_c").periods, 0);
  EXPECT_EQ(Find(*early, "team_c").covered, 0);
  EXPECT_EQ(Find(*early, "team_c").status, Status::kInfo);

  // On the last day of 2024 only 2024 is whole; a prefecture sees no province duty.
  auto mid = ComputeCoverage(regions_, "5201", D("2024-12-31"), *duties, {}, events);
  ASSERT_TRUE(mid);
  EXPECT_FALSE(Find(*mid, "team_p").applicable);
  EXPECT_EQ(Find(*mid, "team_c").periods, 1);
  EXPECT_EQ(Find(*mid, "team_c").covered, 1);

  EXPECT_FALSE(ParseDuties(R"(
document: x
valid_from: 2023-01-01
duties:
  - {id: a, title: t, clause: c, quote: q, kind: sites, site_kind: gig_market, unit: province, deadline: 2023-01-01}
)", "d.yaml")) << "the province is a unit for events only";
}

TEST_F(CoverageTest, ScopeMustBeAGuizhouRegionAboveVillage) {
  EXPECT_FALSE(ComputeCoverage(regions_, "520101001001", D("2025-01-01"), duties_, {}, {}));
  EXPECT_FALSE(ComputeCoverage(regions_, "53", D("2025-01-01"), duties_, {}, {}));
}

TEST(EventGenTest, GeneratedEventsLeaveRealisticGapsAndRepeatForASeed) {
  const auto& regions = *[] {
    static auto r = RegionIndex::Load(RefdataDir());
    return &*r;
  }();
  const Date from = D("2025-01-06"), to = D("2025-06-29");  // 25 whole weeks, 5 whole months
  auto a = GenerateEvents(regions, 2023, from, to);
  EXPECT_EQ(a.size(), GenerateEvents(regions, 2023, from, to).size());
  std::vector<Event> events;
  for (const auto& e : a) {
    ASSERT_GE(e.held_on, from);
    ASSERT_LE(e.held_on, to);
    events.push_back({0, e.region, e.kind, e.held_on, e.held});
  }
  auto duties = LoadDuties(DefaultDutiesFile());
  ASSERT_TRUE(duties);
  auto r = ComputeCoverage(regions, "52", to, *duties, {}, events, from);
  ASSERT_TRUE(r);
  const auto& week = Find(*r, "events_county_week");
  EXPECT_EQ(week.places, 88);
  EXPECT_EQ(week.periods, 88 * 25);
  EXPECT_GT(week.periods_met, week.periods * 9 / 10);  // most weeks held
  EXPECT_GT(week.gap_count, 0);                        // some counties miss weeks
  const auto& month = Find(*r, "events_prefecture_month");
  EXPECT_EQ(month.places, 9);
  EXPECT_GT(month.periods_met, month.periods / 2);

  // Service teams over 2024–2025 (whole years): most team-years meet the
  // duty, some fall short.
  auto teams = GenerateEvents(regions, 2023, D("2023-05-01"), D("2025-12-31"));
  std::vector<Event> visits;
  for (const auto& e : teams) {
    if (e.kind == "service_team") visits.push_back({0, e.region, e.kind, e.held_on, e.held});
  }
  ASSERT_FALSE(visits.empty());
  auto t = ComputeCoverage(regions, "52", D("2025-12-31"), *duties, {}, visits);
  ASSERT_TRUE(t);
  const auto& pref = Find(*t, "service_team_prefecture_year");
  EXPECT_EQ(pref.places, 9);
  EXPECT_EQ(pref.periods, 18);
  EXPECT_GT(pref.periods_met, 9);
  EXPECT_LT(pref.periods_met, 18) << "the demo shows some team-years short";
  EXPECT_EQ(Find(*t, "service_team_province_year").periods, 2);
}

TEST(WeekLabelTest, IsoWeeks) {
  EXPECT_EQ(WeekLabel(*Date::Parse("2025-06-02")), "2025-W23");
  EXPECT_EQ(WeekLabel(*Date::Parse("2024-12-30")), "2025-W01");  // Thursday 2025-01-02
  EXPECT_EQ(WeekLabel(*Date::Parse("2026-12-28")), "2026-W53");
}

TEST(DutiesTest, ShippedFileLoadsAndBadFieldsAreNamed) {
  auto shipped = LoadDuties(DefaultDutiesFile());
  ASSERT_TRUE(shipped) << shipped.error().message;
  EXPECT_GE(shipped->duties.size(), 8u);
  for (const auto& d : shipped->duties) {
    EXPECT_TRUE(d.clause.starts_with("附件4") || d.clause.starts_with("附件2") || d.clause.starts_with("附件1") ||
                d.clause.starts_with("正文"))
        << d.id;
    if (d.id.starts_with("hr_agency")) EXPECT_EQ(d.rating, "quality") << d.id;
  }

  auto bad = ParseDuties(R"(
document: x
valid_from: 2023-01-01
duties:
  - {id: a, title: t, clause: c, quote: q, kind: sites, site_kind: gig_market, unit: county, deadline: 2023-13-01}
)", "duties.yaml");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("duties.yaml"), std::string::npos);
  EXPECT_NE(bad.error().message.find("职责 a"), std::string::npos);
  EXPECT_NE(bad.error().message.find("deadline"), std::string::npos);

  auto unknown = ParseDuties(R"(
document: x
valid_from: 2023-01-01
duties:
  - {id: a, title: t, clause: c, quote: q, kind: count, site_kind: gig_market, min_count: 1, deadline: 2023-01-01, color: red}
)", "duties.yaml");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("color"), std::string::npos);
}

// 附件4（二）: only agencies rated 优质 on the date count; an open agency
// with no rating is 未评级 (unknown), listed, not counted.
TEST(QualityCoverageTest, HrAgenciesCountOnlyWhenRatedQualityAndUnratedAreShown) {
  const RegionIndex regions = CoverageRegions();
  auto duties = ParseDuties(R"(
document: 测试文件
valid_from: 2023-01-01
duties:
  - {id: hr, title: 每县优质机构, clause: 附件4（二）, quote: 至少引入1家优质, kind: sites,
     site_kind: hr_agency, rating: quality, unit: county, share_bp: 10000, deadline: 2023-12-31}
)", "test.yaml");
  ASSERT_TRUE(duties) << duties.error().message;
  std::vector<Site> sites = {
      S(1, "hr_agency", "county", "520101", "2022-01-01"),    // 优质 since 2023-06
      S(2, "hr_agency", "county", "520102", "2022-01-01"),    // 优质 2023-03, 合格 from 2024-05
      S(3, "hr_agency", "county", "520102", "2024-01-01"),    // never rated
      S(4, "hr_agency", "county", "520201", "2023-02-01"),    // 优质 only from 2024-03
  };
  sites[0].quality = {{D("2023-06-01"), true}};
  sites[1].quality = {{D("2023-03-01"), true}, {D("2024-05-01"), false}};
  sites[3].quality = {{D("2024-03-01"), true}};

  auto r = ComputeCoverage(regions, "52", D("2025-06-30"), *duties, sites, {});
  ASSERT_TRUE(r) << r.error().message;
  const auto& hr = Find(*r, "hr");
  EXPECT_EQ(hr.places, 3);
  EXPECT_EQ(hr.covered, 2);              // 一县, 三县 (二县 downgraded, the other unrated)
  EXPECT_EQ(hr.covered_by_deadline, 2);  // 一县, 二县 (三县 rated only in 2024)
  EXPECT_EQ(hr.status, Status::kMissing);
  EXPECT_EQ(hr.unrated, 1);
  ASSERT_EQ(hr.gaps.size(), 1u);
  EXPECT_EQ(hr.gaps[0].code, "520102");
  EXPECT_EQ(hr.gaps[0].detail, "在运行的人力资源服务机构 2 个，其中评为优质 0 个、未评级 1 个（评级未知）");

  // Without any rating, every county is a gap naming its unrated agencies.
  for (auto& s : sites) s.quality.clear();
  r = ComputeCoverage(regions, "52", D("2025-06-30"), *duties, sites, {});
  ASSERT_TRUE(r);
  EXPECT_EQ(Find(*r, "hr").covered, 0);
  EXPECT_EQ(Find(*r, "hr").unrated, 3);
}

// 附件4（二） with licences: an agency rated 优质 whose 人力资源服务许可证
// has lapsed on the date is not counted, and the gap says why; an agency
// with no licence recorded is not checked. Hand-counted.
TEST(QualityCoverageTest, LapsedLicenceIsNotQualityAndTheGapSaysWhy) {
  const RegionIndex regions = CoverageRegions();
  auto duties = ParseDuties(R"(
document: 测试文件
valid_from: 2023-01-01
duties:
  - {id: hr, title: 每县优质机构, clause: 附件4（二）, quote: 至少引入1家优质, kind: sites,
     site_kind: hr_agency, rating: quality, unit: county, share_bp: 10000, deadline: 2023-12-31}
)", "test.yaml");
  ASSERT_TRUE(duties) << duties.error().message;
  std::vector<Site> sites = {
      S(1, "hr_agency", "county", "520101", "2022-01-01"),  // licence 2022–2024-12-31, lapsed in 2025
      S(2, "hr_agency", "county", "520102", "2022-01-01"),  // licence renewed, in force
      S(3, "hr_agency", "county", "520201", "2022-01-01"),  // no licence recorded: not checked
  };
  for (auto& s : sites) s.quality = {{D("2023-06-01"), true}};
  sites[0].licences = {{D("2022-01-01"), D("2024-12-31")}};
  sites[1].licences = {{D("2022-01-01"), D("2024-12-31")}, {D("2025-01-01"), std::nullopt}};

  EXPECT_EQ(sites[0].LicensedOn(D("2024-12-31")), true);
  EXPECT_EQ(sites[0].LicensedOn(D("2025-01-01")), false);
  EXPECT_FALSE(sites[2].LicensedOn(D("2025-01-01")).has_value());

  auto r = ComputeCoverage(regions, "52", D("2025-06-30"), *duties, sites, {});
  ASSERT_TRUE(r) << r.error().message;
  const auto& hr = Find(*r, "hr");
  EXPECT_EQ(hr.places, 3);
  EXPECT_EQ(hr.covered, 2);              // 二县, 三县
  EXPECT_EQ(hr.covered_by_deadline, 3);  // all three licensed on 2023-12-31
  EXPECT_EQ(hr.status, Status::kMissing);
  EXPECT_EQ(hr.unlicensed, 1);
  EXPECT_EQ(hr.unrated, 0);
  ASSERT_EQ(hr.gaps.size(), 1u);
  EXPECT_EQ(hr.gaps[0].code, "520101");
  EXPECT_EQ(hr.gaps[0].detail,
            "在运行的人力资源服务机构 1 个，其中评为优质 0 个、评为优质但人力资源服务许可证已过有效期 1 个（不计入）");
  EXPECT_NE(hr.requirement.find("许可证已过有效期"), std::string::npos) << hr.requirement;

  // On 2024-06-30 every licence is in force: all three counted.
  r = ComputeCoverage(regions, "52", D("2024-06-30"), *duties, sites, {});
  ASSERT_TRUE(r);
  EXPECT_EQ(Find(*r, "hr").covered, 3);
}

// 正文（十三）: every county and township office open in the year judged
// has an evaluation for it; the year is judged 90 days after it ends.
TEST(QualityCoverageTest, EvaluationsPerYearListTheInstitutionsMissing) {
  const RegionIndex regions = CoverageRegions();
  auto duties = ParseDuties(R"(
document: 测试文件
valid_from: 2023-01-01
duties:
  - {id: eval, title: 年度评估, clause: 正文（十三）, quote: 每年组织评估, kind: evaluations,
     site_kind: employment_office, tiers: [county, township], unit: county, from: 2023-01-01, due_days: 90}
)", "test.yaml");
  ASSERT_TRUE(duties) << duties.error().message;
  std::vector<Site> sites = {
      S(1, "employment_office", "county", "520101", "2020-01-01"),                  // 2023, 2024
      S(2, "employment_office", "township", "520101001", "2020-01-01"),             // 2023 only
      S(3, "employment_office", "township", "520101002", "2025-02-01"),             // not open in 2024
      S(4, "employment_office", "village", "520101001001", "2020-01-01"),           // villages not evaluated
      S(5, "employment_office", "county", "520102", "2020-01-01", "2024-01-01"),    // closed before 2024
      S(6, "employment_office", "township", "520201001", "2020-01-01"),             // 2024
  };
  sites[0].evaluated_years = {2023, 2024};
  sites[1].evaluated_years = {2023};
  sites[5].evaluated_years = {2024};

  auto r = ComputeCoverage(regions, "52", D("2025-06-30"), *duties, sites, {});
  ASSERT_TRUE(r) << r.error().message;
  const auto& e = Find(*r, "eval");
  EXPECT_EQ(e.period_from, "2024");
  EXPECT_EQ(e.places, 3);
  EXPECT_EQ(e.periods, 3);      // institutions due: 1, 2, 6
  EXPECT_EQ(e.periods_met, 2);  // 1, 6
  EXPECT_EQ(e.covered, 2);      // 二县 (none due), 三县
  EXPECT_EQ(e.status, Status::kMissing);
  ASSERT_EQ(e.gaps.size(), 1u);
  EXPECT_EQ(e.gaps[0].code, "520101");
  EXPECT_EQ(e.gaps[0].detail, "2024 年度应评估 2 个，未评估 1 个：网点2");
  EXPECT_EQ(e.progress, "2024 年度：应评估 3 个机构，已评估 2 个；3 个县（市、区、特区）中 2 个全部完成");

  // 2024-03-30 is 90 days after 2023 ended: 2023 is judged (all evaluated).
  r = ComputeCoverage(regions, "52", D("2024-03-30"), *duties, sites, {});
  ASSERT_TRUE(r);
  EXPECT_EQ(Find(*r, "eval").period_from, "2023");
  EXPECT_EQ(Find(*r, "eval").periods, 4);      // 1, 2, 5 and 6 were open in 2023
  EXPECT_EQ(Find(*r, "eval").periods_met, 2);  // 1, 2
  EXPECT_EQ(Find(*r, "eval").covered, 1);      // 一县; 二县 lacks 5, 三县 lacks 6
  // The day before, no year is due yet.
  r = ComputeCoverage(regions, "52", D("2024-03-29"), *duties, sites, {});
  ASSERT_TRUE(r);
  EXPECT_EQ(Find(*r, "eval").status, Status::kPending);
  EXPECT_EQ(Find(*r, "eval").periods, 0);
}

// 附件1（十二）: 2023 internship posts, counted from the registry; unknown
// when the facts are not held; judged for the province only.
TEST(QualityCoverageTest, QuotaCountedAgainstTheTargetOrUnknown) {
  const RegionIndex regions = CoverageRegions();
  auto duties = ParseDuties(R"(
document: 测试文件
valid_from: 2023-01-01
duties:
  - {id: interns, title: 见习岗位, clause: 附件1（十二）, quote: 不少于100个, kind: quota,
     measure: internships_started, year: 2023, min_count: 100, source: 2023 年开始的见习}
)", "test.yaml");
  ASSERT_TRUE(duties) << duties.error().message;
  const std::vector<QuotaCount> eighty = {{"interns", 80, "x"}};
  auto r = ComputeCoverage(regions, "52", D("2024-01-10"), *duties, {}, {}, std::nullopt, {}, eighty);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(Find(*r, "interns").covered, 80);
  EXPECT_EQ(Find(*r, "interns").status, Status::kMissing);
  ASSERT_EQ(Find(*r, "interns").gaps.size(), 1u);
  EXPECT_EQ(Find(*r, "interns").gaps[0].detail, "2023 年已统计 80，距目标差 20");
  r = ComputeCoverage(regions, "52", D("2023-10-01"), *duties, {}, {}, std::nullopt, {}, eighty);
  EXPECT_EQ(Find(*r, "interns").status, Status::kPending);
  r = ComputeCoverage(regions, "5201", D("2024-01-10"), *duties, {}, {}, std::nullopt, {}, eighty);
  EXPECT_EQ(Find(*r, "interns").status, Status::kInfo);
  const std::vector<QuotaCount> enough = {{"interns", 100, "x"}};
  r = ComputeCoverage(regions, "52", D("2024-01-10"), *duties, {}, {}, std::nullopt, {}, enough);
  EXPECT_EQ(Find(*r, "interns").status, Status::kMet);
  r = ComputeCoverage(regions, "52", D("2024-01-10"), *duties, {}, {});
  EXPECT_TRUE(Find(*r, "interns").unknown);
  EXPECT_EQ(Find(*r, "interns").progress, "无法统计（本库未载入相应记录）");
  EXPECT_EQ(Find(*r, "interns").status, Status::kInfo);
}

}  // namespace
}  // namespace qjy::network
