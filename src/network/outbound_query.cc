#include "network/outbound_query.h"

#include <utility>

namespace qjy::network {

std::string OutboundTalliesSql() {
  // s: 2 organised, 1 not recorded, 0 not organised (自主外出).
  return "SELECT county_code, COUNT(*), SUM(CASE WHEN s = 2 THEN 1 ELSE 0 END), SUM(CASE WHEN s = 1 THEN 1 ELSE 0 END)"
         " FROM (SELECT county_code, person_id,"
         "   MAX(CASE WHEN organised_via = '' THEN 1 WHEN organised_via = 'self' THEN 0 ELSE 2 END) AS s"
         "   FROM contracts WHERE county_code >= ? AND county_code < ? AND start_on <= ?"
         "   AND (end_on IS NULL OR end_on >= ?)"
         // The terms of the partial index contracts_outbound (registry_schema.cc),
         // word for word, so the planner reads that index alone.
         "   AND work_region <> '' AND SUBSTR(work_region, 1, 2) <> '52'"
         "   GROUP BY county_code, person_id) t"
         " GROUP BY county_code ORDER BY county_code";
}

namespace {

// The county codes under the scope as a range [lo, hi) (an index range;
// LIKE would scan): codes are digits, so bumping the last one ends it.
std::pair<std::string, std::string> CountyRange(std::string_view scope) {
  std::string lo(scope.size() > 6 ? scope.substr(0, 6) : scope);
  std::string hi = lo;
  if (hi.empty()) {
    hi = "~";
  } else {
    ++hi.back();
  }
  return {std::move(lo), std::move(hi)};
}

}  // namespace

std::vector<store::Value> OutboundTalliesParams(std::string_view scope, Date day) {
  auto [lo, hi] = CountyRange(scope);
  return {lo, hi, day.ToString(), day.ToString()};
}

std::vector<OutboundTally> OutboundUnder(const std::vector<OutboundTally>& all, std::string_view scope) {
  const auto [lo, hi] = CountyRange(scope);
  std::vector<OutboundTally> out;
  for (const auto& t : all) {
    if (t.county >= lo && t.county < hi) out.push_back(t);
  }
  return out;
}

Result<std::vector<OutboundTally>> OutboundTallies(store::Db& db, std::string_view scope, Date day) {
  auto rows = db.Query(OutboundTalliesSql(), OutboundTalliesParams(scope, day));
  if (!rows) return std::unexpected(rows.error());
  std::vector<OutboundTally> out;
  for (const auto& r : *rows) out.push_back({r.Text(0), r.Int(1), r.Int(2), r.Int(3)});
  return out;
}

}  // namespace qjy::network
