// The quarterly analysis of the employment situation (正文（二十）): for a
// quarter and a region (the province, a prefecture or a county), each
// indicator's value in the quarter and a year earlier, the progress to the
// end of the quarter against the year's target (attainment, pace against the
// seasonal profile, red/amber/green with its reason), the same for the
// children regions, and the monthly values of every region under it for the
// charts and the data annex. Outputs: report_html.h (the document, printed
// to PDF by report_pdf.h) and report_annex.h (the XLSX annex).
//
// Risk warnings come from a provider the caller passes: the report lists
// what it returns, and says plainly that warnings are not computed when
// there is no provider (or it returns nullopt). Pure.
#ifndef QJY_MONITOR_REPORT_H_
#define QJY_MONITOR_REPORT_H_

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/regions.h"
#include "monitor/indicator_spec.h"
#include "monitor/monitor_data.h"
#include "monitor/progress.h"

namespace qjy::monitor {

// The policy the report answers to, as shown on its cover.
inline constexpr std::string_view kReportCitation =
    "《省人民政府关于促进高质量充分就业的意见》（黔府发〔2023〕12号）正文（二十）";

struct Quarter {
  int year = 0;
  int number = 0;  // 1..4
  int FirstMonth() const { return number * 3 - 2; }
  int LastMonth() const { return number * 3; }
  std::string Code() const;   // "2025Q2"
  std::string Label() const;  // "2025年第二季度"
};
// "2025Q2" (q in either case), years 2000–2100; kInvalidArgument in Chinese.
Result<Quarter> ParseQuarter(std::string_view text);

// The region a report covers: its name, its children (prefectures of the
// province, counties of a prefecture, none for a county) and every county
// under it. kInvalidArgument (Chinese) for a code that is not the province,
// a prefecture or a county of Guizhou.
struct ReportScope {
  std::string region;
  std::string name;
  std::vector<std::string> children;
  std::vector<std::string> counties;      // under `region`
  std::vector<std::string> all_counties;  // of the province (target allocation)
};
Result<ReportScope> ResolveReportScope(const RegionIndex& regions, std::string_view region);

// One region's row in an indicator: months of the year (January..December,
// zero after the data), the quarter's sum and a year earlier, progress to
// the end of the quarter. `depth`: 0 the report's region, 1 a child, 2 a
// county under a child.
struct ReportRow {
  std::string code;
  std::string name;
  std::string parent_name;  // empty for depth 0
  int depth = 0;
  std::array<int64_t, 12> months{};
  std::array<int64_t, 12> months_last_year{};
  int64_t quarter = 0;
  int64_t quarter_last_year = 0;
  Progress ytd;
};

struct ReportIndicator {
  const IndicatorSpec* spec = nullptr;
  std::vector<ReportRow> rows;  // rows[0] the region; then each child followed by its counties
  const ReportRow& Region() const { return rows.front(); }
};

struct ReportWarning {
  std::string indicator;  // the indicator's name
  std::string region;     // the region's name
  std::string level;      // as the warnings engine words it
  std::string text;
};

// The service network's duties (附件4) in the report's region as the
// coverage report (src/network coverage.h) judges them at the quarter's
// end — filled from that computation by report_coverage.h, never counted
// here. `worst`: the duties not met (未达标 first, then 逾期达标), most
// places missing first.
struct ReportDuty {
  std::string id, title, clause, requirement, status, status_label;
  std::string current;           // e.g. "12/88（应达 88）"
  int64_t gap_count = 0;
  std::vector<std::string> gaps;  // the first few, "名称：缺口"
};
struct ReportCoverage {
  std::string scope_name;
  Date as_of;
  int64_t met = 0, late = 0, missing = 0, pending = 0, duties = 0;
  std::vector<ReportDuty> worst;
};

// What the comparison with partner provinces found (issue #18;
// policy/indicators/linkage) in the report's region, month by month in the
// quarter — filled by report_linkage.h from linkage/indicator_counts.h.
// A value nullopt is a fact not held (未知).
struct ReportLinkageRow {
  std::string month;  // YYYY-MM
  std::vector<std::optional<int64_t>> values;  // per measure
  std::optional<int64_t> share_bp;
  std::string status_label, reason;
};
struct ReportLinkageIndicator {
  std::string id, name, clause, target_text, unit, note, share_label, share_note;
  std::vector<std::string> measures;  // labels
  std::vector<ReportLinkageRow> rows;  // the quarter's months up to the data
};
struct ReportLinkage {
  std::vector<ReportLinkageIndicator> indicators;
};

struct QuarterlyReport;
// nullopt: no warnings computation exists (the section says so).
using WarningsProvider = std::function<std::optional<std::vector<ReportWarning>>(const QuarterlyReport&)>;

struct QuarterlyReport {
  std::string title;  // 《贵阳市2025年第二季度就业形势分析》
  ReportScope scope;
  Quarter quarter;
  std::string generated;  // "2026年12月3日 09:00（北京时间）"
  std::optional<Date> data_through;  // latest month with data (first day)
  std::vector<ReportIndicator> indicators;
  std::optional<std::vector<ReportWarning>> warnings;
  // Set by the caller (report_coverage.h); nullopt: the section says the
  // coverage was not computed.
  std::optional<ReportCoverage> coverage;
  // Set by the caller (report_linkage.h); nullopt: not computed.
  std::optional<ReportLinkage> linkage;
  // Wording for the cover: complete quarter, or data only through month M.
  std::string PeriodNote() const;
};

// `generated_unix`: the clock's seconds, shown in Beijing time. `name_of`:
// a region's short name. kInvalidArgument (Chinese) when the quarter starts
// after the data and after the generation date.
Result<QuarterlyReport> BuildQuarterlyReport(const std::vector<IndicatorSpec>& specs, const MonitorData& data,
                                             const ReportScope& scope, const RegionIndex& regions, Quarter quarter,
                                             int64_t generated_unix, const WarningsProvider& warnings = {});

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_REPORT_H_
