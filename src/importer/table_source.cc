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

bool IsNoteText(std::string_view cell) {
  static constexpr std::string_view kPrefixes[] = {
      "填表人", "填报人", "制表人", "统计人", "审核人", "审批人", "复核人", "负责人",
      "单位负责人", "联系人", "联系电话", "备注", "说明", "注：", "注:", "注意",
      "签字", "签名", "盖章", "（盖章）", "(盖章)", "填表日期", "填报日期", "制表日期",
      "日期：", "日期:", "合计", "总计", "小计"};
  cell = TrimCell(cell);
  // Every prefix begins with a CJK character or '(': an ID number or any
  // other ASCII-led data cell is decided by its first byte (the hot path).
  if (cell.empty() || (static_cast<unsigned char>(cell[0]) < 0x80 && cell[0] != '(')) {
    return false;
  }
  for (std::string_view p : kPrefixes) {
    if (cell.starts_with(p)) return true;
  }
  return false;
}

namespace {

// How many cells of `cells` name one of `known` columns.
int HeaderScore(std::span<const std::string> cells, std::span<const std::string_view> known) {
  int score = 0;
  for (const auto& c : cells) {
    std::string_view t = TrimCell(c);
    if (t.empty()) continue;
    for (std::string_view k : known) {
      if (t == k) {
        ++score;
        break;
      }
    }
  }
  return score;
}

}  // namespace

Result<std::unique_ptr<TableSource>> TableSource::Open(
    const std::string& path, size_t max_record_bytes,
    std::span<const std::string_view> known_columns) {
  std::unique_ptr<TableSource> src(new TableSource());
  src->format_ = FormatOfPath(path);
  src->max_record_bytes_ = max_record_bytes;
  std::span<const std::string> header_cells;
  std::vector<std::string> csv_header;  // CSV: a copy, the reader's buffer moves on
  if (src->format_ == FileFormat::kXlsx) {
    auto book = XlsxReader::Open(path);
    if (!book) return std::unexpected(book.error());
    auto rows = (*book)->ReadSheet(0);
    if (!rows) return std::unexpected(rows.error());
    src->sheet_ = std::move(*rows);
    src->encoding_ = "xlsx";
    // The header: the first of the best-scoring rows among the first non-blank ones.
    size_t best = src->sheet_.size();
    int best_score = 0, seen = 0;
    for (size_t i = 0; i < src->sheet_.size() && seen < kHeaderSearchRows; ++i) {
      if (BlankCells(src->sheet_[i].cells)) continue;
      if (best == src->sheet_.size()) best = i;  // fallback: the first non-blank row
      ++seen;
      int score = HeaderScore(src->sheet_[i].cells, known_columns);
      if (score > best_score) {
        best_score = score;
        best = i;
      }
    }
    if (best == src->sheet_.size()) {
      return Fail(ErrorCode::kInvalidArgument, "文件为空：第一个工作表没有表头，也没有数据行");
    }
    for (size_t i = 0; i < best; ++i) src->title_rows_ += !BlankCells(src->sheet_[i].cells);
    src->header_row_ = src->sheet_[best].row;
    header_cells = src->sheet_[best].cells;
    src->next_ = best + 1;
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
    // First pass over at most kHeaderSearchRows non-blank records (once per
    // file): which one is the header.
    int64_t best_row = 0, titles = 0;
    {
      CsvReader probe(src->text_, max_record_bytes);
      CsvRecord rec;
      int best_score = -1, seen = 0;
      while (seen < kHeaderSearchRows && probe.Next(rec)) {
        auto cells = std::span<const std::string>(rec.cells.data(), rec.cell_count);
        if (rec.too_long) {
          if (seen == 0) return Fail(ErrorCode::kInvalidArgument, "表头行过长，文件可能不是表格");
          break;
        }
        if (BlankCells(cells)) continue;
        ++seen;
        int score = HeaderScore(cells, known_columns);
        if (score > best_score) {  // the first non-blank row, or a better one
          best_score = score;
          best_row = rec.row;
          titles = seen - 1;
        }
      }
    }
    if (best_row == 0) return Fail(ErrorCode::kInvalidArgument, "文件为空：没有表头，也没有数据行");
    src->csv_ = std::make_unique<CsvReader>(src->text_, max_record_bytes);
    while (src->csv_->Next(src->csv_rec_) && src->csv_rec_.row < best_row) {
    }
    for (size_t i = 0; i < src->csv_rec_.cell_count; ++i) csv_header.push_back(src->csv_rec_.cells[i]);
    header_cells = csv_header;
    src->header_row_ = best_row;
    src->title_rows_ = titles;
    if (src->mixed_) {
      for (const auto& h : header_cells) {
        if (!IsValidUtf8(h)) {
          return Fail(ErrorCode::kInvalidArgument, "表头含有无法识别的字符编码");
        }
      }
    }
  }
  for (const auto& h : header_cells) src->header_.emplace_back(TrimCell(h));
  // Trailing empty header cells (Excel selections) are not columns.
  while (!src->header_.empty() && src->header_.back().empty()) src->header_.pop_back();
  return src;
}

void TableSource::SetTailRule(std::vector<int> required) {
  required_ = std::move(required);
  tail_rule_ = true;
}

bool TableSource::NoteLike(std::span<const std::string> cells) const {
  bool required_empty = !required_.empty();
  for (int pos : required_) {
    if (pos >= 0 && static_cast<size_t>(pos) < cells.size() && !TrimCell(cells[pos]).empty()) {
      required_empty = false;
      break;
    }
  }
  if (required_empty) return true;
  for (const auto& c : cells) {
    if (TrimCell(c).empty()) continue;
    return IsNoteText(c);  // the first non-empty cell
  }
  return false;
}

TableSource::HeldRow TableSource::Hold(const SourceRecord& rec) {
  return {rec.row, std::vector<std::string>(rec.cells.begin(), rec.cells.end()), rec.problem,
          rec.problem_column};
}

void TableSource::Serve(const HeldRow& h, SourceRecord& rec) const {
  rec.row = h.row;
  rec.cells = h.cells;
  rec.problem = h.problem;
  rec.problem_column = h.problem_column;
}

bool TableSource::Next(SourceRecord& rec) {
  if (release_next_ < release_.size()) {
    Serve(release_[release_next_++], rec);
    return true;
  }
  if (!release_.empty()) {
    release_.clear();
    release_next_ = 0;
  }
  for (;;) {
    if (!NextRaw(rec)) {
      // Only note-like rows after the last data row: the table's tail.
      if (!held_.empty()) {
        tail_rows_ += static_cast<int64_t>(held_.size());
        first_tail_row_ = held_.front().row;
        held_.clear();
      }
      return false;
    }
    if (tail_rule_ && rec.problem.empty() && NoteLike(rec.cells)) {
      held_.push_back(Hold(rec));
      continue;
    }
    if (held_.empty()) return true;
    // A data row after note-like ones: they were not the tail.
    release_ = std::move(held_);
    held_.clear();
    release_.push_back(Hold(rec));
    Serve(release_[0], rec);
    release_next_ = 1;
    return true;
  }
}

bool TableSource::NextRaw(SourceRecord& rec) {
  rec.problem.clear();
  rec.problem_column = -1;
  if (format_ == FileFormat::kXlsx) {
    while (next_ < sheet_.size()) {
      const SheetRow& r = sheet_[next_++];
      if (BlankCells(r.cells)) continue;
      rec.row = r.row;
      rec.cells = r.cells;
      // The workbook's XML is not checked for UTF-8 by the parser: a cell
      // with invalid bytes is a row problem, never passed on.
      for (size_t i = 0; i < rec.cells.size(); ++i) {
        if (!IsValidUtf8(rec.cells[i])) {
          rec.problem = "含有无效的字符编码（不是合法的 UTF-8），文件可能已损坏，请在 Excel/WPS 中重新保存";
          rec.problem_column = static_cast<int>(i);
          break;
        }
      }
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
