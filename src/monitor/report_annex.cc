#include "monitor/report_annex.h"

#include <fmt/format.h>

#include "importer/xlsx_writer.h"

namespace qjy::monitor {
namespace {

// Excel: at most 31 characters, none of []:*?/\ .
std::string SheetName(std::string name) {
  std::string out;
  for (char c : name) out += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '_';
  return out;
}

// The comparison with partner provinces (section 五): one block per
// indicator — its name and clause, then a row per month with each count
// (未知 where no partner record gave the fact), the share, status and reason.
void WriteLinkageSheet(importer::XlsxWriter& x, const ReportLinkage& linkage) {
  const int s = x.AddSheet("跨省比对");
  x.SetColumn(s, 0, 14);
  int64_t row = 0;
  if (linkage.indicators.empty()) {
    x.WriteString(s, row, 0, "未配置跨省比对监测指标");
    return;
  }
  for (const auto& ind : linkage.indicators) {
    x.WriteString(s, row++, 0, ind.name + "（" + ind.clause + "）");
    std::vector<std::string> header = {"月份"};
    header.insert(header.end(), ind.measures.begin(), ind.measures.end());
    if (!ind.share_label.empty()) header.push_back(ind.share_label);
    header.push_back("状态");
    header.push_back("说明");
    x.WriteRow(s, row++, header);
    for (const auto& r : ind.rows) {
      int c = 0;
      x.WriteString(s, row, c++, r.month);
      for (const auto& v : r.values) {
        if (v) {
          x.WriteNumber(s, row, c++, static_cast<double>(*v));
        } else {
          x.WriteString(s, row, c++, "未知");
        }
      }
      if (!ind.share_label.empty()) {
        if (r.share_bp) {
          x.WriteString(s, row, c++, fmt::format("{}.{:02}%", *r.share_bp / 100, *r.share_bp % 100));
        } else {
          x.WriteString(s, row, c++, "未知");
        }
      }
      x.WriteString(s, row, c++, r.status_label);
      x.WriteString(s, row, c++, r.reason);
      ++row;
    }
    if (ind.rows.empty()) x.WriteString(s, row++, 0, "本季度尚无数据");
    ++row;
  }
}

}  // namespace

Result<void> WriteReportAnnex(const QuarterlyReport& r, const std::string& path) {
  auto w = importer::XlsxWriter::Create(path);
  if (!w) return Fail(ErrorCode::kIo, "无法写入数据附件：" + path + "（" + w.error().message + "）");
  auto& x = **w;
  const Quarter q = r.quarter;

  const int summary = x.AddSheet("汇总");
  x.WriteString(summary, 0, 0, r.title + "数据附件");
  x.WriteString(summary, 1, 0, "区域：" + r.scope.name + "；" + r.PeriodNote() + "；生成时间：" + r.generated);
  x.WriteString(summary, 2, 0, "依据：" + std::string(kReportCitation));
  const std::vector<std::string> sh = {"指标", "单位", "本季度", "上年同季度",
                                       fmt::format("1—{}月累计", q.LastMonth()), "年度目标", "完成率",
                                       "进度", "进度状态", "说明"};
  for (size_t c = 0; c < sh.size(); ++c) x.WriteString(summary, 4, static_cast<int>(c), sh[c]);
  x.SetColumn(summary, 0, 22);
  x.SetColumn(summary, 9, 60, false, true);
  int64_t row = 5;
  for (const auto& ind : r.indicators) {
    const ReportRow& g = ind.Region();
    x.WriteString(summary, row, 0, ind.spec->name);
    x.WriteString(summary, row, 1, ind.spec->unit);
    x.WriteNumber(summary, row, 2, static_cast<double>(g.quarter));
    x.WriteNumber(summary, row, 3, static_cast<double>(g.quarter_last_year));
    x.WriteNumber(summary, row, 4, static_cast<double>(g.ytd.actual));
    if (g.ytd.target) {
      x.WriteNumber(summary, row, 5, static_cast<double>(*g.ytd.target));
      x.WriteNumber(summary, row, 6, g.ytd.attainment);
      x.WriteNumber(summary, row, 7, g.ytd.pace);
    }
    x.WriteString(summary, row, 8, StatusLabel(g.ytd.status));
    x.WriteString(summary, row, 9, g.ytd.reason);
    ++row;
  }

  for (const auto& ind : r.indicators) {
    const int s = x.AddSheet(SheetName(ind.spec->name));
    std::vector<std::string> header = {"区域", "上级区域"};
    for (int m = 1; m <= q.LastMonth(); ++m) header.push_back(fmt::format("{}年{}月", q.year, m));
    for (const char* h : {"本季度", "上年同季度", "年初至今累计", "年度目标", "完成率", "进度", "进度状态"}) {
      header.push_back(h);
    }
    x.WriteHeader(s, header);
    x.SetColumn(s, 0, 18);
    x.SetColumn(s, 1, 14);
    int64_t i = 1;
    for (const auto& k : ind.rows) {
      int c = 0;
      x.WriteString(s, i, c++, k.name);
      x.WriteString(s, i, c++, k.parent_name);
      for (int m = 1; m <= q.LastMonth(); ++m) x.WriteNumber(s, i, c++, static_cast<double>(k.months[m - 1]));
      x.WriteNumber(s, i, c++, static_cast<double>(k.quarter));
      x.WriteNumber(s, i, c++, static_cast<double>(k.quarter_last_year));
      x.WriteNumber(s, i, c++, static_cast<double>(k.ytd.actual));
      if (k.ytd.target) {
        x.WriteNumber(s, i, c++, static_cast<double>(*k.ytd.target));
        x.WriteNumber(s, i, c++, k.ytd.attainment);
        x.WriteNumber(s, i, c++, k.ytd.pace);
      } else {
        c += 3;
      }
      x.WriteString(s, i, c++, StatusLabel(k.ytd.status));
      ++i;
    }
  }

  if (r.linkage) WriteLinkageSheet(x, *r.linkage);

  const int defs = x.AddSheet("指标说明");
  const std::vector<std::string> dh = {"指标", "条款", "目标任务", "定义", "统计口径", "本平台计算说明",
                                       "目标分解", "状态规则"};
  x.WriteHeader(defs, dh);
  for (int c = 0; c < 8; ++c) x.SetColumn(defs, c, c == 0 ? 18 : 40, false, true);
  int64_t d = 1;
  for (const auto& ind : r.indicators) {
    const auto& sp = *ind.spec;
    const std::vector<std::string> cells = {sp.name, sp.clause, sp.target_text, sp.definition, sp.source,
                                            (sp.assumed ? "近似（假设）：" : "") + sp.note, sp.allocation_note,
                                            sp.status_note};
    x.WriteRow(defs, d++, cells);
  }
  if (auto c = x.Close(); !c) return Fail(ErrorCode::kIo, "无法写入数据附件：" + path + "（" + c.error().message + "）");
  return {};
}

}  // namespace qjy::monitor
