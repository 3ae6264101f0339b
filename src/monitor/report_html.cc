#include "monitor/report_html.h"

#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace qjy::monitor {
namespace {

using nlohmann::json;

std::string Esc(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// JSON placed inside <script>: no "</" may close the element early.
std::string ScriptJson(const json& j) {
  std::string s = j.dump();
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<' && i + 1 < s.size() && s[i + 1] == '/') {
      out += "<\\/";
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string Num(std::optional<int64_t> v) {
  if (!v) return "—";
  std::string digits = std::to_string(*v < 0 ? -*v : *v), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return *v < 0 ? "-" + out : out;
}

std::string Pct(double v) { return fmt::format("{:.1f}%", v * 100); }

std::string YearOnYear(int64_t now, int64_t before) {
  if (before == 0) return "—";
  return fmt::format("{:+.1f}%", (static_cast<double>(now) / static_cast<double>(before) - 1) * 100);
}

std::string StatusCell(const Progress& p) {
  return fmt::format("<span class=\"status {}\">{}</span>", StatusCode(p.status), StatusLabel(p.status));
}

std::string ReadFile(const std::filesystem::path& p, bool& ok) {
  std::ifstream in(p, std::ios::binary);
  ok = static_cast<bool>(in);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

constexpr const char* kStyle = R"(
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 10.5pt; color: #1d1d1d; }
h1 { font-size: 20pt; text-align: center; margin: 8mm 0 4mm; }
h2 { font-size: 14pt; border-bottom: 1px solid #0b5d4b; padding-bottom: 1mm; margin-top: 8mm; }
h3 { font-size: 12pt; margin: 5mm 0 2mm; }
.cover p { text-align: center; margin: 1mm 0; }
.muted { color: #555; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; font-size: 9pt; page-break-inside: auto; }
th, td { border: 1px solid #999; padding: 1mm 1.5mm; }
th { background: #e8efe9; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr { page-break-inside: avoid; }
.status { padding: 0 1.5mm; color: #fff; border-radius: 1mm; white-space: nowrap; }
.status.green { background: #1c7c4a; } .status.amber { background: #d08a00; }
.status.red { background: #b3261e; } .status.no_target { background: #9aa5a1; } .status.not_due { background: #4a6fa5; }
.chart { width: 170mm; height: 80mm; page-break-inside: avoid; }
.chart.map { height: 110mm; }
section.indicator { page-break-before: always; }
)";

// Draws every chart from the embedded data, then marks the body.
constexpr const char* kChartScript = R"(
(function () {
  var R = JSON.parse(document.getElementById('report-data').textContent);
  var C = { green: '#1c7c4a', amber: '#d08a00', red: '#b3261e', no_target: '#9aa5a1', not_due: '#4a6fa5' };
  // The map is coloured by each region's status (the indicator's own thresholds), not by pace.
  var STATUS = { green: 0, amber: 1, red: 2, no_target: 3, not_due: 4 };
  var font = { fontFamily: 'Noto Sans CJK SC, sans-serif' };
  var n = 0;
  if (R.map) echarts.registerMap('guizhou', R.map);
  function init(id) { return echarts.init(document.getElementById(id), null, { renderer: 'svg' }); }
  R.indicators.forEach(function (ind, i) {
    var months = [];
    for (var m = 1; m <= 12; ++m) months.push(m + '月');
    var thisYear = ind.months.map(function (v, k) { return k < R.lastMonth ? v : null; });
    init('trend-' + i).setOption({
      animation: false, textStyle: font,
      title: { text: ind.name + '：逐月' + '（' + ind.unit + '）', left: 'center', textStyle: { fontSize: 13 } },
      legend: { top: 24, data: [R.year + '年', (R.year - 1) + '年'] },
      grid: { left: 70, right: 20, top: 56, bottom: 28 },
      xAxis: { type: 'category', data: months }, yAxis: { type: 'value' },
      series: [
        { name: R.year + '年', type: 'bar', data: thisYear, itemStyle: { color: '#0b5d4b' },
          markArea: { silent: true, itemStyle: { color: 'rgba(11,93,75,0.08)' },
            data: [[{ xAxis: R.firstMonth + '月' }, { xAxis: R.lastMonth + '月' }]] } },
        { name: (R.year - 1) + '年', type: 'bar', data: ind.monthsLastYear, itemStyle: { color: '#9aa5a1' } }
      ]
    });
    ++n;
    if (!ind.children.length) return;
    var rows = ind.children;
    init('bars-' + i).setOption({
      animation: false, textStyle: font,
      title: { text: '下级区域进度（完成 ÷ 按季节进度应完成）', left: 'center', textStyle: { fontSize: 13 } },
      grid: { left: 150, right: 50, top: 32, bottom: 24 },
      xAxis: { type: 'value', axisLabel: { formatter: function (v) { return Math.round(v * 100) + '%'; } } },
      yAxis: { type: 'category', inverse: true, data: rows.map(function (r) { return r.name; }), axisLabel: { interval: 0 } },
      series: [{ type: 'bar', barMaxWidth: 14,
        label: { show: true, position: 'right', formatter: function (x) { return rows[x.dataIndex].hasTarget ? (x.value * 100).toFixed(1) + '%' : '—'; } },
        data: rows.map(function (r) { return { value: r.hasTarget ? r.pace : 0, itemStyle: { color: C[r.status] } }; }) }]
    });
    ++n;
    if (!R.map || !document.getElementById('map-' + i)) return;
    init('map-' + i).setOption({
      animation: false, textStyle: font,
      title: { text: '各市（州）进度状态', left: 'center', textStyle: { fontSize: 13 } },
      visualMap: { type: 'piecewise', left: 8, bottom: 8, pieces: [
        { value: 0, label: '进度正常', color: C.green }, { value: 1, label: '略有滞后', color: C.amber },
        { value: 2, label: '明显滞后', color: C.red }, { value: 3, label: '无目标', color: C.no_target },
        { value: 4, label: '尚未到考核进度', color: C.not_due }] },
      series: [{ type: 'map', map: 'guizhou', roam: false, layoutSize: '90%',
        label: { show: true, fontSize: 9 },
        data: rows.map(function (r) { return { name: r.name, value: STATUS[r.status] }; }) }]
    });
    ++n;
  });
  document.body.setAttribute('data-charts-ready', String(n));
})();
)";

}  // namespace

Result<ReportAssets> LoadReportAssets(const std::filesystem::path& vendor_dir) {
  ReportAssets a;
  bool ok = false;
  a.echarts_js = ReadFile(vendor_dir / "echarts.min.js", ok);
  if (!ok) {
    return Fail(ErrorCode::kIo, "缺少图表库 " + (vendor_dir / "echarts.min.js").string() +
                                    "（请运行 scripts/deps.sh 与 scripts/web-vendor.sh）");
  }
  a.guizhou_json = ReadFile(vendor_dir / "guizhou.json", ok);
  if (!ok) {
    return Fail(ErrorCode::kIo, "缺少贵州省地图 " + (vendor_dir / "guizhou.json").string() +
                                    "（请运行 scripts/deps.sh 与 scripts/web-vendor.sh）");
  }
  return a;
}

std::string RenderReportHtml(const QuarterlyReport& r, const ReportAssets& assets) {
  const Quarter q = r.quarter;
  const bool province = r.scope.region == "52";
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + Esc(r.title) +
       "</title><style>" + kStyle + "</style></head><body>\n";
  h += "<div class=\"cover\"><h1>" + Esc(r.title) + "</h1>";
  h += "<p>区域：" + Esc(r.scope.name) + "　　季度：" + Esc(q.Label()) + "</p>";
  h += "<p class=\"muted\">" + Esc(r.PeriodNote()) + "</p>";
  h += "<p class=\"muted\">生成时间：" + Esc(r.generated) + "</p>";
  h += "<p class=\"muted\">依据：" + Esc(std::string(kReportCitation)) +
       "；各项目标见正文（二）。</p></div>\n";

  h += "<h2>一、主要指标</h2><table id=\"indicators\"><thead><tr><th>指标</th><th>本季度</th><th>上年同季度</th>"
       "<th>同比</th><th>1—" + std::to_string(q.LastMonth()) + "月累计</th><th>年度目标</th><th>完成率</th>"
       "<th>进度状态</th></tr></thead><tbody>";
  for (const auto& ind : r.indicators) {
    const ReportRow& row = ind.Region();
    const Progress& p = row.ytd;
    h += "<tr><td>" + Esc(ind.spec->name) + "（" + Esc(ind.spec->unit) + "）</td><td class=\"n\">" +
         Num(row.quarter) + "</td><td class=\"n\">" + Num(row.quarter_last_year) + "</td><td class=\"n\">" +
         YearOnYear(row.quarter, row.quarter_last_year) + "</td><td class=\"n\">" + Num(p.actual) +
         "</td><td class=\"n\">" + Num(p.target) + "</td><td class=\"n\">" + (p.target ? Pct(p.attainment) : "—") +
         "</td><td>" + StatusCell(p) + "</td></tr>";
  }
  h += "</tbody></table>\n";
  for (const auto& ind : r.indicators) {
    h += "<p>" + Esc(ind.spec->name) + "：" + Esc(ind.Region().ytd.reason) + "</p>";
  }

  h += "<h2>二、分指标分析</h2>\n";
  json data_inds = json::array();
  for (size_t i = 0; i < r.indicators.size(); ++i) {
    const auto& ind = r.indicators[i];
    const ReportRow& row = ind.Region();
    h += "<section class=\"indicator\" data-indicator=\"" + Esc(ind.spec->id) + "\"><h3>" + std::to_string(i + 1) +
         ". " + Esc(ind.spec->name) + " " + StatusCell(row.ytd) + "</h3>";
    h += "<p class=\"muted\">" + Esc(ind.spec->clause) + "：" + Esc(ind.spec->target_text) + "</p>";
    h += "<p>" + Esc(q.Label()) + "完成 " + Num(row.quarter) + Esc(ind.spec->unit) + "，上年同季度 " +
         Num(row.quarter_last_year) + Esc(ind.spec->unit) + "（同比 " + YearOnYear(row.quarter, row.quarter_last_year) +
         "）。" + Esc(row.ytd.reason) + "</p>";
    h += "<div class=\"chart\" id=\"trend-" + std::to_string(i) + "\"></div>";
    json kids = json::array();
    std::string table;
    for (const auto& k : ind.rows) {
      if (k.depth != 1) continue;
      kids.push_back({{"name", k.name}, {"pace", k.ytd.pace}, {"hasTarget", k.ytd.target.has_value()},
                      {"status", StatusCode(k.ytd.status)}});
      table += "<tr><td>" + Esc(k.name) + "</td><td class=\"n\">" + Num(k.quarter) + "</td><td class=\"n\">" +
               Num(k.ytd.actual) + "</td><td class=\"n\">" + Num(k.ytd.target) + "</td><td class=\"n\">" +
               (k.ytd.target ? Pct(k.ytd.attainment) : "—") + "</td><td class=\"n\">" +
               (k.ytd.target ? Pct(k.ytd.pace) : "—") + "</td><td>" + StatusCell(k.ytd) + "</td></tr>";
    }
    if (!kids.empty()) {
      h += "<div class=\"chart\" id=\"bars-" + std::to_string(i) + "\"></div>";
      if (province) h += "<div class=\"chart map\" id=\"map-" + std::to_string(i) + "\"></div>";
      h += "<table class=\"children\"><thead><tr><th>区域</th><th>本季度</th><th>1—" + std::to_string(q.LastMonth()) +
           "月累计</th><th>年度目标</th><th>完成率</th><th>进度</th><th>状态</th></tr></thead><tbody>" + table +
           "</tbody></table>";
    }
    h += "</section>\n";
    data_inds.push_back({{"name", ind.spec->name}, {"unit", ind.spec->unit}, {"months", row.months},
                         {"monthsLastYear", row.months_last_year}, {"children", kids}});
  }

  h += "<h2>三、风险预警</h2><div id=\"warnings\">";
  if (!r.warnings) {
    h += "<p>风险预警尚未计算：本平台的风险预警功能尚未启用，本报告不含预警内容。</p>";
  } else if (r.warnings->empty()) {
    h += "<p>本季度无风险预警。</p>";
  } else {
    h += "<table><thead><tr><th>指标</th><th>区域</th><th>级别</th><th>说明</th></tr></thead><tbody>";
    for (const auto& w : *r.warnings) {
      h += "<tr><td>" + Esc(w.indicator) + "</td><td>" + Esc(w.region) + "</td><td>" + Esc(w.level) + "</td><td>" +
           Esc(w.text) + "</td></tr>";
    }
    h += "</tbody></table>";
  }
  h += "</div>\n<h2>四、服务网络达标情况（附件4）</h2><div id=\"coverage\">";
  if (!r.coverage) {
    h += "<p>服务网络达标情况未计算，本报告不含该部分。</p>";
  } else {
    const ReportCoverage& c = *r.coverage;
    h += "<p id=\"coverage-summary\">" + Esc(c.scope_name) + "截至 " + Esc(c.as_of.ToString()) + "，附件4 各项服务网络职责 " +
         std::to_string(c.duties) + " 项：达标 " + std::to_string(c.met) + " 项，逾期达标 " + std::to_string(c.late) +
         " 项，未达标 " + std::to_string(c.missing) + " 项，期限未到 " + std::to_string(c.pending) + " 项。</p>";
    if (c.worst.empty()) {
      h += "<p>各项职责均已达标或期限未到。</p>";
    } else {
      h += "<table><thead><tr><th>职责</th><th>条款</th><th>要求</th><th>现状</th><th>达标情况</th><th>缺口</th>"
           "</tr></thead><tbody>";
      for (const auto& d : c.worst) {
        std::string gaps;
        for (const auto& g : d.gaps) gaps += (gaps.empty() ? "" : "；") + Esc(g);
        if (d.gap_count > static_cast<int64_t>(d.gaps.size())) gaps += "……共 " + std::to_string(d.gap_count) + " 处";
        h += "<tr data-duty=\"" + Esc(d.id) + "\"><td>" + Esc(d.title) + "</td><td>" + Esc(d.clause) + "</td><td>" +
             Esc(d.requirement) + "</td><td>" + Esc(d.current) + "</td><td>" + Esc(d.status_label) + "</td><td>" +
             (gaps.empty() ? "—" : gaps) + "</td></tr>";
      }
      h += "</tbody></table><p class=\"muted\">完整清单见服务网络达标情况（网页“服务网络”或 qjy network coverage）。</p>";
    }
  }
  h += "</div>\n<h2>五、跨省比对监测（附件4（五）、附件2（一）、附件4（九）、附件3（四））</h2><div id=\"linkage\">";
  if (!r.linkage) {
    h += "<p>跨省比对结果未计算，本报告不含该部分。</p>";
  } else {
    for (const auto& ind : r.linkage->indicators) {
      h += "<section class=\"linkage\" data-linkage=\"" + Esc(ind.id) + "\"><h3>" + Esc(ind.name) + "</h3>";
      h += "<p class=\"muted\">" + Esc(ind.clause) + "：" + Esc(ind.target_text) + "</p>";
      h += "<table><thead><tr><th>月份</th>";
      for (const auto& m : ind.measures) h += "<th>" + Esc(m) + "（" + Esc(ind.unit) + "）</th>";
      if (!ind.share_label.empty()) h += "<th>" + Esc(ind.share_label) + "</th><th>状态</th>";
      h += "</tr></thead><tbody>";
      for (const auto& row : ind.rows) {
        h += "<tr><td>" + Esc(row.month) + "</td>";
        for (const auto& v : row.values) h += "<td class=\"n\">" + (v ? Num(*v) : std::string("未知")) + "</td>";
        if (!ind.share_label.empty()) {
          h += "<td class=\"n\">" + (row.share_bp ? fmt::format("{:.1f}%", *row.share_bp / 100.0) : std::string("—")) +
               "</td><td>" + Esc(row.status_label) + "</td>";
        }
        h += "</tr>";
      }
      h += "</tbody></table>";
      if (!ind.rows.empty()) h += "<p>" + Esc(ind.rows.back().reason) + "</p>";
      if (!ind.share_note.empty()) h += "<p class=\"muted\">状态规则（假设）：" + Esc(ind.share_note) + "</p>";
      h += "<p class=\"muted\">口径：" + Esc(ind.note) + "</p></section>";
    }
  }
  h += "</div>\n<h2>六、指标定义与口径</h2>";
  for (const auto& ind : r.indicators) {
    const auto& s = *ind.spec;
    h += "<h3>" + Esc(s.name) + "</h3><p>" + Esc(s.definition) + "</p><p class=\"muted\">统计口径：" +
         Esc(s.source) + "</p>";
    if (s.assumed) h += "<p class=\"muted\">本平台的计算为近似（假设）：" + Esc(s.note) + "</p>";
    h += "<p class=\"muted\">目标分解：" + Esc(s.allocation_note) + "</p><p class=\"muted\">状态规则：" +
         Esc(s.status_note) + "</p>";
  }
  h += "<p class=\"muted\">逐月分区域数据见数据附件（XLSX）。</p>\n";

  json data = {{"year", q.year}, {"firstMonth", q.FirstMonth()}, {"lastMonth", q.LastMonth()},
               {"indicators", data_inds}, {"map", nullptr}};
  if (province) data["map"] = json::parse(assets.guizhou_json, nullptr, false);
  if (data["map"].is_discarded()) data["map"] = nullptr;
  h += "<script id=\"report-data\" type=\"application/json\">" + ScriptJson(data) + "</script>\n";
  h += "<script>" + assets.echarts_js + "</script>\n<script>" + kChartScript + "</script>\n</body></html>\n";
  return h;
}

}  // namespace qjy::monitor
