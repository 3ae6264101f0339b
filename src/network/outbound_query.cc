#include "network/outbound_query.h"

namespace qjy::network {

Result<std::vector<OutboundTally>> OutboundTallies(store::Db& db, std::string_view scope, Date day) {
  const std::string prefix = std::string(scope.size() > 6 ? scope.substr(0, 6) : scope) + "%";
  const store::Value p[] = {prefix, day.ToString(), day.ToString()};
  // s: 2 organised, 1 not recorded, 0 not organised (自主外出).
  auto rows = db.Query(
      "SELECT county_code, COUNT(*), SUM(CASE WHEN s = 2 THEN 1 ELSE 0 END), SUM(CASE WHEN s = 1 THEN 1 ELSE 0 END)"
      " FROM (SELECT county_code, person_id,"
      "   MAX(CASE WHEN organised_via = '' THEN 1 WHEN organised_via = 'self' THEN 0 ELSE 2 END) AS s"
      "   FROM contracts WHERE county_code LIKE ? AND start_on <= ? AND (end_on IS NULL OR end_on >= ?)"
      "   AND work_region <> '' AND SUBSTR(work_region, 1, 2) <> '52'"
      "   GROUP BY county_code, person_id) t"
      " GROUP BY county_code ORDER BY county_code",
      p);
  if (!rows) return std::unexpected(rows.error());
  std::vector<OutboundTally> out;
  for (const auto& r : *rows) out.push_back({r.Text(0), r.Int(1), r.Int(2), r.Int(3)});
  return out;
}

}  // namespace qjy::network
