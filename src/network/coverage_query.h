// Coverage from the store, and its JSON form for the API and the CLI.
#ifndef QJY_NETWORK_COVERAGE_QUERY_H_
#define QJY_NETWORK_COVERAGE_QUERY_H_

#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "network/base_store.h"
#include "network/coverage.h"
#include "network/network_store.h"
#include "network/programme_store.h"

namespace qjy::network {

// Loads the sites under `scope` and the events since the earliest period
// any event duty counts, then ComputeCoverage (coverage.h). `events_from`
// defaults to 1 January of as_of's year. With `programmes` (migrated) its
// brands count as sites and its work-relief projects are judged; with
// `quality_db` the agencies' ratings, the institutions' evaluations and the
// quota counts are read (quality_query.h). With `bases` (migrated) the
// 一县一企 bases count as sites and the outbound workers of the contracts are
// tallied for the organised-share duty; with `kept_outbound` too (the
// tallies of every county on as_of, read before: the server's monitoring
// snapshot) the counties under `scope` are taken from it instead of
// reading the contracts.
Result<CoverageReport> CoverageOf(NetworkStore& store, const RegionIndex& regions, const Duties& duties,
                                  std::string_view scope, Date as_of,
                                  std::optional<Date> events_from = std::nullopt,
                                  ProgrammeStore* programmes = nullptr, store::Db* quality_db = nullptr,
                                  BaseStore* bases = nullptr,
                                  const std::vector<OutboundTally>* kept_outbound = nullptr);

// {"scope", "scope_name", "as_of", "document", "duties": [{id, title,
// clause, quote, assumed, requirement, status, status_label, deadline, places,
// covered, covered_by_deadline, required, periods, periods_met,
// period_from, period_to, outbound_share, outbound, organised, unrecorded,
// outbound_counties: [{county, outbound, organised, unrecorded, share_bp
// (null: none recorded)}], gap_count, unrated, unknown, progress,
// gaps: [{code, name, detail}]}],
//  "summary": {"met", "late", "missing", "pending", "info"}}
nlohmann::json CoverageJson(const CoverageReport& r);

}  // namespace qjy::network

#endif  // QJY_NETWORK_COVERAGE_QUERY_H_
