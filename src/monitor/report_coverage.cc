#include "monitor/report_coverage.h"

#include <algorithm>
#include <string>

#include "network/coverage_query.h"

namespace qjy::monitor {

namespace {

std::string Current(const network::DutyResult& d) {
  const auto n = [](int64_t v) { return std::to_string(v); };
  if (d.periods > 0) {
    return d.period_from + "—" + d.period_to + "：" + n(d.places) + " 个单位中 " + n(d.covered) + " 个每期达标";
  }
  if (d.places > 0 && !d.deadline) return n(d.places) + " 个项目中 " + n(d.covered) + " 个达到要求";
  if (d.places > 0) return n(d.covered) + "/" + n(d.places) + "（应达 " + n(d.required) + "）";
  return "现有 " + n(d.covered) + "，应达 " + n(d.required);
}

}  // namespace

Date CoverageAsOf(Quarter q, Date today) {
  const Date end = Date::FromYmd(q.year, q.LastMonth(), 1)->AddMonths(1).AddDays(-1);
  return std::min(end, today);
}

ReportCoverage CoverageSection(const network::CoverageReport& r, size_t worst, size_t gaps) {
  ReportCoverage out;
  out.scope_name = r.scope_name;
  out.as_of = r.as_of;
  std::vector<const network::DutyResult*> bad;
  for (const auto& d : r.duties) {
    ++out.duties;
    // Counted as CoverageJson's summary counts them.
    switch (d.status) {
      case network::Status::kMet: ++out.met; break;
      case network::Status::kLate: ++out.late; break;
      case network::Status::kMissing: ++out.missing; break;
      case network::Status::kPending: ++out.pending; break;
      case network::Status::kInfo: break;
    }
    if (d.applicable && (d.status == network::Status::kMissing || d.status == network::Status::kLate))
      bad.push_back(&d);
  }
  std::stable_sort(bad.begin(), bad.end(), [](const auto* a, const auto* b) {
    const bool am = a->status == network::Status::kMissing, bm = b->status == network::Status::kMissing;
    if (am != bm) return am;
    return a->gap_count > b->gap_count;
  });
  for (size_t i = 0; i < bad.size() && i < worst; ++i) {
    const auto& d = *bad[i];
    ReportDuty x{.id = d.id, .title = d.title, .clause = d.clause, .requirement = d.requirement,
                 .status = network::StatusCode(d.status), .status_label = network::StatusLabel(d.status),
                 .current = Current(d), .gap_count = d.gap_count, .gaps = {}};
    for (size_t g = 0; g < d.gaps.size() && g < gaps; ++g) x.gaps.push_back(d.gaps[g].name + "：" + d.gaps[g].detail);
    out.worst.push_back(std::move(x));
  }
  return out;
}

Result<ReportCoverage> LoadReportCoverage(network::NetworkStore& store, network::ProgrammeStore* programmes,
                                          const RegionIndex& regions, const network::Duties& duties,
                                          const std::string& region, Quarter q, Date today,
                                          store::Db* quality_db, network::BaseStore* bases) {
  const Date as_of = CoverageAsOf(q, today);
  auto r = network::CoverageOf(store, regions, duties, region, as_of, *Date::FromYmd(as_of.year(), 1, 1), programmes,
                               quality_db, bases);
  if (!r) return std::unexpected(r.error());
  return CoverageSection(*r);
}

}  // namespace qjy::monitor
