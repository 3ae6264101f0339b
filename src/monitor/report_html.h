// The quarterly report as one self-contained HTML document (our template,
// in Chinese): cover with the title, region, quarter, generation time and
// the citation of 正文（二十）; the indicator table; per indicator its
// analysis, monthly chart, the children regions' table and pace bars (and
// the Guizhou prefecture map for the province); 风险预警; definitions and
// sources. The charts are drawn by the vendored ECharts, inlined with the
// map, with the SVG renderer and no animation, synchronously while the page
// loads: when the load event fires, every chart is drawn and
// <body data-charts-ready="N"> says how many. Pure.
#ifndef QJY_MONITOR_REPORT_HTML_H_
#define QJY_MONITOR_REPORT_HTML_H_

#include <filesystem>
#include <string>

#include "core/error.h"
#include "monitor/report.h"

namespace qjy::monitor {

struct ReportAssets {
  std::string echarts_js;   // echarts.min.js (ECharts 4)
  std::string guizhou_json; // the Guizhou prefecture map (GeoJSON)
};

// Reads echarts.min.js and guizhou.json from `vendor_dir` (web/vendor,
// filled by scripts/web-vendor.sh). kIo with a Chinese message naming the
// missing file.
Result<ReportAssets> LoadReportAssets(const std::filesystem::path& vendor_dir);

std::string RenderReportHtml(const QuarterlyReport& report, const ReportAssets& assets);

}  // namespace qjy::monitor

#endif  // QJY_MONITOR_REPORT_HTML_H_
