#include "gen/network_work_gen.h"

#include <algorithm>
#include <map>
#include <string>

#include <fmt/format.h>

#include "gen/record_helpers.h"
#include "gen/rng.h"
#include "gen/tables.h"
#include "network/agency_licence_store.h"
#include "network/community_criteria.h"
#include "network/community_store.h"
#include "network/network_store.h"
#include "network/quality_schemes.h"
#include "network/station_work_store.h"

namespace qjy::gen {
namespace {

constexpr const char* kActor = kRecordActor;

Result<void> Licences(store::Db& db, const RegionIndex& regions, const std::vector<network::Site>& sites,
                      uint64_t seed, Date as_of, NetworkWorkCounts& counts) {
  auto scopes = network::LoadAgencyScopes(network::DefaultAgencyScopesFile());
  if (!scopes) return std::unexpected(scopes.error());
  network::AgencyLicenceStore store(db, regions);
  // Each county's most recently registered agency has no licence entered
  // yet, nor has about one in ten of the others (not checked, 未登记).
  std::map<std::string, int64_t> newest;
  for (const auto& s : sites) {
    if (s.kind == "hr_agency") newest[s.county_code] = std::max(newest[s.county_code], s.site_id);
  }
  for (const auto& s : sites) {
    if (s.kind != "hr_agency") continue;
    Rng rng = RngFor(seed, 31, static_cast<uint64_t>(s.site_id));
    const uint64_t roll = rng.Below(100);
    if (roll < 10 || newest[s.county_code] == s.site_id) continue;
    const Date lo = s.opened_on.value_or(Ymd(2019, 1, 1));
    const Date hi = std::min(as_of, Ymd(2024, 12, 31));
    if (hi < lo) continue;
    network::LicenceInput in;
    in.site_id = s.site_id;
    in.valid_from = Between(rng, std::max(lo, Ymd(2019, 1, 1)), hi);
    in.licence_no = fmt::format("（黔）人服证字〔{}〕第{:07d}号", in.valid_from->year(), s.site_id);
    in.issuer = Bureau(regions, s.region);
    if (roll < 19) {
      // Lapsed: a two-year licence not renewed.
      in.valid_to = in.valid_from->AddDays(2 * 365 - 1);
      if (*in.valid_to >= as_of) in.valid_to = as_of.AddDays(-30);
      if (*in.valid_to < *in.valid_from) continue;
    } else if (roll < 70) {
      in.valid_to = in.valid_from->AddDays(5 * 365 - 1);
    }  // else 长期有效
    // The licensed scopes every agency holds, plus some of the others.
    for (const auto& sc : scopes->scopes) {
      if (sc.licensed ? rng.Below(4) != 0 : rng.Below(3) == 0) in.scope.push_back(sc.code);
    }
    if (in.scope.empty()) in.scope.push_back(scopes->scopes.front().code);
    auto id = store.Add(in, *scopes, as_of, kActor);
    if (!id) return std::unexpected(id.error());
    ++counts.licences;
  }
  return {};
}

Result<void> StationWork(store::Db& db, const RegionIndex& regions, const std::vector<network::Site>& sites,
                         uint64_t seed, Date as_of, NetworkWorkCounts& counts) {
  network::StationWorkStore store(db, regions);
  const std::string last = fmt::format("{:04d}-{:02d}", as_of.year(), as_of.month());
  for (const auto& s : sites) {
    if (s.kind != "labour_station") continue;
    Rng rng = RngFor(seed, 32, static_cast<uint64_t>(s.site_id));
    const int64_t size = rng.Between(1, 4);  // a station's scale
    Date from = std::max(Ymd(2024, 1, 1), s.opened_on.value_or(Ymd(2024, 1, 1)));
    for (Date m = Ymd(from.year(), from.month(), 1); m <= as_of; m = m.AddMonths(1)) {
      const std::string month = fmt::format("{:04d}-{:02d}", m.year(), m.month());
      if (month > last || (s.closed_on && m >= *s.closed_on)) break;
      if (rng.Below(10) == 0) continue;  // not reported
      network::StationWorkInput in;
      in.site_id = s.site_id;
      in.month = month;
      // Spring (after the Spring Festival) is the busy season of outbound work.
      const int64_t season = m.month() <= 3 ? 2 : 1;
      in.jobs_collected = rng.Between(10, 80) * size * season;
      in.placed = rng.Between(2, 25) * size * season;
      in.retained = in.placed + rng.Between(5, 40) * size;
      in.rights_cases = rng.Below(5) == 0 ? rng.Between(1, 3) : 0;
      if (auto id = store.Add(in, as_of, kActor); !id) return std::unexpected(id.error());
      ++counts.station_months;
    }
  }
  return {};
}

Result<void> Communities(store::Db& db, const RegionIndex& regions, uint64_t seed, Date as_of,
                         NetworkWorkCounts& counts) {
  auto criteria = network::LoadCommunityCriteria(network::DefaultCommunityCriteriaFile());
  if (!criteria) return std::unexpected(criteria.error());
  auto rows = db.Query(
      "SELECT site_id, region FROM service_sites WHERE kind = 'full_employment_community' "
      "AND (recognition_level IS NULL OR recognition_level = '' OR recognition_level = 'none') "
      "AND closed_on IS NULL ORDER BY site_id");
  if (!rows) return std::unexpected(rows.error());
  network::CommunityStore store(db, regions);
  const Date lo = Ymd(2025, 1, 1);
  if (as_of < lo) return {};
  for (const auto& r : *rows) {
    const int64_t id = r.Int(0);
    Rng rng = RngFor(seed, 33, static_cast<uint64_t>(id));
    if (rng.Below(3) != 0) continue;
    network::ApplicationInput in;
    in.site_id = id;
    in.level = "prefecture";
    in.applied_on = Between(rng, lo, std::min(as_of, Ymd(2025, 9, 30)));
    const bool short_of_it = rng.Below(5) == 0;
    auto& f = in.facts;
    f.able_willing = rng.Between(300, 2500);
    f.employed = f.able_willing * (short_of_it ? rng.Between(80, 89) : rng.Between(91, 98)) / 100;
    f.hard_to_employ = rng.Between(5, 60);
    f.hard_to_employ_employed = f.hard_to_employ - (f.hard_to_employ >= 10 && rng.Below(3) == 0 ? 1 : 0);
    f.zero_employment_families = 0;
    f.service_desk = true;
    f.service_staff = rng.Between(1, 4);
    auto app = store.Apply(in, *criteria, as_of, kActor);
    if (!app) return std::unexpected(app.error());
    ++counts.community_applications;
    // About one in five still awaits its assessment.
    const Date assess_lo = in.applied_on->AddDays(20);
    if (rng.Below(5) == 0 || assess_lo > as_of) continue;
    const Date on = Between(rng, assess_lo, std::min(as_of, in.applied_on->AddDays(90)));
    const Region* county = regions.Find(r.Text(1).substr(0, 6));
    network::AssessmentInput a{on, Bureau(regions, r.Text(1)),
                               fmt::format("{}充分就业社区评估报告（{}年）", county ? county->name : "", on.year())};
    auto done = store.Assess(*app, a, *criteria, as_of, kActor);
    if (!done) return std::unexpected(done.error());
    ++counts.community_assessed;
  }
  return {};
}

}  // namespace

Result<NetworkWorkCounts> GenerateNetworkWork(store::Db& db, const RegionIndex& regions, uint64_t seed, Date as_of) {
  NetworkWorkCounts counts;
  if (auto m = network::AgencyLicenceStore(db, regions).Migrate(); !m) return std::unexpected(m.error());
  if (auto m = network::StationWorkStore(db, regions).Migrate(); !m) return std::unexpected(m.error());
  if (auto m = network::CommunityStore(db, regions).Migrate(); !m) return std::unexpected(m.error());
  network::NetworkStore net(db, regions);
  auto sites = net.Sites("52");
  if (!sites) return std::unexpected(sites.error());
  std::sort(sites->begin(), sites->end(), [](const auto& a, const auto& b) { return a.site_id < b.site_id; });
  if (auto r = Licences(db, regions, *sites, seed, as_of, counts); !r) return std::unexpected(r.error());
  if (auto r = StationWork(db, regions, *sites, seed, as_of, counts); !r) return std::unexpected(r.error());
  if (auto r = Communities(db, regions, seed, as_of, counts); !r) return std::unexpected(r.error());
  return counts;
}

}  // namespace qjy::gen
