#include "network/coverage_xlsx.h"

#include <vector>

#include "importer/xlsx_writer.h"

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
    for (const auto& g : d.gaps) {
      (*w)->WriteRow(gaps, grow++, std::vector<std::string>{d.title, d.clause, g.code, g.name, g.detail});
    }
  }
  return (*w)->Close();
}

}  // namespace qjy::network
