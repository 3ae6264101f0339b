// The gig-market requirement (data/gig_markets.yaml: ≥ 1 market, online or
// offline, per county by 2023-06-30, A4(十六)) checked per Guizhou county
// against the directory. Pure; safe to call concurrently.
#ifndef QJY_GIG_COVERAGE_H_
#define QJY_GIG_COVERAGE_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/regions.h"
#include "gig/gig.h"

namespace qjy::gig {

struct MarketTarget {
  std::string document, clause;
  int min_per_county = 1;
  Date deadline;
  bool online_counts = true;
  static Result<MarketTarget> Parse(std::string_view yaml, std::string_view source);
  static Result<MarketTarget> LoadDefault();  // GigDataDir()/gig_markets.yaml
};

std::string GigDataDir();  // $QJY_GIG_DATA or src/gig/data

struct CountyCoverage {
  std::string county_code, county_name, prefecture_code, prefecture_name;
  int markets = 0, online = 0, offline = 0;
  int by_deadline = 0;   // markets (counting per the target) opened on or before the deadline
  std::string status;    // "met" (达标) | "late" (逾期建成) | "missing" (未建)
  std::string status_label;
};

// One row per Guizhou county under `scope` (a region code; "52" for the
// province), in code order. A market without an opening date counts as
// open now but not as opened by the deadline.
std::vector<CountyCoverage> Coverage(const RegionIndex& regions, std::string_view scope,
                                     const std::vector<Market>& markets, const MarketTarget& target);

}  // namespace qjy::gig

#endif  // QJY_GIG_COVERAGE_H_
