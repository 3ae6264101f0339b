#include "network/coverage_xlsx.h"

#include <vector>

#include "importer/xlsx_writer.h"
#include "network/outbound_share.h"

namespace qjy::network {

Result<void> WriteCoverageXlsx(const CoverageReport& r, const std::string& path) {
  auto w = importer::XlsxWriter::Create(path);
  if (!w) return std::unexpected(w.error());
  int sum = (*w)->AddSheet("职责达标情况");
  const std::vector<std::string> head = {"职责", "条款", "原文", "要求", "期限", "单位数", "已覆盖",
                                         "期限前覆盖", "应覆盖", "检查周期", "达标周期", "达标情况", "缺口数"};
  (*w)->WriteHeader(sum, head);
  for (int c = 0; c < static_cast<int>(head.size()); ++c) (*w)->SetColumn(sum, c, c < 4 ? 30 : 12, false, c < 4);
  int gaps = (*w)->AddSheet("缺口明细");
  (*w)->WriteHeader(gaps, std::vector<std::string>{"职责", "条款", "区划代码", "区划", "缺口"});
  (*w)->SetColumn(gaps, 3, 40);
  (*w)->SetColumn(gaps, 4, 60);
  int out = -1;  // 外出务工组织化: every county's numbers (附件2（四）)
  int64_t orow = 1;
  int64_t row = 1, grow = 1;
  for (const auto& d : r.duties) {
    (*w)->WriteRow(sum, row, std::vector<std::string>{d.title, d.clause, d.quote, d.requirement,
                                                      d.deadline ? d.deadline->ToString() : "—"});
    int col = 5;
    for (int64_t v : {d.places, d.covered, d.covered_by_deadline, d.required, d.periods, d.periods_met}) {
      (*w)->WriteNumber(sum, row, col++, static_cast<double>(v));
    }
    (*w)->WriteString(sum, row, col++, d.applicable ? StatusLabel(d.status) : "本区划不适用");
    (*w)->WriteNumber(sum, row, col, static_cast<double>(d.gap_count));
    ++row;
    if (d.outbound_share && out < 0) {
      out = (*w)->AddSheet("外出务工组织化");
      (*w)->WriteHeader(out, std::vector<std::string>{"区划代码", "外出务工人数", "有组织输出", "组织方式未记录",
                                                      "组织化程度（%）"});
    }
    for (const auto& t : d.outbound_counties) {
      (*w)->WriteString(out, orow, 0, t.county);
      int c = 1;
      for (int64_t v : {t.outbound, t.organised, t.unrecorded}) (*w)->WriteNumber(out, orow, c++, static_cast<double>(v));
      if (const int64_t bp = OrganisedShareBp(t); bp >= 0) (*w)->WriteNumber(out, orow, c, bp / 100.0);
      ++orow;
    }
    for (const auto& g : d.gaps) {
      (*w)->WriteRow(gaps, grow++, std::vector<std::string>{d.title, d.clause, g.code, g.name, g.detail});
    }
  }
  return (*w)->Close();
}

}  // namespace qjy::network
