#include "importer/table_source.h"

#include <fstream>
#include <sstream>

#include "importer/cell_values.h"

namespace qjy::importer {
namespace {

bool BlankCells(std::span<const std::string> cells) {
  for (const auto& c : cells) {
    if (!TrimCell(c).empty()) return false;
  }
  return true;
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kIo, "无法打开文件：" + path);
  std::string data;
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  if (size < 0) return Fail(ErrorCode::kIo, "无法读取文件：" + path);
  data.resize(static_cast<size_t>(size));
  in.seekg(0);
  in.read(data.data(), size);
  if (!in) return Fail(ErrorCode::kIo, "读取文件失败：" + path);
  return data;
}

}  // namespace

FileFormat FormatOfPath(std::string_view path) {
  auto ends = [&](std::string_view ext) {
    if (path.size() < ext.size()) return false;
    for (size_t i = 0; i < ext.size(); ++i) {
      char c = path[path.size() - ext.size() + i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != ext[i]) return false;
    }
    return true;
  };
  return ends(".xlsx") || ends(".xlsm") ? FileFormat::kXlsx : FileFormat::kCsv;
}

Result<std::unique_ptr<TableSource>> TableSource::Open(const std::string& path,
                                                       size_t max_record_bytes) {
  std::unique_ptr<TableSource> src(new TableSource());
  src->format_ = FormatOfPath(path);
  src->max_record_bytes_ = max_record_bytes;
  if (src->format_ == FileFormat::kXlsx) {
    auto book = XlsxReader::Open(path);
    if (!book) return std::unexpected(book.error());
    auto rows = (*book)->ReadSheet(0);
    if (!rows) return std::unexpected(rows.error());
    src->sheet_ = std::move(*rows);
    src->encoding_ = "xlsx";
    while (src->next_ < src->sheet_.size() && BlankCells(src->sheet_[src->next_].cells)) {
      ++src->next_;
    }
    if (src->next_ == src->sheet_.size()) {
      return Fail(ErrorCode::kInvalidArgument, "文件为空：第一个工作表没有表头，也没有数据行");
    }
    for (const auto& h : src->sheet_[src->next_++].cells) {
      src->header_.emplace_back(TrimCell(h));
    }
  } else {
    auto bytes = ReadFile(path);
    if (!bytes) return std::unexpected(bytes.error());
    if (bytes->starts_with("PK\x03\x04")) {
      return Fail(ErrorCode::kInvalidArgument,
                  "文件内容是 Excel 工作簿，但扩展名不是 .xlsx：请改名为 .xlsx 后再导入");
    }
    auto decoded = DecodeText(std::move(*bytes));
    if (!decoded) return std::unexpected(decoded.error());
    src->encoding_ = SourceEncodingName(decoded->encoding);
    src->mixed_ = decoded->encoding == SourceEncoding::kMixedUtf8;
    src->text_ = std::move(decoded->text);
    src->csv_ = std::make_unique<CsvReader>(src->text_, max_record_bytes);
    bool got = false;
    while (src->csv_->Next(src->csv_rec_)) {
      auto cells = std::span<const std::string>(src->csv_rec_.cells.data(),
                                                src->csv_rec_.cell_count);
      if (src->csv_rec_.too_long) {
        return Fail(ErrorCode::kInvalidArgument, "表头行过长，文件可能不是表格");
      }
      if (BlankCells(cells)) continue;
      for (const auto& h : cells) src->header_.emplace_back(TrimCell(h));
      got = true;
      break;
    }
    if (!got) return Fail(ErrorCode::kInvalidArgument, "文件为空：没有表头，也没有数据行");
    if (src->mixed_) {
      for (const auto& h : src->header_) {
        if (!IsValidUtf8(h)) {
          return Fail(ErrorCode::kInvalidArgument, "表头含有无法识别的字符编码");
        }
      }
    }
  }
  // Trailing empty header cells (Excel selections) are not columns.
  while (!src->header_.empty() && src->header_.back().empty()) src->header_.pop_back();
  return src;
}

bool TableSource::Next(SourceRecord& rec) {
  rec.problem.clear();
  rec.problem_column = -1;
  if (format_ == FileFormat::kXlsx) {
    while (next_ < sheet_.size()) {
      const SheetRow& r = sheet_[next_++];
      if (BlankCells(r.cells)) continue;
      rec.row = r.row;
      rec.cells = r.cells;
      return true;
    }
    return false;
  }
  while (csv_->Next(csv_rec_)) {
    rec.row = csv_rec_.row;
    rec.cells = std::span<const std::string>(csv_rec_.cells.data(), csv_rec_.cell_count);
    if (csv_rec_.too_long) {
      rec.problem = "该行超过 " + std::to_string(max_record_bytes_ / 1024) +
                    " KB 的长度上限（可能是引号未配对或文件已损坏），整行未读取";
      return true;
    }
    if (BlankCells(rec.cells)) continue;
    if (csv_rec_.unterminated_quote) {
      rec.problem = "引号未闭合：从该行起到文件末尾都在一个单元格内，请检查引号";
      return true;
    }
    if (mixed_) {
      for (size_t i = 0; i < rec.cells.size(); ++i) {
        if (!IsValidUtf8(rec.cells[i])) {
          rec.problem = "含有无法识别的字符编码（文件混有 UTF-8 与 GBK 内容），请统一另存为 UTF-8";
          rec.problem_column = static_cast<int>(i);
          break;
        }
      }
    }
    return true;
  }
  return false;
}

}  // namespace qjy::importer
