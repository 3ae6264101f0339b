#include "importer/rejects_writer.h"

#include <algorithm>
#include <fstream>

#include "importer/csv_reader.h"
#include "importer/entity.h"
#include "importer/xlsx_writer.h"

namespace qjy::importer {
namespace {

void AppendLine(std::string& out, std::span<const std::string> cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    AppendCsvField(out, cells[i]);
  }
  out += "\r\n";
}

Result<void> WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Fail(ErrorCode::kIo, "无法写入文件：" + path);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out) return Fail(ErrorCode::kIo, "写入文件失败：" + path);
  return {};
}

}  // namespace

Result<void> WriteCsvFile(const std::string& path, std::span<const std::string> header,
                          std::span<const std::vector<std::string>> rows) {
  std::string text = "\xEF\xBB\xBF";
  AppendLine(text, header);
  for (const auto& r : rows) AppendLine(text, r);
  return WriteText(path, text);
}

Result<void> WriteRejects(const std::string& path, FileFormat format,
                          std::span<const std::string> header, std::vector<RejectedRow>& rows) {
  std::stable_sort(rows.begin(), rows.end(),
                   [](const RejectedRow& a, const RejectedRow& b) { return a.row < b.row; });
  std::vector<std::string> head(header.begin(), header.end());
  head.emplace_back(kErrorColumn);
  auto line = [&](const RejectedRow& r) {
    std::vector<std::string> cells = r.cells;
    cells.resize(header.size());
    cells.push_back(r.reason);
    return cells;
  };
  if (format == FileFormat::kCsv) {
    std::string text = "\xEF\xBB\xBF";
    AppendLine(text, head);
    for (const auto& r : rows) AppendLine(text, line(r));
    return WriteText(path, text);
  }
  auto w = XlsxWriter::Create(path, /*streaming=*/true);
  if (!w) return std::unexpected(w.error());
  int s = (*w)->AddSheet("导入失败的行");
  for (size_t c = 0; c < head.size(); ++c) {
    (*w)->SetColumn(s, static_cast<int>(c), c + 1 == head.size() ? 60 : 18, c + 1 < head.size());
  }
  (*w)->WriteHeader(s, head);
  int64_t n = 1;
  for (const auto& r : rows) (*w)->WriteRow(s, n++, line(r));
  return (*w)->Close();
}

}  // namespace qjy::importer
