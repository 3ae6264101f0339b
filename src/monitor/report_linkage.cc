#include "monitor/report_linkage.h"

#include <fmt/format.h>

#include "monitor/linkage_view.h"

namespace qjy::monitor {

ReportLinkage BuildReportLinkage(const std::vector<LinkageSpec>& specs,
                                 std::span<const linkage::LinkageMonthCounts> counts, const std::string& region,
                                 Quarter quarter, const std::string& through) {
  ReportLinkage out;
  for (const auto& spec : specs) {
    ReportLinkageIndicator ind;
    ind.id = spec.id;
    ind.name = spec.name;
    ind.clause = spec.clause;
    ind.target_text = spec.target_text;
    ind.unit = spec.unit;
    ind.note = spec.note;
    for (const auto& m : spec.measures) ind.measures.push_back(m.label);
    if (spec.share) {
      ind.share_label = spec.share->label;
      ind.share_note = spec.share->note;
    }
    for (int m = quarter.FirstMonth(); m <= quarter.LastMonth(); ++m) {
      const std::string month = fmt::format("{:04d}-{:02d}", quarter.year, m);
      if (month > through) break;
      const LinkagePoint p = EvaluateLinkage(spec, counts, region, month);
      ind.rows.push_back({month, p.values, p.share_bp, p.status_label, p.reason});
    }
    out.indicators.push_back(std::move(ind));
  }
  return out;
}

}  // namespace qjy::monitor
