#include "importer/xlsx_writer.h"

#include <xlsxwriter.h>

namespace qjy::importer {

Result<std::unique_ptr<XlsxWriter>> XlsxWriter::Create(const std::string& path, bool streaming) {
  lxw_workbook_options options{};
  options.constant_memory = streaming ? LXW_TRUE : LXW_FALSE;
  options.use_zip64 = LXW_TRUE;
  lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
  if (book == nullptr) return Fail(ErrorCode::kIo, "无法创建 Excel 文件：" + path);
  std::unique_ptr<XlsxWriter> w(new XlsxWriter());
  w->book_ = book;
  w->path_ = path;
  w->bold_ = workbook_add_format(book);
  format_set_bold(w->bold_);
  w->text_ = workbook_add_format(book);
  format_set_num_format(w->text_, "@");
  w->wrap_ = workbook_add_format(book);
  format_set_text_wrap(w->wrap_);
  format_set_align(w->wrap_, LXW_ALIGN_VERTICAL_TOP);
  w->date_ = workbook_add_format(book);
  format_set_num_format(w->date_, "yyyy-mm-dd");
  return w;
}

XlsxWriter::~XlsxWriter() {
  if (book_ != nullptr) workbook_close(book_);
}

int XlsxWriter::AddSheet(std::string_view name) {
  std::string n(name);
  sheets_.push_back(workbook_add_worksheet(book_, n.c_str()));
  return static_cast<int>(sheets_.size()) - 1;
}

void XlsxWriter::SetColumn(int sheet, int col, double width, bool text_format, bool wrap) {
  lxw_format* f = text_format ? text_ : (wrap ? wrap_ : nullptr);
  worksheet_set_column(sheets_[sheet], static_cast<lxw_col_t>(col), static_cast<lxw_col_t>(col),
                       width, f);
}

void XlsxWriter::WriteHeader(int sheet, std::span<const std::string> cells) {
  for (size_t c = 0; c < cells.size(); ++c) {
    worksheet_write_string(sheets_[sheet], 0, static_cast<lxw_col_t>(c), cells[c].c_str(), bold_);
  }
  worksheet_freeze_panes(sheets_[sheet], 1, 0);
}

void XlsxWriter::WriteRow(int sheet, int64_t row, std::span<const std::string> cells) {
  for (size_t c = 0; c < cells.size(); ++c) {
    if (cells[c].empty()) continue;
    worksheet_write_string(sheets_[sheet], static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(c),
                           cells[c].c_str(), nullptr);
  }
}

void XlsxWriter::WriteString(int sheet, int64_t row, int col, std::string_view text) {
  std::string t(text);
  worksheet_write_string(sheets_[sheet], static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                         t.c_str(), nullptr);
}

void XlsxWriter::WriteNumber(int sheet, int64_t row, int col, double value) {
  worksheet_write_number(sheets_[sheet], static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                         value, nullptr);
}

void XlsxWriter::WriteDate(int sheet, int64_t row, int col, Date date) {
  lxw_datetime dt{date.year(), date.month(), date.day(), 0, 0, 0.0};
  worksheet_write_datetime(sheets_[sheet], static_cast<lxw_row_t>(row),
                           static_cast<lxw_col_t>(col), &dt, date_);
}

Result<void> XlsxWriter::Close() {
  lxw_workbook* book = book_;
  book_ = nullptr;
  lxw_error err = workbook_close(book);
  if (err != LXW_NO_ERROR) {
    return Fail(ErrorCode::kIo, "写入 Excel 文件失败：" + path_ + "（" + lxw_strerror(err) + "）");
  }
  return {};
}

}  // namespace qjy::importer
