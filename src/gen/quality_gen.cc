#include "gen/quality_gen.h"

#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "gen/record_helpers.h"
#include "gen/rng.h"
#include "gen/tables.h"
#include "network/agency_rating_store.h"
#include "network/evaluation_store.h"
#include "network/network_store.h"
#include "network/quality_schemes.h"

namespace qjy::gen {
namespace {

constexpr const char* kQualityActor = kRecordActor;

// The earliest day a site can be rated or evaluated: its opening, or `lo`.
Date From(const network::Site& s, Date lo) { return s.opened_on && *s.opened_on > lo ? *s.opened_on : lo; }

// The last day before it closed, or `hi`.
Date Until(const network::Site& s, Date hi) {
  return s.closed_on && s.closed_on->AddDays(-1) < hi ? s.closed_on->AddDays(-1) : hi;
}

Result<void> Ratings(store::Db& db, const RegionIndex& regions, const std::vector<network::Site>& sites, uint64_t seed,
                     Date as_of, QualityCounts& counts) {
  auto grades = network::LoadAgencyGrades(network::DefaultAgencyGradesFile());
  if (!grades) return std::unexpected(grades.error());
  network::AgencyRatingStore store(db, regions);
  auto add = [&](const network::Site& s, const char* grade, Date on) -> Result<void> {
    network::AgencyRatingInput in{s.site_id, grade, on, Bureau(regions, s.region),
                                  fmt::format("{}年度人力资源服务机构等级评定结果", on.year())};
    auto id = store.Add(in, *grades, as_of, kQualityActor);
    if (!id) return std::unexpected(id.error());
    ++counts.agency_ratings;
    return {};
  };
  for (const auto& s : sites) {
    if (s.kind != "hr_agency") continue;
    Rng rng = RngFor(seed, 21, static_cast<uint64_t>(s.site_id));
    const uint64_t roll = rng.Below(100);
    if (roll < 20) continue;  // never rated: 未评级
    // Rated in the second half of 2023 (before the deadline); one in ten of
    // the 优质 only in 2024.
    Date lo = From(s, Ymd(2023, 7, 1));
    Date hi = Until(s, std::min(as_of, Ymd(2023, 12, 31)));
    const bool late = roll < 28;
    if (late || hi < lo) {
      lo = From(s, Ymd(2024, 1, 1));
      hi = Until(s, std::min(as_of, Ymd(2024, 12, 31)));
    }
    if (hi < lo) continue;
    const Date first = Between(rng, lo, hi);
    if (roll < 80) {
      if (auto r = add(s, "quality", first); !r) return r;
      // One in six of those rated 优质 in 2023 downgraded in 2025.
      const Date later = Between(rng, Ymd(2025, 3, 1), Until(s, std::min(as_of, Ymd(2025, 6, 30))));
      if (!late && rng.Below(6) == 0 && later > first && later <= as_of && Until(s, as_of) >= later) {
        if (auto r = add(s, "qualified", later); !r) return r;
      }
    } else {
      if (auto r = add(s, roll < 92 ? "qualified" : "improve", first); !r) return r;
    }
  }
  return {};
}

Result<void> Evaluations(store::Db& db, const RegionIndex& regions, const std::vector<network::Site>& sites,
                         uint64_t seed, Date as_of, QualityCounts& counts) {
  auto scheme = network::LoadEvaluationScheme(network::DefaultEvaluationSchemeFile());
  if (!scheme) return std::unexpected(scheme.error());
  network::EvaluationStore store(db, regions);
  for (int year = scheme->first_year; Ymd(year + 1, 1, 10) <= as_of; ++year) {
    const bool latest = Ymd(year + 2, 1, 10) > as_of;
    for (const auto& s : sites) {
      if (s.kind != "employment_office" || (s.tier != "county" && s.tier != "township") || !s.OpenIn(year)) continue;
      Rng rng = RngFor(seed, 22, static_cast<uint64_t>(s.site_id) * 16 + static_cast<uint64_t>(year - 2020));
      // About one county in twelve evaluates none for the latest year.
      Rng county = RngFor(seed, 23, std::stoull(s.county_code) % 1'000'000 + static_cast<uint64_t>(year) * 10);
      if (latest && county.Below(12) == 0) continue;
      if (rng.Below(100) < 7) continue;  // missed
      network::EvaluationInput in;
      in.site_id = s.site_id;
      in.year = year;
      const bool weak = rng.Below(100) < 8;
      for (const auto& c : scheme->criteria) {
        const int64_t lo = weak ? c.max_points / 4 : c.max_points * 3 / 5;
        in.scores[c.id] = lo + static_cast<int64_t>(rng.Below(static_cast<uint64_t>(c.max_points - lo) + 1));
      }
      const Date hi = std::min(as_of, Ymd(year + 1, 3, 20));
      in.evaluated_on = Between(rng, Ymd(year + 1, 1, 5), hi);
      const Region* county_region = regions.Find(s.county_code);
      in.evaluator = s.tier == "township" && county_region != nullptr ? county_region->name + "人力资源和社会保障局"
                                                                      : Bureau(regions, s.region);
      auto id = store.Record(in, *scheme, as_of, kQualityActor);
      if (!id) return std::unexpected(id.error());
      ++counts.evaluations;
    }
  }
  return {};
}

}  // namespace

Result<QualityCounts> GenerateQuality(store::Db& db, const RegionIndex& regions, uint64_t seed, Date as_of) {
  QualityCounts counts;
  if (auto m = network::AgencyRatingStore(db, regions).Migrate(); !m) return std::unexpected(m.error());
  if (auto m = network::EvaluationStore(db, regions).Migrate(); !m) return std::unexpected(m.error());
  network::NetworkStore net(db, regions);
  auto sites = net.Sites("52");
  if (!sites) return std::unexpected(sites.error());
  std::sort(sites->begin(), sites->end(), [](const auto& a, const auto& b) { return a.site_id < b.site_id; });
  if (auto r = Ratings(db, regions, *sites, seed, as_of, counts); !r) return std::unexpected(r.error());
  if (auto e = Evaluations(db, regions, *sites, seed, as_of, counts); !e) return std::unexpected(e.error());
  return counts;
}

}  // namespace qjy::gen
